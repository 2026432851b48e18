// The report questionnaire as data: the single source of what a report holds. One engine
// (dialogs/reportDialog.ts) walks it; reports store their answers keyed by question id with the hash of the
// questionnaire that asked them (models/store/questionnaireArchive.ts keeps a copy of each), and the case view,
// search and export are generated from that copy. Adding a question is one entry here plus its texts in
// each locale (a missing text does not compile). The order follows the cognitive interview: urgency and
// rapport first, then the witness's free account, then probing questions, then a read-back. Pure data
// (conditions included), so that it can be hashed and archived as it is.

export const CATEGORIES = ['behaviour', 'item', 'vehicle', 'materials', 'online', 'other'] as const;
export type Category = (typeof CATEGORIES)[number];
export const SEXES = ['female', 'male', 'unknown'] as const;
export const VEHICLE_TYPES = ['car', 'van', 'truck', 'motorbike', 'bicycle', 'other'] as const;
export const CONTACT_METHODS = ['phone', 'email', 'chat'] as const;
export type ContactMethod = (typeof CONTACT_METHODS)[number];

/** The choice lists a choice question can use; their labels live in each locale under `choices`. */
export const CHOICE_LISTS = {
  category: CATEGORIES,
  sex: SEXES,
  vehicleType: VEHICLE_TYPES,
  contactMethod: CONTACT_METHODS,
} as const;
export type ChoiceListId = keyof typeof CHOICE_LISTS;

export const TOP_QUESTION_IDS = [
  'urgent',
  'category',
  'account',
  'when',
  'ongoing',
  'place',
  'placeDetail',
  'suspicious',
  'evidence',
  'witnesses',
  'anonymous',
  'contactName',
  'contactPhone',
  'contactEmail',
  'organisation',
  'preferredContact',
  'consent',
] as const;
export const PERSON_QUESTION_IDS = [
  'sex',
  'age',
  'height',
  'build',
  'hair',
  'clothing',
  'marks',
  'actions',
  'name',
] as const;
export const VEHICLE_QUESTION_IDS = [
  'plate',
  'plateCountry',
  'make',
  'model',
  'colour',
  'vehicleType',
  'direction',
  'passengers',
] as const;
export const LOOP_IDS = ['people', 'vehicles'] as const;

export type TopQuestionId = (typeof TOP_QUESTION_IDS)[number];
export type PersonQuestionId = (typeof PERSON_QUESTION_IDS)[number];
export type VehicleQuestionId = (typeof VEHICLE_QUESTION_IDS)[number];
export type LoopId = (typeof LOOP_IDS)[number];
export type QuestionId = TopQuestionId | PersonQuestionId | VehicleQuestionId;

/** How an answer is understood and validated. */
export type QuestionKind =
  | { type: 'yesNo'; mustBeYes?: boolean }
  | { type: 'choice'; list: ChoiceListId }
  | { type: 'text'; maxLength: number; minLength?: number; format?: 'plate' }
  | { type: 'when' }
  | { type: 'email' }
  | { type: 'phone' }
  | { type: 'evidence' };

/**
 * What a question does in the conversation besides storing its answer, for the few that do more:
 * 'urgency' (a yes marks the report urgent and shows the emergency numbers), 'ongoing' (a yes shows what to
 * do while it goes on), 'account' (the witness's own account: a first message that tells what happened
 * begins it, and it is read for words of danger), 'anonymity' (in Teams the witness is told what an
 * anonymous report still carries there).
 */
export type QuestionRole = 'urgency' | 'ongoing' | 'account' | 'anonymity';

/** A question's words in one language: the prompt, the help for "help", the label in the review. */
export interface QuestionTexts {
  readonly prompt: string;
  readonly help: string;
  readonly label: string;
}

/** The top-level answers a condition can look at. */
export type AnswerLookup = (id: string) => unknown;

/** Asked only when an earlier top-level answer has this value (data, so the questionnaire can be archived). */
export interface Condition {
  readonly question: TopQuestionId;
  readonly equals: string | boolean;
}

export interface Question<Id extends QuestionId = QuestionId> {
  readonly id: Id;
  readonly kind: QuestionKind;
  readonly required: boolean;
  /** Asked only when this holds; otherwise skipped, left out of the review and of the report. */
  readonly condition?: Condition;
  /** In Teams, offer the name from the user's profile for confirmation instead of asking. */
  readonly offerProfileName?: boolean;
  /** The witness's own choice or details, not something they observed: "I don't know" is no answer. */
  readonly decision?: boolean;
  /** What the question does in the conversation besides storing its answer (most questions: nothing). */
  readonly role?: QuestionRole;
  /** The option "I don't know" is stored as, for a choice every report needs (it is also listed as unknown). */
  readonly unknownAs?: string;
  /**
   * Its words by language ("en", "nl", …), when the entry carries them; otherwise they come from the
   * locale catalogue (dialogs/locales), keyed by question id.
   */
  readonly texts?: Readonly<Record<string, QuestionTexts>>;
}

export interface Loop<Id extends LoopId = LoopId, Q extends QuestionId = QuestionId> {
  readonly loop: Id;
  /** How many items the witness may describe. */
  readonly maxItems: number;
  readonly questions: readonly Question<Q>[];
}

export type Entry =
  Question<TopQuestionId> | Loop<'people', PersonQuestionId> | Loop<'vehicles', VehicleQuestionId>;

const SHORT = 200;
const MEDIUM = 1000;
const LONG = 4000;

const identified: Condition = { question: 'anonymous', equals: false };

/** The questionnaire, in the order it is asked. */
export const QUESTIONNAIRE: readonly Entry[] = [
  { id: 'urgent', kind: { type: 'yesNo' }, required: true, role: 'urgency' },
  // The category routes the report, so "I don't know" files it under "other".
  { id: 'category', kind: { type: 'choice', list: 'category' }, required: true, unknownAs: 'other' },
  { id: 'account', kind: { type: 'text', maxLength: LONG, minLength: 3 }, required: true, role: 'account' },
  { id: 'when', kind: { type: 'when' }, required: true },
  { id: 'ongoing', kind: { type: 'yesNo' }, required: true, role: 'ongoing' },
  { id: 'place', kind: { type: 'text', maxLength: 500, minLength: 2 }, required: true },
  { id: 'placeDetail', kind: { type: 'text', maxLength: 500 }, required: false },
  {
    loop: 'people',
    maxItems: 10,
    questions: [
      { id: 'sex', kind: { type: 'choice', list: 'sex' }, required: false },
      { id: 'age', kind: { type: 'text', maxLength: 50 }, required: false },
      { id: 'height', kind: { type: 'text', maxLength: 50 }, required: false },
      { id: 'build', kind: { type: 'text', maxLength: SHORT }, required: false },
      { id: 'hair', kind: { type: 'text', maxLength: SHORT }, required: false },
      { id: 'clothing', kind: { type: 'text', maxLength: MEDIUM }, required: false },
      { id: 'marks', kind: { type: 'text', maxLength: MEDIUM }, required: false },
      { id: 'actions', kind: { type: 'text', maxLength: MEDIUM }, required: false },
      { id: 'name', kind: { type: 'text', maxLength: SHORT }, required: false },
    ],
  },
  {
    loop: 'vehicles',
    maxItems: 10,
    questions: [
      { id: 'plate', kind: { type: 'text', maxLength: 15, format: 'plate' }, required: false },
      { id: 'plateCountry', kind: { type: 'text', maxLength: 60 }, required: false },
      { id: 'make', kind: { type: 'text', maxLength: 60 }, required: false },
      { id: 'model', kind: { type: 'text', maxLength: 60 }, required: false },
      { id: 'colour', kind: { type: 'text', maxLength: 60 }, required: false },
      { id: 'vehicleType', kind: { type: 'choice', list: 'vehicleType' }, required: false },
      { id: 'direction', kind: { type: 'text', maxLength: SHORT }, required: false },
      { id: 'passengers', kind: { type: 'text', maxLength: SHORT }, required: false },
    ],
  },
  { id: 'suspicious', kind: { type: 'text', maxLength: 2000, minLength: 3 }, required: true },
  { id: 'evidence', kind: { type: 'evidence' }, required: false },
  { id: 'witnesses', kind: { type: 'text', maxLength: MEDIUM }, required: false },
  { id: 'anonymous', kind: { type: 'yesNo' }, required: true, decision: true, role: 'anonymity' },
  {
    id: 'contactName',
    kind: { type: 'text', maxLength: SHORT, minLength: 2 },
    required: true,
    condition: identified,
    offerProfileName: true,
    decision: true,
  },
  { id: 'contactPhone', kind: { type: 'phone' }, required: false, condition: identified, decision: true },
  { id: 'contactEmail', kind: { type: 'email' }, required: false, condition: identified, decision: true },
  {
    id: 'organisation',
    kind: { type: 'text', maxLength: SHORT },
    required: false,
    condition: identified,
    decision: true,
  },
  {
    id: 'preferredContact',
    kind: { type: 'choice', list: 'contactMethod' },
    required: true,
    condition: identified,
    decision: true,
  },
  { id: 'consent', kind: { type: 'yesNo', mustBeYes: true }, required: true, decision: true },
];

/** Whether an entry is a loop (people, vehicles) rather than a single question. */
export function isLoop(entry: Entry): entry is Exclude<Entry, Question<TopQuestionId>> {
  return 'loop' in entry;
}

/** The loop definition for a loop id. */
export function loopDefinition(loop: LoopId): Loop {
  const entry = QUESTIONNAIRE.find((candidate) => isLoop(candidate) && candidate.loop === loop);
  if (!entry || !isLoop(entry)) throw new Error(`questionnaire has no loop ${loop}`);
  return entry;
}

/** The question definition for any question id (a plain string, as a position in a draft carries it). */
export function questionDefinition(id: QuestionId | (string & {})): Question {
  for (const entry of QUESTIONNAIRE) {
    if (!isLoop(entry)) {
      if (entry.id === id) return entry;
      continue;
    }
    const found = (entry.questions as readonly Question[]).find((question) => question.id === id);
    if (found) return found;
  }
  throw new Error(`questionnaire has no question ${id}`);
}

/** Whether a question's condition holds for these answers (no condition: always). */
export function conditionHolds(
  condition: { readonly question: string; readonly equals: string | boolean } | undefined,
  answers: AnswerLookup,
): boolean {
  return condition === undefined || answers(condition.question) === condition.equals;
}

// --- the questionnaire as stored: any version, read back from the archive ------------------------

/** A question of any questionnaire version, as archived (ids are plain strings: old ones may be gone). */
export interface QuestionSpec {
  readonly id: string;
  readonly kind: QuestionKind | { type: 'choice'; list: string };
  readonly required: boolean;
  readonly condition?: { readonly question: string; readonly equals: string | boolean };
  readonly offerProfileName?: boolean;
  readonly decision?: boolean;
  readonly role?: QuestionRole;
  readonly unknownAs?: string;
  readonly texts?: Readonly<Record<string, QuestionTexts>>;
}

/** A repeated group of any questionnaire version. */
export interface LoopSpec {
  readonly loop: string;
  readonly maxItems: number;
  readonly questions: readonly QuestionSpec[];
}

/** A whole questionnaire as data: its entries and the choice lists they name. */
export interface QuestionnaireSpec {
  readonly entries: readonly (QuestionSpec | LoopSpec)[];
  readonly choiceLists: Readonly<Record<string, readonly string[]>>;
}

/** The questionnaire the dialog asks today. */
export const CURRENT_QUESTIONNAIRE: QuestionnaireSpec = { entries: QUESTIONNAIRE, choiceLists: CHOICE_LISTS };

/** Whether an entry of any version is a loop. */
export function isLoopSpec(entry: QuestionSpec | LoopSpec): entry is LoopSpec {
  return 'loop' in entry;
}

/** The question with this id, at the top level or inside a group; undefined if the questionnaire has none. */
export function findQuestion(spec: QuestionnaireSpec, id: string): QuestionSpec | undefined {
  for (const entry of spec.entries) {
    if (!isLoopSpec(entry)) {
      if (entry.id === id) return entry;
      continue;
    }
    const found = entry.questions.find((question) => question.id === id);
    if (found) return found;
  }
  return undefined;
}

/** The question with this id (a position the walk gave always names one). */
export function questionOf(spec: QuestionnaireSpec, id: string): QuestionSpec {
  const question = findQuestion(spec, id);
  if (!question) throw new Error(`questionnaire has no question ${id}`);
  return question;
}

/** The repeated group with this id. */
export function loopOf(spec: QuestionnaireSpec, loop: string): LoopSpec {
  const entry = spec.entries.find((candidate) => isLoopSpec(candidate) && candidate.loop === loop);
  if (!entry || !isLoopSpec(entry)) throw new Error(`questionnaire has no loop ${loop}`);
  return entry;
}

/** The options of a choice list, in the order they are offered. */
export function choiceOptions(spec: QuestionnaireSpec, list: string): readonly string[] {
  return spec.choiceLists[list] ?? [];
}

// Object keys sorted at every depth, so that equal content gives equal text whatever the key order.
function sortedKeys(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(sortedKeys);
  if (value === null || typeof value !== 'object') return value;
  const sorted: Record<string, unknown> = {};
  for (const key of Object.keys(value).sort()) {
    const field = (value as Record<string, unknown>)[key];
    if (field !== undefined) sorted[key] = sortedKeys(field);
  }
  return sorted;
}

/** The questionnaire as canonical JSON: what its content hash is taken over (no hand-bumped version). */
export function canonicalQuestionnaire(spec: QuestionnaireSpec): string {
  return JSON.stringify(sortedKeys(spec));
}

/**
 * The questions whose answers are free text the witness observed (not their own details): what the case
 * search looks in, as paths inside a report's answers ("place", "people.clothing", "evidence.links").
 */
export function searchableAnswerPaths(spec: QuestionnaireSpec): string[] {
  const paths: string[] = [];
  const add = (question: QuestionSpec, prefix: string) => {
    if (question.decision) return;
    if (question.kind.type === 'text') paths.push(`${prefix}${question.id}`);
    if (question.kind.type === 'evidence') paths.push(`${prefix}${question.id}.links`);
  };
  for (const entry of spec.entries) {
    if (isLoopSpec(entry)) for (const question of entry.questions) add(question, `${entry.loop}.`);
    else add(entry, '');
  }
  return paths;
}

/** A file the witness gave as evidence, as a report stores it. */
export interface StoredAttachment {
  name: string;
  contentType: string;
  contentUrl: string;
}

/** Every file among a report's answers (the evidence questions' attachments), in questionnaire order. */
export function attachmentsIn(answers: Readonly<Record<string, unknown>>): StoredAttachment[] {
  return Object.values(answers).flatMap((value) => {
    const attachments = (value as { attachments?: unknown } | null)?.attachments;
    return Array.isArray(attachments) ? (attachments as StoredAttachment[]) : [];
  });
}
