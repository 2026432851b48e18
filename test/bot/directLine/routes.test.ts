import assert from 'node:assert/strict';
import { once } from 'node:events';
import { createServer as createHttpServer, type Server as HttpServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { WebSocket } from 'ws';
import { DirectLineTokens } from '../../../bot/directLine/tokens';
import { startService, type RunningService } from '../../../bot/service';
import { openDatabase, type Database } from '../../../models/db';
import { TranscriptStore } from '../../../models/transcript';
import { openTestDatabase } from '../../helpers/database';
import { DirectLineClient, type Activity } from '../../helpers/directLineClient';
import { memoryLogger } from '../../helpers/logger';
import { testServiceConfig } from '../../helpers/serviceConfig';
import { temporaryDirectoryPerTest } from '../../helpers/tempDir';

const SECRET = 'an-invented-web-chat-secret-for-tests-only';
const HOUR = 3_600_000;

describe('the Direct Line channel (HTTP API)', function () {
  this.timeout(30_000);
  const dataDir = temporaryDirectoryPerTest('shield-directline');
  let database: Database;
  let now: Date;
  const services: RunningService[] = [];

  before(async () => {
    database = await openTestDatabase();
  });
  after(async () => {
    await database.close();
  });
  beforeEach(() => {
    now = new Date('2026-03-02T10:00:00Z');
  });
  afterEach(async () => {
    await Promise.all(services.splice(0).map((service) => service.stop()));
  });

  async function start(
    overrides: Record<string, string> = {},
    on: Database = database,
  ): Promise<DirectLineClient & { service: RunningService }> {
    const config = testServiceConfig(dataDir(), {
      WEBCHAT_TOKEN_SECRET: SECRET,
      // Each test gets fresh limits (the counters live in the shared test database).
      WEBCHAT_TOKENS_PER_MINUTE: '1000',
      ...overrides,
    });
    const service = await startService(config, memoryLogger().logger, { database: on, clock: () => now });
    services.push(service);
    return Object.assign(new DirectLineClient(service.url), { service });
  }

  const botMessages = (activities: Activity[]) =>
    activities.filter((activity) => activity.type === 'message' && activity.from?.role === 'bot');

  describe('tokens', () => {
    it('issues a signed token bound to a new conversation, valid 30 minutes by default', async () => {
      const client = await start();
      const answer = await client.call('POST', '/api/webchat/token', { json: {} });
      assert.equal(answer.status, 200);
      assert.equal(typeof answer.body.token, 'string');
      assert.equal(typeof answer.body.conversationId, 'string');
      assert.equal(answer.body.expires_in, 1800);
      assert.equal(JSON.stringify(answer.body).includes(SECRET), false, 'no secret reaches the browser');
    });

    it('refuses an expired token with 403 and a clear error', async () => {
      const client = await start();
      const { token, conversationId } = await client.open();
      now = new Date(now.getTime() + 31 * 60_000);
      const answer = await client.call('GET', `/v3/directline/conversations/${conversationId}/activities`, {
        token,
      });
      assert.equal(answer.status, 403);
      assert.deepEqual(answer.body.error, { code: 'TokenExpired', message: 'The token has expired.' });
    });

    it('refreshes a token, and the refreshed one outlives the first', async () => {
      const client = await start();
      const { token, conversationId } = await client.open();
      now = new Date(now.getTime() + 20 * 60_000);
      const refreshed = await client.call('POST', '/v3/directline/tokens/refresh', { token });
      assert.equal(refreshed.status, 200);
      assert.equal(refreshed.body.conversationId, conversationId);
      assert.equal(refreshed.body.expires_in, 1800);
      now = new Date(now.getTime() + 20 * 60_000);
      const path = `/v3/directline/conversations/${conversationId}/activities`;
      assert.equal((await client.call('GET', path, { token })).status, 403, 'the first token has expired');
      assert.equal((await client.call('GET', path, { token: String(refreshed.body.token) })).status, 200);
    });

    it('refuses a token on another conversation with 403', async () => {
      const client = await start();
      const first = await client.open();
      const second = await client.open();
      const answer = await client.call(
        'GET',
        `/v3/directline/conversations/${second.conversationId}/activities`,
        { token: first.token },
      );
      assert.equal(answer.status, 403);
      assert.equal((answer.body.error as { code: string }).code, 'BadToken');
    });

    it('refuses a token signed with another key (forged) with 403', async () => {
      const client = await start();
      const { conversationId } = await client.open();
      const forged = await new DirectLineTokens(
        'someone-elses-secret-of-thirty-two-chars',
        1800,
        () => now,
      ).issue({ conversationId, userId: 'dl_attacker' });
      const answer = await client.call('GET', `/v3/directline/conversations/${conversationId}/activities`, {
        token: forged.token,
      });
      assert.equal(answer.status, 403);
      assert.equal((answer.body.error as { code: string }).code, 'BadToken');
    });

    it('refuses a request without a token with 403', async () => {
      const client = await start();
      const { conversationId } = await client.open();
      const answer = await client.call('GET', `/v3/directline/conversations/${conversationId}/activities`);
      assert.equal(answer.status, 403);
    });

    it('answers 404 for a conversation that does not exist', async () => {
      const client = await start();
      const valid = await new DirectLineTokens(SECRET, 1800, () => now).issue({
        conversationId: 'no-such-conversation',
        userId: 'dl_nobody',
      });
      const answer = await client.call('GET', '/v3/directline/conversations/no-such-conversation', {
        token: valid.token,
      });
      assert.equal(answer.status, 404);
    });
  });

  describe('conversations and activities', () => {
    it('starts a conversation (201, streamUrl) and the bot welcomes the witness', async () => {
      const client = await start();
      const { token, conversationId } = await client.token();
      const started = await client.call('POST', '/v3/directline/conversations', { token });
      assert.equal(started.status, 201);
      assert.equal(started.body.conversationId, conversationId);
      assert.match(
        String(started.body.streamUrl),
        /^ws:\/\/127\.0\.0\.1:\d+\/v3\/directline\/conversations\/.+\/stream\?t=/,
      );
      const { activities, watermark } = await client.read(conversationId, token);
      assert.ok(botMessages(activities).length > 0, 'the bot said something first');
      assert.equal(watermark, String(activities.length - 1));
    });

    it('welcomes only once when the conversation is started again (a reload)', async () => {
      const client = await start();
      const { token, conversationId } = await client.open();
      const before = (await client.read(conversationId, token)).activities.length;
      const again = await client.call('POST', '/v3/directline/conversations', { token });
      assert.equal(again.status, 201);
      assert.equal((await client.read(conversationId, token)).activities.length, before);
    });

    it('reconnects to a conversation with GET and gives a stream URL carrying the token', async () => {
      const client = await start();
      const { token, conversationId } = await client.open();
      const answer = await client.call('GET', `/v3/directline/conversations/${conversationId}?watermark=0`, {
        token,
      });
      assert.equal(answer.status, 200);
      assert.equal(answer.body.conversationId, conversationId);
      assert.ok(String(answer.body.streamUrl).includes(`/conversations/${conversationId}/stream`));
    });

    it('posts an activity (id answered) and reads only what came after a watermark', async () => {
      const client = await start();
      const { token, conversationId } = await client.open();
      const first = await client.read(conversationId, token);
      const posted = await client.say(conversationId, token, { text: 'hello' });
      assert.equal(posted.status, 200);
      assert.match(String(posted.body.id), new RegExp(`^${conversationId}\\|\\d{7}$`));
      const next = await client.read(conversationId, token, first.watermark);
      assert.equal(next.activities[0].id, posted.body.id);
      assert.equal(next.activities[0].text, 'hello');
      assert.equal(next.activities[0].from?.role, 'user');
      assert.ok(botMessages(next.activities).length > 0, 'the bot answered through its connector');
      const none = await client.read(conversationId, token, next.watermark);
      assert.deepEqual(none.activities, []);
      assert.equal(none.watermark, next.watermark);
    });

    it('refuses a posted activity with attachments (files go through upload)', async () => {
      const client = await start();
      const { token, conversationId } = await client.open();
      const answer = await client.say(conversationId, token, {
        attachments: [{ contentType: 'image/png', contentUrl: 'http://example.invalid/x.png' }],
      });
      assert.equal(answer.status, 400);
    });

    it('accepts replies on the connector endpoint only with the channel token', async () => {
      const client = await start();
      const { conversationId } = await client.open();
      const answer = await client.call('POST', `/connector/v3/conversations/${conversationId}/activities`, {
        json: { type: 'message', text: 'not from the bot' },
      });
      assert.equal(answer.status, 401);
    });
  });

  describe('the WebSocket stream', () => {
    it('pushes the transcript, then each new activity, with watermarks', async () => {
      const client = await start();
      const { token, conversationId, streamUrl } = await client.open();
      const socket = new WebSocket(streamUrl);
      const received: { activities: Activity[]; watermark: string }[] = [];
      let wake: () => void = () => undefined;
      socket.on('message', (data: Buffer) => {
        received.push(JSON.parse(data.toString('utf8')) as { activities: Activity[]; watermark: string });
        wake();
      });
      const until = async (check: () => boolean) => {
        while (!check()) await new Promise<void>((resolve) => (wake = resolve));
      };
      try {
        await once(socket, 'open');
        await until(() => received.length > 0);
        assert.ok(botMessages(received[0].activities).length > 0, 'the welcome is pushed first');
        const welcomeMark = Number(received[0].watermark);
        await client.say(conversationId, token, { text: 'hello' });
        const all = () => received.flatMap((push) => push.activities);
        await until(
          () =>
            all().some((a) => a.text === 'hello') &&
            botMessages(all()).length > botMessages(received[0].activities).length,
        );
        assert.ok(Number(received.at(-1)?.watermark) > welcomeMark);
      } finally {
        socket.terminate();
      }
    });

    it('refuses a stream without a valid token', async () => {
      const client = await start();
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

  describe('two service instances on one database', () => {
    it('serves one conversation from both: a client polling B sees what A wrote', async () => {
      const a = await start();
      const connection = database.connection;
      const uri =
        process.env.MONGODB_URI ?? `mongodb://${connection.host}:${connection.port}/?directConnection=true`;
      const second = await openDatabase({ uri, dbName: connection.name });
      try {
        const b = await start({}, second);
        const { token, conversationId } = await a.open();
        const onA = await a.read(conversationId, token);
        assert.deepEqual(await b.read(conversationId, token), onA, 'B sees the welcome A wrote');
        await a.say(conversationId, token, { text: 'hello from A' });
        const fromB = await b.read(conversationId, token, onA.watermark);
        assert.equal(fromB.activities[0].text, 'hello from A');
        assert.ok(botMessages(fromB.activities).length > 0);
        await b.say(conversationId, token, { text: 'and B' });
        const fromA = await a.read(conversationId, token, fromB.watermark);
        assert.equal(fromA.activities[0].text, 'and B');
        assert.equal(Number(fromA.activities[0].id?.split('|')[1]), Number(fromB.watermark) + 1);
      } finally {
        await Promise.all(services.splice(0).map((service) => service.stop()));
        await second.close();
      }
    });
  });

  describe('abuse limits', () => {
    it('limits token issuance per address: 429 with Retry-After', async () => {
      // The counters live in the database, shared by instances: a database of its own keeps them apart
      // from the other tests' token requests from the same address.
      const own = await openTestDatabase();
      try {
        const client = await start({ WEBCHAT_TOKENS_PER_MINUTE: '2' }, own);
        assert.equal((await client.call('POST', '/api/webchat/token', { json: {} })).status, 200);
        assert.equal((await client.call('POST', '/api/webchat/token', { json: {} })).status, 200);
        const refused = await client.call('POST', '/api/webchat/token', { json: {} });
        assert.equal(refused.status, 429);
        assert.equal(refused.headers.get('retry-after'), '60');
      } finally {
        await Promise.all(services.splice(0).map((service) => service.stop()));
        await own.close();
      }
    });

    it('limits activities per conversation per minute', async () => {
      const client = await start({ WEBCHAT_ACTIVITIES_PER_MINUTE: '2' });
      const { token, conversationId } = await client.open();
      assert.equal((await client.say(conversationId, token, { text: 'one' })).status, 200);
      assert.equal((await client.say(conversationId, token, { text: 'two' })).status, 200);
      assert.equal((await client.say(conversationId, token, { text: 'three' })).status, 429);
      const other = await client.open();
      assert.equal(
        (await client.say(other.conversationId, other.token, { text: 'one' })).status,
        200,
        'per conversation',
      );
    });

    it('limits how many activities one conversation may hold', async () => {
      const client = await start({ WEBCHAT_MAX_ACTIVITIES: '3' });
      const { token, conversationId } = await client.open();
      let status = 200;
      for (let sent = 0; sent < 3 && status === 200; sent += 1) {
        status = (await client.say(conversationId, token, { text: `message ${sent}` })).status;
      }
      assert.equal(status, 429);
    });

    it('refuses an activity whose text is too long (400) and a body over the size limit (413)', async () => {
      const client = await start({ MAX_BODY_BYTES: '16384' });
      const { token, conversationId } = await client.open();
      assert.equal((await client.say(conversationId, token, { text: 'x'.repeat(8_001) })).status, 400);
      assert.equal((await client.say(conversationId, token, { text: 'x'.repeat(20_000) })).status, 413);
    });

    it('refuses browsers on sites outside the allow-list, and names an allowed one in CORS headers', async () => {
      const client = await start({ WEBCHAT_ALLOWED_ORIGINS: 'https://www.city.example' });
      const evil = await client.call('POST', '/api/webchat/token', {
        json: {},
        headers: { Origin: 'https://evil.example' },
      });
      assert.equal(evil.status, 403);
      const allowed = await client.call('POST', '/api/webchat/token', {
        json: {},
        headers: { Origin: 'https://www.city.example' },
      });
      assert.equal(allowed.status, 200);
      assert.equal(allowed.headers.get('access-control-allow-origin'), 'https://www.city.example');
      const preflight = await client.call('OPTIONS', '/v3/directline/conversations', {
        headers: { Origin: 'https://evil.example', 'Access-Control-Request-Method': 'POST' },
      });
      assert.equal(preflight.status, 403);
    });

    it('serves the page with a Content-Security-Policy that allows no foreign scripts', async () => {
      const client = await start({ WEBCHAT_ALLOWED_ORIGINS: 'https://www.city.example' });
      const page = await fetch(`${client.base}/`);
      assert.equal(page.status, 200);
      const policy = page.headers.get('content-security-policy') ?? '';
      assert.match(policy, /script-src 'self'(;|$)/);
      assert.match(policy, /frame-ancestors 'self' https:\/\/www\.city\.example/);
      assert.match(await page.text(), /Report something suspicious/);
      const bundle = await fetch(`${client.base}/webchat/webchat.js`);
      assert.equal(bundle.status, 200, 'the Web Chat bundle is served by the service itself');
      await bundle.arrayBuffer();
    });
  });

  describe('Azure Direct Line (DIRECT_LINE_SECRET)', () => {
    let standIn: HttpServer;
    let seen: { path: string | undefined; authorization: string | undefined }[];
    before(async () => {
      seen = [];
      standIn = createHttpServer((req, res) => {
        seen.push({ path: req.url, authorization: req.headers.authorization });
        res.setHeader('Content-Type', 'application/json');
        res.end(JSON.stringify({ conversationId: 'azure-conv', token: 'azure-token', expires_in: 3600 }));
      });
      standIn.listen(0, '127.0.0.1');
      await once(standIn, 'listening');
    });
    after(() => {
      standIn.close();
    });

    it('exchanges the secret for a conversation token on the server; the secret never reaches the page', async () => {
      const endpoint = `http://127.0.0.1:${(standIn.address() as AddressInfo).port}/v3/directline`;
      const client = await start({
        DIRECT_LINE_SECRET: 'invented-azure-secret',
        DIRECT_LINE_ENDPOINT: endpoint,
      });
      const answer = await client.call('POST', '/api/webchat/token', { json: {} });
      assert.equal(answer.status, 200);
      assert.deepEqual(answer.body, {
        token: 'azure-token',
        conversationId: 'azure-conv',
        expires_in: 3600,
        domain: endpoint,
      });
      assert.deepEqual(seen, [
        { path: '/v3/directline/tokens/generate', authorization: 'Bearer invented-azure-secret' },
      ]);
    });
  });

  it('keeps transcripts of idle conversations no longer than the retention', async () => {
    const client = await start();
    const { conversationId } = await client.open();
    now = new Date(now.getTime() + 91 * 24 * HOUR);
    const removed = await new TranscriptStore(database.connection, () => now).deleteIdleSince(
      new Date(now.getTime() - 90 * 24 * HOUR),
    );
    assert.ok(removed >= 1);
    const fresh = await new DirectLineTokens(SECRET, 1800, () => now).issue({ conversationId, userId: 'x' });
    assert.equal(
      (await client.call('GET', `/v3/directline/conversations/${conversationId}`, { token: fresh.token }))
        .status,
      404,
    );
  });
});
