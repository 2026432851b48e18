import mongoose from 'mongoose';
import {
  startEmbeddedMongo,
  type EmbeddedHealth,
  type EmbeddedLogger,
  type EmbeddedMongo,
} from './embeddedMongo';

/** An open database: the mongoose connection plus how to check and close it. */
export interface Database {
  readonly connection: mongoose.Connection;
  /** 'external' for MONGODB_URI, 'embedded' for the development database. */
  readonly kind: 'external' | 'embedded';
  /** True when the server answers a ping within the timeout (and the embedded one can write its files). */
  ping(timeoutMs?: number): Promise<boolean>;
  /** The embedded database's own health (its journal and snapshot writes); always ok for MONGODB_URI. */
  storageHealth(): EmbeddedHealth;
  /** Flushes (embedded: writes the snapshot) and closes. */
  close(): Promise<void>;
}

export interface DatabaseOptions {
  /** A real MongoDB; without it the embedded development database is started. */
  uri?: string | undefined;
  /** Where the embedded database keeps its snapshot; omit for a throw-away database. */
  dataDir?: string | undefined;
  /** Database name (tests use a fresh one each). */
  dbName?: string;
  /** Emit the driver's command events (benchmarks count database round trips with them). */
  monitorCommands?: boolean;
  /** How long an operation waits for a server before failing (the driver default is 30 s). */
  serverSelectionTimeoutMs?: number;
  /** Where the embedded database logs restores, fallbacks and write failures. */
  logger?: EmbeddedLogger;
  /** How often the embedded database takes a checkpoint snapshot (tests shorten it). */
  snapshotIntervalMs?: number;
}

async function withTimeout<T>(work: Promise<T>, ms: number): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error('timed out')), ms);
  });
  try {
    return await Promise.race([work, timeout]);
  } finally {
    clearTimeout(timer);
  }
}

/** Connects to MongoDB (or starts the embedded development database) and returns the open Database. */
export async function openDatabase(options: DatabaseOptions): Promise<Database> {
  let embedded: EmbeddedMongo | undefined;
  let uri = options.uri;
  if (!uri) {
    embedded = await startEmbeddedMongo({
      dataDir: options.dataDir,
      logger: options.logger,
      ...(options.snapshotIntervalMs ? { snapshotIntervalMs: options.snapshotIntervalMs } : {}),
    });
    uri = embedded.uri;
  }
  const connection = mongoose.createConnection(uri, {
    dbName: options.dbName ?? 'shield-reporter',
    serverSelectionTimeoutMS: options.serverSelectionTimeoutMs ?? 5_000,
    // Fail fast when the server is gone instead of queueing operations in memory: callers decide what
    // to do (the report submission falls back to its on-disk outbox).
    bufferCommands: false,
    monitorCommands: options.monitorCommands ?? false,
    // The embedded server is a single node, not a replica set, and it breaks the driver's streaming
    // heartbeat under load ("Server ended moreToCome unexpectedly", which clears the connection pool):
    // there the driver polls instead.
    ...(embedded ? { directConnection: true, serverMonitoringMode: 'poll' as const } : {}),
  });
  try {
    await connection.asPromise();
  } catch (error) {
    await embedded?.stop();
    throw error;
  }
  return {
    connection,
    kind: embedded ? 'embedded' : 'external',
    storageHealth: () => embedded?.health() ?? { ok: true },
    async ping(timeoutMs = 1_000) {
      // A database that can no longer write its journal refuses writes: not ready, though it answers.
      if (embedded && !embedded.health().ok) return false;
      try {
        const db = connection.db;
        if (!db) return false;
        await withTimeout(db.command({ ping: 1 }), timeoutMs);
        return true;
      } catch {
        return false;
      }
    },
    async close() {
      await connection.close();
      await embedded?.stop();
    },
  };
}
