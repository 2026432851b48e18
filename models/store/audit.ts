import { Schema, type Connection, type InferRawDocTypeFromSchema, type Types } from 'mongoose';
import { idForKey } from './storageKey';

/** Everything the audit trail records. */
export const AUDIT_ACTIONS = [
  'login.succeeded',
  'logout',
  'session.reuseRefused',
  'cases.listed',
  'cases.exported',
  'case.read',
  'case.updated',
  'case.noteAdded',
  'case.questionAsked',
  'case.auditRead',
  'case.attachmentRead',
  'case.deleted',
  'case.exported',
  'case.answerNotified',
  'case.linked',
  'case.unlinked',
  'admin.officerCreated',
  'admin.officerChanged',
  'admin.organisationCreated',
  'admin.organisationChanged',
  'admin.retentionChanged',
  'admin.retentionRun',
  // The Shield network (bot/police/alerts): partners, invitations and alerts.
  'admin.partnerProfileSet',
  'invitations.created',
  'invitations.listed',
  'partner.registered',
  'alert.created',
  'alert.updated',
  'alert.withdrawn',
  'alert.read',
  'alerts.listed',
  'alert.reportsListed',
  'alert.photoAttached',
  'alert.photoReplaced',
] as const;
export type AuditAction = (typeof AUDIT_ACTIONS)[number];

/** Looks at a case: shown in its history as one compact line. */
export const CASE_READS: readonly AuditAction[] = ['case.read', 'case.attachmentRead', 'case.exported'];

/** Actions that change a case: its history as officers see it. */
export const CASE_CHANGES: readonly AuditAction[] = [
  'case.updated',
  'case.noteAdded',
  'case.questionAsked',
  'case.linked',
  'case.unlinked',
];

// Never witness text or note text: ids, states and counts only, so the trail can outlive the case.
const auditSchema = new Schema(
  {
    at: { type: Date, required: true },
    /** The officer account id, or `system:<job>` for jobs. */
    actor: { type: String, required: true, maxlength: 200 },
    role: { type: String, maxlength: 50 },
    action: { type: String, enum: AUDIT_ACTIONS, required: true },
    caseNumber: { type: String, maxlength: 32 },
    /** The client address the request came from. */
    ip: { type: String, maxlength: 100 },
    detail: { type: Schema.Types.Mixed },
  },
  { collection: 'audit', versionKey: false },
);
auditSchema.index({ caseNumber: 1, at: 1 });
auditSchema.index({ actor: 1, at: -1 });
auditSchema.index({ action: 1, at: -1 });

/** One audit entry, as plain data. */
export type AuditEntry = InferRawDocTypeFromSchema<typeof auditSchema> & { _id: Types.ObjectId };
/** What a caller appends; the trail adds the time. */
export type AuditRecord = {
  actor: string;
  role?: string | undefined;
  action: AuditAction;
  caseNumber?: string | undefined;
  ip?: string | undefined;
  detail?: Record<string, string | number | boolean | null> | undefined;
};

const createModel = (connection: Connection) => connection.model('AuditEntry', auditSchema);
type AuditModel = ReturnType<typeof createModel>;

/** The AuditEntry model on a connection. */
export function auditModel(connection: Connection): AuditModel {
  return (connection.models.AuditEntry as AuditModel | undefined) ?? createModel(connection);
}

/** The append-only audit trail: entries are added and read, never changed or removed. */
export class AuditTrail {
  private readonly model: AuditModel;

  constructor(
    connection: Connection,
    private readonly clock: () => Date = () => new Date(),
  ) {
    this.model = auditModel(connection);
  }

  /** The collection's indexes. */
  async ensureIndexes(): Promise<void> {
    await this.model.createIndexes();
  }

  /** Appends one entry. */
  async append(record: AuditRecord): Promise<void> {
    await this.model.collection.insertOne({ ...record, at: this.clock() });
  }

  /** A case's entries, oldest first; `actions` narrows them (for example to changes only). */
  async forCase(caseNumber: string, actions?: readonly AuditAction[]): Promise<AuditEntry[]> {
    const filter = actions ? { caseNumber, action: { $in: [...actions] } } : { caseNumber };
    return this.model.find(filter).sort({ at: 1, _id: 1 }).limit(5_000).lean<AuditEntry[]>();
  }
}

/**
 * Refusals of unauthenticated requests (a wrong password, a locked login): counted, not recorded one by one,
 * so that a flood of them cannot grow the database without bound. Nothing of the request is kept beyond
 * the reason and the hour: the audit trail stays the record of what officers did.
 */
export const REFUSAL_REASONS = ['login.failed', 'login.limited'] as const;
export type RefusalReason = (typeof REFUSAL_REASONS)[number];

/** How long the hourly refusal counts are kept. */
export const REFUSAL_COUNT_DAYS = 90;
const HOUR_MS = 3_600_000;

// One document per (hour, reason), its _id derived from both, so that concurrent counts meet in one document
// on every MongoDB-compatible server (no unique secondary index needed).
const refusalSchema = new Schema(
  {
    _id: { type: Schema.Types.ObjectId, required: true },
    hour: { type: Date, required: true },
    reason: { type: String, enum: REFUSAL_REASONS, required: true },
    count: { type: Number, required: true },
    /** When the retention job (or, on MongoDB, the TTL index) removes the count. */
    expiresAt: { type: Date, required: true },
  },
  { collection: 'auditRefusals', versionKey: false },
);
refusalSchema.index({ hour: -1 });
refusalSchema.index({ expiresAt: 1 }, { expireAfterSeconds: 0 });

const createRefusalModel = (connection: Connection) => connection.model('AuditRefusal', refusalSchema);
type RefusalModel = ReturnType<typeof createRefusalModel>;

/** The AuditRefusal model on a connection. */
export function refusalModel(connection: Connection): RefusalModel {
  return (connection.models.AuditRefusal as RefusalModel | undefined) ?? createRefusalModel(connection);
}

/** One hour's count of one kind of refusal. */
export interface RefusalCount {
  hour: Date;
  reason: RefusalReason;
  count: number;
}

/** How long refusals are added up in memory before they are written. */
const REFUSAL_FLUSH_MS = 5_000;

/** Hourly counts of refused unauthenticated requests, kept REFUSAL_COUNT_DAYS. */
export class RefusalCounts {
  private readonly model: RefusalModel;

  constructor(
    connection: Connection,
    private readonly clock: () => Date = () => new Date(),
  ) {
    this.model = refusalModel(connection);
  }

  /** The collection's indexes. */
  async ensureIndexes(): Promise<void> {
    await this.model.createIndexes();
  }

  // Refusals are added up in memory and written as one increment per hour and reason every few seconds:
  // a flood of refused requests costs no database round trip per request.
  private readonly pending = new Map<string, { hour: Date; reason: RefusalReason; count: number }>();
  private flushTimer: NodeJS.Timeout | undefined;

  /** Counts one refusal in the current hour (written within REFUSAL_FLUSH_MS). */
  count(reason: RefusalReason): Promise<void> {
    const hour = new Date(Math.floor(this.clock().getTime() / HOUR_MS) * HOUR_MS);
    const key = `${hour.toISOString()}|${reason}`;
    const entry = this.pending.get(key) ?? { hour, reason, count: 0 };
    entry.count += 1;
    this.pending.set(key, entry);
    if (!this.flushTimer) {
      this.flushTimer = setTimeout(() => {
        this.flushTimer = undefined;
        // Kept for the next flush when the database does not answer.
        this.flush().catch(() => undefined);
      }, REFUSAL_FLUSH_MS);
      this.flushTimer.unref();
    }
    return Promise.resolve();
  }

  /** Writes the refusals counted in memory. */
  async flush(): Promise<void> {
    const entries = [...this.pending.entries()];
    this.pending.clear();
    for (const [key, { hour, reason, count }] of entries) {
      try {
        await this.model.collection.updateOne(
          { _id: idForKey('auditRefusal', key) },
          {
            $inc: { count },
            $setOnInsert: {
              hour,
              reason,
              expiresAt: new Date(hour.getTime() + REFUSAL_COUNT_DAYS * 24 * HOUR_MS),
            },
          },
          { upsert: true },
        );
      } catch (error) {
        const again = this.pending.get(key);
        this.pending.set(key, { hour, reason, count: count + (again?.count ?? 0) });
        throw error;
      }
    }
  }

  /** The counts since a time, newest first. */
  async since(from: Date): Promise<RefusalCount[]> {
    await this.flush();
    const found = await this.model
      .find({ hour: { $gte: from } }, { _id: 0, hour: 1, reason: 1, count: 1 })
      .sort({ hour: -1 })
      .limit(10_000)
      .lean();
    return found.map(({ hour, reason, count }) => ({ hour, reason, count }));
  }

  /** Removes the counts past their time (the embedded database never runs TTL indexes); returns how many. */
  async purgeExpired(): Promise<number> {
    const deleted = await this.model.deleteMany({ expiresAt: { $lte: this.clock() } });
    return deleted.deletedCount;
  }
}
