import assert from 'node:assert/strict';
import type { ConversationReference } from 'botbuilder';
import { Types } from 'mongoose';
import { createAdapter } from '../../../bot/adapter';
import { questionDeliveryToTeams } from '../../../bot/teams/questionDelivery';
import { saveConversationReference } from '../../../models/conversationReference';
import type { Database } from '../../../models/db';
import { reportModel } from '../../../models/report';
import { ReportRepository } from '../../../models/reportRepository';
import { standInConnector } from '../../helpers/connectorStandIn';
import { openTestDatabase } from '../../helpers/database';
import { inventedSubmission } from '../../helpers/fixtures';
import { memoryLogger } from '../../helpers/logger';
import { temporaryDirectoryPerTest } from '../../helpers/tempDir';

const TENANT = '00000000-0000-4000-8000-00000000c0de';
const USER = '00000000-0000-4000-8000-0000000000d4';

describe('questionDeliveryToTeams', () => {
  const directory = temporaryDirectoryPerTest('shield-delivery');
  let database: Database;
  before(async () => {
    database = await openTestDatabase();
  });
  after(async () => {
    await database.close();
  });

  async function reportWithQuestion(channel: 'msteams' | 'webchat') {
    const repository = new ReportRepository(database.connection, directory());
    const saved = await repository.submit(
      inventedSubmission({
        channel,
        locale: 'nl',
        ...(channel === 'msteams'
          ? { teams: { tenantId: TENANT, aadObjectId: USER, userId: '29:teams-user-d4' } }
          : {}),
      }),
    );
    const questionId = new Types.ObjectId();
    await reportModel(database.connection).updateOne(
      { caseNumber: saved.caseNumber },
      {
        $push: {
          questions: {
            _id: questionId,
            text: 'Welke kleur had de tas?',
            askedAt: new Date(),
            askedBy: 'officer-x',
          },
        },
      },
    );
    return { caseNumber: saved.caseNumber, questionId: questionId.toHexString() };
  }

  it("sends an officer's question into the Teams chat of the witness, in their language", async () => {
    const connector = await standInConnector();
    try {
      const { caseNumber, questionId } = await reportWithQuestion('msteams');
      const reference: Partial<ConversationReference> = {
        channelId: 'msteams',
        serviceUrl: connector.url,
        conversation: { id: 'a:teams-personal-chat', isGroup: false, conversationType: 'personal', name: '' },
        user: { id: '29:teams-user-d4', name: '' },
        bot: { id: '28:shield-bot', name: 'Shield Reporter' },
      };
      await saveConversationReference(
        database.connection,
        { tenantId: TENANT, aadObjectId: USER },
        reference,
      );
      const adapter = createAdapter(
        { bot: { appId: '', appPassword: '', appType: 'MultiTenant', appTenantId: '' } },
        memoryLogger().logger,
      );
      const deliver = questionDeliveryToTeams({ connection: database.connection, adapter, appId: '' });
      assert.equal(await deliver(caseNumber, questionId), true);
      assert.equal(connector.captured.length, 1);
      assert.match(connector.captured[0].path, /a%3Ateams-personal-chat|a:teams-personal-chat/);
      assert.equal(
        connector.captured[0].body.text,
        'De politie vraagt u: Welke kleur had de tas?\nTyp "status" om hier te antwoorden.',
      );
      assert.equal(connector.captured[0].body.textFormat, 'plain');
    } finally {
      connector.server.close();
    }
  });

  it('leaves a web witness for the status check, and sends nothing without a stored reference', async () => {
    const adapter = createAdapter(
      { bot: { appId: '', appPassword: '', appType: 'MultiTenant', appTenantId: '' } },
      memoryLogger().logger,
    );
    const deliver = questionDeliveryToTeams({ connection: database.connection, adapter, appId: '' });
    const web = await reportWithQuestion('webchat');
    assert.equal(await deliver(web.caseNumber, web.questionId), false);
    await database.connection.collection('conversationReferences').deleteMany({});
    const teams = await reportWithQuestion('msteams');
    assert.equal(await deliver(teams.caseNumber, teams.questionId), false);
  });
});
