import assert from 'node:assert/strict';
import WebSocket from 'ws';
import { startService, type RunningService } from '../../../bot/service';
import type { Database } from '../../../models/db';
import { countCommands } from '../../helpers/commandCounter';
import { openTestDatabase } from '../../helpers/database';
import { DirectLineClient } from '../../helpers/directLineClient';
import { memoryLogger } from '../../helpers/logger';
import { testServiceConfig } from '../../helpers/serviceConfig';
import { temporaryDirectoryPerTest } from '../../helpers/tempDir';

describe('a web chat turn', function () {
  this.timeout(60_000);
  const dataDir = temporaryDirectoryPerTest('shield-leanturn');
  let database: Database;
  let service: RunningService;

  before(async () => {
    database = await openTestDatabase({ monitorCommands: true });
  });
  after(async () => {
    await database.close();
  });
  beforeEach(async () => {
    const config = testServiceConfig(dataDir(), {
      WEBCHAT_TOKEN_SECRET: 'an-invented-web-chat-secret-for-tests-only',
    });
    service = await startService(config, memoryLogger().logger, { database });
  });
  afterEach(async () => {
    await service.stop();
  });

  it('probe', async () => {
    const client = new DirectLineClient(service.url);
    const { token, conversationId, streamUrl } = await client.open();
    const socket = new WebSocket(streamUrl);
    await new Promise<void>((resolve) => socket.once('open', () => resolve()));
    const commands = countCommands(database);
    for (const text of ['report', 'no', '2', 'A grey suitcase was left under a bench.', 'yesterday around 5pm']) {
      commands.reset();
      const answer = await client.say(conversationId, token, { text });
      assert.equal(answer.status, 200);
      await new Promise((resolve) => setTimeout(resolve, 100));
      console.log(text.slice(0, 10), commands.seen.length, commands.seen.join(' '));
    }
    socket.close();
  });
});
