import { z } from 'zod';
import type { AuditTrail } from '../../../models/store/audit';
import { deleteCaseContact } from '../../../models/store/caseContact';
import { CaseFiles } from '../../../models/store/caseFiles';
import { CaseNotes } from '../../../models/store/caseNote';
import { CaseReads } from '../../../models/store/caseReads';
import type { DatabaseConnection } from '../../../models/store/db';
import { EvidenceFiles } from '../../../models/store/evidenceFiles';
import { Incidents } from '../../../models/store/incident';
import { QuestionDeliveries } from '../../../models/store/questionDeliveries';
import { Settings } from '../../../models/store/setting';
import { TranscriptStore } from '../../../models/store/transcript';
import { MAX_RETENTION_DAYS, MIN_RETENTION_DAYS } from '../../../models/core/retention';
import type { Logger } from '../../logger';

const DAY = 86_400_000;

export { MAX_RETENTION_DAYS, MIN_RETENTION_DAYS };

/** The retention periods an administrator may set, in days (the one range of models/core/retention). */
export const retentionDaysSchema = z.number().int().min(MIN_RETENTION_DAYS).max(MAX_RETENTION_DAYS);

/** The retention period in force and where it comes from. */
export interface RetentionPeriod {
  retentionDays: number;
  source: 'configuration' | 'admin';
}

/** The period in force on a database: the one an administrator stored, or else the configured default. */
export async function retentionPeriodIn(
  connection: DatabaseConnection,
  defaultDays: number,
): Promise<RetentionPeriod> {
  const stored = await new Settings(connection).read('retentionDays', retentionDaysSchema);
  return stored === undefined
    ? { retentionDays: defaultDays, source: 'configuration' }
    : { retentionDays: stored, source: 'admin' };
}

/**
 * Deletes closed cases a number of days after closing, with everything that belongs to them. The period is
 * the one an administrator stored, or else the configured default; it is read on every run, so a change
 * applies from the next run on every instance.
 */
export class CaseRetention {
  private readonly settings: Settings;
  private readonly files: CaseFiles;
  private readonly notes: CaseNotes;

  constructor(
    private readonly connection: DatabaseConnection,
    private readonly audit: AuditTrail,
    private readonly defaultRetentionDays: number,
    private readonly clock: () => Date = () => new Date(),
    private readonly logger?: Logger,
  ) {
    this.settings = new Settings(connection);
    this.files = new CaseFiles(connection);
    this.notes = new CaseNotes(connection);
  }

  /** The period in force now. */
  period(): Promise<RetentionPeriod> {
    return retentionPeriodIn(this.connection, this.defaultRetentionDays);
  }

  /** Stores a new period (already validated by the caller's schema). */
  async setPeriod(retentionDays: number, officerId: string): Promise<void> {
    await this.settings.write('retentionDays', retentionDaysSchema.parse(retentionDays), officerId);
  }

  private cutoff(retentionDays: number): Date {
    return new Date(this.clock().getTime() - retentionDays * DAY);
  }

  /** How many closed cases are past the period in force, so a run would delete them. */
  async dueNow(): Promise<number> {
    const { retentionDays } = await this.period();
    return this.files.countClosedBefore(this.cutoff(retentionDays));
  }

  // The web chat's stored evidence (GridFS) and transcript of the conversation the report came from.
  private deleteAttachments(conversationId: string): Promise<number> {
    return new EvidenceFiles(this.connection).deleteForConversation(conversationId);
  }

  private deleteTranscripts(conversationId: string): Promise<number> {
    return new TranscriptStore(this.connection).deleteConversation(conversationId);
  }

  /** Runs once: deletes every closed case past its retention period. Returns how many were deleted. */
  async run(): Promise<number> {
    const { retentionDays } = await this.period();
    const cutoff = this.cutoff(retentionDays);
    const expired = await this.files.closedBefore(cutoff, 500);
    let deleted = 0;
    for (const report of expired) {
      const notes = await this.notes.deleteForCase(report.caseNumber);
      const attachments = await this.deleteAttachments(report.conversationId);
      const transcripts = await this.deleteTranscripts(report.conversationId);
      // How to reach a Teams witness, and the delivery record of each officer question, go with the case.
      const contacts = await deleteCaseContact(this.connection, report.caseNumber);
      const deliveries = await new QuestionDeliveries(this.connection).deleteForCase(report.caseNumber);
      // Officers' read marks and the case's incident link name it too; an incident left with one case ends.
      const reads = await new CaseReads(this.connection).forgetCase(report.caseNumber);
      const incident = await new Incidents(this.connection).unlink(report.caseNumber);
      if (!(await this.files.deleteClosed(report))) continue;
      deleted += 1;
      await this.audit.append({
        actor: 'system:retention',
        action: 'case.deleted',
        caseNumber: report.caseNumber,
        detail: {
          retentionDays,
          notes,
          attachments,
          transcripts,
          contacts,
          deliveries,
          reads,
          incidentLinks: incident === undefined ? 0 : 1,
        },
      });
    }
    if (deleted > 0) this.logger?.info({ deleted }, 'closed cases deleted after their retention period');
    return deleted;
  }
}
