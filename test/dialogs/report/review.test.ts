import assert from 'node:assert/strict';
import {
  UNKNOWN,
  newDraft,
  recordAnswer,
  walk,
  type AnswerValue,
  type ReportDraft,
} from '../../../models/core/draft';
import { CURRENT_QUESTIONNAIRE, type QuestionnaireSpec } from '../../../dialogs/questionnaire';
import { changeTarget, reviewLines } from '../../../dialogs/report/review';
import { reportSubmission } from '../../../dialogs/report/submission';
import { withLightingQuestion } from '../../helpers/fixtures';

const NOW = new Date('2026-11-22T12:00:00Z');

// Answers that fit their question; any other question gets a line of invented text.
const PLAUSIBLE: Partial<Record<string, AnswerValue>> = {
  urgent: false,
  category: 'item',
  when: { start: '2026-11-21T16:00:00.000Z', precision: 'minute', approximate: false },
  ongoing: false,
  evidence: null,
  anonymous: true,
  consent: true,
};

/** A draft answered up to the review, with these answers where the walk asks them and plausible ones elsewhere. */
function answered(spec: QuestionnaireSpec, given: Record<string, AnswerValue>): ReportDraft {
  const draft = newDraft('draft-review', 'en', NOW, undefined, spec);
  for (let guard = 0; guard < 100; guard += 1) {
    const { next } = walk(draft, spec);
    if (next.at === 'review') return draft;
    const id = next.at === 'question' || next.at === 'item' ? next.id : undefined;
    const value: AnswerValue =
      next.at === 'gate' || next.at === 'more'
        ? false
        : id !== undefined && id in given
          ? given[id]
          : (PLAUSIBLE[id ?? ''] ?? 'An invented answer');
    recordAnswer(draft, next, value, 10, spec);
  }
  throw new Error('the walk never reached the review');
}

describe('the read-back (dialogs/report/review)', () => {
  const context = { questionnaire: withLightingQuestion(), timeZone: 'Europe/Brussels' };

  it('numbers every answer in questionnaire order, an added one included, and leaves the declaration out', () => {
    const draft = answered(context.questionnaire, { lighting: 'Dark' });
    const lines = reviewLines('en', draft, context);
    assert.deepEqual(
      lines.slice(5, 9).map((line) => `${line.number}. ${line.label}: ${line.value}`),
      [
        '6. Location: An invented answer',
        '7. Exact spot: An invented answer',
        '8. Lighting: Dark',
        '9. People: none',
      ],
    );
    assert.equal(
      lines.some((line) => line.label === 'Consent'),
      false,
      'the consent is not read back',
    );
    assert.equal(
      reviewLines('nl', draft, context)[7]?.label,
      'Verlichting',
      'in the words its entry carries',
    );
  });

  it('finds the line "change" names, by number or by its label in any language', () => {
    const draft = answered(context.questionnaire, {});
    assert.equal(changeTarget('change 8', draft, context.questionnaire), 8);
    assert.equal(changeTarget('wijzig verlichting', draft, context.questionnaire), 8);
    assert.equal(changeTarget('change the lighting', draft, context.questionnaire), 8);
    assert.equal(changeTarget('change nothing-like-it', draft, context.questionnaire), undefined);
    assert.equal(changeTarget('lighting', draft, context.questionnaire), undefined, 'not without "change"');
  });
});

describe('the report handed over (dialogs/report/submission)', () => {
  it('lists every "I don\'t know" by id, and files an unknown category under the option its entry gives', () => {
    const draft = answered(CURRENT_QUESTIONNAIRE, { category: UNKNOWN, ongoing: UNKNOWN });
    const submission = reportSubmission(draft, CURRENT_QUESTIONNAIRE, NOW, {
      channelId: 'msteams',
      conversationId: 'conversation-invented',
    });
    assert.deepEqual(submission.unknownAnswers, ['category', 'ongoing']);
    assert.equal(submission.answers.category, 'other');
    assert.equal('ongoing' in submission.answers, false, 'an unknown observation is not stored as an answer');
    assert.equal(submission.channel, 'msteams');
    assert.equal(submission.questionnaire, CURRENT_QUESTIONNAIRE);
  });
});
