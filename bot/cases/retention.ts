import { mongo, type Connection, type Types } from 'mongoose';
import type { AuditTrail } from '../../models/audit';
import { caseNoteModel } from '../../models/caseNote';
import { reportModel } from '../../models/report';
import type { Logger } from '../logger';

const DAY = 86_400_000;
/** GridFS bucket where uploaded attachments are kept, if the web chat stores them (files carry metadata.reportId or metadata.conversationId). */
export const ATTACHMENT_BUCKET = 'attachments';
/** Collection of chat transcripts, if one exists (documents carry caseNumber or conversationId). */
export const TRANSCRIPT_COLLECTION = 'transcripts';

/** Deletes closed cases a configurable number of days after closing, with everything that belongs to them. */
export class CaseRetention {
  constructor(
    private readonly connection: Connection,
    private readonly audit: AuditTrail,
    private readonly retentionDays: number,
    private readonly clock: () => Date = () => new Date(),
    private readonly logger?: Logger,
  ) {}

  private async collectionExists(name: string): Promise<boolean> {
    const found = await this.connection.db?.listCollections({ name }, { nameOnly: true }).toArray();
    return (found ?? []).length > 0;
  }

  private async deleteAttachments(reportId: Types.ObjectId, conversationId: string): Promise<number> {
    const db = this.connection.db;
    if (!db || !(await this.collectionExists(`${ATTACHMENT_BUCKET}.files`))) return 0;
    const bucket = new mongo.GridFSBucket(db, { bucketName: ATTACHMENT_BUCKET });
    const files = await bucket
      .find({ $or: [{ 'metadata.reportId': reportId }, { 'metadata.conversationId': conversationId }] })
      .toArray();
    for (const file of files) await bucket.delete(file._id);
    return files.length;
  }

  private async deleteTranscripts(caseNumber: string, conversationId: string): Promise<number> {
    if (!(await this.collectionExists(TRANSCRIPT_COLLECTION))) return 0;
    const deleted = await this.connection
      .collection(TRANSCRIPT_COLLECTION)
      .deleteMany({ $or: [{ caseNumber }, { conversationId }] });
    return deleted.deletedCount;
  }

  /** Runs once: deletes every closed case past its retention period. Returns how many were deleted. */
  async run(): Promise<number> {
    const cutoff = new Date(this.clock().getTime() - this.retentionDays * DAY);
    const reports = reportModel(this.connection);
    const expired = await reports
      .find({ status: 'closed', closedAt: { $lt: cutoff } }, { caseNumber: 1, conversationId: 1 })
      .limit(500)
      .lean();
    let deleted = 0;
    for (const report of expired) {
      const notes = await caseNoteModel(this.connection).deleteMany({ caseNumber: report.caseNumber });
      const attachments = await this.deleteAttachments(report._id, report.conversationId);
      const transcripts = await this.deleteTranscripts(report.caseNumber, report.conversationId);
      const removed = await reports.deleteOne({ _id: report._id, status: 'closed' });
      if (removed.deletedCount !== 1) continue;
      deleted += 1;
      await this.audit.append({
        actor: 'system:retention',
        action: 'case.deleted',
        caseNumber: report.caseNumber,
        detail: {
          retentionDays: this.retentionDays,
          notes: notes.deletedCount,
          attachments,
          transcripts,
        },
      });
    }
    if (deleted > 0) this.logger?.info({ deleted }, 'closed cases deleted after their retention period');
    return deleted;
  }
}
