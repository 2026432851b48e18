import { Schema, type Connection, type InferRawDocTypeFromSchema, type Types } from 'mongoose';

/** Everything the audit trail records. */
export const AUDIT_ACTIONS = [
  'login.succeeded',
  'login.failed',
  'login.limited',
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
    /** The officer account id, `system:<job>` for jobs, or `unknown` for a failed login. */
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
