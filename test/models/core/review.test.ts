import assert from 'node:assert/strict';
import {
  UNKNOWN,
  newDraft,
  recordAnswer,
  walk,
  type AnswerValue,
  type Position,
} from '../../../models/core/draft';
import type { QuestionnaireSpec } from '../../../models/core/questionnaire';
import { readBack, reviewTargets } from '../../../models/core/review';

const NOW = new Date('2026-11-22T12:00:00Z');

// Two groups (one described, one declined), a question its condition leaves out and a declaration.
const SPEC: QuestionnaireSpec = {
  entries: [
    { id: 'seen', kind: { type: 'yesNo' }, required: true },
    {
      id: 'why',
      kind: { type: 'text', maxLength: 100 },
      required: false,
      condition: { question: 'seen', equals: false },
    },
    {
      loop: 'animals',
      maxItems: 3,
      questions: [
        { id: 'species', kind: { type: 'choice', list: 'species' }, required: false },
        { id: 'colour', kind: { type: 'text', maxLength: 50 }, required: false },
      ],
    },
    {
      loop: 'cars',
      maxItems: 3,
      questions: [{ id: 'plate', kind: { type: 'text', maxLength: 15 }, required: false }],
    },
    { id: 'consent', kind: { type: 'yesNo', mustBeYes: true }, required: true },
  ],
  choiceLists: { species: ['dog', 'cat'] },
};

/** A draft walked to the review with these answers, in the order the walk asks for them. */
function answered(answers: AnswerValue[]) {
  const draft = newDraft('draft-core-review', 'en', NOW, undefined, SPEC);
  for (const value of answers) recordAnswer(draft, walk(draft, SPEC).next, value, 3, SPEC);
  assert.deepEqual(walk(draft, SPEC).next, { at: 'review' }, 'the draft is at the review');
  return draft;
}

describe('what the review lists (models/core/review)', () => {
  // seen, animals?, species, colour, another animal?, cars?, consent
  const draft = answered([true, true, 'dog', UNKNOWN, false, false, true]);

  it('lists every answer the witness may change, in questionnaire order', () => {
    const expected: Position[] = [
      { at: 'question', id: 'seen' },
      { at: 'item', loop: 'animals', index: 0, id: 'species' },
      { at: 'item', loop: 'animals', index: 0, id: 'colour' },
      { at: 'gate', loop: 'cars' },
      { at: 'question', id: 'consent' },
    ];
    assert.deepEqual(reviewTargets(draft, SPEC), expected);
  });

  it('leaves out a question its condition skips, a group said yes to and the "another?" answers', () => {
    const targets = reviewTargets(draft, SPEC);
    assert.equal(
      targets.some((position) => position.at === 'question' && position.id === 'why'),
      false,
      'the skipped question',
    );
    assert.equal(
      targets.some((position) => position.at === 'gate' && position.loop === 'animals'),
      false,
      'the gate of a group with items: its items are the lines',
    );
    assert.equal(
      targets.some((position) => position.at === 'more'),
      false,
      'no "another?" line',
    );
  });

  it('reads every line back but a declaration the witness must make', () => {
    const read = reviewTargets(draft, SPEC).filter((position) => readBack(position, SPEC));
    assert.deepEqual(
      read.map((position) => ('id' in position ? position.id : position.at)),
      ['seen', 'species', 'colour', 'gate'],
    );
    assert.equal(readBack({ at: 'question', id: 'consent' }, SPEC), false);
    assert.equal(readBack({ at: 'gate', loop: 'cars' }, SPEC), true);
  });
});
