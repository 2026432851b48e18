import assert from 'node:assert/strict';
import { once } from 'node:events';
import { ActivityHandler } from 'botbuilder';
import { RateLimiterMemory, type RateLimiterAbstract } from 'rate-limiter-flexible';
import { WebSocket } from 'ws';
import { createAdapter } from '../../../../bot/channels/adapter';
import { DirectLineChannel } from '../../../../bot/channels/directLine/channel';
import { DirectLineTokens } from '../../../../bot/channels/directLine/tokens';
import type { Database } from '../../../../models/store/db';
import { TranscriptStore } from '../../../../models/store/transcript';
import { openTestDatabase } from '../../../helpers/database';
import { memoryLogger } from '../../../helpers/logger';
import type { DirectLineClient } from '../../../helpers/directLineClient';
import { directLineServicePerTest } from '../../../helpers/serviceConfig';

describe('DirectLineChannel: starts, the bot side and the stream door', function () {
  this.timeout(30_000);
  const clientOfTest = directLineServicePerTest();
  let client: DirectLineClient;
  beforeEach(() => {
    client = clientOfTest();
  });

  it('welcomes only once when a reloaded page starts the conversation again', async () => {
    const { token, conversationId } = await client.open();
    const before = (await client.read(conversationId, token)).activities.length;
    assert.ok(before > 0, 'the bot welcomed the witness');
    assert.equal((await client.call('POST', '/v3/directline/conversations', { token })).status, 201);
    assert.equal((await client.read(conversationId, token)).activities.length, before);
  });

  it('refuses a reply on the connector endpoint from anyone but the bot (401), and writes nothing', async () => {
    const { token, conversationId } = await client.open();
    const before = (await client.read(conversationId, token)).activities.length;
    const answer = await client.call('POST', `/connector/v3/conversations/${conversationId}/activities`, {
      json: { type: 'message', text: 'pretending to be the police' },
    });
    assert.equal(answer.status, 401);
    assert.equal((await client.read(conversationId, token)).activities.length, before);
  });

  it('refuses to open a stream with a forged token (403)', async () => {
    const { streamUrl } = await client.open();
    const socket = new WebSocket(streamUrl.replace(/\?t=.*$/, '?t=forged'));
    socket.on('error', () => undefined);
    const [request, response] = (await once(socket, 'unexpected-response')) as [
      { destroy(): void },
      { statusCode: number },
    ];
    assert.equal(response.statusCode, 403);
    request.destroy();
  });
});

describe('DirectLineChannel when its rate-limit store fails', () => {
  let database: Database;
  before(async () => {
    database = await openTestDatabase();
  });
  after(async () => {
    await database.close();
  });

  /** A channel on the test database whose per-conversation limiter is the one given. */
  function channelWith(activityLimiter: RateLimiterAbstract): DirectLineChannel {
    const logger = memoryLogger().logger;
    return new DirectLineChannel({
      transcripts: new TranscriptStore(database.connection),
      tokens: new DirectLineTokens('an-invented-web-chat-secret-for-tests-only', 1800),
      adapter: createAdapter(
        { bot: { appId: '', appPassword: '', appType: 'MultiTenant', appTenantId: '' } },
        logger,
      ),
      bot: new ActivityHandler(),
      appId: '',
      serviceUrl: () => 'http://127.0.0.1:9/connector',
      activityLimiter,
      maxActivities: 100,
      logger,
    });
  }

  it('lets the database failure through (a 500 at the HTTP boundary) instead of calling it a 429', async () => {
    const storeDown = new Error('the limiter store cannot be reached');
    const channel = channelWith({
      consume: () => Promise.reject(storeDown),
    } as unknown as RateLimiterAbstract);
    const grant = await channel.store(
      await channel.authorise((await channel.createConversation('en')).token),
    );
    await assert.rejects(channel.postFromUser(grant, { type: 'message', text: 'hello' }), storeDown);
  });

  it('answers 429 when the limiter says the conversation is over its limit', async () => {
    const channel = channelWith(new RateLimiterMemory({ points: 0, duration: 60 }));
    const grant = await channel.store(
      await channel.authorise((await channel.createConversation('en')).token),
    );
    await assert.rejects(channel.postFromUser(grant, { type: 'message', text: 'hello' }), {
      name: 'ServiceError',
      status: 429,
    });
  });
});
