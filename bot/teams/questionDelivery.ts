import type { CloudAdapter } from 'botbuilder';
import type { Connection } from 'mongoose';
import { messagesFor } from '../../dialogs/locales';
import { findConversationReference } from '../../models/conversationReference';
import { reportModel } from '../../models/report';
import { sendProactive } from './proactive';

/**
 * Delivers an officer's question at once to a witness who reported from Teams, in their chat and language
 * (the answer is given there through "status"). Web witnesses see it at their next status check instead.
 * Returns whether a message was sent.
 */
export function questionDeliveryToTeams(options: {
  connection: Connection;
  adapter: CloudAdapter;
  appId: string;
}) {
  return async (caseNumber: string, questionId: string): Promise<boolean> => {
    const report = await reportModel(options.connection)
      .findOne({ caseNumber }, { channel: 1, locale: 1, teams: 1, questions: 1 })
      .lean();
    const question = report?.questions.find((candidate) => candidate._id.toHexString() === questionId);
    const tenantId = report?.teams?.tenantId;
    const aadObjectId = report?.teams?.aadObjectId;
    if (!report || !question || report.channel !== 'msteams' || !tenantId || !aadObjectId) return false;
    const reference = await findConversationReference(options.connection, { tenantId, aadObjectId });
    if (!reference) return false;
    const m = messagesFor(report.locale);
    await sendProactive(
      options.adapter,
      options.appId,
      reference,
      `${m.status.question(question.text)}\n${m.status.answerInTeams}`,
    );
    return true;
  };
}
