// The state of a report being written, and where in the questionnaire it stands. Pure functions over
// plain data, so the dialog state survives a restart as JSON and the navigation is testable without a bot.
// Every function walks the questionnaire it is given (today's when none is), so any questionnaire can be
// asked: question and group ids are plain strings here, as they are in the questionnaire's data.
import type { Locale } from './locales';
import {
  CURRENT_QUESTIONNAIRE,
  conditionHolds,
  findQuestion,
  isLoopSpec,
  type QuestionSpec,
  type QuestionnaireSpec,
} from './questionnaire';
import type { WhenAnswer } from './whenAnswer';

export interface Attachment {
  name: string;
  contentType: string;
  contentUrl: string;
}

export interface EvidenceAnswer {
  attachments: Attachment[];
  links: string[];
}

/** "I don't know", whatever the language it was said in. */
export interface UnknownAnswer {
  unknown: true;
}
export const UNKNOWN: UnknownAnswer = { unknown: true };

/** Whether an answer is "I don't know". */
export function isUnknown(value: unknown): value is UnknownAnswer {
  return typeof value === 'object' && value !== null && (value as { unknown?: unknown }).unknown === true;
}

/**
 * An answer as stored in the draft; `null` means the witness skipped an optional question, UNKNOWN that
 * they said they did not know.
 */
export type AnswerValue = string | boolean | WhenAnswer | EvidenceAnswer | UnknownAnswer | null;

/** Why a draft is urgent: the witness said so, or words of danger in what they wrote. */
export interface UrgentReason {
  source: 'question' | 'account';
  terms: string[];
}

/** One person or vehicle: its answers keyed by question id. */
export type LoopItem = Partial<Record<string, AnswerValue>>;

/** Where a repeated group stands: the witness's yes or no to it, the items described, whether it is done. */
export interface LoopState {
  answer?: boolean;
  items: LoopItem[];
  closed: boolean;
}

/** A place in the questionnaire. */
export type Position =
  | { at: 'question'; id: string }
  | { at: 'gate'; loop: string }
  | { at: 'item'; loop: string; index: number; id: string }
  | { at: 'more'; loop: string; index: number }
  | { at: 'review' };

export interface ReportDraft {
  draftId: string;
  locale: Locale;
  /** Increases with every accepted change; cards carry it so an old card is recognised as stale. */
  revision: number;
  startedAt: string;
  updatedAt: string;
  urgent: boolean;
  /** The top-level answers, keyed by question id. */
  answers: Partial<Record<string, AnswerValue>>;
  /** Each group of the questionnaire, keyed by its id. */
  loops: Record<string, LoopState>;
  /** Where the witness was sent explicitly (back, or a change from the review); otherwise the first gap. */
  focus?: Position;
  /**
   * The answers still to re-ask after `focus`, in order, when the witness changes a whole person or vehicle
   * from the review; then the review again.
   */
  editQueue?: Position[];
  history: Position[];
  /** A parsed date waiting for the witness to confirm it. */
  pendingWhen?: WhenAnswer;
  /** The name from the Teams profile, offered instead of asking. */
  profileName?: string;
  profileNameDeclined?: boolean;
  /** Evidence collected so far while the evidence question is open. */
  pendingEvidence?: EvidenceAnswer;
  confirming?: 'cancel' | 'restart';
  /** The first message of the conversation, kept as the beginning of the witness's own account. */
  accountStart?: string;
  /** What the witness added to a short answer ("ja, de tas staat er nog"), by answer key (see noteKey). */
  notes?: Record<string, string>;
  urgentReasons?: UrgentReason[];
}

/** The key a note on a yes/no answer is kept under: the question id, or the group for its gate. */
export function noteKey(position: Position): string | undefined {
  switch (position.at) {
    case 'question':
      return position.id;
    case 'gate':
      return position.loop;
    case 'more':
      return `${position.loop}.more.${position.index}`;
    case 'item':
      return `${position.loop}.${position.index}.${position.id}`;
    case 'review':
      return undefined;
  }
}

/** A new, empty draft, with an empty state for each group of the questionnaire. */
export function newDraft(
  draftId: string,
  locale: Locale,
  now: Date,
  profileName?: string,
  spec: QuestionnaireSpec = CURRENT_QUESTIONNAIRE,
): ReportDraft {
  const loops: Record<string, LoopState> = {};
  for (const entry of spec.entries) if (isLoopSpec(entry)) loops[entry.loop] = { items: [], closed: false };
  return {
    draftId,
    locale,
    revision: 0,
    startedAt: now.toISOString(),
    updatedAt: now.toISOString(),
    urgent: false,
    answers: {},
    loops,
    history: [],
    ...(profileName ? { profileName } : {}),
  };
}

function applies(question: QuestionSpec, draft: ReportDraft): boolean {
  return conditionHolds(question.condition, (id) => draft.answers[id]);
}

// A group the draft has no state for yet (a draft begun before the group was added): nothing answered.
function loopState(draft: ReportDraft, loop: string): LoopState {
  return (draft.loops[loop] ??= { items: [], closed: false });
}

// One answer as the report stores it; undefined when there is none to store (skipped, unknown, empty).
function storedValue(question: QuestionSpec, value: AnswerValue | undefined, now: Date): unknown {
  if (isUnknown(value) && question.unknownAs !== undefined) return question.unknownAs;
  if (value === undefined || value === null || isUnknown(value)) return undefined;
  if (typeof value === 'string' || typeof value === 'boolean') {
    // A declaration the witness must make (consent) is stored as the moment they made it.
    if (question.kind.type === 'yesNo' && question.kind.mustBeYes) return value === true ? now : undefined;
    return value;
  }
  if ('start' in value) {
    return {
      start: new Date(value.start),
      ...(value.end ? { end: new Date(value.end) } : {}),
      precision: value.precision,
      approximate: value.approximate,
      ...(value.asSaid ? { asSaid: value.asSaid } : {}),
    };
  }
  if (value.attachments.length === 0 && value.links.length === 0) return undefined;
  return {
    attachments: value.attachments.map(({ name, contentType, contentUrl }) => ({
      name,
      contentType,
      contentUrl,
    })),
    links: value.links,
  };
}

/**
 * The draft's answers as the report stores them, keyed by question id, for any questionnaire: only the
 * questions whose condition holds, no skipped or unknown answer (those are in `unknownAnswers`; a question
 * with `unknownAs` stores that option instead), times as dates, a declaration as the moment it was made,
 * each group as its list of items.
 */
export function reportAnswers(
  draft: ReportDraft,
  now: Date,
  spec: QuestionnaireSpec = CURRENT_QUESTIONNAIRE,
): Record<string, unknown> {
  const top = draft.answers;
  const loops: Partial<Record<string, LoopState>> = draft.loops;
  const answers: Record<string, unknown> = {};
  for (const entry of spec.entries) {
    if (isLoopSpec(entry)) {
      answers[entry.loop] = (loops[entry.loop]?.items ?? []).map((item) => {
        const stored: Record<string, unknown> = {};
        for (const question of entry.questions) {
          const value = storedValue(question, item[question.id], now);
          if (value !== undefined) stored[question.id] = value;
        }
        return stored;
      });
      continue;
    }
    if (!conditionHolds(entry.condition, (id) => top[id])) continue;
    const value = storedValue(entry, top[entry.id], now);
    if (value !== undefined) answers[entry.id] = value;
  }
  return answers;
}

/** Every position the draft passes through, in order, as far as its answers go, ending at the first gap. */
export function walk(
  draft: ReportDraft,
  spec: QuestionnaireSpec = CURRENT_QUESTIONNAIRE,
): { visited: Position[]; next: Position } {
  const visited: Position[] = [];
  for (const entry of spec.entries) {
    if (!isLoopSpec(entry)) {
      if (!applies(entry, draft)) continue;
      const position: Position = { at: 'question', id: entry.id };
      if (draft.answers[entry.id] === undefined) return { visited, next: position };
      visited.push(position);
      continue;
    }
    const state = draft.loops[entry.loop] ?? { items: [], closed: false };
    if (state.answer === undefined) return { visited, next: { at: 'gate', loop: entry.loop } };
    visited.push({ at: 'gate', loop: entry.loop });
    if (!state.answer) continue;
    for (let index = 0; index < state.items.length; index += 1) {
      for (const question of entry.questions) {
        if (!applies(question, draft)) continue;
        const position: Position = { at: 'item', loop: entry.loop, index, id: question.id };
        if (state.items[index][question.id] === undefined) return { visited, next: position };
        visited.push(position);
      }
    }
    if (!state.closed)
      return { visited, next: { at: 'more', loop: entry.loop, index: state.items.length - 1 } };
  }
  return { visited, next: { at: 'review' } };
}

/** Where the dialog stands now. */
export function currentPosition(
  draft: ReportDraft,
  spec: QuestionnaireSpec = CURRENT_QUESTIONNAIRE,
): Position {
  return draft.focus ?? walk(draft, spec).next;
}

/** Whether two positions are the same place. */
export function samePosition(a: Position, b: Position): boolean {
  return JSON.stringify(a) === JSON.stringify(b);
}

/** The question asked at a position, if it is a question (not a gate, a "more?" or the review). */
export function questionAt(position: Position): string | undefined {
  return position.at === 'question' || position.at === 'item' ? position.id : undefined;
}

/** The stored answer at a position. */
export function answerAt(draft: ReportDraft, position: Position): AnswerValue | undefined {
  switch (position.at) {
    case 'question':
      return draft.answers[position.id];
    case 'item':
      return draft.loops[position.loop]?.items[position.index]?.[position.id];
    case 'gate':
      return draft.loops[position.loop]?.answer;
    case 'more':
      return undefined;
    case 'review':
      return undefined;
  }
}

/**
 * Records an answer at a position (gates and "more?" answers shape the loops); a yes to the urgency
 * question marks the draft urgent.
 */
export function recordAnswer(
  draft: ReportDraft,
  position: Position,
  value: AnswerValue,
  maxItems: number,
  spec: QuestionnaireSpec = CURRENT_QUESTIONNAIRE,
): void {
  switch (position.at) {
    case 'question':
      draft.answers[position.id] = value;
      if (findQuestion(spec, position.id)?.role === 'urgency' && value === true) draft.urgent = true;
      return;
    case 'item': {
      const item = draft.loops[position.loop]?.items[position.index];
      if (item) item[position.id] = value;
      return;
    }
    case 'gate': {
      const state = loopState(draft, position.loop);
      state.answer = value === true;
      if (state.answer && state.items.length === 0) {
        state.items.push({});
        state.closed = false;
      }
      if (!state.answer) {
        state.items = [];
        state.closed = true;
      }
      return;
    }
    case 'more': {
      const state = loopState(draft, position.loop);
      if (value === true && state.items.length < maxItems) state.items.push({});
      else state.closed = true;
      return;
    }
    case 'review':
      return;
  }
}

/** Roughly how many questions this draft will have, for the "question n of about m" hint. */
export function progress(
  draft: ReportDraft,
  spec: QuestionnaireSpec = CURRENT_QUESTIONNAIRE,
): { current: number; total: number } {
  const { visited } = walk(draft, spec);
  const remaining = spec.entries.filter((entry) => isLoopSpec(entry) || applies(entry, draft)).length;
  const answeredTop = visited.filter(
    (position) => position.at === 'question' || position.at === 'gate',
  ).length;
  return { current: Math.min(answeredTop + 1, remaining), total: remaining };
}

/** The answered questions of one person or vehicle, in the order they are asked. */
export function itemPositions(
  draft: ReportDraft,
  loop: string,
  index: number,
  spec: QuestionnaireSpec = CURRENT_QUESTIONNAIRE,
): Position[] {
  return walk(draft, spec).visited.filter(
    (position) => position.at === 'item' && position.loop === loop && position.index === index,
  );
}

/**
 * Moves the focus to the next queued answer of a person or vehicle being changed, skipping any that no
 * longer applies (an earlier new answer may have changed which questions are asked); clears the queue at
 * its end, so the walk returns to the review.
 */
export function focusNextQueued(draft: ReportDraft, spec: QuestionnaireSpec = CURRENT_QUESTIONNAIRE): void {
  const queue = draft.editQueue ?? [];
  const visited = walk(draft, spec).visited;
  let next: Position | undefined;
  while ((next = queue.shift()) !== undefined) {
    const candidate = next;
    if (visited.some((position) => samePosition(position, candidate))) break;
  }
  if (next) draft.focus = next;
  if (queue.length === 0) delete draft.editQueue;
  else draft.editQueue = queue;
}
