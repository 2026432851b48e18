import type { CloudAdapter } from 'botbuilder';
import { AuditTrail } from '../../../models/store/audit';
import { findConversationReference } from '../../../models/store/conversationReference';
import type { DatabaseConnection } from '../../../models/store/db';
import { OfficerAccounts } from '../../../models/store/officer';
import { ReportLookups } from '../../../models/store/reportLookups';
import { sendProactive } from './proactive';
import type { Coded } from '../../../models/core/errors';

/** Why an officer could not be told in Teams (recorded in the audit trail; the console marks the answer anyway). */
export type NoticeFailure = Coded<'CaseUnassigned' | 'NoTeamsIdentity' | 'NoTeamsConversation'>;

/**
 * Tells the officer assigned to a case, in their Teams chat with the bot, that the witness answered, with a
 * link to the case in the console. Only the case number goes into Teams, never the witness's words. An
 * officer is reachable only with an Entra identity and after talking to the bot once (Teams gives a bot no
 * way to start a chat otherwise); every attempt is audited, delivered or not.
 */
export function answerNoticeToOfficer(options: {
  connection: DatabaseConnection;
  adapter: CloudAdapter;
  appId: string;
  /** The console's public origin, for the link ("https://shield.example.org"). */
  publicBase: string;
  clock?: () => Date;
}) {
  const audit = new AuditTrail(options.connection, options.clock);
  const reports = new ReportLookups(options.connection);
  const officers = new OfficerAccounts(options.connection, options.clock);
  return async (caseNumber: string, questionId: string): Promise<boolean> => {
    const assignee = await reports.assigneeOfCase(caseNumber);
    let failure: NoticeFailure | undefined;
    // byId refuses what is not an account id: such an assignee reaches nobody, as an unassigned case.
    const officer = assignee ? await officers.byId(assignee) : undefined;
    if (!officer) failure = 'CaseUnassigned';
    else if (!officer.tenantId || !officer.objectId) failure = 'NoTeamsIdentity';
    let reference: unknown;
    if (!failure && officer?.tenantId && officer.objectId) {
      reference = await findConversationReference(options.connection, {
        tenantId: officer.tenantId,
        aadObjectId: officer.objectId,
      });
      if (!reference) failure = 'NoTeamsConversation';
    }
    if (!failure && reference) {
      const link = `${options.publicBase}/console/cases/${encodeURIComponent(caseNumber)}`;
      await sendProactive(
        options.adapter,
        options.appId,
        reference,
        `The witness answered your question on case ${caseNumber}: ${link}`,
      );
    }
    await audit.append({
      actor: 'system:answerNotice',
      action: 'case.answerNotified',
      caseNumber,
      detail: {
        questionId,
        officer: assignee ?? null,
        delivered: !failure,
        ...(failure ? { reason: failure } : {}),
      },
    });
    return !failure;
  };
}
