import { randomBytes } from 'node:crypto';
import mongoose, { type Connection, type mongo, type Types } from 'mongoose';
import { bounded } from './db';
import { Outbox } from './outbox';
import type { QuestionnaireSpec } from '../core/questionnaire';
import { QuestionnaireArchive, answersSchema, questionnaireHash } from './questionnaireArchive';
import { reportModel, type Report, type ReportModel } from './report';
import { inCurrentShape } from './reportMigration';
import { hashReceiptCode, newReceiptCode } from '../core/receipt';
import { idForKey, isDuplicateKeyError } from './storageKey';

/**
 * What the dialog hands over when a witness confirms: the answers by question id and the questionnaire that
 * asked them; the repository validates the answers against it and adds identity, codes, status and its hash.
 */
export type ReportSubmission = Omit<
  Report,
  | '_id'
  | 'caseNumber'
  | 'receiptHash'
  | 'status'
  | 'submittedAt'
  | 'createdAt'
  | 'updatedAt'
  | 'questions'
  | 'questionnaireHash'
> & { questionnaire: QuestionnaireSpec };

/**
 * An outbox record: the report as it is inserted, with a copy of its questionnaire, archived on delivery
 * (the database may be down when the witness confirms). A record written before answers were keyed by
 * question id has neither; it is read as version 1 (reportMigration.ts).
 */
type StoredReport = Omit<ReportSubmission, 'questionnaire'> & {
  _id: Types.ObjectId;
  caseNumber: string;
  receiptHash: string;
  questionnaireHash: string;
  status: 'new';
  submittedAt: Date;
  questionnaire?: QuestionnaireSpec;
};

/** How a submission ended: saved now, kept on disk until the database answers, or a repeat. */
export type SubmitResult =
  | { status: 'saved'; caseNumber: string; receiptCode: string }
  | { status: 'queued'; caseNumber: string; receiptCode: string }
  | { status: 'duplicate'; caseNumber: string };

const ALPHABET = '0123456789ABCDEFGHJKMNPQRSTVWXYZ';

/** A case number such as SR-7KQ2M-X9D4T: 50 random bits, unambiguous characters. */
export function newCaseNumber(): string {
  const characters = [...randomBytes(10)].map((byte) => ALPHABET[byte % 32]).join('');
  return `SR-${characters.slice(0, 5)}-${characters.slice(5)}`;
}

// Unanswered optional fields are left out of the document rather than stored as null.
function withoutEmptyFields<T extends Record<string, unknown>>(value: T): T {
  const result: Record<string, unknown> = {};
  for (const [key, field] of Object.entries(value)) {
    if (field === undefined || field === null) continue;
    const plainObject = typeof field === 'object' && Object.getPrototypeOf(field) === Object.prototype;
    result[key] = plainObject ? withoutEmptyFields(field as Record<string, unknown>) : field;
  }
  return result as T;
}

/**
 * The answers as the questionnaire that asked them allows (its derived schema: enums, lengths, known ids
 * only), or the same ValidationError the rest of the report gives.
 */
function validAnswers(questionnaire: QuestionnaireSpec, answers: unknown): Record<string, unknown> {
  const parsed = answersSchema(questionnaire).safeParse(answers);
  if (parsed.success) return parsed.data;
  const error = new mongoose.Error.ValidationError();
  for (const issue of parsed.error.issues) {
    const path = ['answers', ...issue.path.map(String)].join('.');
    error.addError(path, new mongoose.Error.ValidatorError({ message: issue.message, path }));
  }
  throw error;
}

export interface ReportRepositoryOptions {
  /** How long a submission waits for the database before the report stays in the outbox (default 2 s). */
  databaseTimeoutMs?: number;
  /** Where the questionnaires of stored reports are kept (default: on the same connection). */
  archive?: QuestionnaireArchive;
}

// The report is acknowledged by a majority of a replica set and in its journal before it counts as
// stored; a single server (the embedded one, a standalone mongod) treats this as its own journal.
const DURABLE: mongo.InsertOneOptions = { writeConcern: { w: 'majority', journal: true } };

/**
 * Saves confirmed reports exactly once and never loses one. A report is written to the fsynced on-disk
 * outbox before anything else, then inserted into MongoDB and only then taken out of the outbox; when the
 * database is down, slow or hung it waits there, and a job delivers it later. Its `_id` comes from the
 * draft id, so a delivery that is repeated (or a timed-out insert that lands after all) stays one report.
 */
export class ReportRepository {
  private readonly model: ReportModel;
  private readonly outbox: Outbox<StoredReport>;
  private readonly timeoutMs: number;
  private readonly archive: QuestionnaireArchive;
  private readonly submitting = new Map<string, Promise<SubmitResult>>();
  private flushing: Promise<number> | undefined;

  constructor(
    private readonly connection: Connection,
    outboxDirectory: string,
    private readonly clock: () => Date = () => new Date(),
    options: ReportRepositoryOptions = {},
  ) {
    this.model = reportModel(connection);
    this.outbox = new Outbox<StoredReport>(outboxDirectory);
    this.timeoutMs = options.databaseTimeoutMs ?? 2_000;
    this.archive = options.archive ?? new QuestionnaireArchive(connection);
  }

  /** The report id for a draft: a retried submission of the same draft maps to the same document. */
  static idForDraft(draftId: string): Types.ObjectId {
    return idForKey('report', draftId);
  }

  /**
   * Stores a confirmed report idempotently (keyed by its draft id). When this resolves with a case number
   * and receipt code, the report is on disk (fsynced) at least; the receipt code itself is never stored.
   */
  async submit(submission: ReportSubmission): Promise<SubmitResult> {
    const running = this.submitting.get(submission.draftId);
    if (running) {
      // The same draft confirmed twice at once (a double click): one submission, the other a repeat.
      const first = await running.catch(() => undefined);
      if (first) return { status: 'duplicate', caseNumber: first.caseNumber };
    }
    const attempt = this.submitOnce(submission);
    this.submitting.set(submission.draftId, attempt);
    try {
      return await attempt;
    } finally {
      if (this.submitting.get(submission.draftId) === attempt) this.submitting.delete(submission.draftId);
    }
  }

  private async submitOnce(submission: ReportSubmission): Promise<SubmitResult> {
    const _id = ReportRepository.idForDraft(submission.draftId);
    const known = await this.knownLocally(_id);
    if (known) return { status: 'duplicate', caseNumber: known };

    const receiptCode = newReceiptCode();
    const { questionnaire, ...fields } = submission;
    const draft: StoredReport = {
      ...fields,
      answers: validAnswers(questionnaire, submission.answers),
      questionnaireHash: questionnaireHash(questionnaire),
      _id,
      caseNumber: newCaseNumber(),
      receiptHash: await hashReceiptCode(receiptCode),
      status: 'new',
      submittedAt: this.clock(),
    };
    // Schema validation first: a report that can never be stored must not go to the outbox either.
    const validated = new this.model(draft);
    await validated.validate();
    const document = withoutEmptyFields(validated.toObject({ versionKey: false })) as StoredReport;
    document.questionnaire = questionnaire;

    // Durable before the witness can be shown anything, whatever the database does next.
    await this.outbox.put(document);
    try {
      const stored = await bounded(this.deliver(document), this.timeoutMs);
      // A duplicate with this very case number is this document, delivered by someone else first (the
      // flush job): the witness has not seen the receipt code yet and must.
      if (stored.duplicate && stored.caseNumber !== document.caseNumber)
        return { status: 'duplicate', caseNumber: stored.caseNumber };
      return { status: 'saved', caseNumber: stored.caseNumber, receiptCode };
    } catch {
      // Unreachable, failing or too slow: the report is safe in the outbox and the flush job delivers it.
      return { status: 'queued', caseNumber: document.caseNumber, receiptCode };
    }
  }

  // A report still queued here, or delivered from here: answered from disk, without the database.
  private async knownLocally(_id: Types.ObjectId): Promise<string | undefined> {
    const queued = await this.outbox.get(_id);
    if (queued) return queued.caseNumber;
    return (await this.outbox.delivered(_id))?.caseNumber;
  }

  /** The case number of a draft's report, saved or queued; undefined if none, or if the database is down. */
  async caseNumberForDraft(draftId: string): Promise<string | undefined> {
    const _id = ReportRepository.idForDraft(draftId);
    const known = await this.knownLocally(_id);
    if (known) return known;
    try {
      const existing = await bounded(
        this.model.findById(_id, { caseNumber: 1 }).lean().exec(),
        this.timeoutMs,
      );
      return existing?.caseNumber;
    } catch {
      return undefined;
    }
  }

  /** How many reports wait in the outbox for the database. */
  async queuedCount(): Promise<number> {
    return (await this.outbox.list()).length;
  }

  /** Writes queued reports to the database; returns how many were delivered. Safe to call concurrently. */
  flushOutbox(): Promise<number> {
    this.flushing ??= (async () => {
      let delivered = 0;
      try {
        for (const document of await this.outbox.list()) {
          // A submission in progress delivers its own report (and tells the witness how it went).
          if (this.submitting.has(document.draftId)) continue;
          await bounded(this.deliver(document), this.timeoutMs);
          delivered += 1;
        }
      } finally {
        this.flushing = undefined;
      }
      return delivered;
    })();
    return this.flushing;
  }

  /** Deletes the delivery marks of reports delivered before `before` (their drafts have expired). */
  pruneDeliveryMarks(before: Date): Promise<number> {
    return this.outbox.pruneDelivered(before);
  }

  // Inserts a queued report (or finds it already stored) and only then takes it out of the outbox; its
  // questionnaire is archived first, so a stored report never points to a questionnaire that is not there.
  private async deliver(record: StoredReport): Promise<{ duplicate: boolean; caseNumber: string }> {
    const { questionnaire, ...document } = inCurrentShape(record);
    const spec = questionnaire ?? (await this.archive.find(document.questionnaireHash));
    if (spec) await this.archive.archive(spec);
    const stored = await this.insert(document);
    await this.outbox.settle(document._id, stored.caseNumber);
    return stored;
  }

  // Case numbers are unique through a guard document whose _id is derived from the number: a unique
  // secondary index would do the same on MongoDB but is not enforced by every compatible server.
  private async insert(document: StoredReport): Promise<{ duplicate: boolean; caseNumber: string }> {
    const guards = this.connection.collection<{ _id: Types.ObjectId; reportId: Types.ObjectId }>(
      'caseNumbers',
    );
    let caseNumber = document.caseNumber;
    // Whether this call created the guard: a guard left by an earlier delivery of the same report (a
    // repeated flush, an insert that timed out but landed) belongs to the stored report and must stay.
    let createdGuard = false;
    for (let attempt = 0; ; attempt += 1) {
      try {
        await guards.insertOne({ _id: idForKey('caseNumber', caseNumber), reportId: document._id }, DURABLE);
        createdGuard = true;
        break;
      } catch (error) {
        if (!isDuplicateKeyError(error)) throw error;
        const guard = await guards.findOne({ _id: idForKey('caseNumber', caseNumber) });
        if (guard?.reportId.equals(document._id)) break;
        if (attempt >= 5) throw error;
        caseNumber = newCaseNumber();
      }
    }
    try {
      await this.model.collection.insertOne(
        { ...document, caseNumber, createdAt: this.clock(), updatedAt: this.clock() },
        DURABLE,
      );
      return { duplicate: false, caseNumber };
    } catch (error) {
      if (!isDuplicateKeyError(error)) throw error;
      const existing = await this.model.findById(document._id, { caseNumber: 1 }).lean();
      const storedNumber = existing?.caseNumber ?? caseNumber;
      if (createdGuard && storedNumber !== caseNumber) {
        await guards.deleteOne({ _id: idForKey('caseNumber', caseNumber), reportId: document._id });
      }
      return { duplicate: true, caseNumber: storedNumber };
    }
  }
}
