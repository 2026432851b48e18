import { ConfigError, readConfig } from './config';
import { createLogger } from './logger';
import { startService } from './service';

async function main(): Promise<void> {
  let config;
  try {
    config = readConfig();
  } catch (error) {
    if (error instanceof ConfigError) {
      process.stderr.write(`${error.message}\n`);
      process.exit(1);
    }
    throw error;
  }
  const logger = createLogger(config.logLevel);
  const service = await startService(config, logger);
  process.stdout.write(
    `Shield Reporter is running: open ${service.url}/healthz, or connect the Bot Framework Emulator to ${service.url}/api/messages\n`,
  );

  const shutdown = (signal: NodeJS.Signals): void => {
    logger.info({ signal }, 'shutting down');
    service.stop().then(
      () => process.exit(0),
      (error: unknown) => {
        logger.error({ err: error }, 'shutdown failed');
        process.exit(1);
      },
    );
  };
  process.once('SIGTERM', shutdown);
  process.once('SIGINT', shutdown);
}

main().catch((error: unknown) => {
  process.stderr.write(
    `Shield Reporter could not start: ${error instanceof Error ? error.message : String(error)}\n`,
  );
  process.exit(1);
});
