import assert from 'node:assert/strict';
import type { ConversationReference } from 'botbuilder';
import { Types } from 'mongoose';
import { createAdapter } from '../../../../bot/channels/adapter';
import {
  restConnector,
  MAX_ATTEMPTS,
  nextDelayMs,
  QuestionDelivery,
} from '../../../../bot/channels/teams/questionDelivery';
import { saveCaseContact } from '../../../../models/store/caseContact';
import {
  findPersonalReference,
  saveConversationReference,
} from '../../../../models/store/conversationReference';
import type { Database } from '../../../../models/store/db';
import { reportModel } from '../../../../models/store/report';
import { ReportRepository } from '../../../../models/store/reportRepository';
import { standInConnector, type StandInAnswer } from '../../../helpers/connectorStandIn';
import { openTestDatabase } from '../../../helpers/database';
import { inventedSubmission } from '../../../helpers/fixtures';
import { memoryLogger } from '../../../helpers/logger';
import { temporaryDirectoryPerTest } from '../../../helpers/tempDir';

const TENANT = '00000000-0000-4000-8000-00000000c0de';
const USER = '00000000-0000-4000-8000-0000000000d4';

function reference(serviceUrl: string, id: string, conversationType: string): Partial<ConversationReference> {
  return {
    channelId: 'msteams',
    serviceUrl,
    conversation: { id, isGroup: conversationType !== 'personal', conversationType, name: '' },
    user: { id: '29:teams-user-d4', name: '' },
    bot: { id: '28:shield-bot', name: 'Shield Reporter' },
  };
}

describe('QuestionDelivery', () => {
  const directory = temporaryDirectoryPerTest('shield-delivery');
  let database: Database;
  let now: Date;
  before(async () => {
    database = await openTestDatabase();
  });
  after(async () => {
    await database.close();
  });
  beforeEach(async () => {
    now = new Date('2026-11-30T10:00:00Z');
    for (const name of ['conversationReferences', 'caseContacts', 'questionDeliveries']) {
      await database.connection.collection(name).deleteMany({});
    }
  });

  async function reportWithQuestion(channel: 'msteams' | 'webchat', serviceUrl = 'http://127.0.0.1:9/') {
    const repository = new ReportRepository(database.connection, directory());
    const saved = await repository.submit(inventedSubmission({ channel, locale: 'nl' }));
    const questionId = new Types.ObjectId();
    await reportModel(database.connection).updateOne(
      { caseNumber: saved.caseNumber },
      {
        $push: {
          questions: { _id: questionId, text: 'Welke kleur had de tas?', askedAt: now, askedBy: 'officer-x' },
        },
      },
    );
    if (channel === 'msteams') {
      await saveCaseContact(database.connection, {
        caseNumber: saved.caseNumber,
        tenantId: TENANT,
        aadObjectId: USER,
        userId: '29:teams-user-d4',
        serviceUrl,
      });
    }
    return { caseNumber: saved.caseNumber, questionId: questionId.toHexString() };
  }

  function delivery() {
    const log = memoryLogger();
    const adapter = createAdapter(
      { bot: { appId: '', appPassword: '', appType: 'MultiTenant', appTenantId: '' } },
      log.logger,
    );
    const worker = new QuestionDelivery({
      connection: database.connection,
      connector: restConnector(adapter, ''),
      logger: log.logger,
      clock: () => now,
      random: () => 0,
    });
    return { worker, log };
  }

  async function stateOf(worker: QuestionDelivery, caseNumber: string, questionId: string) {
    return (await worker.queue.forCase(caseNumber)).get(questionId);
  }

  it("sends the question into the witness's personal chat, never into the channel they last wrote in", async () => {
    const connector = await standInConnector();
    try {
      const { caseNumber, questionId } = await reportWithQuestion('msteams', connector.url);
      const user = { tenantId: TENANT, aadObjectId: USER };
      await saveConversationReference(
        database.connection,
        user,
        reference(connector.url, 'a:personal-chat', 'personal'),
        { personal: true },
      );
      // Afterwards the witness wrote in a team channel: that is the last place, not where questions go.
      await saveConversationReference(
        database.connection,
        user,
        reference(connector.url, '19:team-channel@thread.tacv2', 'channel'),
      );
      const { worker } = delivery();
      assert.deepEqual(await worker.enqueue(caseNumber, questionId), {
        state: 'queued',
        attempts: 0,
        reason: null,
        deliveredAt: null,
      });
      await worker.idle();
      assert.equal(connector.captured.length, 1);
      assert.match(connector.captured[0].path, /^\/v3\/conversations\/a(%3A|:)personal-chat\/activities/);
      assert.equal(
        connector.captured[0].body.text,
        'De politie vraagt u: Welke kleur had de tas?\n\nTyp "status" om hier te antwoorden.',
      );
      assert.equal(connector.captured[0].body.textFormat, 'plain');
      assert.equal((await stateOf(worker, caseNumber, questionId))?.state, 'delivered');
    } finally {
      connector.server.close();
    }
  });

  it('opens a personal chat on the tenant (createConversation, not a group) when none is known', async () => {
    const connector = await standInConnector({
      respond: (request) =>
        request.path === '/v3/conversations' ? { status: 200, body: { id: 'a:opened-chat' } } : undefined,
    });
    try {
      const { caseNumber, questionId } = await reportWithQuestion('msteams', connector.url);
      const { worker } = delivery();
      await worker.enqueue(caseNumber, questionId);
      await worker.idle();
      const [create, message] = connector.captured;
      assert.equal(create?.path, '/v3/conversations');
      assert.equal(create?.body.isGroup, false);
      assert.equal(create?.body.tenantId, TENANT);
      assert.deepEqual(
        create?.body.members?.map((member) => member.id),
        ['29:teams-user-d4'],
      );
      assert.match(message?.path ?? '', /^\/v3\/conversations\/a(%3A|:)opened-chat\/activities/);
      assert.equal((await stateOf(worker, caseNumber, questionId))?.state, 'delivered');
      const kept = (await findPersonalReference(database.connection, {
        tenantId: TENANT,
        aadObjectId: USER,
      })) as Partial<ConversationReference>;
      assert.equal(kept.conversation?.id, 'a:opened-chat', 'the opened chat is kept for the next question');
    } finally {
      connector.server.close();
    }
  });

  it('waits as long as Retry-After says after a 429, then delivers, without the turn error handler', async () => {
    const answers: StandInAnswer[] = [{ status: 429, headers: { 'retry-after': '30' }, body: {} }];
    const connector = await standInConnector({ respond: () => answers.shift() });
    try {
      const { caseNumber, questionId } = await reportWithQuestion('msteams', connector.url);
      await saveConversationReference(
        database.connection,
        { tenantId: TENANT, aadObjectId: USER },
        reference(connector.url, 'a:personal-chat', 'personal'),
        { personal: true },
      );
      const { worker, log } = delivery();
      await worker.enqueue(caseNumber, questionId);
      await worker.idle();
      const waiting = await stateOf(worker, caseNumber, questionId);
      assert.equal(waiting?.state, 'queued');
      assert.equal(waiting?.reason, 'ConnectorError (HTTP 429)');
      now = new Date(now.getTime() + 29_000);
      await worker.runDue();
      assert.equal(connector.captured.length, 1, 'not retried before Retry-After');
      now = new Date(now.getTime() + 1_000);
      await worker.runDue();
      assert.equal(connector.captured.length, 2);
      assert.equal((await stateOf(worker, caseNumber, questionId))?.state, 'delivered');
      assert.ok(
        connector.captured.every((request) => request.body.text?.startsWith('De politie vraagt u')),
        'the witness never got "something went wrong"',
      );
      assert.ok(!log.lines().some((line) => line.includes('turn failed')), 'no turn error');
    } finally {
      connector.server.close();
    }
  });

  it('retries a 503 with growing delays and shows the delivery as failed, with the reason, at the end', async () => {
    const connector = await standInConnector({ respond: () => ({ status: 503, body: {} }) });
    try {
      const { caseNumber, questionId } = await reportWithQuestion('msteams', connector.url);
      await saveConversationReference(
        database.connection,
        { tenantId: TENANT, aadObjectId: USER },
        reference(connector.url, 'a:personal-chat', 'personal'),
        { personal: true },
      );
      const { worker } = delivery();
      await worker.enqueue(caseNumber, questionId);
      await worker.idle();
      for (let attempt = 1; attempt < MAX_ATTEMPTS; attempt += 1) {
        assert.equal((await stateOf(worker, caseNumber, questionId))?.state, 'queued');
        now = new Date(now.getTime() + nextDelayMs(attempt, undefined, () => 0));
        await worker.runDue();
      }
      assert.equal(connector.captured.length, MAX_ATTEMPTS);
      assert.deepEqual(await stateOf(worker, caseNumber, questionId), {
        state: 'failed',
        attempts: MAX_ATTEMPTS,
        reason: 'GaveUp: ConnectorError (HTTP 503)',
        deliveredAt: null,
      });
    } finally {
      connector.server.close();
    }
  });

  it('fails at once, with the reason, when Teams refuses to open a personal chat (403)', async () => {
    const connector = await standInConnector({ respond: () => ({ status: 403, body: {} }) });
    try {
      const { caseNumber, questionId } = await reportWithQuestion('msteams', connector.url);
      const { worker } = delivery();
      await worker.enqueue(caseNumber, questionId);
      await worker.idle();
      assert.equal(connector.captured.length, 1);
      const failed = await stateOf(worker, caseNumber, questionId);
      assert.equal(failed?.state, 'failed');
      assert.equal(failed?.reason, 'PersonalChatNotOpened (HTTP 403)');
    } finally {
      connector.server.close();
    }
  });

  it('queues nothing for a web witness, who sees the question at the status check', async () => {
    const web = await reportWithQuestion('webchat');
    const { worker } = delivery();
    assert.equal(await worker.enqueue(web.caseNumber, web.questionId), undefined);
    assert.equal((await worker.queue.forCase(web.caseNumber)).size, 0);
  });

  it('grows the delay exponentially with jitter, and never waits less than Retry-After', () => {
    assert.equal(
      nextDelayMs(1, undefined, () => 0),
      500,
    );
    assert.equal(
      nextDelayMs(3, undefined, () => 0),
      2_000,
    );
    assert.equal(
      nextDelayMs(3, undefined, (max) => max - 1),
      3_999,
    );
    assert.equal(
      nextDelayMs(1, 30_000, () => 0),
      30_000,
    );
  });
});
