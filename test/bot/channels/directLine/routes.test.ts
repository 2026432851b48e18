import assert from 'node:assert/strict';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { readFile } from 'node:fs/promises';
import exifr from 'exifr';
import WebSocket from 'ws';
import { loadConfig } from '../../../../bot/config';
import { startService, type RunningService } from '../../../../bot/service';
import type { Database } from '../../../../models/store/db';
import { openTestDatabase } from '../../../helpers/database';
import { TranscriptStore, UNUSED_CONVERSATION_MS } from '../../../../models/store/transcript';
import { countCommands } from '../../../helpers/commandCounter';
import { memoryLogger } from '../../../helpers/logger';
import { photoWithGps, PHOTO } from '../../../helpers/photos';
import { temporaryDirectoryPerTest } from '../../../helpers/tempDir';
import { TestClock } from '../../../helpers/witness';

const SECRET = 'an-invented-web-chat-secret-for-tests-only';

interface Activity {
  type: string;
  id: string;
  text?: string;
  from: { id: string; role?: string };
  attachments?: { contentUrl?: string; contentType: string; name?: string }[];
}

describe('the self-hosted Direct Line channel', function () {
  this.timeout(30_000);
  const dataDir = temporaryDirectoryPerTest('shield-directline');
  let database: Database;
  const running: RunningService[] = [];
  let clock: TestClock;

  before(async () => {
    database = await openTestDatabase();
  });
  after(async () => {
    await database.close();
  });
  beforeEach(() => {
    clock = new TestClock(new Date());
  });
  afterEach(async () => {
    await Promise.all(running.splice(0).map((service) => service.stop()));
  });

  async function serve(environment: Record<string, string> = {}, on: Database = database): Promise<string> {
    const config = loadConfig({
      NODE_ENV: 'test',
      PORT: '0',
      HOST: '127.0.0.1',
      DATA_DIR: dataDir(),
      WEBCHAT_TOKEN_SECRET: SECRET,
      ...environment,
    });
    const service = await startService(config, memoryLogger().logger, { database: on, clock: clock.now });
    running.push(service);
    return service.url;
  }

  async function json(response: Response): Promise<Record<string, unknown>> {
    return (await response.json()) as Record<string, unknown>;
  }

  async function newConversation(url: string, body: Record<string, unknown> = { locale: 'en-US' }) {
    const response = await fetch(`${url}/api/webchat/token`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify(body),
    });
    assert.equal(response.status, 200);
    const answer = (await response.json()) as { token: string; conversationId: string; expires_in: number };
    const started = await fetch(`${url}/v3/directline/conversations`, {
      method: 'POST',
      headers: { Authorization: `Bearer ${answer.token}` },
    });
    assert.equal(started.status, 201);
    return {
      ...answer,
      started: (await started.json()) as { conversationId: string; streamUrl: string; token: string },
    };
  }

  const auth = (token: string) => ({ Authorization: `Bearer ${token}`, 'Content-Type': 'application/json' });

  async function send(url: string, token: string, conversationId: string, text: string): Promise<Response> {
    return fetch(`${url}/v3/directline/conversations/${conversationId}/activities`, {
      method: 'POST',
      headers: auth(token),
      body: JSON.stringify({ type: 'message', text, from: { id: 'someone-else' } }),
    });
  }

  async function activities(url: string, token: string, conversationId: string, watermark?: string) {
    const response = await fetch(
      `${url}/v3/directline/conversations/${conversationId}/activities${watermark ? `?watermark=${watermark}` : ''}`,
      { headers: auth(token) },
    );
    assert.equal(response.status, 200);
    return (await response.json()) as { activities: Activity[]; watermark?: string };
  }

  it('gives a token bound to a new conversation, and the bot welcomes the user when it starts', async () => {
    const url = await serve();
    const { token, conversationId, expires_in, started } = await newConversation(url, { locale: 'fr-BE' });
    assert.equal(expires_in, 1800);
    assert.equal(started.conversationId, conversationId);
    assert.match(
      started.streamUrl,
      new RegExp(`^ws://127\\.0\\.0\\.1:\\d+/v3/directline/conversations/${conversationId}/stream\\?t=`),
    );
    const { activities: seen, watermark } = await activities(url, token, conversationId);
    assert.equal(seen.length, 1);
    assert.match(seen[0].text ?? '', /^Bienvenue sur Shield Reporter/);
    assert.equal(seen[0].from.role, 'bot');
    assert.equal(watermark, '0');
  });

  it('stores nothing and writes nothing for tokens, starts and reads of the welcome: the conversation is stored with its first message', async () => {
    const own = await openTestDatabase({ monitorCommands: true });
    try {
      const url = await serve({}, own);
      const commands = countCommands(own);
      const conversations = own.connection.collection('webchatConversations');
      const started = [];
      for (let start = 0; start < 20; start += 1) started.push(await newConversation(url));
      assert.deepEqual(commands.seen, [], 'tokens and starts cost no database round trip at all');
      for (const { token, conversationId } of started.slice(0, 5)) {
        const { activities: welcome, watermark } = await activities(url, token, conversationId);
        assert.match(welcome[0]?.text ?? '', /^Welcome to Shield Reporter/, 'the welcome is shown at once');
        assert.equal(watermark, '0');
      }
      assert.deepEqual(commands.writes(), [], 'reading the welcome writes nothing');
      assert.equal(await conversations.countDocuments(), 0, 'no conversation is stored yet');

      const [first] = started;
      const posted = await send(url, first.token, first.conversationId, 'report');
      assert.equal(posted.status, 200);
      assert.equal(((await posted.json()) as { id: string }).id, `${first.conversationId}|0000001`);
      assert.equal(await conversations.countDocuments(), 1, 'the conversation with a message is stored');
      const stored = await activities(url, first.token, first.conversationId);
      assert.deepEqual(
        stored.activities.slice(0, 2).map((activity) => [activity.from.role, activity.text?.slice(0, 18)]),
        [
          ['bot', 'Welcome to Shield '],
          ['user', 'report'],
        ],
        'stored with its welcome, at the place the welcome was shown',
      );
      const later = await activities(url, first.token, first.conversationId, '0');
      assert.equal(later.activities[0]?.text, 'report', 'a reader of the welcome goes on after it');
    } finally {
      await Promise.all(running.splice(0).map((service) => service.stop()));
      await own.close();
    }
  });

  it('keeps nothing of typing before the first message, and resumes an unstored conversation after a reload', async () => {
    const own = await openTestDatabase();
    try {
      const url = await serve({}, own);
      const { token, conversationId } = await newConversation(url);
      const typing = await fetch(`${url}/v3/directline/conversations/${conversationId}/activities`, {
        method: 'POST',
        headers: auth(token),
        body: JSON.stringify({ type: 'typing' }),
      });
      assert.equal(typing.status, 200);
      assert.equal(await own.connection.collection('webchatConversations').countDocuments(), 0);
      clock.advance(20 * 60_000);
      const refreshed = await fetch(`${url}/v3/directline/tokens/refresh`, {
        method: 'POST',
        headers: auth(token),
      });
      assert.equal(refreshed.status, 200, 'an unstored conversation refreshes its token');
      const renewed = ((await refreshed.json()) as { token: string }).token;
      const reconnected = await fetch(`${url}/v3/directline/conversations/${conversationId}?watermark=0`, {
        headers: auth(renewed),
      });
      assert.equal(reconnected.status, 200, 'and reconnects');
      assert.equal((await activities(url, renewed, conversationId)).activities.length, 1, 'to its welcome');
      assert.equal((await send(url, renewed, conversationId, 'report')).status, 200);
      assert.equal(await own.connection.collection('webchatConversations').countDocuments(), 1);
    } finally {
      await Promise.all(running.splice(0).map((service) => service.stop()));
      await own.close();
    }
  });

  it('deletes a conversation an earlier version stored before any message after an hour, and keeps the others', async () => {
    const own = await openTestDatabase();
    try {
      const url = await serve({}, own);
      const used = await newConversation(url);
      assert.equal((await send(url, used.token, used.conversationId, 'hello')).status, 200);
      // As earlier versions stored a conversation when it started: with an expiry until its first message.
      await own.connection.collection('webchatConversations').insertOne({
        conversationId: 'stored-by-an-earlier-version',
        userId: 'dl_invented',
        nextWatermark: 1,
        shareLocation: false,
        started: true,
        expiresAt: new Date(clock.now().getTime() + UNUSED_CONVERSATION_MS),
        createdAt: clock.now(),
        updatedAt: clock.now(),
      });
      const store = new TranscriptStore(own.connection, clock.now);
      assert.equal(await store.deleteUnused(), 0, 'nothing is due yet');
      clock.advance(UNUSED_CONVERSATION_MS + 1000);
      assert.equal(await store.deleteUnused(), 1);
      const kept = await store.after(used.conversationId, undefined);
      assert.ok(kept.length >= 2, 'the one with a message is kept, with its activities');
    } finally {
      await Promise.all(running.splice(0).map((service) => service.stop()));
      await own.close();
    }
  });

  it('posts activities, runs the bot, and pages them with watermarks', async () => {
    const url = await serve();
    const { token, conversationId } = await newConversation(url);
    const posted = await send(url, token, conversationId, 'report');
    assert.equal(posted.status, 200);
    const { id } = (await posted.json()) as { id: string };
    assert.equal(id, `${conversationId}|0000001`);
    const all = await activities(url, token, conversationId);
    const mine = all.activities.find((activity) => activity.id === id);
    assert.ok(mine);
    assert.notEqual(
      mine.from.id,
      'someone-else',
      'the user is who the token says, not what the client claims',
    );
    assert.match(all.activities.at(-1)?.text ?? '', /is someone in danger/);
    const later = await activities(url, token, conversationId, all.watermark);
    assert.deepEqual(later.activities, [], 'nothing after the last watermark');
  });

  it('refreshes a token and reconnects to the same conversation', async () => {
    const url = await serve();
    const { token, conversationId } = await newConversation(url);
    clock.advance(10 * 60_000);
    const refreshed = await fetch(`${url}/v3/directline/tokens/refresh`, {
      method: 'POST',
      headers: auth(token),
    });
    assert.equal(refreshed.status, 200);
    const answer = (await refreshed.json()) as { token: string; conversationId: string; expires_in: number };
    assert.equal(answer.conversationId, conversationId);
    const reconnected = await fetch(`${url}/v3/directline/conversations/${conversationId}?watermark=0`, {
      headers: auth(answer.token),
    });
    assert.equal(reconnected.status, 200);
    assert.equal((await json(reconnected)).conversationId, conversationId);
  });

  it('refuses an expired token, a forged token, and a token for another conversation with 403', async () => {
    const url = await serve();
    const first = await newConversation(url);
    const second = await newConversation(url);
    const other = await send(url, first.token, second.conversationId, 'hello');
    assert.equal(other.status, 403);
    assert.deepEqual(((await other.json()) as { error: { code: string } }).error.code, 'BadToken');

    const forged = `${first.token.slice(0, -4)}AAAA`;
    const forgedAnswer = await send(url, forged, first.conversationId, 'hello');
    assert.equal(forgedAnswer.status, 403);

    clock.advance(31 * 60_000);
    const expired = await send(url, first.token, first.conversationId, 'hello');
    assert.equal(expired.status, 403);
    assert.equal(((await expired.json()) as { error: { code: string } }).error.code, 'TokenExpired');
    const refresh = await fetch(`${url}/v3/directline/tokens/refresh`, {
      method: 'POST',
      headers: auth(first.token),
    });
    assert.equal(refresh.status, 403, 'an expired token cannot be refreshed');
  });

  it('answers 404 for a conversation that no longer exists, and 400 for a malformed activity', async () => {
    const url = await serve();
    const { token, conversationId } = await newConversation(url);
    const tooLong = await send(url, token, conversationId, 'x'.repeat(8001));
    assert.equal(tooLong.status, 400);
    const wrongType = await fetch(`${url}/v3/directline/conversations/${conversationId}/activities`, {
      method: 'POST',
      headers: auth(token),
      body: JSON.stringify({ type: 'installationUpdate' }),
    });
    assert.equal(wrongType.status, 400);
    assert.equal((await send(url, token, conversationId, 'hello')).status, 200);
    await database.connection.collection('webchatConversations').deleteMany({ conversationId });
    // Missing while its token is younger than an hour, a conversation is still to begin; after that it
    // was deleted (retention), and stays gone.
    let current = token;
    for (let step = 0; step < 3; step += 1) {
      clock.advance(22 * 60_000);
      const refreshed = await fetch(`${url}/v3/directline/tokens/refresh`, {
        method: 'POST',
        headers: auth(current),
      });
      if (step < 2) current = ((await refreshed.json()) as { token: string }).token;
      else assert.equal(refreshed.status, 404, 'a deleted conversation gets no new token');
    }
    const gone = await send(url, current, conversationId, 'hello');
    assert.equal(gone.status, 404);
  });

  it('streams activities over the WebSocket as they are written', async () => {
    const url = await serve();
    const { token, conversationId, started } = await newConversation(url);
    const socket = new WebSocket(started.streamUrl);
    const texts: string[] = [];
    const sawQuestion = new Promise<void>((resolve) => {
      socket.on('message', (data: Buffer) => {
        const batch = JSON.parse(data.toString('utf8')) as { activities: Activity[]; watermark: string };
        for (const activity of batch.activities) texts.push(activity.text ?? '');
        if (texts.some((text) => /is someone in danger/.test(text))) resolve();
      });
    });
    await new Promise<void>((resolve) => socket.once('open', () => resolve()));
    await send(url, token, conversationId, 'report');
    await sawQuestion;
    assert.match(texts[0], /^Welcome to Shield Reporter/);
    socket.close();

    const refused = new WebSocket(started.streamUrl.replace(/t=[^&]+/, 't=forged'));
    const status = await new Promise<number>((resolve) =>
      refused.on('unexpected-response', (_request, response) => resolve(response.statusCode ?? 0)),
    );
    assert.equal(status, 403);
  });

  it('lets two service instances on one database serve the same conversation', async () => {
    const instanceA = await serve();
    const instanceB = await serve();
    const { token, conversationId } = await newConversation(instanceA);
    await send(instanceA, token, conversationId, 'report');
    const seenOnB = await activities(instanceB, token, conversationId);
    assert.match(seenOnB.activities.at(-1)?.text ?? '', /is someone in danger/, 'B reads what A wrote');
    await send(instanceB, token, conversationId, 'no');
    const seenOnA = await activities(instanceA, token, conversationId, seenOnB.watermark);
    assert.match(
      seenOnA.activities.at(-1)?.text ?? '',
      /What is your report about/,
      'and the dialog goes on across instances',
    );
  });

  describe('abuse limits', () => {
    it('limits token issuance per address with 429 and Retry-After', async () => {
      // A database of its own: the counters are shared by every instance on a database, by design.
      const own = await openTestDatabase();
      try {
        const url = await serve({ WEBCHAT_TOKENS_PER_MINUTE: '3' }, own);
        const statuses: number[] = [];
        let retryAfter: string | null = null;
        for (let attempt = 0; attempt < 5; attempt += 1) {
          const response = await fetch(`${url}/api/webchat/token`, { method: 'POST' });
          statuses.push(response.status);
          if (response.status === 429) retryAfter = response.headers.get('retry-after');
          await response.body?.cancel();
        }
        assert.deepEqual(statuses, [200, 200, 200, 429, 429]);
        assert.equal(retryAfter, '60');
      } finally {
        await Promise.all(running.splice(0).map((service) => service.stop()));
        await own.close();
      }
    });

    async function tokenStatuses(url: string, forwardedFor: (string | undefined)[]): Promise<number[]> {
      const statuses: number[] = [];
      for (const header of forwardedFor) {
        const response = await fetch(`${url}/api/webchat/token`, {
          method: 'POST',
          headers: header === undefined ? {} : { 'X-Forwarded-For': header },
        });
        statuses.push(response.status);
        await response.body?.cancel();
      }
      return statuses;
    }

    it('with TRUST_PROXY_HOPS 0, does not let a forged X-Forwarded-For escape the token limit', async () => {
      const own = await openTestDatabase();
      try {
        const url = await serve({ WEBCHAT_TOKENS_PER_MINUTE: '3' }, own);
        const forged = ['198.51.100.1', '198.51.100.2', '198.51.100.3', '198.51.100.4', '198.51.100.5'];
        assert.deepEqual(await tokenStatuses(url, forged), [200, 200, 200, 429, 429]);
      } finally {
        await Promise.all(running.splice(0).map((service) => service.stop()));
        await own.close();
      }
    });

    it('with TRUST_PROXY_HOPS 1, counts each forwarded address apart, and a malformed header as the proxy', async () => {
      const own = await openTestDatabase();
      try {
        const url = await serve({ WEBCHAT_TOKENS_PER_MINUTE: '2', TRUST_PROXY_HOPS: '1' }, own);
        const first = '203.0.113.1, 198.51.100.7';
        const second = '203.0.113.1, 198.51.100.8';
        assert.deepEqual(await tokenStatuses(url, [first, first, first]), [200, 200, 429]);
        assert.deepEqual(await tokenStatuses(url, [second]), [200], 'another client is not limited');
        // Malformed: counted under the socket address (the proxy's), as a request without the header is.
        assert.deepEqual(
          await tokenStatuses(url, ['garbage', '198.51.100.9:80', undefined]),
          [200, 200, 429],
        );
      } finally {
        await Promise.all(running.splice(0).map((service) => service.stop()));
        await own.close();
      }
    });

    it('limits activities per conversation, and the size of a conversation', async () => {
      const url = await serve({ WEBCHAT_ACTIVITIES_PER_MINUTE: '2', WEBCHAT_MAX_ACTIVITIES: '6' });
      const { token, conversationId } = await newConversation(url);
      const statuses: number[] = [];
      for (let attempt = 0; attempt < 3; attempt += 1)
        statuses.push((await send(url, token, conversationId, 'hello')).status);
      assert.deepEqual(statuses, [200, 200, 429]);

      const other = await newConversation(url);
      const sizes: number[] = [];
      for (let attempt = 0; attempt < 3; attempt += 1) {
        clock.advance(61_000);
        sizes.push((await send(url, other.token, other.conversationId, 'hello')).status);
      }
      assert.ok(sizes.includes(429), `the conversation stops growing at its limit (got ${sizes.join(', ')})`);
    });

    it('refuses token requests from sites that are not allowed, and answers CORS for those that are', async () => {
      const url = await serve({ WEBCHAT_ALLOWED_ORIGINS: 'https://police.example.org' });
      const foreign = await fetch(`${url}/api/webchat/token`, {
        method: 'POST',
        headers: { Origin: 'https://evil.example.net' },
      });
      assert.equal(foreign.status, 403);
      const allowed = await fetch(`${url}/api/webchat/token`, {
        method: 'POST',
        headers: { Origin: 'https://police.example.org' },
      });
      assert.equal(allowed.status, 200);
      assert.equal(allowed.headers.get('access-control-allow-origin'), 'https://police.example.org');
      const preflight = await fetch(`${url}/v3/directline/conversations`, {
        method: 'OPTIONS',
        headers: { Origin: 'https://police.example.org', 'Access-Control-Request-Method': 'POST' },
      });
      assert.equal(preflight.status, 204);
      assert.match(preflight.headers.get('access-control-allow-headers') ?? '', /Authorization/);
    });

    it('refuses unexpected fields in the token request', async () => {
      const url = await serve();
      const response = await fetch(`${url}/api/webchat/token`, {
        method: 'POST',
        headers: { 'Content-Type': 'application/json' },
        body: JSON.stringify({ locale: 'en', userId: 'chosen-by-client' }),
      });
      assert.equal(response.status, 400);
    });
  });

  describe('uploads', () => {
    async function upload(
      url: string,
      token: string,
      conversationId: string,
      name: string,
      bytes: Buffer,
      type = 'image/jpeg',
    ) {
      const form = new FormData();
      form.append('file', new Blob([new Uint8Array(bytes)], { type }), name);
      return fetch(`${url}/v3/directline/conversations/${conversationId}/upload?userId=ignored`, {
        method: 'POST',
        headers: { Authorization: `Bearer ${token}` },
        body: form,
      });
    }

    it('stores a photo, passes it to the bot as an attachment, and serves it only with the token', async () => {
      const url = await serve();
      const { token, conversationId } = await newConversation(url);
      const response = await upload(url, token, conversationId, 'platform.jpg', await readFile(PHOTO));
      assert.equal(response.status, 200);
      const { activities: seen } = await activities(url, token, conversationId);
      const withFile = seen.find((activity) => activity.attachments?.length);
      const contentUrl = withFile?.attachments?.[0].contentUrl ?? '';
      assert.match(contentUrl, /\/v3\/directline\/attachments\/[0-9a-f]{24}\?t=/);
      const download = await fetch(contentUrl);
      assert.equal(download.status, 200);
      assert.equal(download.headers.get('content-type'), 'image/jpeg');
      assert.deepEqual(
        Buffer.from(await download.arrayBuffer()),
        await readFile(PHOTO),
        'a photo without location is stored as sent',
      );
      const anonymous = await fetch(contentUrl.replace(/\?t=.*$/, ''));
      assert.equal(anonymous.status, 403);
      const stranger = await newConversation(url);
      const other = await fetch(contentUrl.replace(/\?t=.*$/, `?t=${stranger.token}`));
      assert.equal(other.status, 403, "another conversation's token does not open it");
    });

    it('refuses a file whose bytes are not a photo or PDF with 415, whatever its name, and says so in the chat', async () => {
      const url = await serve();
      const { token, conversationId } = await newConversation(url);
      const response = await upload(
        url,
        token,
        conversationId,
        'holiday.jpg',
        Buffer.from('MZ\u0090\u0000 this is a program'),
      );
      assert.equal(response.status, 415);
      const { activities: seen } = await activities(url, token, conversationId);
      assert.match(
        seen.at(-1)?.text ?? '',
        /"holiday\.jpg" could not be accepted\. You can send photos \(JPEG or PNG\) and PDF/,
      );
    });

    it('refuses an oversized file with 413 and says so in the chat', async () => {
      const url = await serve({ WEBCHAT_MAX_UPLOAD_BYTES: '2048' });
      const { token, conversationId } = await newConversation(url);
      const response = await upload(url, token, conversationId, 'large.jpg', await readFile(PHOTO));
      assert.equal(response.status, 413);
      const { activities: seen } = await activities(url, token, conversationId);
      assert.match(
        seen.at(-1)?.text ?? '',
        /That is too large\. You can send up to 5 files at a time, each at most 2 KB/,
      );
    });

    it('removes the location from a photo unless the witness chose to share it', async () => {
      const url = await serve();
      const located = await photoWithGps();
      const stored = async (token: string, conversationId: string) => {
        assert.equal((await upload(url, token, conversationId, 'located.jpg', located)).status, 200);
        const { activities: seen } = await activities(url, token, conversationId);
        const contentUrl =
          seen.find((activity) => activity.attachments?.length)?.attachments?.[0].contentUrl ?? '';
        const bytes = Buffer.from(await (await fetch(contentUrl)).arrayBuffer());
        return (await exifr.parse(bytes, { gps: true, tiff: true })) as Record<string, unknown> | undefined;
      };
      const privateByDefault = await newConversation(url);
      assert.equal(
        (await stored(privateByDefault.token, privateByDefault.conversationId))?.GPSLatitudeRef,
        undefined,
      );

      const sharing = await newConversation(url);
      const choice = await fetch(`${url}/api/webchat/preferences`, {
        method: 'POST',
        headers: auth(sharing.token),
        body: JSON.stringify({ shareLocation: true }),
      });
      assert.equal(choice.status, 200);
      assert.equal((await stored(sharing.token, sharing.conversationId))?.GPSLatitudeRef, 'N');
    });

    it('refuses an upload without the conversation token', async () => {
      const url = await serve();
      const { conversationId } = await newConversation(url);
      const response = await upload(url, '', conversationId, 'photo.jpg', await readFile(PHOTO));
      assert.equal(response.status, 403);
    });
  });
});

describe('the Azure Direct Line option', () => {
  const dataDir = temporaryDirectoryPerTest('shield-azure');

  it('exchanges the secret for a conversation token on the server, never giving the secret to the page', async () => {
    // A local stand-in for Azure's token endpoint: it records what the service sends it.
    const seen: { authorization?: string; path?: string }[] = [];
    const standIn = createServer((request, response) => {
      seen.push({ authorization: request.headers.authorization, path: request.url });
      response.writeHead(200, { 'Content-Type': 'application/json' });
      response.end(
        JSON.stringify({ conversationId: 'azure-conversation-1', token: 'azure-token-1', expires_in: 3600 }),
      );
    });
    await new Promise<void>((resolve) => standIn.listen(0, '127.0.0.1', () => resolve()));
    const { port } = standIn.address() as AddressInfo;
    const database = await openTestDatabase();
    const config = loadConfig({
      NODE_ENV: 'test',
      PORT: '0',
      HOST: '127.0.0.1',
      DATA_DIR: dataDir(),
      DIRECT_LINE_SECRET: 'an-invented-direct-line-secret',
      DIRECT_LINE_ENDPOINT: `http://127.0.0.1:${port}/v3/directline`,
    });
    const service = await startService(config, memoryLogger().logger, { database });
    try {
      const response = await fetch(`${service.url}/api/webchat/token`, { method: 'POST' });
      assert.equal(response.status, 200);
      const text = await response.text();
      assert.deepEqual(JSON.parse(text), {
        token: 'azure-token-1',
        conversationId: 'azure-conversation-1',
        expires_in: 3600,
        domain: `http://127.0.0.1:${port}/v3/directline`,
      });
      assert.ok(!text.includes('an-invented-direct-line-secret'), 'the secret never reaches the browser');
      assert.deepEqual(seen, [
        { authorization: 'Bearer an-invented-direct-line-secret', path: '/v3/directline/tokens/generate' },
      ]);
    } finally {
      await service.stop();
      await database.close();
      standIn.close();
    }
  });
});
