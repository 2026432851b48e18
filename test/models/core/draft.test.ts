import assert from 'node:assert/strict';
import {
  answerAt,
  currentPosition,
  newDraft,
  noteKey,
  progress,
  questionAt,
  recordAnswer,
  reportAnswers,
  samePosition,
  UNKNOWN,
  walk,
  type AnswerValue,
  type Position,
  type ReportDraft,
} from '../../../models/core/draft';
import { loopDefinition, questionDefinition, type TopQuestionId } from '../../../models/core/questionnaire';
import { withLightingQuestion } from '../../helpers/fixtures';

const NOW = new Date('2026-11-20T10:00:00Z');
const MAX_ITEMS = loopDefinition('people').maxItems;

/** A plausible answer for whatever is asked at a position; gates and "more?" say no. */
function answerFor(position: Position): AnswerValue {
  if (position.at === 'gate' || position.at === 'more') return false;
  const id = questionAt(position);
  if (id === undefined) throw new Error('nothing to answer at the review');
  if (id === 'anonymous') return true;
  if (id === 'consent') return true;
  const { kind } = questionDefinition(id);
  switch (kind.type) {
    case 'yesNo':
      return false;
    case 'when':
      return {
        start: '2026-11-19T16:00:00.000Z',
        precision: 'minute',
        approximate: false,
        asSaid: 'yesterday at 5pm',
      };
    case 'evidence':
      return null;
    default:
      return 'an invented answer';
  }
}

/** Answers whatever the draft asks next until `stop` says so (or the review is reached). */
function answerUntil(draft: ReportDraft, stop: (next: Position) => boolean = () => false): Position {
  for (let guard = 0; guard < 200; guard += 1) {
    const { next } = walk(draft);
    if (next.at === 'review' || stop(next)) return next;
    recordAnswer(draft, next, answerFor(next), MAX_ITEMS);
  }
  throw new Error('the walk never reached the review');
}

const at = (id: TopQuestionId): Position => ({ at: 'question', id });

describe('ReportDraft', () => {
  describe('newDraft', () => {
    it('starts empty, at the urgency question, revision 0', () => {
      const draft = newDraft('draft-1', 'nl', NOW);
      assert.equal(draft.revision, 0);
      assert.equal(draft.urgent, false);
      assert.deepEqual(draft.answers, {});
      assert.deepEqual(walk(draft), { visited: [], next: at('urgent') });
      assert.equal(draft.startedAt, NOW.toISOString());
      assert.equal('profileName' in draft, false, 'no profile name unless one is given');
    });

    it('keeps the Teams profile name it is given, to offer it later', () => {
      assert.equal(newDraft('draft-1', 'en', NOW, 'Invented Name').profileName, 'Invented Name');
    });
  });

  describe('walk', () => {
    it('goes on to the next question once one is answered, listing what it passed', () => {
      const draft = newDraft('d', 'en', NOW);
      recordAnswer(draft, at('urgent'), false, MAX_ITEMS);
      assert.deepEqual(walk(draft), { visited: [at('urgent')], next: at('category') });
    });

    it('stops at the first gap, even when later questions are answered', () => {
      const draft = newDraft('d', 'en', NOW);
      recordAnswer(draft, at('category'), 'item', MAX_ITEMS);
      assert.deepEqual(walk(draft).next, at('urgent'));
    });

    it('counts a skipped optional question (null) and "I don\'t know" as answered', () => {
      const draft = newDraft('d', 'en', NOW);
      answerUntil(draft, (next) => samePosition(next, at('placeDetail')));
      recordAnswer(draft, at('placeDetail'), null, MAX_ITEMS);
      assert.deepEqual(walk(draft).next, { at: 'gate', loop: 'people' });
      recordAnswer(draft, { at: 'gate', loop: 'people' }, false, MAX_ITEMS);
      recordAnswer(draft, { at: 'gate', loop: 'vehicles' }, false, MAX_ITEMS);
      recordAnswer(draft, at('suspicious'), UNKNOWN, MAX_ITEMS);
      assert.deepEqual(walk(draft).next, at('evidence'));
    });

    it('reaches the review once every question that applies is answered', () => {
      const draft = newDraft('d', 'en', NOW);
      assert.deepEqual(answerUntil(draft), { at: 'review' });
    });
  });

  describe('loops (people, vehicles)', () => {
    const gate: Position = { at: 'gate', loop: 'people' };

    it('asks the first person after a yes at the gate', () => {
      const draft = newDraft('d', 'en', NOW);
      answerUntil(draft, (next) => samePosition(next, gate));
      recordAnswer(draft, gate, true, MAX_ITEMS);
      assert.equal(draft.loops.people.items.length, 1);
      assert.deepEqual(walk(draft).next, { at: 'item', loop: 'people', index: 0, id: 'sex' });
    });

    it('skips the group after a no at the gate, and forgets people given before', () => {
      const draft = newDraft('d', 'en', NOW);
      answerUntil(draft, (next) => samePosition(next, gate));
      recordAnswer(draft, gate, true, MAX_ITEMS);
      recordAnswer(draft, { at: 'item', loop: 'people', index: 0, id: 'sex' }, 'female', MAX_ITEMS);
      recordAnswer(draft, gate, false, MAX_ITEMS);
      assert.deepEqual(draft.loops.people, { answer: false, items: [], closed: true });
      assert.deepEqual(walk(draft).next, { at: 'gate', loop: 'vehicles' });
    });

    it('asks "anyone else?" after a person, adds one for a yes and closes for a no', () => {
      const draft = newDraft('d', 'en', NOW);
      answerUntil(draft, (next) => samePosition(next, gate));
      recordAnswer(draft, gate, true, MAX_ITEMS);
      const more = answerUntil(draft, (next) => next.at === 'more');
      assert.deepEqual(more, { at: 'more', loop: 'people', index: 0 });
      recordAnswer(draft, more, true, MAX_ITEMS);
      assert.equal(draft.loops.people.items.length, 2);
      assert.deepEqual(walk(draft).next, { at: 'item', loop: 'people', index: 1, id: 'sex' });
      const again = answerUntil(draft, (next) => next.at === 'more');
      recordAnswer(draft, again, false, MAX_ITEMS);
      assert.equal(draft.loops.people.closed, true);
      assert.deepEqual(walk(draft).next, { at: 'gate', loop: 'vehicles' });
    });

    it('closes the group at its maximum, whatever the witness answers', () => {
      const draft = newDraft('d', 'en', NOW);
      answerUntil(draft, (next) => samePosition(next, gate));
      recordAnswer(draft, gate, true, 2);
      recordAnswer(draft, { at: 'more', loop: 'people', index: 0 }, true, 2);
      recordAnswer(draft, { at: 'more', loop: 'people', index: 1 }, true, 2);
      assert.equal(draft.loops.people.items.length, 2);
      assert.equal(draft.loops.people.closed, true);
    });
  });

  describe('conditions', () => {
    it('asks no contact details of an anonymous witness', () => {
      const draft = newDraft('d', 'en', NOW);
      answerUntil(draft);
      const asked = walk(draft).visited.map(questionAt);
      assert.equal(asked.includes('contactName'), false);
      assert.equal(asked.includes('preferredContact'), false);
      assert.equal(asked.at(-1), 'consent');
    });

    it('asks a witness who gives their name for it next', () => {
      const draft = newDraft('d', 'en', NOW);
      answerUntil(draft, (next) => samePosition(next, at('anonymous')));
      recordAnswer(draft, at('anonymous'), false, MAX_ITEMS);
      assert.deepEqual(walk(draft).next, at('contactName'));
    });
  });

  describe('recordAnswer and answerAt', () => {
    it('marks the draft urgent for a yes to the urgency question, and not for a no', () => {
      const yes = newDraft('d', 'en', NOW);
      recordAnswer(yes, at('urgent'), true, MAX_ITEMS);
      assert.equal(yes.urgent, true);
      const no = newDraft('d', 'en', NOW);
      recordAnswer(no, at('urgent'), false, MAX_ITEMS);
      assert.equal(no.urgent, false);
    });

    it('reads back what was recorded at a question, a person and a gate', () => {
      const draft = newDraft('d', 'en', NOW);
      recordAnswer(draft, at('place'), 'Invented Street 1', MAX_ITEMS);
      const gate: Position = { at: 'gate', loop: 'vehicles' };
      recordAnswer(draft, gate, true, MAX_ITEMS);
      const plate: Position = { at: 'item', loop: 'vehicles', index: 0, id: 'plate' };
      recordAnswer(draft, plate, '1-ABC-123', MAX_ITEMS);
      assert.equal(answerAt(draft, at('place')), 'Invented Street 1');
      assert.equal(answerAt(draft, plate), '1-ABC-123');
      assert.equal(answerAt(draft, gate), true);
      assert.equal(answerAt(draft, { at: 'review' }), undefined);
      assert.equal(answerAt(draft, { at: 'item', loop: 'vehicles', index: 5, id: 'plate' }), undefined);
    });

    it('ignores an answer for a person who is not there', () => {
      const draft = newDraft('d', 'en', NOW);
      recordAnswer(draft, { at: 'item', loop: 'people', index: 3, id: 'age' }, 'about 30', MAX_ITEMS);
      assert.deepEqual(draft.loops.people.items, []);
    });
  });

  describe('currentPosition', () => {
    it('is the first gap, unless the witness was sent somewhere on purpose', () => {
      const draft = newDraft('d', 'en', NOW);
      answerUntil(draft, (next) => samePosition(next, at('place')));
      assert.deepEqual(currentPosition(draft), at('place'));
      draft.focus = at('category');
      assert.deepEqual(currentPosition(draft), at('category'));
    });
  });

  describe('noteKey', () => {
    const cases: [Position, string | undefined][] = [
      [at('ongoing'), 'ongoing'],
      [{ at: 'gate', loop: 'people' }, 'people'],
      [{ at: 'more', loop: 'vehicles', index: 2 }, 'vehicles.more.2'],
      [{ at: 'item', loop: 'people', index: 1, id: 'hair' }, 'people.1.hair'],
      [{ at: 'review' }, undefined],
    ];
    for (const [position, key] of cases) {
      it(`keeps a note at ${JSON.stringify(position)} under ${String(key)}`, () => {
        assert.equal(noteKey(position), key);
      });
    }
  });

  describe('progress', () => {
    it('counts up as questions are answered and counts only the questions that apply', () => {
      const draft = newDraft('d', 'en', NOW);
      const start = progress(draft);
      assert.equal(start.current, 1);
      recordAnswer(draft, at('urgent'), false, MAX_ITEMS);
      assert.equal(progress(draft).current, 2);
      answerUntil(draft, (next) => samePosition(next, at('anonymous')));
      const before = progress(draft).total;
      recordAnswer(draft, at('anonymous'), false, MAX_ITEMS);
      assert.equal(
        progress(draft).total,
        before + 5,
        'the five contact questions count once the witness gives a name',
      );
      answerUntil(draft);
      const end = progress(draft);
      assert.equal(end.current, end.total, 'at the review every question that applies is counted');
    });
  });

  describe('reportAnswers', () => {
    const draft = (answers: ReportDraft['answers']): ReportDraft => ({
      ...newDraft('draft-answers', 'en', NOW),
      answers,
    });

    it('stores every answer under its question id, times as dates and consent as the moment it was given', () => {
      const stored = reportAnswers(
        draft({
          urgent: false,
          category: 'item',
          when: {
            start: '2026-11-19T16:00:00.000Z',
            precision: 'minute',
            approximate: true,
            asSaid: 'yesterday',
          },
          placeDetail: null,
          anonymous: true,
          consent: true,
        }),
        NOW,
      );
      assert.deepEqual(stored, {
        urgent: false,
        category: 'item',
        when: {
          start: new Date('2026-11-19T16:00:00.000Z'),
          precision: 'minute',
          approximate: true,
          asSaid: 'yesterday',
        },
        people: [],
        vehicles: [],
        anonymous: true,
        consent: NOW,
      });
    });

    it('leaves out "I don\'t know", skipped answers, empty evidence and questions whose condition does not hold', () => {
      const stored = reportAnswers(
        draft({
          ongoing: UNKNOWN,
          witnesses: null,
          evidence: { attachments: [], links: [] },
          anonymous: true,
          // Given before the witness chose to stay anonymous: not asked any more, so not stored.
          contactName: 'Invented Name',
        }),
        NOW,
      );
      assert.deepEqual(Object.keys(stored).sort(), ['anonymous', 'people', 'vehicles']);
    });

    it('walks any questionnaire: an added question is stored with no other edit', () => {
      const given: Record<string, AnswerValue> = { place: 'Invented Square', lighting: 'A broken lamp' };
      const withLighting = { ...draft({}), answers: given as ReportDraft['answers'] };
      assert.equal(reportAnswers(withLighting, NOW, withLightingQuestion()).lighting, 'A broken lamp');
      assert.equal(
        reportAnswers(withLighting, NOW).lighting,
        undefined,
        "today's questionnaire has no such question",
      );
    });
  });
});
