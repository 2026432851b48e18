import { loadConfig, type Config } from '../../bot/config';
import { startService, type RunningService, type ServiceOptions } from '../../bot/service';
import type { Database, DatabaseOptions } from '../../models/store/db';
import { openTestDatabase } from './database';
import { DirectLineClient } from './directLineClient';
import { memoryLogger } from './logger';
import { temporaryDirectoryPerTest } from './tempDir';

/** The web chat token secret of test services (invented). */
export const WEBCHAT_TEST_SECRET = 'an-invented-web-chat-secret-for-tests-only';

/** A test service's configuration: any free port on loopback, quiet logs, plus the test's own keys. */
export function testServiceConfig(dataDir: string, overrides: Record<string, string> = {}): Config {
  return loadConfig({
    NODE_ENV: 'test',
    PORT: '0',
    HOST: '127.0.0.1',
    DATA_DIR: dataDir,
    LOG_LEVEL: 'warn',
    // A busy test machine's event-loop lag (Chromium starting beside mocha on two cores) must not ask a
    // proof of work of tests that do not test it, nor shed their new conversations for 5 s (which once
    // left a page without its send box past a test's wait); the admission and proof-of-work tests force
    // the pressure through their own keys.
    SHED_EVENT_LOOP_LAG_MS: '60000',
    PROOF_OF_WORK_LAG_MS: '60000',
    PROOF_OF_WORK_IN_FLIGHT: '100000',
    ...overrides,
  });
}

/** What `servicePerTest` gives a test: a service of its own, and the shared test database. */
export interface ServicePerTest {
  /**
   * Starts a service for the current test, stopped after it: the shared test keys plus the test's own, on
   * the shared test database.
   */
  serve(
    overrides?: Record<string, string>,
    options?: Omit<ServiceOptions, 'database'>,
  ): Promise<RunningService>;
  /** The test database of the enclosing `describe`. */
  database(): Database;
}

/**
 * Mocha hooks for the enclosing `describe`: one test database, a data directory per test, and `serve()`,
 * which starts services for the current test and stops them after it.
 */
export function servicePerTest(
  options: { dataDirPrefix: string } & Pick<DatabaseOptions, 'monitorCommands'>,
): ServicePerTest {
  const dataDir = temporaryDirectoryPerTest(options.dataDirPrefix);
  let database: Database | undefined;
  const running: RunningService[] = [];
  before(async () => {
    database = await openTestDatabase(options.monitorCommands ? { monitorCommands: true } : {});
  });
  after(async () => {
    await database?.close();
  });
  afterEach(async () => {
    await Promise.all(running.splice(0).map((service) => service.stop()));
  });
  const currentDatabase = (): Database => {
    if (!database) throw new Error('the test database is open only inside the describe');
    return database;
  };
  return {
    database: currentDatabase,
    async serve(overrides = {}, serviceOptions = {}) {
      const config = testServiceConfig(dataDir(), overrides);
      const service = await startService(config, memoryLogger().logger, {
        ...serviceOptions,
        database: currentDatabase(),
      });
      running.push(service);
      return service;
    },
  };
}

/**
 * Mocha hooks for the enclosing `describe`: one test database, and a fresh service with a web chat token
 * secret for each test; returns a Direct Line client of the current test's service.
 */
export function directLineServicePerTest(overrides: Record<string, string> = {}): () => DirectLineClient {
  const services = servicePerTest({ dataDirPrefix: 'shield-directline' });
  let service: RunningService | undefined;
  beforeEach(async () => {
    service = await services.serve({
      WEBCHAT_TOKEN_SECRET: WEBCHAT_TEST_SECRET,
      WEBCHAT_TOKENS_PER_MINUTE: '1000',
      ...overrides,
    });
  });
  afterEach(() => {
    service = undefined;
  });
  return () => {
    if (!service) throw new Error('the service runs only inside a test');
    return new DirectLineClient(service.url);
  };
}
