// The case desk's rules: what a search looks in, how the list pages, what a case shows, who may work a case
// and which change it may take. The queries that apply them are in models/store/caseFiles.ts; the desk that
// joins both for the case API is bot/police/cases/caseDesk.ts.
import { storedFileId } from './attachmentUrl';
import { NEXT_STATUS, type CaseOutcome, type CaseStatus } from './cases';
import { ServiceError } from './errors';
import { searchableAnswerPaths, type QuestionnaireSpec } from './questionnaire';
import { roleAtLeast, type OfficerRole } from './roles';

/**
 * Fields searched by the free-text search: the case number, the witness's observed answers (every text
 * question of the questionnaires, and the evidence links: generated from them), the officers' questions and
 * the witness's answers to them.
 */
export function searchFields(questionnaires: readonly QuestionnaireSpec[]): string[] {
  const answers = new Set(questionnaires.flatMap((spec) => searchableAnswerPaths(spec)));
  return [
    'caseNumber',
    ...[...answers].map((path) => `answers.${path}`),
    'questions.text',
    'questions.answer',
  ];
}

/** Escapes every character a regular expression gives meaning to, so a search is always literal text. */
export function escapeRegExp(text: string): string {
  return text.replace(/[\\^$.*+?()[\]{}|/-]/g, '\\$&');
}

/** The orders the case list can be read in: urgent cases first (newest first within), newest, oldest. */
export const SORT_ORDERS = ['urgent', 'newest', 'oldest'] as const;
export type SortOrder = (typeof SORT_ORDERS)[number];

/** The list filters, already validated at the edge. */
export interface CaseFilter {
  status?: CaseStatus | undefined;
  urgent?: boolean | undefined;
  category?: string | undefined;
  organisation?: string | undefined;
  assignee?: string | undefined;
  from?: Date | undefined;
  to?: Date | undefined;
  q?: string | undefined;
}

/** Where the previous page ended. */
export interface CaseCursor {
  urgent: boolean;
  submittedAt: Date;
  id: string;
}

/**
 * One page out of the cases read for it: they are read one past the page (`limit + 1`), so that one more
 * tells that a next page follows; its cursor is where this page's last case stands.
 */
export function pageOf<T extends { urgent: boolean; submittedAt: Date }>(
  found: readonly T[],
  limit: number,
  idOf: (item: T) => string,
): { page: T[]; next: CaseCursor | undefined } {
  const page = found.slice(0, limit);
  const last = page.at(-1);
  return {
    page,
    next:
      found.length > limit && last
        ? { urgent: last.urgent, submittedAt: last.submittedAt, id: idOf(last) }
        : undefined,
  };
}

/** An officer's question to the witness, as far as the case rules read it. */
export interface CaseQuestionRecord {
  answer?: string | null | undefined;
  answeredAt?: Date | null | undefined;
}

/** What the case desk's rules read of a stored case (models/store/caseFiles.ts `StoredReport` is one). */
export interface CaseRecord {
  caseNumber: string;
  status: CaseStatus;
  urgent: boolean;
  submittedAt: Date;
  /** The witness's answers keyed by question id. */
  answers: Readonly<Record<string, unknown>>;
  assignee?: string | null | undefined;
  outcome?: CaseOutcome | null | undefined;
  questions?: readonly CaseQuestionRecord[] | null | undefined;
}

/** A case record with what the list and the case view show besides the answers. */
export interface CaseFileRecord extends CaseRecord {
  channel: string;
  locale: string;
  organisation?: string | null | undefined;
  relatedAlertId?: string | null | undefined;
  questionnaireHash: string;
  closedAt?: Date | null | undefined;
  unknownAnswers?: readonly unknown[] | null | undefined;
  urgentReasons?: readonly unknown[] | null | undefined;
  answerNotes?: readonly unknown[] | null | undefined;
}

/** A report's answer to a question the case list itself names (category, place, account). */
export function textAnswer(report: Pick<CaseRecord, 'answers'>, id: string): string | undefined {
  const value = report.answers[id];
  return typeof value === 'string' ? value : undefined;
}

/** When the witness says it started, if they said. */
export function whenStart(report: Pick<CaseRecord, 'answers'>): Date | undefined {
  const value = report.answers.when as { start?: unknown } | undefined;
  return value?.start instanceof Date ? value.start : undefined;
}

/** How much of the witness's account the list shows. */
export const SUMMARY_LENGTH = 160;

const summaryOf = (report: CaseRecord): string =>
  (textAnswer(report, 'account') ?? '').slice(0, SUMMARY_LENGTH);
const openQuestions = (report: CaseRecord): number =>
  (report.questions ?? []).filter((question) => !question.answer).length;

/** A case in brief, as an incident and the possible duplicates list it. */
export function caseBrief(report: CaseRecord) {
  return {
    caseNumber: report.caseNumber,
    status: report.status,
    urgent: report.urgent,
    category: textAnswer(report, 'category'),
    place: textAnswer(report, 'place'),
    when: whenStart(report) ?? null,
    submittedAt: report.submittedAt,
    summary: summaryOf(report),
    openQuestions: openQuestions(report),
  };
}

/**
 * A case as the case list shows it; `seenAt` is when the viewing officer last opened it (undefined: never),
 * so that witness answers that arrived since are counted as unread.
 */
export function caseListEntry(report: CaseFileRecord, seenAt: Date | undefined) {
  return {
    caseNumber: report.caseNumber,
    status: report.status,
    urgent: report.urgent,
    category: textAnswer(report, 'category'),
    channel: report.channel,
    organisation: report.organisation ?? null,
    submittedAt: report.submittedAt,
    assignee: report.assignee ?? null,
    place: textAnswer(report, 'place'),
    summary: summaryOf(report),
    openQuestions: openQuestions(report),
    unreadAnswers: (report.questions ?? []).filter((question) => {
      if (!question.answer || !question.answeredAt) return false;
      return !seenAt || question.answeredAt > seenAt;
    }).length,
  };
}

// An evidence answer's files, each with the id to fetch it by when it is in the evidence store.
function withFileIds(answers: Readonly<Record<string, unknown>>): Record<string, unknown> {
  const shown: Record<string, unknown> = {};
  for (const [id, value] of Object.entries(answers)) {
    const attachments = (value as { attachments?: unknown } | null)?.attachments;
    shown[id] = Array.isArray(attachments)
      ? {
          ...(value as object),
          attachments: (attachments as { name: string; contentType: string; contentUrl: string }[]).map(
            ({ name, contentType, contentUrl }) => ({
              name,
              contentType,
              contentUrl,
              /** Set when the file is in the evidence store: then GET /api/cases/:caseNumber/attachments/:fileId. */
              fileId: storedFileId(contentUrl) ?? null,
            }),
          ),
        }
      : value;
  }
  return shown;
}

/**
 * A case as the police see it: the report without the receipt hash, draft and chat identifiers; its answers
 * keyed by question id, as its questionnaire (`questionnaireHash`) asked them.
 */
export function caseFields(report: CaseFileRecord): Record<string, unknown> {
  return {
    caseNumber: report.caseNumber,
    status: report.status,
    urgent: report.urgent,
    channel: report.channel,
    locale: report.locale,
    organisation: report.organisation ?? null,
    /** The police alert the witness reported from, if any (see /api/alerts/:id/reports). */
    relatedAlertId: report.relatedAlertId ?? null,
    questionnaireHash: report.questionnaireHash,
    submittedAt: report.submittedAt,
    assignee: report.assignee ?? null,
    outcome: report.outcome ?? null,
    closedAt: report.closedAt ?? null,
    answers: withFileIds(report.answers),
    unknownAnswers: report.unknownAnswers ?? [],
    urgentReasons: report.urgentReasons ?? [],
    answerNotes: report.answerNotes ?? [],
  };
}

/** An audit entry of a case, as far as its history reads it. */
export interface CaseEvent {
  at: Date;
  action: string;
  actor: string;
  detail?: unknown;
}

/** Every view is in the audit trail; the case shows them as one line, not one entry per look. */
export function readsSummary(reads: readonly CaseEvent[]) {
  const last = reads.at(-1);
  return {
    count: reads.length,
    readers: [...new Set(reads.map((entry) => entry.actor))],
    lastAt: last?.at ?? null,
    lastBy: last?.actor ?? null,
  };
}

/** A line of a case's history. */
export function historyLine(entry: CaseEvent) {
  return {
    at: entry.at,
    action: entry.action,
    actor: entry.actor,
    detail: (entry.detail as Record<string, unknown> | undefined) ?? {},
  };
}

/** Where and when to look for reports of the same thing as this one (see `likelyDuplicates`). */
export interface DuplicateSearch {
  category: string | undefined;
  /** The case itself, never its own duplicate. */
  except: string;
  from: Date;
  to: Date;
}

/** The same category and a time within `windowHours` of this report's (the time it says, else its submission). */
export function duplicateSearch(report: CaseRecord, windowHours = 24): DuplicateSearch {
  const start = whenStart(report) ?? report.submittedAt;
  const window = windowHours * 3_600_000;
  return {
    category: textAnswer(report, 'category'),
    except: report.caseNumber,
    from: new Date(start.getTime() - window),
    to: new Date(start.getTime() + window),
  };
}

/** The words of a place description, lower case, without accents, short filler words left out. */
function placeWords(text: string): Set<string> {
  const plain = text.normalize('NFD').replace(/\p{M}/gu, '').toLowerCase();
  return new Set(plain.split(/[^\p{L}\p{N}]+/u).filter((word) => word.length >= 3));
}

/**
 * How much two sets of words share: the shared words over the smaller set (1 when one contains the other);
 * 0 unless at least two words are shared, so that one common word ("street") is not a match.
 */
function wordOverlap(a: Set<string>, b: Set<string>): number {
  if (a.size === 0 || b.size === 0) return 0;
  let shared = 0;
  for (const word of a) if (b.has(word)) shared++;
  return shared < 2 ? 0 : shared / Math.min(a.size, b.size);
}

/** How much of two place descriptions must be shared for two reports to be shown as possibly one. */
export const PLACE_OVERLAP = 0.6;

const placeOf = (report: CaseRecord) =>
  placeWords(`${textAnswer(report, 'place') ?? ''} ${textAnswer(report, 'placeDetail') ?? ''}`);

/**
 * Of the candidates found by `duplicateSearch`, those whose place descriptions share most of their words
 * with this report's (or are the same), closest first, without those already linked with it.
 */
export function likelyDuplicates<T extends CaseRecord>(
  report: CaseRecord,
  candidates: readonly T[],
  linked: ReadonlySet<string>,
  limit = 5,
): T[] {
  const mine = placeOf(report);
  return candidates
    .filter((candidate) => !linked.has(candidate.caseNumber))
    .map((candidate) => ({ candidate, overlap: wordOverlap(mine, placeOf(candidate)) }))
    .filter(({ overlap }) => overlap >= PLACE_OVERLAP)
    .sort((a, b) => b.overlap - a.overlap)
    .slice(0, limit)
    .map(({ candidate }) => candidate);
}

/** Who works a case: an officer account and its role. */
export interface CaseWorker {
  readonly officerId: string;
  readonly role: OfficerRole;
}

/** Only the assigned officer or a supervisor may work a case. */
export function mayWork(worker: CaseWorker, report: Pick<CaseRecord, 'assignee'>): void {
  if (roleAtLeast(worker.role, 'supervisor') || report.assignee === worker.officerId) return;
  throw new ServiceError('NotAssigned', 'Only the assigned officer or a supervisor may work this case.');
}

/** A closed case takes no more work (but a supervisor may reopen it). */
export function mustBeOpen(report: Pick<CaseRecord, 'status'>): void {
  if (report.status === 'closed') throw new ServiceError('CaseClosed', 'The case is closed.');
}

/** A case cannot be linked with itself. */
export function mayLink(caseNumber: string, other: string): void {
  if (caseNumber === other) throw new ServiceError('SameCase', 'A case cannot be linked with itself.');
}

/** What an officer asks to change of a case (already validated at the edge). */
export interface CaseChange {
  status?: CaseStatus | undefined;
  outcome?: CaseOutcome | undefined;
  assignee?: string | null | undefined;
}

/** The fields a change writes. */
export interface CaseChangeSet {
  status?: CaseStatus;
  outcome?: CaseOutcome;
  closedAt?: Date;
  assignee?: string | null;
}

/** What changed, for the audit trail. */
export type CaseChanged = Record<string, string | null>;

/**
 * How a change applies, once allowed: a supervisor's reopening of a closed case (its outcome and closing
 * time go, retention stops), or fields to set, written only if the case still has the status it was read
 * with. An assignee must still be checked to be an officer account.
 */
export type CaseChangePlan =
  { kind: 'reopen'; changed: CaseChanged } | { kind: 'set'; set: CaseChangeSet; changed: CaseChanged };

/**
 * Checks a change against the workflow (the one step forward each status may take, an outcome only and
 * always when closing, assignment by supervisors only) and plans it; throws the ServiceError of the first
 * rule it breaks.
 */
export function planCaseChange(
  worker: CaseWorker,
  report: Pick<CaseRecord, 'status' | 'assignee' | 'outcome'>,
  change: CaseChange,
  now: Date,
): CaseChangePlan {
  const supervisor = roleAtLeast(worker.role, 'supervisor');
  if (change.assignee !== undefined && !supervisor) {
    throw new ServiceError('SupervisorOnly', 'Only a supervisor may assign a case.');
  }
  mayWork(worker, report);
  if (report.status === 'closed' && change.status === 'in_progress' && change.assignee === undefined) {
    if (!supervisor) throw new ServiceError('SupervisorOnly', 'Only a supervisor may reopen a closed case.');
    return {
      kind: 'reopen',
      changed: {
        from: 'closed',
        to: 'in_progress',
        reopened: 'true',
        previousOutcome: report.outcome ?? null,
      },
    };
  }
  mustBeOpen(report);
  if (change.outcome && change.status !== 'closed') {
    throw new ServiceError('OutcomeWithoutClose', 'An outcome is given only when closing the case.');
  }
  const set: CaseChangeSet = {};
  const changed: CaseChanged = {};
  if (change.status) {
    if (NEXT_STATUS[report.status] !== change.status) {
      throw new ServiceError(
        'IllegalTransition',
        `A case that is ${report.status} cannot become ${change.status}.`,
      );
    }
    if (change.status === 'closed') {
      if (!change.outcome) throw new ServiceError('OutcomeRequired', 'Closing a case needs an outcome.');
      set.outcome = change.outcome;
      set.closedAt = now;
      changed.outcome = change.outcome;
    }
    set.status = change.status;
    changed.from = report.status;
    changed.to = change.status;
  }
  if (change.assignee !== undefined) {
    set.assignee = change.assignee;
    changed.assignee = change.assignee;
  }
  return { kind: 'set', set, changed };
}
