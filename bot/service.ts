import type { AddressInfo } from 'node:net';
import { ConversationState, UserState, type Storage } from 'botbuilder';
import { MainDialog } from '../dialogs/mainDialog';
import { openDatabase, type Database } from '../models/db';
import { MongoStorage } from '../models/mongoStorage';
import { createAdapter } from './adapter';
import type { Config } from './config';
import type { Logger } from './logger';
import { ReportBot } from './reportBot';
import { createServer, type ShieldServer } from './server';

/** A running service: its address and how to stop it gracefully. */
export interface RunningService {
  readonly url: string;
  readonly database: Database;
  readonly http: ShieldServer;
  /** Stops accepting, lets in-flight requests finish (up to the grace period), then closes the database. */
  stop(): Promise<void>;
}

export interface ServiceOptions {
  /** Use this database instead of opening one from the configuration (tests). */
  database?: Database;
  /** Override the bot state storage (tests). */
  storage?: Storage;
  /** Database name when the service opens its own database (tests use a fresh one). */
  dbName?: string;
}

function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}

/** Opens the database, builds the bot and the HTTP server, and listens. */
export async function startService(
  config: Config,
  logger: Logger,
  options: ServiceOptions = {},
): Promise<RunningService> {
  const database =
    options.database ??
    (await openDatabase({ uri: config.mongodbUri, dataDir: config.dataDir, dbName: options.dbName }));
  if (database.kind === 'embedded') {
    logger.warn(
      { dataDir: config.dataDir },
      'using the embedded DEVELOPMENT database (data kept in DATA_DIR); set MONGODB_URI to use a real MongoDB',
    );
  }
  const storage = options.storage ?? new MongoStorage(database.connection);
  const bot = new ReportBot(new ConversationState(storage), new UserState(storage), new MainDialog());
  const adapter = createAdapter(config, logger);
  const http = createServer({ config, adapter, bot, database, logger });

  await new Promise<void>((resolve) => {
    http.server.listen(config.port, config.host, () => resolve());
  });
  const address: AddressInfo = http.server.address();
  const host = address.family === 'IPv6' ? `[${address.address}]` : address.address;
  const url = `http://${host === '0.0.0.0' || host === '[::]' ? '127.0.0.1' : host}:${address.port}`;
  logger.info({ port: address.port, database: database.kind }, 'listening');

  let stopping: Promise<void> | undefined;
  const stop = (): Promise<void> => {
    stopping ??= (async () => {
      const closed = new Promise<void>((resolve) => http.server.server.close(() => resolve()));
      http.server.server.closeIdleConnections();
      const deadline = Date.now() + config.shutdownGraceMs;
      while (http.inFlight() > 0 && Date.now() < deadline) await sleep(20);
      http.server.server.closeAllConnections();
      await closed;
      if (!options.database) await database.close();
      logger.info('stopped');
    })();
    return stopping;
  };
  return { url, database, http, stop };
}
