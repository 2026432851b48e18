import { loadConfig, type Config } from '../../bot/config';

/** A test service's configuration: any free port on loopback, quiet logs, plus the test's own keys. */
export function testServiceConfig(dataDir: string, overrides: Record<string, string> = {}): Config {
  return loadConfig({
    NODE_ENV: 'test',
    PORT: '0',
    HOST: '127.0.0.1',
    DATA_DIR: dataDir,
    LOG_LEVEL: 'warn',
    ...overrides,
  });
}
