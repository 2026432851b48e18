import type { Connection } from 'mongoose';
import type { AuditTrail } from '../../models/audit';
import { caseNoteModel } from '../../models/caseNote';
import { EvidenceFiles } from '../../models/evidenceFiles';
import { reportModel } from '../../models/report';
import { TranscriptStore } from '../../models/transcript';
import type { Logger } from '../logger';

const DAY = 86_400_000;

/** Deletes closed cases a configurable number of days after closing, with everything that belongs to them. */
export class CaseRetention {
  constructor(
    private readonly connection: Connection,
    private readonly audit: AuditTrail,
    private readonly retentionDays: number,
    private readonly clock: () => Date = () => new Date(),
    private readonly logger?: Logger,
  ) {}

  // The web chat's stored evidence (GridFS) and transcript of the conversation the report came from.
  private deleteAttachments(conversationId: string): Promise<number> {
    return new EvidenceFiles(this.connection).deleteForConversation(conversationId);
  }

  private deleteTranscripts(conversationId: string): Promise<number> {
    return new TranscriptStore(this.connection).deleteConversation(conversationId);
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
      const attachments = await this.deleteAttachments(report.conversationId);
      const transcripts = await this.deleteTranscripts(report.conversationId);
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
