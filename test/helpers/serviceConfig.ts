import { loadConfig, type Config } from '../../bot/config';
import { startService, type RunningService } from '../../bot/service';
import type { Database } from '../../models/store/db';
import { openTestDatabase } from './database';
import { DirectLineClient } from './directLineClient';
import { memoryLogger } from './logger';
import { temporaryDirectoryPerTest } from './tempDir';

/** A test service's configuration: any free port on loopback, quiet logs, plus the test's own keys. */
export function testServiceConfig(dataDir: string, overrides: Record<string, string> = {}): Config {
  return loadConfig({
    NODE_ENV: 'test',
    PORT: '0',
    HOST: '127.0.0.1',
    DATA_DIR: dataDir,
    LOG_LEVEL: 'warn',
    // A busy test machine's event-loop lag must not ask a proof of work of tests that do not test it; the
    // proof-of-work tests force the pressure through their own keys.
    PROOF_OF_WORK_LAG_MS: '60000',
    PROOF_OF_WORK_IN_FLIGHT: '100000',
    ...overrides,
  });
}

/**
 * Mocha hooks for the enclosing `describe`: one test database, and a fresh service with a web chat token
 * secret for each test; returns a Direct Line client of the current test's service.
 */
export function directLineServicePerTest(overrides: Record<string, string> = {}): () => DirectLineClient {
  const dataDir = temporaryDirectoryPerTest('shield-directline');
  let database: Database | undefined;
  let service: RunningService | undefined;
  before(async () => {
    database = await openTestDatabase();
  });
  after(async () => {
    await database?.close();
  });
  beforeEach(async () => {
    const config = testServiceConfig(dataDir(), {
      WEBCHAT_TOKEN_SECRET: 'an-invented-web-chat-secret-for-tests-only',
      WEBCHAT_TOKENS_PER_MINUTE: '1000',
      ...overrides,
    });
    service = await startService(config, memoryLogger().logger, { ...(database ? { database } : {}) });
  });
  afterEach(async () => {
    await service?.stop();
    service = undefined;
  });
  return () => {
    if (!service) throw new Error('the service runs only inside a test');
    return new DirectLineClient(service.url);
  };
}
