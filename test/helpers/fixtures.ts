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
 * place detail, with its words in the four languages: a fixture injected where a questionnaire is taken,
 * the real one (and the locale catalogue) left untouched.
 */
export function withLightingQuestion(): QuestionnaireSpec {
  const entries = [...CURRENT_QUESTIONNAIRE.entries];
  const place = entries.findIndex((entry) => 'id' in entry && entry.id === 'placeDetail');
  entries.splice(place + 1, 0, {
    id: 'lighting',
    kind: { type: 'text', maxLength: 80 },
    required: false,
    texts: {
      en: {
        prompt: 'How was the lighting there?',
        help: 'Light or dark, lamps on or off: it helps to judge what could be seen.',
        label: 'Lighting',
      },
      nl: {
        prompt: 'Hoe was de verlichting daar?',
        help: 'Licht of donker, lampen aan of uit: zo weten we wat er te zien was.',
        label: 'Verlichting',
      },
      fr: {
        prompt: "Comment était l'éclairage à cet endroit ?",
        help: 'Clair ou sombre, lampes allumées ou non : cela aide à savoir ce qui était visible.',
        label: 'Éclairage',
      },
      de: {
        prompt: 'Wie war die Beleuchtung dort?',
        help: 'Hell oder dunkel, Lampen an oder aus: So wissen wir, was zu sehen war.',
        label: 'Beleuchtung',
      },
    },
  });
  return { entries, choiceLists: CURRENT_QUESTIONNAIRE.choiceLists };
}
