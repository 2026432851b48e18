import assert from 'node:assert/strict';
import { UNKNOWN, newDraft } from '../../../models/core/draft';
import { CURRENT_QUESTIONNAIRE } from '../../../models/core/questionnaire';
import { unknownAnswers } from '../../../models/core/submission';

const NOW = new Date('2026-11-22T12:00:00Z');

describe('what a confirmed draft did not know (models/core/submission)', () => {
  it('lists every "I don\'t know", a group\'s by item, the groups in questionnaire order', () => {
    const draft = newDraft('draft-core-unknown', 'en', NOW);
    draft.answers = { urgent: false, category: UNKNOWN, when: UNKNOWN, place: 'An invented place' };
    // Vehicles written before people: the questionnaire's order (people first) is what counts.
    draft.loops.vehicles = { answer: true, items: [{ plate: UNKNOWN, colour: 'Invented' }], closed: true };
    draft.loops.people = {
      answer: true,
      items: [{ age: 'about 30' }, { age: UNKNOWN, hair: UNKNOWN }],
      closed: true,
    };
    assert.deepEqual(unknownAnswers(draft, CURRENT_QUESTIONNAIRE), [
      'category',
      'when',
      'people.1.age',
      'people.1.hair',
      'vehicles.0.plate',
    ]);
  });

  it('lists nothing when the witness knew every answer or skipped one', () => {
    const draft = newDraft('draft-core-known', 'en', NOW);
    draft.answers = { urgent: false, category: 'item', placeDetail: null };
    assert.deepEqual(unknownAnswers(draft, CURRENT_QUESTIONNAIRE), []);
  });
});
