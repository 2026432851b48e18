import assert from 'node:assert/strict';
import { mkdtemp, readdir, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { createDeflate, createGzip, type Deflate, type Gzip } from 'node:zlib';
import { startService, type RunningService } from '../../../bot/service';
import type { Database } from '../../../models/store/db';
import { openTestDatabase } from '../../helpers/database';
import { DirectLineClient } from '../../helpers/directLineClient';
import { memoryLogger } from '../../helpers/logger';
import { rawRequest, sendRaw } from '../../helpers/rawHttp';
import { testServiceConfig } from '../../helpers/serviceConfig';

const MAX_BODY_BYTES = 256 * 1024;

/** Compressed zeros: `inflated` bytes of them, through gzip or deflate, without holding them in memory. */
async function bomb(coding: 'gzip' | 'deflate', inflated: number): Promise<Buffer> {
  const compressor: Gzip | Deflate =
    coding === 'gzip' ? createGzip({ level: 9 }) : createDeflate({ level: 9 });
  const out: Buffer[] = [];
  compressor.on('data', (chunk: Buffer) => out.push(chunk));
  const done = new Promise((resolve) => compressor.on('end', resolve));
  const block = Buffer.alloc(1024 * 1024, '0');
  for (let written = 0; written < inflated; written += block.length) {
    if (!compressor.write(block)) await new Promise((resolve) => compressor.once('drain', resolve));
  }
  compressor.end();
  await done;
  return Buffer.concat(out);
}

/** The multipart body `curl -F f=@file` sends, with `size` bytes of file. */
function multipart(size: number): { type: string; body: Buffer } {
  const boundary = '----shield-test-boundary';
  return {
    type: `multipart/form-data; boundary=${boundary}`,
    body: Buffer.concat([
      Buffer.from(
        `--${boundary}\r\nContent-Disposition: form-data; name="f"; filename="big.bin"\r\n` +
          'Content-Type: application/octet-stream\r\n\r\n',
      ),
      Buffer.alloc(size, 7),
      Buffer.from(`\r\n--${boundary}--\r\n`),
    ]),
  };
}

/** The files formidable (restify's multipart parser) leaves in the temporary folder. */
async function spooledUploads(): Promise<string[]> {
  return (await readdir(tmpdir())).filter((name) => name.startsWith('upload_'));
}

function nested(depth: number): string {
  return `${'['.repeat(depth)}${']'.repeat(depth)}`;
}

describe('Hostile input (issue 10)', () => {
  let database: Database;
  let service: RunningService;
  let dataDir: string;
  const log = memoryLogger();

  before(async () => {
    database = await openTestDatabase();
    dataDir = await mkdtemp(path.join(tmpdir(), 'shield-hostile-'));
    const config = testServiceConfig(dataDir, {
      MAX_BODY_BYTES: String(MAX_BODY_BYTES),
      WEBCHAT_TOKEN_SECRET: 'an-invented-web-chat-secret-for-tests-only',
      WEBCHAT_TOKENS_PER_MINUTE: '1000',
    });
    service = await startService(config, log.logger, { database });
  });
  after(async () => {
    await service.stop();
    await database.close();
    await rm(dataDir, { recursive: true, force: true });
  });

  async function assertStillServing(): Promise<void> {
    const health = await fetch(`${service.url}/healthz`);
    assert.equal(health.status, 200, 'the service still answers /healthz');
  }

  async function post(route: string, headers: Record<string, string>, body: Buffer | string) {
    const response = await fetch(`${service.url}${route}`, {
      method: 'POST',
      headers,
      body: new Uint8Array(Buffer.from(body)),
    });
    const text = await response.text();
    return { status: response.status, body: JSON.parse(text) as Record<string, unknown> };
  }

  describe('no request ends the process', () => {
    it('answers a login whose gzip body is not gzip with 400, logs it without the body, and goes on', async () => {
      const marker = 'not-gzip-marker-7f3a';
      const answer = await post(
        '/api/auth/login',
        { 'content-type': 'application/json', 'content-encoding': 'gzip' },
        marker,
      );
      assert.equal(answer.status, 400);
      assert.equal(answer.body.code, 'InvalidContent');
      assert.ok(
        log.lines().some((line) => line.includes('request body refused') && line.includes('/api/auth/login')),
        'the refusal is logged',
      );
      assert.ok(!log.lines().some((line) => line.includes(marker)), 'the body never reaches the log');
      await assertStillServing();
    });

    it('answers a stream upgrade whose conversation id is a malformed escape with 400 and goes on', async () => {
      const answer = await sendRaw(
        service.url,
        rawRequest('GET', '/v3/directline/conversations/%E0/stream?t=x', {
          Host: 'localhost',
          Connection: 'Upgrade',
          Upgrade: 'websocket',
          'Sec-WebSocket-Version': '13',
          'Sec-WebSocket-Key': 'dGhlIHNhbXBsZSBub25jZQ==',
        }),
      );
      assert.equal(answer.status, 400);
      assert.ok(log.lines().some((line) => line.includes('web chat stream refused')));
      await assertStillServing();
    });

    it('answers a stream upgrade to an address that is not a stream with 404', async () => {
      const answer = await sendRaw(
        service.url,
        rawRequest('GET', '/v3/directline/nothing', {
          Host: 'localhost',
          Connection: 'Upgrade',
          Upgrade: 'websocket',
        }),
      );
      assert.equal(answer.status, 404);
      await assertStillServing();
    });
  });

  describe('multipart bodies', () => {
    it('refuses multipart on the login route with 415 and spools nothing to the temporary folder', async () => {
      const before = await spooledUploads();
      const { type, body } = multipart(2 * 1024 * 1024);
      const answer = await sendRaw(
        service.url,
        rawRequest(
          'POST',
          '/api/auth/login',
          {
            Host: 'localhost',
            'Content-Type': type,
            'Content-Length': String(body.length),
            Connection: 'close',
          },
          body,
        ),
      );
      assert.equal(answer.status, 415);
      assert.equal((JSON.parse(answer.body) as { code?: unknown }).code, 'UnsupportedMediaType');
      assert.deepEqual(await spooledUploads(), before, 'no upload_* file appeared');
    });

    it('answers 415 before the body is sent when the client asks first (Expect: 100-continue)', async () => {
      const { type, body } = multipart(1024);
      const answer = await sendRaw(
        service.url,
        rawRequest('POST', '/api/auth/login', {
          Host: 'localhost',
          'Content-Type': type,
          'Content-Length': String(body.length),
          Expect: '100-continue',
          Connection: 'close',
        }),
      );
      assert.equal(answer.status, 415);
      assert.equal(answer.continued, false, 'the client was not told to send the body');
    });

    it('refuses a compressed upload with 415 (the upload route reads multipart as sent)', async () => {
      const { type, body } = multipart(1024);
      const answer = await post(
        '/v3/directline/conversations/some-conversation/upload',
        { 'content-type': type, 'content-encoding': 'gzip' },
        body,
      );
      assert.equal(answer.status, 415);
      assert.equal((answer.body.error as { code?: unknown }).code, 'UnsupportedMediaType');
    });

    for (const route of [
      '/api/messages',
      '/api/webchat/token',
      '/api/cases/SR-AAAAA-AAAAA/notes',
      '/v3/directline/conversations',
    ]) {
      it(`refuses multipart on ${route} with 415`, async () => {
        const { type, body } = multipart(4096);
        const answer = await fetch(`${service.url}${route}`, {
          method: 'POST',
          headers: { 'content-type': type },
          body: new Uint8Array(body),
        });
        assert.equal(answer.status, 415);
      });
    }
  });

  describe('compressed bodies', () => {
    it('refuses a gzip bomb that is under the limit compressed with 413 (the limit counts inflated bytes)', async () => {
      const compressed = await bomb('gzip', 100 * 1024 * 1024);
      assert.ok(compressed.length < MAX_BODY_BYTES, 'the bomb itself fits the limit');
      const answer = await sendRaw(
        service.url,
        rawRequest(
          'POST',
          '/api/auth/login',
          {
            Host: 'localhost',
            'Content-Type': 'application/json',
            'Content-Encoding': 'gzip',
            'Content-Length': String(compressed.length),
            Connection: 'close',
          },
          compressed,
        ),
      );
      assert.equal(answer.status, 413);
      assert.equal((JSON.parse(answer.body) as { code?: unknown }).code, 'PayloadTooLarge');
      await assertStillServing();
    });

    it('refuses a deflate bomb with 413', async () => {
      const compressed = await bomb('deflate', 64 * 1024 * 1024);
      const answer = await post(
        '/api/auth/login',
        { 'content-type': 'application/json', 'content-encoding': 'deflate' },
        compressed,
      );
      assert.equal(answer.status, 413);
    });

    it('reads a gzip-compressed JSON login like a plain one', async () => {
      const body = await new Promise<Buffer>((resolve) => {
        const gzip = createGzip();
        const out: Buffer[] = [];
        gzip.on('data', (chunk: Buffer) => out.push(chunk));
        gzip.on('end', () => resolve(Buffer.concat(out)));
        gzip.end(JSON.stringify({ email: 'nobody@police.example', password: 'wrong' }));
      });
      const answer = await post(
        '/api/auth/login',
        { 'content-type': 'application/json', 'content-encoding': 'gzip' },
        body,
      );
      assert.equal(answer.status, 401, 'parsed and checked: a wrong password');
    });

    for (const coding of ['br', 'compress', 'gzip, gzip', 'identity;q=0']) {
      it(`refuses Content-Encoding "${coding}" with 415`, async () => {
        const answer = await post(
          '/api/auth/login',
          { 'content-type': 'application/json', 'content-encoding': coding },
          '{}',
        );
        assert.equal(answer.status, 415);
        assert.equal(answer.body.code, 'UnsupportedMediaType');
      });
    }
  });

  describe('client errors are 4xx, never 500', () => {
    it('refuses a text/csv login with 415', async () => {
      const answer = await post('/api/auth/login', { 'content-type': 'text/csv' }, 'email,password\na,b\n1');
      assert.equal(answer.status, 415);
      assert.equal(answer.body.code, 'UnsupportedMediaType');
    });

    it('refuses JSON in another charset with 415', async () => {
      const answer = await post(
        '/api/auth/login',
        { 'content-type': 'application/json; charset=latin1' },
        '{}',
      );
      assert.equal(answer.status, 415);
    });

    it('refuses an activity whose serviceUrl is not a string with 400', async () => {
      const answer = await post(
        '/api/messages',
        { 'content-type': 'application/json' },
        JSON.stringify({
          type: 'message',
          serviceUrl: 5,
          channelId: 'emulator',
          conversation: { id: 'conversation-hostile' },
          from: { id: 'witness-1' },
          recipient: { id: 'shield-bot' },
        }),
      );
      assert.equal(answer.status, 400);
      assert.equal(answer.body.code, 'InvalidContent');
    });

    it('refuses a Direct Line activity whose value is nested 5,000 levels deep with 400 in the channel envelope', async () => {
      const client = new DirectLineClient(service.url);
      const { token, conversationId } = await client.open();
      const answer = await post(
        `/v3/directline/conversations/${conversationId}/activities`,
        { 'content-type': 'application/json', authorization: `Bearer ${token}` },
        `{"type":"message","value":${nested(5000)}}`,
      );
      assert.equal(answer.status, 400);
      assert.deepEqual(Object.keys(answer.body), ['error']);
      assert.equal((answer.body.error as { code?: unknown }).code, 'InvalidContent');
    });

    it('refuses deep nesting on every JSON route, e.g. the login', async () => {
      const answer = await post('/api/auth/login', { 'content-type': 'application/json' }, nested(100));
      assert.equal(answer.status, 400);
      assert.equal(answer.body.code, 'InvalidContent');
    });
  });
});
