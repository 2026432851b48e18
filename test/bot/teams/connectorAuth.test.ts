import assert from 'node:assert/strict';
import { loadConfig } from '../../../bot/config';
import { startService, type RunningService } from '../../../bot/service';
import type { Database } from '../../../models/db';
import { registerOrganisation } from '../../../models/organisation';
import { openTestDatabase } from '../../helpers/database';
import { postActivity } from '../../helpers/http';
import { memoryLogger } from '../../helpers/logger';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { PARTNER_TENANT, teamsActivity } from './teamsActivity';

describe('Bot Connector authentication on /api/messages', () => {
  let dataDir: string;
  let database: Database;
  let service: RunningService;

  before(async () => {
    dataDir = await mkdtemp(path.join(tmpdir(), 'connector-auth-'));
    database = await openTestDatabase();
    await registerOrganisation(database.connection, { name: 'Invented School', tenantId: PARTNER_TENANT });
    const config = loadConfig({
      NODE_ENV: 'test',
      PORT: '0',
      HOST: '127.0.0.1',
      DATA_DIR: dataDir,
      MicrosoftAppId: '8d3c1f7e-2b4a-4c6d-9e8f-0a1b2c3d4e5f',
      MicrosoftAppPassword: 'invented-secret',
    });
    service = await startService(config, memoryLogger().logger, { database });
  });
  after(async () => {
    await service.stop();
    await database.close();
    await rm(dataDir, { recursive: true, force: true });
  });

  const cases: [string, Record<string, string>][] = [
    ['no token', {}],
    ['a token that is not a JWT', { authorization: 'Bearer not-a-token' }],
    ['a Basic credential instead of a bearer token', { authorization: 'Basic aW52ZW50ZWQ6c2VjcmV0' }],
  ];
  for (const [name, headers] of cases) {
    it(`refuses an activity with ${name} with 401 and never runs the bot`, async () => {
      const answer = await postActivity(service.url, teamsActivity({ text: 'report' }), headers);
      assert.equal(answer.status, 401);
      assert.deepEqual(answer.replies, []);
      // The bot's first acts on a partner's message are storing the reference and the dialog state.
      assert.equal(await database.connection.collection('botState').countDocuments(), 0, 'no dialog ran');
      assert.equal(
        await database.connection.collection('conversationReferences').countDocuments(),
        0,
        'the Teams checks did not run',
      );
    });
  }
});
