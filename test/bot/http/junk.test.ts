import assert from 'node:assert/strict';
import { once } from 'node:events';
import WebSocket from 'ws';
import { startService, type RunningService } from '../../../bot/service';
import type { Database } from '../../../models/store/db';
import { countCommands, type CommandCounter } from '../../helpers/commandCounter';
import { openTestDatabase } from '../../helpers/database';
import { DirectLineClient } from '../../helpers/directLineClient';
import { memoryLogger } from '../../helpers/logger';
import { testServiceConfig } from '../../helpers/serviceConfig';
import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';

const FORGED =
  'eyJhbGciOiJIUzI1NiJ9.eyJjb252IjoiaW52ZW50ZWQiLCJzdWIiOiJkbF9pbnZlbnRlZCIsImF1ZCI6ImRpcmVjdGxpbmUifQ.' +
  'AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA';

/** One junk request: what it sends, and the status it must get. */
interface Junk {
  name: string;
  method: string;
  path: string;
  status: number;
  token?: string;
  json?: unknown;
  headers?: Record<string, string>;
}

describe('Junk costs nothing: requests failing their check are refused before any database round trip', function () {
  this.timeout(60_000);
  let dataDir: string;
  let database: Database;
  let service: RunningService;
  let commands: CommandCounter;
  let client: DirectLineClient;

  before(async () => {
    dataDir = await mkdtemp(path.join(os.tmpdir(), 'shield-junk-'));
    database = await openTestDatabase({ monitorCommands: true });
    commands = countCommands(database);
    service = await startService(
      testServiceConfig(dataDir, {
        WEBCHAT_TOKEN_SECRET: 'an-invented-web-chat-secret-for-tests-only',
        WEBCHAT_TOKENS_PER_MINUTE: '3',
      }),
      memoryLogger().logger,
      { database },
    );
    client = new DirectLineClient(service.url);
  });
  after(async () => {
    await service.stop();
    await database.close();
    await rm(dataDir, { recursive: true, force: true });
  });

  it('refuses missing, forged and misdirected tokens, malformed bodies and requests over a limit with 0 database commands', async () => {
    const { token, conversationId } = await client.token();
    const conversation = `/v3/directline/conversations/${conversationId}`;
    const junk: Junk[] = [
      {
        name: 'token with a foreign field',
        method: 'POST',
        path: '/api/webchat/token',
        json: { userId: 'x' },
        status: 400,
      },
      { name: 'start without a token', method: 'POST', path: '/v3/directline/conversations', status: 403 },
      {
        name: 'start with a forged token',
        method: 'POST',
        path: '/v3/directline/conversations',
        token: FORGED,
        status: 403,
      },
      { name: 'reconnect, forged', method: 'GET', path: conversation, token: FORGED, status: 403 },
      { name: 'read, forged', method: 'GET', path: `${conversation}/activities`, token: FORGED, status: 403 },
      {
        name: 'read another conversation',
        method: 'GET',
        path: '/v3/directline/conversations/other/activities',
        token,
        status: 403,
      },
      {
        name: 'post, forged',
        method: 'POST',
        path: `${conversation}/activities`,
        token: FORGED,
        json: { type: 'message', text: 'x' },
        status: 403,
      },
      {
        name: 'post a malformed activity',
        method: 'POST',
        path: `${conversation}/activities`,
        token,
        json: { type: 'installationUpdate' },
        status: 400,
      },
      {
        name: 'post text over its limit',
        method: 'POST',
        path: `${conversation}/activities`,
        token,
        json: { type: 'message', text: 'x'.repeat(8001) },
        status: 400,
      },
      {
        name: 'refresh, forged',
        method: 'POST',
        path: '/v3/directline/tokens/refresh',
        token: FORGED,
        status: 403,
      },
      {
        name: 'preferences, forged',
        method: 'POST',
        path: '/api/webchat/preferences',
        token: FORGED,
        json: { shareLocation: true },
        status: 403,
      },
      {
        name: 'preferences, malformed',
        method: 'POST',
        path: '/api/webchat/preferences',
        token,
        json: { shareLocation: 'yes' },
        status: 400,
      },
      {
        name: 'upload, forged',
        method: 'POST',
        path: `${conversation}/upload`,
        token: FORGED,
        headers: { 'Content-Type': 'multipart/form-data; boundary=x' },
        status: 403,
      },
      {
        name: 'file, forged',
        method: 'GET',
        path: '/v3/directline/attachments/0123456789abcdef01234567?t=forged',
        status: 403,
      },
      {
        name: 'bot reply, not the bot',
        method: 'POST',
        path: `/connector/v3/conversations/${conversationId}/activities`,
        json: { type: 'message' },
        status: 401,
      },
      {
        name: 'bot message, malformed',
        method: 'POST',
        path: '/api/messages',
        json: { text: 'no type' },
        status: 400,
      },
      {
        name: 'login, malformed',
        method: 'POST',
        path: '/api/auth/login',
        json: { email: 'not an address' },
        status: 400,
      },
      { name: 'case list, forged', method: 'GET', path: '/api/cases', token: FORGED, status: 401 },
    ];
    // Three tokens are allowed a minute from this address: the fourth is over the limit.
    await client.token();
    await client.token();
    junk.push({
      name: 'token over the limit',
      method: 'POST',
      path: '/api/webchat/token',
      json: {},
      status: 429,
    });

    commands.reset();
    for (const request of junk) {
      const answer = await client.call(request.method, request.path, {
        ...(request.token ? { token: request.token } : {}),
        ...(request.json !== undefined ? { json: request.json } : {}),
        ...(request.headers ? { headers: request.headers } : {}),
      });
      assert.equal(answer.status, request.status, request.name);
    }
    const stream = new WebSocket(`${service.url.replace('http', 'ws')}${conversation}/stream?t=forged`);
    stream.on('error', () => undefined);
    const [, response] = (await once(stream, 'unexpected-response')) as [unknown, { statusCode: number }];
    assert.equal(response.statusCode, 403, 'stream, forged');
    assert.deepEqual(commands.seen, [], 'no database command for any of them');
  });

  it('refuses logins over the address limit in memory, without a database command or a password check', async () => {
    const login = () =>
      client.call('POST', '/api/auth/login', {
        json: { email: 'nobody@police.example.org', password: 'an invented wrong password' },
      });
    let status = 0;
    for (let attempt = 0; attempt < 40 && status !== 429; attempt += 1) status = (await login()).status;
    assert.equal(status, 429, 'the address reaches its limit');
    commands.reset();
    for (let attempt = 0; attempt < 10; attempt += 1) assert.equal((await login()).status, 429);
    assert.deepEqual(commands.seen, [], 'refused in memory');
  });
});
