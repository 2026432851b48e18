import { Types, type Connection } from 'mongoose';
import { AuditTrail, CASE_CHANGES, CASE_READS, type AuditEntry } from '../../../models/store/audit';
import { caseNoteModel, type CaseNoteModel } from '../../../models/store/caseNote';
import { CaseReads } from '../../../models/store/caseReads';
import { ServiceError } from '../../../models/core/errors';
import { Incidents } from '../../../models/store/incident';
import {
  CURRENT_QUESTIONNAIRE,
  searchableAnswerPaths,
  type QuestionnaireSpec,
} from '../../../models/core/questionnaire';
import { QuestionnaireArchive } from '../../../models/store/questionnaireArchive';
import { inCurrentShape } from '../../../models/store/reportMigration';
import {
  officerModel,
  roleAtLeast,
  type OfficerAccounts,
  type OfficerModel,
} from '../../../models/store/officer';
import { NEXT_STATUS, type CaseOutcome, type CaseStatus } from '../../../models/core/cases';
import { reportModel, type Report, type ReportModel } from '../../../models/store/report';
import type { Principal } from './auth';
import { storedFileId } from '../../../models/core/attachmentUrl';

type StoredQuestion = Report['questions'][number] & { _id: Types.ObjectId };
/** A report as read from the database. */
export type StoredReport = Omit<Report, 'questions'> & {
  _id: Types.ObjectId;
  caseNumber: string;
  questions?: StoredQuestion[];
};

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

// A report's answer to a question the case list itself names (category, place, account, when).
function textAnswer(report: StoredReport, id: string): string | undefined {
  const value = report.answers[id];
  return typeof value === 'string' ? value : undefined;
}
function whenStart(report: StoredReport): Date | undefined {
  const value = report.answers.when as { start?: unknown } | undefined;
  return value?.start instanceof Date ? value.start : undefined;
}

/** Escapes every character a regular expression gives meaning to, so a search is always literal text. */
export function escapeRegExp(text: string): string {
  return text.replace(/[\\^$.*+?()[\]{}|/-]/g, '\\$&');
}

export type SortOrder = 'urgent' | 'newest' | 'oldest';

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

type MongoFilter = Record<string, unknown>;

/** `noteCases`: the cases whose internal notes match the search text (notes live in their own collection). */
function filterFor(filter: CaseFilter, searched: string[], noteCases: string[] = []): MongoFilter {
  const conditions: MongoFilter[] = [];
  if (filter.status) conditions.push({ status: filter.status });
  if (filter.urgent !== undefined) conditions.push({ urgent: filter.urgent });
  if (filter.category) conditions.push({ 'answers.category': filter.category });
  if (filter.organisation) conditions.push({ organisation: filter.organisation });
  if (filter.assignee) conditions.push({ assignee: filter.assignee });
  if (filter.from) conditions.push({ submittedAt: { $gte: filter.from } });
  if (filter.to) conditions.push({ submittedAt: { $lt: filter.to } });
  if (filter.q) {
    const literal = new RegExp(escapeRegExp(filter.q), 'i');
    const fields: MongoFilter[] = searched.map((field) => ({ [field]: literal }));
    if (noteCases.length > 0) fields.push({ caseNumber: { $in: noteCases } });
    conditions.push({ $or: fields });
  }
  return conditions.length === 0 ? {} : { $and: conditions };
}

// Keyset pagination: the documents strictly after the cursor in the sort order, with _id as tie-break.
function afterCursor(order: SortOrder, cursor: CaseCursor): MongoFilter {
  const id = new Types.ObjectId(cursor.id);
  const direction = order === 'oldest' ? '$gt' : '$lt';
  const sameTime = { submittedAt: cursor.submittedAt, _id: { [direction]: id } };
  const later = { submittedAt: { [direction]: cursor.submittedAt } };
  if (order !== 'urgent') return { $or: [later, sameTime] };
  const sameUrgency = { urgent: cursor.urgent };
  const branches: MongoFilter[] = [
    { ...sameUrgency, ...later },
    { ...sameUrgency, ...sameTime },
  ];
  // Urgent ones come first: after an urgent cursor, every non-urgent case still follows.
  if (cursor.urgent) branches.push({ urgent: false });
  return { $or: branches };
}

function sortFor(order: SortOrder): Record<string, 1 | -1> {
  if (order === 'oldest') return { submittedAt: 1, _id: 1 };
  if (order === 'newest') return { submittedAt: -1, _id: -1 };
  return { urgent: -1, submittedAt: -1, _id: -1 };
}

// An evidence answer's files, each with the id to fetch it by when it is in the evidence store.
function withFileIds(answers: Record<string, unknown>): Record<string, unknown> {
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
export function caseFields(report: StoredReport): Record<string, unknown> {
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

const SUMMARY_LENGTH = 160;

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

/** The police side of cases: listing, reading and working them. Every call is authorised here. */
export class CaseDesk {
  readonly reports: ReportModel;
  private readonly notes: CaseNoteModel;
  private readonly officers: OfficerModel;
  /** Each officer's read state, for the unread-answer marks. */
  readonly reads: CaseReads;
  /** Related reports linked into one incident. */
  readonly incidents: Incidents;
  /** The questionnaires of stored reports, by hash. */
  readonly archive: QuestionnaireArchive;

  constructor(
    connection: Connection,
    readonly audit: AuditTrail,
    private readonly accounts: OfficerAccounts,
    private readonly clock: () => Date = () => new Date(),
    archive?: QuestionnaireArchive,
  ) {
    this.archive = archive ?? new QuestionnaireArchive(connection);
    this.reports = reportModel(connection);
    this.notes = caseNoteModel(connection);
    this.officers = officerModel(connection);
    this.reads = new CaseReads(connection);
    this.incidents = new Incidents(connection, clock);
  }

  /** Links a case with another into one incident (the officer must be allowed to work the first). */
  async link(principal: Principal, caseNumber: string, other: string): Promise<string> {
    if (caseNumber === other) throw new ServiceError('SameCase', 'A case cannot be linked with itself.');
    const report = await this.find(caseNumber);
    CaseDesk.mayWork(principal, report);
    await this.find(other);
    return this.incidents.link(caseNumber, other, principal.officerId);
  }

  /** Takes a case out of its incident. */
  async unlink(principal: Principal, caseNumber: string): Promise<string> {
    const report = await this.find(caseNumber);
    CaseDesk.mayWork(principal, report);
    const left = await this.incidents.unlink(caseNumber);
    if (!left) throw new ServiceError('NotLinked', 'The case is not linked to an incident.');
    return left;
  }

  /** The cases of the incident a case belongs to (itself included), each in brief, to work them as one. */
  async incidentOf(caseNumber: string) {
    const incident = await this.incidents.of(caseNumber);
    if (!incident) return null;
    const members = await this.incidents.members(incident);
    const reports = await this.reports.find({ caseNumber: { $in: members } }).lean<StoredReport[]>();
    const byNumber = new Map(reports.map((report) => [report.caseNumber, inCurrentShape(report)]));
    return {
      id: incident,
      cases: members.flatMap((member) => {
        const report = byNumber.get(member);
        return report ? [CaseDesk.brief(report)] : [];
      }),
    };
  }

  private static brief(report: StoredReport) {
    return {
      caseNumber: report.caseNumber,
      status: report.status,
      urgent: report.urgent,
      category: textAnswer(report, 'category'),
      place: textAnswer(report, 'place'),
      when: whenStart(report) ?? null,
      submittedAt: report.submittedAt,
      summary: (textAnswer(report, 'account') ?? '').slice(0, SUMMARY_LENGTH),
      openQuestions: (report.questions ?? []).filter((question) => !question.answer).length,
    };
  }

  /**
   * Reports that may be about the same thing: the same category, a time within a window of this one's, and
   * place descriptions that share most of their words (or are the same). Not those already linked with it.
   */
  async possibleDuplicates(report: StoredReport, windowHours = 24, limit = 5) {
    const start = whenStart(report) ?? report.submittedAt;
    const window = windowHours * 3_600_000;
    const linked = new Set(
      (await this.incidentOf(report.caseNumber))?.cases.map((entry) => entry.caseNumber) ?? [],
    );
    const candidates = await this.reports
      .find({
        'answers.category': textAnswer(report, 'category'),
        caseNumber: { $ne: report.caseNumber },
        'answers.when.start': {
          $gte: new Date(start.getTime() - window),
          $lte: new Date(start.getTime() + window),
        },
      })
      .limit(200)
      .lean<StoredReport[]>()
      .then((found) => found.map((candidate) => inCurrentShape(candidate)));
    const placeOf = (of: StoredReport) =>
      placeWords(`${textAnswer(of, 'place') ?? ''} ${textAnswer(of, 'placeDetail') ?? ''}`);
    const mine = placeOf(report);
    return candidates
      .filter((candidate) => !linked.has(candidate.caseNumber))
      .map((candidate) => ({
        candidate,
        overlap: wordOverlap(mine, placeOf(candidate)),
      }))
      .filter(({ overlap }) => overlap >= 0.6)
      .sort((a, b) => b.overlap - a.overlap)
      .slice(0, limit)
      .map(({ candidate }) => CaseDesk.brief(candidate));
  }

  /** The cases whose notes contain the search text, for the free-text search. */
  private async casesWithNotes(filter: CaseFilter): Promise<string[]> {
    if (!filter.q) return [];
    const literal = new RegExp(escapeRegExp(filter.q), 'i');
    const found = await this.notes.find({ text: literal }, { caseNumber: 1 }).limit(1000).lean();
    return [...new Set(found.map((note) => note.caseNumber))];
  }

  /** Display names (the e-mail address) of officer accounts, by id; an id without an account is left out. */
  async officerNames(ids: Iterable<string | null | undefined>): Promise<Record<string, string>> {
    const wanted = [...new Set([...ids].filter((id): id is string => !!id && /^[0-9a-f]{24}$/.test(id)))];
    if (wanted.length === 0) return {};
    const found = await this.officers
      .find({ _id: { $in: wanted.map((id) => new Types.ObjectId(id)) } }, { email: 1 })
      .lean();
    return Object.fromEntries(
      found.map((officer) => [officer._id.toHexString(), officer.email ?? officer._id.toHexString()]),
    );
  }

  private async find(caseNumber: string): Promise<StoredReport> {
    const report = await this.reports.findOne({ caseNumber }).lean<StoredReport>();
    if (!report) throw new ServiceError('CaseNotFound', 'There is no case with that number.');
    return inCurrentShape(report);
  }

  // The fields a free-text search looks in: those of every questionnaire a stored report was asked with.
  private async searched(filter: CaseFilter): Promise<string[]> {
    return filter.q ? searchFields(await this.archive.all()) : [];
  }

  /** The questionnaire a report was asked with (its archived copy); today's if the copy is missing. */
  async questionnaireOf(report: StoredReport): Promise<QuestionnaireSpec> {
    return (await this.archive.find(report.questionnaireHash)) ?? CURRENT_QUESTIONNAIRE;
  }

  private static mayWork(principal: Principal, report: StoredReport): void {
    if (roleAtLeast(principal.role, 'supervisor') || report.assignee === principal.officerId) return;
    throw new ServiceError('NotAssigned', 'Only the assigned officer or a supervisor may work this case.');
  }

  private static open(report: StoredReport): void {
    if (report.status === 'closed') throw new ServiceError('CaseClosed', 'The case is closed.');
  }

  /** One page of cases, and the cursor of the next page if there is one. */
  async list(filter: CaseFilter, order: SortOrder, limit: number, cursor?: CaseCursor, viewer?: string) {
    const base = filterFor(filter, await this.searched(filter), await this.casesWithNotes(filter));
    const query = cursor ? { $and: [base, afterCursor(order, cursor)] } : base;
    const found = await this.reports
      .find(query, {
        caseNumber: 1,
        status: 1,
        urgent: 1,
        channel: 1,
        organisation: 1,
        submittedAt: 1,
        assignee: 1,
        answers: 1,
        questions: 1,
        // An old-shape report (before the start-up migration) brings its fields for inCurrentShape.
        category: 1,
        place: 1,
        account: 1,
      })
      .sort(sortFor(order))
      .limit(limit + 1)
      .lean<StoredReport[]>();
    const page = found.slice(0, limit).map((report) => inCurrentShape(report));
    const last = page.at(-1);
    const seen = viewer
      ? await this.reads.seenAt(
          viewer,
          page.map((report) => report.caseNumber),
        )
      : new Map<string, Date>();
    return {
      cases: page.map((report) => ({
        caseNumber: report.caseNumber,
        status: report.status,
        urgent: report.urgent,
        category: textAnswer(report, 'category'),
        channel: report.channel,
        organisation: report.organisation ?? null,
        submittedAt: report.submittedAt,
        assignee: report.assignee ?? null,
        place: textAnswer(report, 'place'),
        summary: (textAnswer(report, 'account') ?? '').slice(0, SUMMARY_LENGTH),
        openQuestions: (report.questions ?? []).filter((question) => !question.answer).length,
        // Witness answers that arrived after the viewing officer last opened the case.
        unreadAnswers: (report.questions ?? []).filter((question) => {
          if (!question.answer || !question.answeredAt) return false;
          const since = seen.get(report.caseNumber);
          return !since || question.answeredAt > since;
        }).length,
      })),
      next:
        found.length > limit && last
          ? { urgent: last.urgent, submittedAt: last.submittedAt, id: last._id.toHexString() }
          : undefined,
    };
  }

  /** Every matching case, for an export; refuses more than `cap` rather than cutting the list short. */
  async exportRows(filter: CaseFilter, cap: number): Promise<StoredReport[]> {
    const query = filterFor(filter, await this.searched(filter), await this.casesWithNotes(filter));
    const count = await this.reports.countDocuments(query);
    if (count > cap) {
      throw new ServiceError('ExportTooLarge', `More than ${cap} cases match; narrow the filters.`);
    }
    const reports = await this.reports.find(query).sort(sortFor('oldest')).lean<StoredReport[]>();
    return reports.map((report) => inCurrentShape(report));
  }

  /** A case with its notes, questions and history. */
  async read(caseNumber: string) {
    const report = await this.find(caseNumber);
    const [notes, history, reads] = await Promise.all([
      this.notes.find({ caseNumber }).sort({ at: 1, _id: 1 }).lean(),
      this.audit.forCase(caseNumber, CASE_CHANGES),
      this.audit.forCase(caseNumber, CASE_READS),
    ]);
    const last = reads.at(-1);
    return {
      report,
      // Every view is in the audit trail; the history shows them as one line, not one entry per look.
      reads: {
        count: reads.length,
        readers: [...new Set(reads.map((entry) => entry.actor))],
        lastAt: last?.at ?? null,
        lastBy: last?.actor ?? null,
      },
      notes: notes.map((note) => ({
        id: note._id.toHexString(),
        text: note.text,
        author: note.author,
        at: note.at,
      })),
      questions: (report.questions ?? []).map((question) => ({
        id: question._id.toHexString(),
        text: question.text,
        askedAt: question.askedAt,
        askedBy: question.askedBy,
        answer: question.answer ?? null,
        answeredAt: question.answeredAt ?? null,
      })),
      history: history.map((entry) => ({
        at: entry.at,
        action: entry.action,
        actor: entry.actor,
        detail: (entry.detail as Record<string, unknown> | undefined) ?? {},
      })),
    };
  }

  /** Moves a case along the workflow and/or (supervisors) assigns it. Returns what changed, for the audit trail. */
  async update(
    principal: Principal,
    caseNumber: string,
    change: {
      status?: CaseStatus | undefined;
      outcome?: CaseOutcome | undefined;
      assignee?: string | null | undefined;
    },
  ): Promise<Record<string, string | null>> {
    const report = await this.find(caseNumber);
    if (change.assignee !== undefined && !roleAtLeast(principal.role, 'supervisor')) {
      throw new ServiceError('SupervisorOnly', 'Only a supervisor may assign a case.');
    }
    CaseDesk.mayWork(principal, report);
    if (report.status === 'closed' && change.status === 'in_progress' && change.assignee === undefined) {
      return this.reopen(principal, report);
    }
    CaseDesk.open(report);
    if (change.outcome && change.status !== 'closed') {
      throw new ServiceError('OutcomeWithoutClose', 'An outcome is given only when closing the case.');
    }
    const set: Record<string, unknown> = {};
    const changed: Record<string, string | null> = {};
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
        set.closedAt = this.clock();
        changed.outcome = change.outcome;
      }
      set.status = change.status;
      changed.from = report.status;
      changed.to = change.status;
    }
    if (change.assignee !== undefined) {
      if (change.assignee !== null && !(await this.accounts.byId(change.assignee))) {
        throw new ServiceError('UnknownAssignee', 'There is no officer account with that id.');
      }
      set.assignee = change.assignee;
      changed.assignee = change.assignee;
    }
    // Only if nobody moved the case meanwhile: two officers cannot both take the same step.
    const updated = await this.reports.updateOne({ _id: report._id, status: report.status }, { $set: set });
    if (updated.matchedCount !== 1) {
      throw new ServiceError('ChangedMeanwhile', 'The case was changed meanwhile; reload it.');
    }
    return changed;
  }

  /** A supervisor takes a closed case back into work: the outcome and closing time go (retention stops). */
  private async reopen(principal: Principal, report: StoredReport): Promise<Record<string, string | null>> {
    if (!roleAtLeast(principal.role, 'supervisor')) {
      throw new ServiceError('SupervisorOnly', 'Only a supervisor may reopen a closed case.');
    }
    const updated = await this.reports.updateOne(
      { _id: report._id, status: 'closed' },
      { $set: { status: 'in_progress' }, $unset: { outcome: 1, closedAt: 1 } },
    );
    if (updated.matchedCount !== 1) {
      throw new ServiceError('ChangedMeanwhile', 'The case was changed meanwhile; reload it.');
    }
    return { from: 'closed', to: 'in_progress', reopened: 'true', previousOutcome: report.outcome ?? null };
  }

  /** Adds an internal note (never shown to the witness). */
  async addNote(principal: Principal, caseNumber: string, text: string) {
    const report = await this.find(caseNumber);
    CaseDesk.mayWork(principal, report);
    const note = await this.notes.create({ caseNumber, text, author: principal.officerId, at: this.clock() });
    return { id: note._id.toHexString(), text: note.text, author: note.author, at: note.at };
  }

  /** Adds a question for the witness, who sees it when checking the case (or, in Teams, as a message). */
  async askQuestion(principal: Principal, caseNumber: string, text: string) {
    const report = await this.find(caseNumber);
    CaseDesk.mayWork(principal, report);
    CaseDesk.open(report);
    const question = { _id: new Types.ObjectId(), text, askedAt: this.clock(), askedBy: principal.officerId };
    await this.reports.updateOne({ _id: report._id }, { $push: { questions: question } });
    return { report, question };
  }

  /** The full audit trail of a case. */
  async auditTrail(caseNumber: string): Promise<AuditEntry[]> {
    await this.find(caseNumber);
    return this.audit.forCase(caseNumber);
  }
}
