import { randomUUID } from 'node:crypto';
import { CURRENT_QUESTIONNAIRE, type QuestionnaireSpec } from '../../models/core/questionnaire';
import type { ReportSubmission } from '../../models/store/reportRepository';

/** Invented answers, keyed by question id, for a valid report (no real person, place or number). */
export function inventedAnswers(overrides: Record<string, unknown> = {}): Record<string, unknown> {
  return {
    urgent: false,
    category: 'other',
    account: 'An invented account for a test.',
    when: { start: new Date('2026-11-21T16:00:00Z'), precision: 'minute', approximate: false },
    ongoing: false,
    place: 'An invented place',
    people: [],
    vehicles: [],
    suspicious: 'Invented reasons.',
    anonymous: true,
    consent: new Date('2026-11-22T12:00:00Z'),
    ...overrides,
  };
}

/**
 * An invented, valid report submission, with overrides; `answers` in the overrides are laid over the
 * invented ones (an answer given as undefined is taken out).
 */
export function inventedSubmission(
  overrides: Partial<Omit<ReportSubmission, 'answers'>> & { answers?: Record<string, unknown> } = {},
): ReportSubmission {
  const { answers, ...rest } = overrides;
  // The witness's urgent answer follows the report's urgency unless a test sets it apart.
  const merged = inventedAnswers({
    ...(rest.urgent === undefined ? {} : { urgent: rest.urgent }),
    ...answers,
  });
  for (const [id, value] of Object.entries(merged)) if (value === undefined) delete merged[id];
  return {
    draftId: randomUUID(),
    questionnaire: CURRENT_QUESTIONNAIRE,
    urgent: false,
    channel: 'webchat',
    locale: 'en',
    conversationId: 'conversation-invented',
    ...rest,
    answers: merged,
  };
}

/**
 * Today's questionnaire with one more question, "lighting" (free text, at most 80 characters), after the
 * place detail: a fixture injected where a questionnaire is taken, the real one left untouched.
 */
export function withLightingQuestion(): QuestionnaireSpec {
  const entries = [...CURRENT_QUESTIONNAIRE.entries];
  const place = entries.findIndex((entry) => 'id' in entry && entry.id === 'placeDetail');
  entries.splice(place + 1, 0, { id: 'lighting', kind: { type: 'text', maxLength: 80 }, required: false });
  return { entries, choiceLists: CURRENT_QUESTIONNAIRE.choiceLists };
}
