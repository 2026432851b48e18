import mongoose from 'mongoose';
import {
  EMBEDDED_CLIENT_OPTIONS,
  startEmbeddedMongo,
  type EmbeddedHealth,
  type EmbeddedLogger,
  type EmbeddedMongo,
} from './embeddedMongo';
import type { FailureCode } from '../core/errors';

/** The connection repositories are built on; the outside holds it without naming mongoose. */
export type DatabaseConnection = mongoose.Connection;

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
  /**
   * With `uri`: return even when the server cannot be reached, and keep connecting in the background
   * (the service then takes reports into its outbox and says so in /readyz). Off for one-shot commands.
   */
  tolerateUnreachable?: boolean;
  /** How often to try again while an unreachable server has never answered (default 5 s). */
  reconnectIntervalMs?: number;
  /** Where the embedded database logs restores, fallbacks and write failures. */
  logger?: EmbeddedLogger;
  /** How often the embedded database takes a checkpoint snapshot (tests shorten it). */
  snapshotIntervalMs?: number;
  /**
   * Run the embedded database in a thread of its own (default true), off the service's event loop: a
   * flood of requests being parsed then does not make the database too slow to answer.
   */
  embeddedThread?: boolean;
}

/** Thrown by `bounded` when the database did not answer in time. */
export class DatabaseTimeoutError extends Error {
  readonly code = 'DatabaseTimeout' satisfies FailureCode;
  constructor(ms: number) {
    super(`The database did not answer within ${ms} ms`);
    this.name = 'DatabaseTimeoutError';
  }
}

/**
 * Waits at most `ms` for a database operation. A hung server (TCP open, no answers) would otherwise hold
 * the caller until the driver gives up, which for an operation already sent is never: the driver has no
 * socket timeout by default. The operation itself may still complete later; callers must be idempotent.
 */
export async function bounded<T>(work: Promise<T>, ms: number): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new DatabaseTimeoutError(ms)), ms);
  });
  // A late failure of an abandoned operation must not surface as an unhandled rejection.
  work.catch(() => undefined);
  try {
    return await Promise.race([work, timeout]);
  } finally {
    clearTimeout(timer);
  }
}

/**
 * Counts the answers the database gave on this connection (any operation's: the driver's pool tells
 * when a connection comes back), so that a slow database can be told from a hung or stopped one.
 */
export function answerCounter(connection: mongoose.Connection): () => number {
  let tracker = trackers.get(connection);
  if (!tracker) {
    tracker = { count: 0, watched: undefined };
    trackers.set(connection, tracker);
  }
  const counted = tracker;
  return () => {
    // The client exists once the connection was opened (also when the server was unreachable then).
    let client: mongoose.mongo.MongoClient | undefined;
    try {
      client = connection.getClient();
    } catch {
      client = undefined;
    }
    if (client && counted.watched !== client) {
      counted.watched = client;
      client.on('connectionCheckedIn', () => {
        counted.count += 1;
      });
    }
    return counted.count;
  };
}

const trackers = new WeakMap<mongoose.Connection, { count: number; watched: object | undefined }>();

/**
 * Like `bounded`, but a database that is merely slow is waited for: when `ms` passes and the database
 * answered other operations meanwhile (`answers` moved on), the operation is given another `ms`, up to
 * `patienceMs` in all. Only a database that answered nothing for `ms` (hung, or its answers lost) times
 * out after `ms`, as with `bounded`; an error (connection refused, no server) is passed on at once.
 */
export async function patientlyBounded<T>(
  work: Promise<T>,
  ms: number,
  patienceMs: number,
  answers: () => number,
): Promise<T> {
  work.catch(() => undefined);
  const started = Date.now();
  let seen = answers();
  for (;;) {
    try {
      return await bounded(work, ms);
    } catch (error) {
      if (!(error instanceof DatabaseTimeoutError)) throw error;
      const now = answers();
      if (now === seen || Date.now() - started + ms > patienceMs) throw error;
      seen = now;
    }
  }
}

/** Whether the connection is open now (false while an unreachable database has never answered). */
export function isConnected(connection: mongoose.Connection): boolean {
  return connection.readyState === mongoose.ConnectionStates.connected;
}

/**
 * Runs set-up work (index creation) now when the connection is open, or once it opens when the database
 * was unreachable at start; returns at once in that case, so start-up never waits for the database.
 */
export async function whenReachable(
  connection: mongoose.Connection,
  task: () => Promise<unknown>,
  onError: (error: unknown) => void = () => undefined,
): Promise<void> {
  if (isConnected(connection)) {
    await task();
    return;
  }
  connection.once('open', () => {
    // Set-up that fails now is tried again at the next start.
    task().catch(onError);
  });
}

/** Connects to MongoDB (or starts the embedded development database) and returns the open Database. */
export async function openDatabase(options: DatabaseOptions): Promise<Database> {
  let embedded: EmbeddedMongo | undefined;
  let uri = options.uri;
  if (!uri) {
    embedded = await startEmbeddedMongo({
      dataDir: options.dataDir,
      logger: options.logger,
      thread: options.embeddedThread ?? true,
      ...(options.snapshotIntervalMs ? { snapshotIntervalMs: options.snapshotIntervalMs } : {}),
    });
    uri = embedded.uri;
  }
  const connectOptions: mongoose.ConnectOptions = {
    dbName: options.dbName ?? 'shield-reporter',
    serverSelectionTimeoutMS: options.serverSelectionTimeoutMs ?? 5_000,
    // Fail fast when the server is gone instead of queueing operations in memory: callers decide what
    // to do (the report submission falls back to its on-disk outbox).
    bufferCommands: false,
    monitorCommands: options.monitorCommands ?? false,
    ...(embedded ? EMBEDDED_CLIENT_OPTIONS : {}),
  };
  const connection = mongoose.createConnection(uri, connectOptions);
  let closed = false;
  let retry: NodeJS.Timeout | undefined;
  try {
    await connection.asPromise();
  } catch (error) {
    if (embedded || !options.tolerateUnreachable) {
      await embedded?.stop();
      throw error;
    }
    // The driver does not retry a first connection that failed: keep trying until it answers. Operations
    // meanwhile fail at once (bufferCommands is off), which the outbox and the state fallback expect.
    const target = uri;
    const again = () => {
      retry = setTimeout(() => {
        if (closed) return;
        connection.openUri(target, connectOptions).catch(() => again());
      }, options.reconnectIntervalMs ?? 5_000);
      retry.unref();
    };
    connection.on('error', () => undefined);
    again();
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
        await bounded(db.command({ ping: 1 }), timeoutMs);
        return true;
      } catch {
        return false;
      }
    },
    async close() {
      closed = true;
      clearTimeout(retry);
      await connection.close();
      await embedded?.stop();
    },
  };
}
