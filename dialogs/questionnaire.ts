// The report questionnaire as data. One engine (reportDialog.ts) walks it; adding a question is one entry
// here plus its texts in each locale (a missing text does not compile). The order follows the cognitive
// interview: urgency and rapport first, then the witness's free account, then probing questions, then a
// read-back. Every report stores QUESTIONNAIRE_VERSION, so old reports still read correctly later.

/** Bump when a question is added, removed, or changes meaning. */
export const QUESTIONNAIRE_VERSION = 1;

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

/** The top-level answers a condition can look at. */
export type AnswerLookup = (id: TopQuestionId) => unknown;

export interface Question<Id extends QuestionId = QuestionId> {
  readonly id: Id;
  readonly kind: QuestionKind;
  readonly required: boolean;
  /** Asked only when this holds; otherwise skipped and left out of the review. */
  readonly condition?: (answers: AnswerLookup) => boolean;
  /** In Teams, offer the name from the user's profile for confirmation instead of asking. */
  readonly offerProfileName?: boolean;
  /** The witness's own choice or details, not something they observed: "I don't know" is no answer. */
  readonly decision?: boolean;
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

const identified: Question['condition'] = (answers) => answers('anonymous') === false;

/** The questionnaire, in the order it is asked. */
export const QUESTIONNAIRE: readonly Entry[] = [
  { id: 'urgent', kind: { type: 'yesNo' }, required: true },
  { id: 'category', kind: { type: 'choice', list: 'category' }, required: true },
  { id: 'account', kind: { type: 'text', maxLength: LONG, minLength: 3 }, required: true },
  { id: 'when', kind: { type: 'when' }, required: true },
  { id: 'ongoing', kind: { type: 'yesNo' }, required: true },
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
  { id: 'anonymous', kind: { type: 'yesNo' }, required: true, decision: true },
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

/** The question definition for any question id. */
export function questionDefinition(id: QuestionId): Question {
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
