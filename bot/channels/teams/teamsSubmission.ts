import type { ConversationReference } from 'botbuilder';
import { saveCaseContact } from '../../../models/store/caseContact';
import { findConversationReference } from '../../../models/store/conversationReference';
import type { DatabaseConnection } from '../../../models/store/db';
import type { ReportSubmission, SubmitResult } from '../../../models/store/reportRepository';
import type { Logger } from '../../logger';

/** The part of the report repository the dialogs submit through. */
export interface SubmitPort {
  submit(submission: ReportSubmission): Promise<SubmitResult>;
}

/**
 * Wraps the submission of a Teams report: the witness's Teams identity goes into the case's contact
 * (collection caseContacts, which no officer view reads), so that police questions can reach them, and
 * an anonymous report itself keeps only the organisation, never the person's Entra object id or tenant.
 */
export function withTeamsContact<T extends SubmitPort>(
  reports: T,
  connection: DatabaseConnection,
  logger: Logger,
): T {
  const submit = async (submission: ReportSubmission): Promise<SubmitResult> => {
    const teams = submission.channel === 'msteams' ? submission.teams : undefined;
    const stored =
      teams && submission.answers.anonymous === true ? { ...submission, teams: undefined } : submission;
    const result = await reports.submit(stored);
    if (teams?.tenantId && teams.aadObjectId && teams.userId) {
      const user = { tenantId: teams.tenantId, aadObjectId: teams.aadObjectId };
      try {
        const reference = (await findConversationReference(connection, user)) as
          Partial<ConversationReference> | undefined;
        if (reference?.serviceUrl) {
          await saveCaseContact(connection, {
            caseNumber: result.caseNumber,
            ...user,
            userId: teams.userId,
            serviceUrl: reference.serviceUrl,
          });
        }
      } catch (error) {
        // The report is safe (saved or queued); only the immediate delivery of later questions is lost,
        // and the witness still sees them with "status".
        logger.warn(
          { caseNumber: result.caseNumber, err: { name: (error as Error).name } },
          'Teams contact of the case not saved',
        );
      }
    }
    return result;
  };
  return new Proxy(reports, {
    get: (target, property, receiver) =>
      property === 'submit' ? submit : (Reflect.get(target, property, receiver) as unknown),
  });
}
