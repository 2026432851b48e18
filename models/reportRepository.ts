import { randomBytes } from 'node:crypto';
import type { Connection, Types } from 'mongoose';
import { Outbox } from './outbox';
import { reportModel, type Report, type ReportModel } from './report';
import { hashReceiptCode, newReceiptCode } from './receipt';
import { idForKey } from './storageKey';

/** What the dialog hands over when a witness confirms; the repository adds identity, codes and status. */
export type ReportSubmission = Omit<
  Report,
  '_id' | 'caseNumber' | 'receiptHash' | 'status' | 'submittedAt' | 'createdAt' | 'updatedAt' | 'questions'
>;

type StoredReport = ReportSubmission & {
  _id: Types.ObjectId;
  caseNumber: string;
  receiptHash: string;
  status: 'new';
  submittedAt: Date;
};

/** How a submission ended: saved now, queued on disk while the database is down, or a repeat. */
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

function isDuplicateKey(error: unknown): boolean {
  return typeof error === 'object' && error !== null && (error as { code?: unknown }).code === 11000;
}

function isValidationError(error: unknown): boolean {
  return error instanceof Error && (error.name === 'ValidationError' || error.name === 'CastError');
}

/** Saves confirmed reports exactly once, and never loses one: while the database is down they wait on disk. */
export class ReportRepository {
  private readonly model: ReportModel;
  private readonly outbox: Outbox<StoredReport>;
  private flushing: Promise<number> | undefined;

  constructor(
    private readonly connection: Connection,
    outboxDirectory: string,
    private readonly clock: () => Date = () => new Date(),
  ) {
    this.model = reportModel(connection);
    this.outbox = new Outbox<StoredReport>(outboxDirectory);
  }

  /** The report id for a draft: a retried submission of the same draft maps to the same document. */
  static idForDraft(draftId: string): Types.ObjectId {
    return idForKey('report', draftId);
  }

  /** Saves a confirmed report idempotently (keyed by its draft id). */
  async submit(submission: ReportSubmission): Promise<SubmitResult> {
    const _id = ReportRepository.idForDraft(submission.draftId);
    const queued = await this.outbox.get(_id);
    if (queued) return { status: 'duplicate', caseNumber: queued.caseNumber };

    const receiptCode = newReceiptCode();
    const draft: StoredReport = {
      ...submission,
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
    try {
      const existing = await this.model.findById(_id, { caseNumber: 1 }).lean();
      if (existing) return { status: 'duplicate', caseNumber: existing.caseNumber };
      const saved = await this.insert(document);
      if (saved.duplicate) return { status: 'duplicate', caseNumber: saved.caseNumber };
      return { status: 'saved', caseNumber: saved.caseNumber, receiptCode };
    } catch (error) {
      if (isValidationError(error)) throw error;
      await this.outbox.put(document);
      return { status: 'queued', caseNumber: document.caseNumber, receiptCode };
    }
  }

  /** The case number of a draft's report, saved or queued. */
  async caseNumberForDraft(draftId: string): Promise<string | undefined> {
    const _id = ReportRepository.idForDraft(draftId);
    const queued = await this.outbox.get(_id);
    if (queued) return queued.caseNumber;
    const existing = await this.model.findById(_id, { caseNumber: 1 }).lean();
    return existing?.caseNumber;
  }

  /** Writes queued reports to the database; returns how many were delivered. Safe to call concurrently. */
  flushOutbox(): Promise<number> {
    this.flushing ??= (async () => {
      let delivered = 0;
      try {
        for (const document of await this.outbox.list()) {
          await this.insert(document);
          await this.outbox.remove(document._id);
          delivered += 1;
        }
      } finally {
        this.flushing = undefined;
      }
      return delivered;
    })();
    return this.flushing;
  }

  // Case numbers are unique through a guard document whose _id is derived from the number: a unique
  // secondary index would do the same on MongoDB but is not enforced by every compatible server.
  private async insert(document: StoredReport): Promise<{ duplicate: boolean; caseNumber: string }> {
    const guards = this.connection.collection<{ _id: Types.ObjectId; reportId: Types.ObjectId }>(
      'caseNumbers',
    );
    let caseNumber = document.caseNumber;
    for (let attempt = 0; ; attempt += 1) {
      try {
        await guards.insertOne({ _id: idForKey('caseNumber', caseNumber), reportId: document._id });
        break;
      } catch (error) {
        if (!isDuplicateKey(error)) throw error;
        const guard = await guards.findOne({ _id: idForKey('caseNumber', caseNumber) });
        if (guard?.reportId.equals(document._id)) break;
        if (attempt >= 5) throw error;
        caseNumber = newCaseNumber();
      }
    }
    try {
      await this.model.collection.insertOne({
        ...document,
        caseNumber,
        createdAt: this.clock(),
        updatedAt: this.clock(),
      });
      return { duplicate: false, caseNumber };
    } catch (error) {
      if (!isDuplicateKey(error)) throw error;
      await guards.deleteOne({ _id: idForKey('caseNumber', caseNumber), reportId: document._id });
      const existing = await this.model.findById(document._id, { caseNumber: 1 }).lean();
      return { duplicate: true, caseNumber: existing?.caseNumber ?? caseNumber };
    }
  }
}
