import assert from 'node:assert/strict';
import type { ConversationReference } from 'botbuilder';
import { Types } from 'mongoose';
import { createAdapter } from '../../../../bot/channels/adapter';
import { answerNoticeToOfficer } from '../../../../bot/channels/teams/answerNotice';
import { auditModel } from '../../../../models/store/audit';
import { saveConversationReference } from '../../../../models/store/conversationReference';
import type { Database } from '../../../../models/store/db';
import { receiptGuard, WitnessFollowUp } from '../../../../models/store/followUp';
import { OfficerAccounts } from '../../../../models/store/officer';
import { reportModel } from '../../../../models/store/report';
import { ReportRepository } from '../../../../models/store/reportRepository';
import { standInConnector } from '../../../helpers/connectorStandIn';
import { openTestDatabase } from '../../../helpers/database';
import { inventedSubmission } from '../../../helpers/fixtures';
import { memoryLogger } from '../../../helpers/logger';
import { temporaryDirectoryPerTest } from '../../../helpers/tempDir';

const TENANT = '00000000-0000-4000-8000-00000000a11c';
const ANSWER = 'The bag was teal, invented answer text.';

describe('answerNoticeToOfficer', () => {
  const directory = temporaryDirectoryPerTest('shield-answer-notice');
  let database: Database;
  let accounts: OfficerAccounts;
  before(async () => {
    database = await openTestDatabase();
    accounts = new OfficerAccounts(database.connection);
  });
  after(() => database.close());

  const adapter = () =>
    createAdapter(
      { bot: { appId: '', appPassword: '', appType: 'MultiTenant', appTenantId: '' } },
      memoryLogger().logger,
    );

  /** A case assigned to `assignee` with one open question. */
  async function assignedCase(assignee: string) {
    const saved = await new ReportRepository(database.connection, directory()).submit(inventedSubmission());
    const questionId = new Types.ObjectId();
    await reportModel(database.connection).updateOne(
      { caseNumber: saved.caseNumber },
      {
        $set: { assignee },
        $push: { questions: { _id: questionId, text: 'Colour?', askedAt: new Date(), askedBy: assignee } },
      },
    );
    return { caseNumber: saved.caseNumber, questionId: questionId.toHexString() };
  }

  async function notices(caseNumber: string) {
    const entries = await auditModel(database.connection)
      .find({ caseNumber, action: 'case.answerNotified' })
      .lean();
    return entries.map((entry) => entry.detail as Record<string, unknown>);
  }

  it('tells the assigned Entra officer in their Teams chat, with a link and without the answer text', async () => {
    const connector = await standInConnector();
    try {
      const objectId = '00000000-0000-4000-8000-0000000000b1';
      const officer = await accounts.signInWithEntra({
        tenantId: TENANT,
        objectId,
        email: 'teams-officer@police.example.org',
        role: 'officer',
      });
      const reference: Partial<ConversationReference> = {
        channelId: 'msteams',
        serviceUrl: connector.url,
        conversation: { id: 'a:officer-chat', isGroup: false, conversationType: 'personal', name: '' },
        user: { id: '29:officer', name: '' },
        bot: { id: '28:shield-bot', name: 'Shield Reporter' },
      };
      await saveConversationReference(
        database.connection,
        { tenantId: TENANT, aadObjectId: objectId },
        reference,
      );
      const { caseNumber, questionId } = await assignedCase(officer?._id.toHexString() ?? '');
      const notify = answerNoticeToOfficer({
        connection: database.connection,
        adapter: adapter(),
        appId: '',
        publicBase: 'https://shield.example.org',
      });
      // Through the witness side, as the status dialog answers.
      const followUp = new WitnessFollowUp(
        database.connection,
        receiptGuard(database.connection),
        () => new Date(),
        notify,
      );
      assert.equal(await followUp.answer(caseNumber, questionId, ANSWER), true);
      assert.equal(connector.captured.length, 1);
      const text = connector.captured[0].body.text ?? '';
      assert.ok(text.includes(`https://shield.example.org/console/cases/${caseNumber}`), text);
      assert.ok(!text.includes('teal'), 'the witness text stays in the console');
      assert.equal(connector.captured[0].body.textFormat, 'plain');
      assert.deepEqual(await notices(caseNumber), [
        { questionId, officer: officer?._id.toHexString(), delivered: true },
      ]);
    } finally {
      connector.server.close();
    }
  });

  it('records that an Entra officer who never talked to the bot could not be told', async () => {
    const officer = await accounts.signInWithEntra({
      tenantId: TENANT,
      objectId: '00000000-0000-4000-8000-0000000000b2',
      email: 'quiet-officer@police.example.org',
      role: 'officer',
    });
    const { caseNumber, questionId } = await assignedCase(officer?._id.toHexString() ?? '');
    const notify = answerNoticeToOfficer({
      connection: database.connection,
      adapter: adapter(),
      appId: '',
      publicBase: 'https://shield.example.org',
    });
    assert.equal(await notify(caseNumber, questionId), false);
    assert.deepEqual(await notices(caseNumber), [
      { questionId, officer: officer?._id.toHexString(), delivered: false, reason: 'NoTeamsConversation' },
    ]);
  });

  it('records that a password-only officer has no Teams identity', async () => {
    const officer = await accounts.add('console-only@police.test', 'officer', 'a long invented password');
    const { caseNumber, questionId } = await assignedCase(officer._id.toHexString());
    const notify = answerNoticeToOfficer({
      connection: database.connection,
      adapter: adapter(),
      appId: '',
      publicBase: 'https://shield.example.org',
    });
    assert.equal(await notify(caseNumber, questionId), false);
    assert.equal((await notices(caseNumber))[0].reason, 'NoTeamsIdentity');
  });
});
