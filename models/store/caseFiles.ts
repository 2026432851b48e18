import { Types, type Connection } from 'mongoose';
import {
  escapeRegExp,
  pageOf,
  searchFields,
  type CaseChangeSet,
  type CaseCursor,
  type CaseFilter,
  type DuplicateSearch,
  type SortOrder,
} from '../core/caseDesk';
import { CaseNotes } from './caseNote';
import { QuestionnaireArchive, type ReportAnswers } from './questionnaireArchive';
import { reportModel, type Report, type ReportModel } from './report';
import { inCurrentShape } from './reportMigration';

/** An officer's question to the witness, as stored in the report. */
export type StoredQuestion = Report['questions'][number] & { _id: Types.ObjectId };
/** A report as read from the database. */
export type StoredReport = Omit<Report, 'questions'> & {
  _id: Types.ObjectId;
  caseNumber: string;
  questions?: StoredQuestion[];
};

/** An officer's question as the case view shows it. */
export interface CaseQuestionView {
  id: string;
  text: string;
  askedAt: Date;
  askedBy: string;
  answer: string | null;
  answeredAt: Date | null;
}

/** A stored question as the case view shows it. */
export function questionView(question: StoredQuestion): CaseQuestionView {
  return {
    id: question._id.toHexString(),
    text: question.text,
    askedAt: question.askedAt,
    askedBy: question.askedBy,
    answer: question.answer ?? null,
    answeredAt: question.answeredAt ?? null,
  };
}

/** A closed case past its retention period: what its deletion needs to find the rest of it. */
export interface ExpiredCase {
  readonly _id: Types.ObjectId;
  readonly caseNumber: string;
  readonly conversationId: string;
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

// What the case list reads of each case.
const LIST_FIELDS = {
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
} as const;

const current = (reports: StoredReport[]): StoredReport[] => reports.map((report) => inCurrentShape(report));

/**
 * The reports as the police side reads and works them (the case files): found, searched, paged, moved along
 * the workflow, asked questions, deleted after retention. Every report comes back in the current shape.
 */
export class CaseFiles {
  private readonly model: ReportModel;
  private readonly notes: CaseNotes;

  constructor(
    connection: Connection,
    /** The questionnaires of stored reports, whose text answers the free-text search looks in. */
    private readonly archive: QuestionnaireArchive = new QuestionnaireArchive(connection),
  ) {
    this.model = reportModel(connection);
    this.notes = new CaseNotes(connection);
  }

  /** The collection's indexes. */
  async ensureIndexes(): Promise<void> {
    await this.model.createIndexes();
  }

  /** The case with that number, if there is one. */
  async byCaseNumber(caseNumber: string): Promise<StoredReport | undefined> {
    const report = await this.model.findOne({ caseNumber }).lean<StoredReport>();
    return report ? inCurrentShape(report) : undefined;
  }

  /** The cases with these numbers (those that exist, in no particular order). */
  async byCaseNumbers(caseNumbers: readonly string[]): Promise<StoredReport[]> {
    return current(await this.model.find({ caseNumber: { $in: [...caseNumbers] } }).lean<StoredReport[]>());
  }

  /** Other reports of the same category at about the same time (`duplicateSearch` of models/core/caseDesk). */
  async sameKindNear(search: DuplicateSearch, limit = 200): Promise<StoredReport[]> {
    const found = await this.model
      .find({
        'answers.category': search.category,
        caseNumber: { $ne: search.except },
        'answers.when.start': { $gte: search.from, $lte: search.to },
      })
      .limit(limit)
      .lean<StoredReport[]>();
    return current(found);
  }

  // The filter's query: a free-text search looks in the text answers of every questionnaire a stored report
  // was asked with, and in the officers' notes.
  private async queryFor(filter: CaseFilter): Promise<MongoFilter> {
    if (!filter.q) return filterFor(filter, []);
    const [questionnaires, noteCases] = await Promise.all([
      this.archive.all(),
      this.notes.casesMentioning(filter.q),
    ]);
    return filterFor(filter, searchFields(questionnaires), noteCases);
  }

  /** One page of the cases matching the filter, in the order asked, after the cursor; and the next cursor. */
  async search(
    filter: CaseFilter,
    order: SortOrder,
    limit: number,
    cursor?: CaseCursor,
  ): Promise<{ cases: StoredReport[]; next: CaseCursor | undefined }> {
    const base = await this.queryFor(filter);
    const query = cursor ? { $and: [base, afterCursor(order, cursor)] } : base;
    const found = await this.model
      .find(query, LIST_FIELDS)
      .sort(sortFor(order))
      .limit(limit + 1)
      .lean<StoredReport[]>();
    const { page, next } = pageOf(found, limit, (report) => report._id.toHexString());
    return { cases: current(page), next };
  }

  /** Every case matching the filter, oldest first; undefined when more than `cap` match (none is read then). */
  async allMatching(filter: CaseFilter, cap: number): Promise<StoredReport[] | undefined> {
    const query = await this.queryFor(filter);
    if ((await this.model.countDocuments(query)) > cap) return undefined;
    return current(await this.model.find(query).sort(sortFor('oldest')).lean<StoredReport[]>());
  }

  /** Writes a change, only if nobody moved the case meanwhile; false if somebody did. */
  async change(report: StoredReport, set: CaseChangeSet): Promise<boolean> {
    const updated = await this.model.updateOne({ _id: report._id, status: report.status }, { $set: set });
    return updated.matchedCount === 1;
  }

  /** Takes a closed case back into work: its outcome and closing time go. False if it is no longer closed. */
  async reopen(report: StoredReport): Promise<boolean> {
    const updated = await this.model.updateOne(
      { _id: report._id, status: 'closed' },
      { $set: { status: 'in_progress' }, $unset: { outcome: 1, closedAt: 1 } },
    );
    return updated.matchedCount === 1;
  }

  /** Adds an officer's question for the witness to a case. */
  async addQuestion(
    report: StoredReport,
    question: { text: string; askedAt: Date; askedBy: string },
  ): Promise<CaseQuestionView> {
    const stored = { _id: new Types.ObjectId(), ...question };
    await this.model.updateOne({ _id: report._id }, { $push: { questions: stored } });
    return questionView(stored);
  }

  /** What decides which evidence files a case may show: its answers and the conversation it came from. */
  async evidenceOwner(
    caseNumber: string,
  ): Promise<{ conversationId: string; answers: ReportAnswers } | undefined> {
    const report = await this.model
      .findOne({ caseNumber }, { conversationId: 1, answers: 1, attachments: 1 })
      .lean<{ conversationId: string; answers?: Record<string, unknown> }>();
    return report ? inCurrentShape(report) : undefined;
  }

  /** How many closed cases were closed before the cutoff. */
  countClosedBefore(cutoff: Date): Promise<number> {
    return this.model.countDocuments({ status: 'closed', closedAt: { $lt: cutoff } });
  }

  /** Closed cases closed before the cutoff, at most `limit` of them. */
  closedBefore(cutoff: Date, limit: number): Promise<ExpiredCase[]> {
    return this.model
      .find({ status: 'closed', closedAt: { $lt: cutoff } }, { caseNumber: 1, conversationId: 1 })
      .limit(limit)
      .lean<ExpiredCase[]>();
  }

  /** Deletes an expired case, if it is still closed; false if it was reopened meanwhile. */
  async deleteClosed(expired: ExpiredCase): Promise<boolean> {
    const removed = await this.model.deleteOne({ _id: expired._id, status: 'closed' });
    return removed.deletedCount === 1;
  }
}
