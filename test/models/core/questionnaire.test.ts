import assert from 'node:assert/strict';
import {
  CURRENT_QUESTIONNAIRE,
  choiceOptions,
  findQuestion,
  loopOf,
  questionOf,
  type QuestionnaireSpec,
} from '../../../models/core/questionnaire';
import { withLightingQuestion } from '../../helpers/fixtures';

// A questionnaire of another shape than today's: a group first, a choice list of its own.
const SMALL: QuestionnaireSpec = {
  entries: [
    {
      loop: 'animals',
      maxItems: 3,
      questions: [{ id: 'species', kind: { type: 'choice', list: 'species' }, required: false }],
    },
    { id: 'seen', kind: { type: 'yesNo' }, required: true },
  ],
  choiceLists: { species: ['dog', 'cat'] },
};

describe('the questionnaire looked up by id (models/core/questionnaire)', () => {
  it('finds a question at the top level and inside a group', () => {
    assert.equal(findQuestion(CURRENT_QUESTIONNAIRE, 'place')?.kind.type, 'text');
    assert.equal(findQuestion(CURRENT_QUESTIONNAIRE, 'plate')?.id, 'plate', 'a vehicle question');
    assert.equal(findQuestion(SMALL, 'species')?.kind.type, 'choice', 'in a questionnaire of any shape');
    assert.equal(findQuestion(withLightingQuestion(), 'lighting')?.id, 'lighting', 'an added question');
  });

  it('finds nothing for an id the questionnaire does not have, and names it when one is required', () => {
    assert.equal(findQuestion(CURRENT_QUESTIONNAIRE, 'lighting'), undefined);
    assert.equal(findQuestion(CURRENT_QUESTIONNAIRE, 'people'), undefined, 'a group is no question');
    assert.throws(
      () => questionOf(CURRENT_QUESTIONNAIRE, 'lighting'),
      /questionnaire has no question lighting/,
      'questionOf throws',
    );
    assert.equal(questionOf(SMALL, 'seen').required, true);
  });

  it('finds a group by id, and names one it does not have', () => {
    assert.equal(loopOf(CURRENT_QUESTIONNAIRE, 'people').questions[0]?.id, 'sex');
    assert.equal(loopOf(SMALL, 'animals').maxItems, 3);
    assert.throws(
      () => loopOf(CURRENT_QUESTIONNAIRE, 'animals'),
      /questionnaire has no loop animals/,
      'loopOf throws',
    );
    assert.throws(() => loopOf(SMALL, 'seen'), /questionnaire has no loop seen/, 'a question is no group');
  });

  it('gives a choice list in the order it is offered, and nothing for a list it does not have', () => {
    assert.deepEqual(choiceOptions(CURRENT_QUESTIONNAIRE, 'sex'), ['female', 'male', 'unknown']);
    assert.deepEqual(choiceOptions(SMALL, 'species'), ['dog', 'cat']);
    assert.deepEqual(choiceOptions(SMALL, 'sex'), []);
  });
});
