// The one module that knows about the embedded development database (CongoDB, shipped in
// @push.rocks/smartmongo). Nothing else may import it: everything else talks plain MongoDB protocol.
//
// Durability without touching CongoDB: it runs in memory behind the project's own wire proxy
// (wireProxy.ts), which appends every write command to a journal (journal.ts) and fsyncs it before the
// database sees the command. A snapshot (checkpoint) of all data is taken now and then while writes are
// held; at start the newest intact snapshot is loaded and the journal written after it is replayed.
import { createHash } from 'node:crypto';
import { mkdir, open, readFile, rename, rm } from 'node:fs/promises';
import { createServer } from 'node:net';
import path from 'node:path';
import { Worker } from 'node:worker_threads';
import mongoose from 'mongoose';
import { acquireDataDirLock, DataDirInUseError, type DataDirLock } from './dataDirLock';
import { Journal, listSegments, readSegment, segmentPath } from './journal';
import { commandOf, startWireProxy, type WireProxy } from './wireProxy';

const { EJSON } = mongoose.mongo.BSON;

/** What the embedded database says about its own health (readiness turns 503 when not ok). */
export interface EmbeddedHealth {
  readonly ok: boolean;
  /** Why not, without personal data ("the journal could not be written: ENOSPC"). */
  readonly problem?: string;
}

/** A running embedded MongoDB-wire-compatible server. */
export interface EmbeddedMongo {
  readonly uri: string;
  /** Writes a checkpoint snapshot of the current data (no-op without a data directory). */
  snapshot(): Promise<void>;
  /** Whether the last journal write and the last snapshot succeeded. */
  health(): EmbeddedHealth;
  /** Takes a final snapshot and stops the server. */
  stop(): Promise<void>;
}

/** The few logger methods the module uses (pino's). */
export interface EmbeddedLogger {
  info(fields: object, message: string): void;
  warn(fields: object, message: string): void;
  error(fields: object, message: string): void;
}

export interface EmbeddedMongoOptions {
  /** Where the snapshot and journal live; omit for a throw-away in-memory database (tests). */
  dataDir?: string | undefined;
  /** How often to take a checkpoint snapshot while running (only when something was written). */
  snapshotIntervalMs?: number;
  /** A fixed port for clients; by default a free loopback port is chosen. */
  port?: number;
  logger?: EmbeddedLogger | undefined;
  /**
   * Run the database (CongoDB, the wire proxy and the journal) in a worker thread of its own, so that
   * whatever keeps the caller's event loop busy (a flood of requests) does not hold up its answers. The
   * same code and files either way; the thread ends with the process (a SIGKILL included).
   */
  thread?: boolean;
}

/** What the embedded database's thread is started with (models/store/embeddedMongoWorker.ts). */
export type ThreadStart = Omit<EmbeddedMongoOptions, 'logger' | 'thread'>;
/** What the caller asks of the thread. */
export interface ThreadRequest {
  kind: 'snapshot' | 'stop';
  id: number;
}
interface ThreadError {
  name: string;
  message: string;
  dataDir?: string;
  pid?: number;
  code?: string;
}
/** What the thread tells the caller. */
export type ThreadReply =
  | { kind: 'ready'; uri: string }
  | { kind: 'failed'; error: ThreadError }
  | { kind: 'log'; level: 'info' | 'warn' | 'error'; fields: object; message: string }
  | { kind: 'health'; health: EmbeddedHealth }
  | { kind: 'done'; id: number; error?: ThreadError };

interface CongoServerLike {
  start(): Promise<void>;
  stop(): Promise<void>;
}

type Databases = Record<string, Record<string, mongoose.mongo.BSON.Document[]>>;

/** The first line of a snapshot file: what it holds, so a torn or foreign file is never taken for data. */
interface SnapshotHeader {
  format: typeof SNAPSHOT_FORMAT;
  version: 1;
  /** The last journal segment whose writes the snapshot contains. */
  journalSequence: number;
  documents: number;
  sha256: string;
}

/**
 * How a client connects to the embedded server: it is a single node, not a replica set, and it breaks the
 * driver's streaming heartbeat under load ("Server ended moreToCome unexpectedly", which clears the
 * connection pool), so the driver connects directly and polls instead.
 */
export const EMBEDDED_CLIENT_OPTIONS = { directConnection: true, serverMonitoringMode: 'poll' } as const;

/** An embedded server's URI with EMBEDDED_CLIENT_OPTIONS in its query, for a client given only a URI. */
export function embeddedClientUri(uri: string): string {
  const url = new URL(uri);
  for (const [name, value] of Object.entries(EMBEDDED_CLIENT_OPTIONS))
    url.searchParams.set(name, String(value));
  return url.toString();
}

const SNAPSHOT_FORMAT = 'shield-reporter/embedded-snapshot';
export const SNAPSHOT_FILE = 'embedded-mongo.ejson';
export const PREVIOUS_SNAPSHOT_FILE = 'embedded-mongo.previous.ejson';
const SYSTEM_DATABASES = new Set(['admin', 'local', 'config']);
const DEFAULT_SNAPSHOT_INTERVAL_MS = 30_000;

/** A snapshot that cannot be used: the start refuses rather than begin with an empty database. */
export class SnapshotError extends Error {
  override readonly name = 'SnapshotError';
}

const stderrLogger: EmbeddedLogger = {
  info: () => undefined,
  warn: (fields, message) =>
    process.stderr.write(`${JSON.stringify({ level: 'warn', ...fields, msg: message })}\n`),
  error: (fields, message) =>
    process.stderr.write(`${JSON.stringify({ level: 'error', ...fields, msg: message })}\n`),
};

async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const probe = createServer();
    probe.once('error', reject);
    probe.listen(0, '127.0.0.1', () => {
      const address = probe.address();
      const chosen = typeof address === 'object' && address ? address.port : 0;
      probe.close(() => resolve(chosen));
    });
  });
}

function errorCode(error: unknown): string {
  const code = (error as NodeJS.ErrnoException | undefined)?.code;
  return typeof code === 'string' ? code : error instanceof Error ? error.name : 'unknown error';
}

async function syncDirectory(directory: string): Promise<void> {
  const handle = await open(directory, 'r');
  try {
    await handle.sync();
  } finally {
    await handle.close();
  }
}

/** The parsed snapshot, or a SnapshotError saying why it cannot be used; undefined if there is none. */
async function readSnapshotFile(
  file: string,
): Promise<{ header: SnapshotHeader; databases: Databases } | undefined> {
  let text: string;
  try {
    text = await readFile(file, 'utf8');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
    throw new SnapshotError(`${path.basename(file)} cannot be read (${errorCode(error)})`);
  }
  const newline = text.indexOf('\n');
  let header: Partial<SnapshotHeader> | undefined;
  try {
    header = newline > 0 ? (JSON.parse(text.slice(0, newline)) as Partial<SnapshotHeader>) : undefined;
  } catch {
    header = undefined;
  }
  if (header?.format !== SNAPSHOT_FORMAT) return readLegacySnapshot(file, text);
  const body = text.slice(newline + 1);
  if (createHash('sha256').update(body).digest('hex') !== header.sha256) {
    throw new SnapshotError(`${path.basename(file)} is damaged (its checksum does not match)`);
  }
  const databases = EJSON.parse(body, { relaxed: false }) as Databases;
  if (countDocuments(databases) !== header.documents) {
    throw new SnapshotError(`${path.basename(file)} is damaged (it does not hold the documents it lists)`);
  }
  return { header: header as SnapshotHeader, databases };
}

// Snapshots of earlier versions: one EJSON object of databases, collections and documents, no header.
// Only a non-empty one of that shape is accepted; `[]`, `{}` or anything else is not taken for an empty
// database (an operator's mistake or a damaged file would otherwise start empty and overwrite it).
function readLegacySnapshot(file: string, text: string): { header: SnapshotHeader; databases: Databases } {
  let parsed: unknown;
  try {
    parsed = EJSON.parse(text, { relaxed: false });
  } catch {
    throw new SnapshotError(`${path.basename(file)} is not a snapshot (it cannot be parsed)`);
  }
  const isDatabases =
    typeof parsed === 'object' &&
    parsed !== null &&
    !Array.isArray(parsed) &&
    Object.keys(parsed).length > 0 &&
    Object.values(parsed).every(
      (collections) =>
        typeof collections === 'object' &&
        collections !== null &&
        !Array.isArray(collections) &&
        Object.values(collections as object).every((documents) => Array.isArray(documents)),
    );
  if (!isDatabases) throw new SnapshotError(`${path.basename(file)} is not a snapshot (unexpected content)`);
  const databases = parsed as Databases;
  return {
    header: {
      format: SNAPSHOT_FORMAT,
      version: 1,
      journalSequence: 0,
      documents: countDocuments(databases),
      sha256: '',
    },
    databases,
  };
}

function countDocuments(databases: Databases): number {
  let count = 0;
  for (const collections of Object.values(databases)) {
    for (const documents of Object.values(collections)) count += documents.length;
  }
  return count;
}

async function readAllData(client: mongoose.mongo.MongoClient): Promise<Databases> {
  const databases: Databases = {};
  const { databases: listed } = await client.db('admin').admin().listDatabases();
  for (const { name: dbName } of listed) {
    if (SYSTEM_DATABASES.has(dbName)) continue;
    const db = client.db(dbName);
    const collections = await db.listCollections({}, { nameOnly: true }).toArray();
    databases[dbName] = {};
    for (const { name } of collections) {
      databases[dbName][name] = await db.collection(name).find({}).toArray();
    }
  }
  return databases;
}

async function writeSnapshotFile(file: string, header: SnapshotHeader, body: string): Promise<void> {
  const handle = await open(file, 'w');
  try {
    await handle.writeFile(`${JSON.stringify(header)}\n${body}`);
    await handle.sync();
  } finally {
    await handle.close();
  }
}

async function countAll(client: mongoose.mongo.MongoClient): Promise<number> {
  let count = 0;
  const { databases } = await client.db('admin').admin().listDatabases();
  for (const { name: dbName } of databases) {
    if (SYSTEM_DATABASES.has(dbName)) continue;
    const db = client.db(dbName);
    for (const { name } of await db.listCollections({}, { nameOnly: true }).toArray()) {
      count += await db.collection(name).countDocuments({});
    }
  }
  return count;
}

/** Starts the embedded development database, restoring the data in `dataDir` if there is any. */
export async function startEmbeddedMongo(options: EmbeddedMongoOptions = {}): Promise<EmbeddedMongo> {
  if (options.thread) return startInThread(options);
  const logger = options.logger ?? stderrLogger;
  const dataDir = options.dataDir ? path.resolve(options.dataDir) : undefined;
  let lock: DataDirLock | undefined;
  if (dataDir) {
    await mkdir(dataDir, { recursive: true });
    lock = await acquireDataDirLock(dataDir, logger);
  }
  try {
    return await startLocked(options, dataDir, lock, logger);
  } catch (error) {
    await lock?.release();
    throw error;
  }
}

async function startLocked(
  options: EmbeddedMongoOptions,
  dataDir: string | undefined,
  lock: DataDirLock | undefined,
  logger: EmbeddedLogger,
): Promise<EmbeddedMongo> {
  // CongoDB is an ES module; loaded lazily so that a service on a real MongoDB never loads it.
  const { CongoServer } = (await import('@push.rocks/smartmongo/dist_ts/congodb/index.js')) as {
    CongoServer: new (options: Record<string, unknown>) => CongoServerLike;
  };
  const databasePort = await freePort();
  const server = new CongoServer({ host: '127.0.0.1', port: databasePort, storage: 'memory' });
  await server.start();
  // The module's own connection goes to the database directly: restoring and snapshotting are not journaled.
  const client = new mongoose.mongo.MongoClient(
    `mongodb://127.0.0.1:${databasePort}/`,
    EMBEDDED_CLIENT_OPTIONS,
  );
  await client.connect();

  if (!dataDir) {
    return {
      uri: `mongodb://127.0.0.1:${databasePort}/`,
      snapshot: () => Promise.resolve(),
      health: () => ({ ok: true }),
      async stop() {
        await client.close();
        await server.stop();
      },
    };
  }

  const current = path.join(dataDir, SNAPSHOT_FILE);
  const previous = path.join(dataDir, PREVIOUS_SNAPSHOT_FILE);
  let restored: { journalSequence: number; documents: number };
  try {
    restored = await restore(client, dataDir, current, previous, logger);
  } catch (error) {
    await client.close();
    await server.stop();
    throw error;
  }

  const segments = await listSegments(dataDir);
  const journal = await Journal.open(dataDir, Math.max(restored.journalSequence, ...segments) + 1);
  let journalProblem: string | undefined;
  let snapshotProblem: string | undefined;
  let writtenSinceSnapshot = false;
  let lastSnapshot = { journalSequence: restored.journalSequence, documents: restored.documents };
  // The journal sequence the previous snapshot file needs (kept as the fallback), so its segments stay.
  let previousSnapshotSequence =
    (await readSnapshotFile(previous).catch(() => undefined))?.header.journalSequence ?? 0;

  const proxy: WireProxy = await startWireProxy(
    {
      upstreamPort: databasePort,
      refusal: 'the embedded database could not write its journal; the write was not made',
      async beforeWrite(message) {
        try {
          await journal.append(message);
          writtenSinceSnapshot = true;
          if (journalProblem) logger.info({}, 'the embedded database journal is written again');
          journalProblem = undefined;
        } catch (error) {
          if (!journalProblem) {
            logger.error(
              { dataDir, err: { code: errorCode(error) } },
              'the embedded database journal could not be written: writes are refused',
            );
          }
          journalProblem = `the journal could not be written (${errorCode(error)})`;
          throw error;
        }
      },
    },
    options.port ?? 0,
  );

  const checkpoint = async (): Promise<void> => {
    const release = await proxy.quiesce();
    let databases: Databases;
    let covered: number;
    try {
      databases = await readAllData(client);
      covered = journal.sequence;
      // Writes from now on go to a new segment; the snapshot contains everything up to `covered`.
      await journal.rotate(covered + 1);
      writtenSinceSnapshot = false;
    } finally {
      release();
    }
    const documents = countDocuments(databases);
    const removalSeen = proxy.takeRemovalSeen();
    if (documents === 0 && lastSnapshot.documents > 0 && !removalSeen) {
      // Nothing was deleted, yet the data is gone: never replace a good snapshot with an empty one.
      throw new SnapshotError(
        `the data read for the snapshot is empty, though ${lastSnapshot.documents} documents existed and none was removed`,
      );
    }
    const body = EJSON.stringify(databases, undefined, 0, { relaxed: false });
    const header: SnapshotHeader = {
      format: SNAPSHOT_FORMAT,
      version: 1,
      journalSequence: covered,
      documents,
      sha256: createHash('sha256').update(body).digest('hex'),
    };
    const next = `${current}.next`;
    await writeSnapshotFile(next, header, body);
    // The good snapshot becomes the previous one (the fallback), the new one the current one.
    await rename(current, previous).catch((error: unknown) => {
      if ((error as NodeJS.ErrnoException).code !== 'ENOENT') throw error;
    });
    await rename(next, current);
    await syncDirectory(dataDir);
    const needed = lastSnapshot.journalSequence;
    previousSnapshotSequence = needed;
    lastSnapshot = { journalSequence: covered, documents };
    // Segments the previous snapshot (the fallback) contains are no longer needed by either.
    for (const sequence of await listSegments(dataDir)) {
      if (sequence <= previousSnapshotSequence) await rm(segmentPath(dataDir, sequence), { force: true });
    }
  };

  let writing: Promise<void> = Promise.resolve();
  const snapshot = (): Promise<void> => {
    writing = writing.then(checkpoint).then(
      () => {
        if (snapshotProblem) logger.info({}, 'the embedded database snapshot is written again');
        snapshotProblem = undefined;
      },
      (error: unknown) => {
        snapshotProblem = `the snapshot could not be written (${error instanceof SnapshotError ? error.message : errorCode(error)})`;
        logger.error(
          { dataDir, err: { code: errorCode(error) } },
          `the embedded database snapshot failed: ${snapshotProblem}`,
        );
        throw error;
      },
    );
    return writing;
  };

  // A checkpoint right after a restore, so the replayed journal is not replayed again at every start.
  if (segments.some((sequence) => sequence > restored.journalSequence)) await snapshot();

  // One timed checkpoint at a time: on a slow machine a checkpoint can outlast the interval, and a second one
  // queued behind it would move the journal on again although nothing was written in between.
  let timedCheckpoint: Promise<void> | undefined;
  const timer = setInterval(() => {
    if (timedCheckpoint || !(writtenSinceSnapshot || snapshotProblem)) return;
    timedCheckpoint = snapshot()
      .catch(() => undefined)
      .finally(() => (timedCheckpoint = undefined));
  }, options.snapshotIntervalMs ?? DEFAULT_SNAPSHOT_INTERVAL_MS);
  timer.unref();

  return {
    uri: `mongodb://127.0.0.1:${proxy.port}/`,
    snapshot,
    health() {
      const problem = journalProblem ?? snapshotProblem;
      return problem ? { ok: false, problem } : { ok: true };
    },
    async stop() {
      clearInterval(timer);
      try {
        await snapshot();
      } finally {
        await proxy.close();
        await journal.close();
        await client.close();
        await server.stop();
        await lock?.release();
      }
    },
  };
}

// The thread's errors as the caller would have had them in its own thread.
function revived(error: ThreadError): Error {
  if (error.name === 'DataDirInUseError' && error.dataDir !== undefined && error.pid !== undefined)
    return new DataDirInUseError(error.dataDir, error.pid);
  if (error.name === 'SnapshotError') return new SnapshotError(error.message);
  const plain = new Error(error.message) as NodeJS.ErrnoException;
  plain.name = error.name;
  if (error.code) plain.code = error.code;
  return plain;
}

async function startInThread(options: EmbeddedMongoOptions): Promise<EmbeddedMongo> {
  const logger = options.logger ?? stderrLogger;
  const { logger: ignoredLogger, thread: ignoredThread, ...start } = options;
  void ignoredLogger;
  void ignoredThread;
  const worker = new Worker(path.join(__dirname, 'embeddedMongoWorker.js'), {
    workerData: start satisfies ThreadStart,
  });
  let health: EmbeddedHealth = { ok: true };
  let ended: Error | undefined;
  const waiting = new Map<number, { resolve: () => void; reject: (error: Error) => void }>();
  let nextId = 0;
  let started: { resolve: (uri: string) => void; reject: (error: Error) => void } | undefined;
  const uri = new Promise<string>((resolve, reject) => (started = { resolve, reject }));
  const end = (error: Error) => {
    ended ??= error;
    health = { ok: false, problem: 'the embedded database thread ended' };
    started?.reject(ended);
    for (const call of waiting.values()) call.reject(ended);
    waiting.clear();
  };
  worker.on('message', (reply: ThreadReply) => {
    if (reply.kind === 'log') logger[reply.level](reply.fields, reply.message);
    else if (reply.kind === 'health') health = reply.health;
    else if (reply.kind === 'ready') started?.resolve(reply.uri);
    else if (reply.kind === 'failed') started?.reject(revived(reply.error));
    else {
      const call = waiting.get(reply.id);
      waiting.delete(reply.id);
      if (reply.error) call?.reject(revived(reply.error));
      else call?.resolve();
    }
  });
  worker.on('error', (error) => {
    logger.error({ err: { name: error.name } }, 'the embedded database thread failed');
    end(error);
  });
  worker.on('exit', (code) => end(new Error(`the embedded database thread ended (exit code ${code})`)));
  let address: string;
  try {
    address = await uri;
  } catch (error) {
    await worker.terminate();
    throw error;
  }
  // The thread never keeps the process alive by itself; it does while the caller waits for an answer
  // (a final snapshot at shutdown is written before the process may end).
  worker.unref();
  const call = (kind: ThreadRequest['kind']): Promise<void> => {
    if (ended) return Promise.reject(ended);
    const id = (nextId += 1);
    worker.ref();
    return new Promise<void>((resolve, reject) => {
      waiting.set(id, { resolve, reject });
      worker.postMessage({ kind, id } satisfies ThreadRequest);
    }).finally(() => {
      if (waiting.size === 0) worker.unref();
    });
  };
  let stopping: Promise<void> | undefined;
  return {
    uri: address,
    snapshot: () => call('snapshot'),
    health: () => health,
    stop() {
      stopping ??= call('stop').finally(async () => {
        await worker.terminate();
      });
      return stopping;
    },
  };
}

/**
 * Loads the newest intact snapshot (falling back to the previous one, with a log line) and replays the
 * journal written after it. Refuses, rather than start empty, when data existed but none can be read.
 */
async function restore(
  client: mongoose.mongo.MongoClient,
  dataDir: string,
  current: string,
  previous: string,
  logger: EmbeddedLogger,
): Promise<{ journalSequence: number; documents: number }> {
  let loaded: Awaited<ReturnType<typeof readSnapshotFile>>;
  let currentProblem: SnapshotError | undefined;
  try {
    loaded = await readSnapshotFile(current);
  } catch (error) {
    if (!(error instanceof SnapshotError)) throw error;
    currentProblem = error;
  }
  if (!loaded) {
    let fallback: Awaited<ReturnType<typeof readSnapshotFile>>;
    try {
      fallback = await readSnapshotFile(previous);
    } catch (error) {
      if (!(error instanceof SnapshotError)) throw error;
      throw new SnapshotError(
        `the embedded database in ${dataDir} cannot be restored: ${currentProblem?.message ?? `${SNAPSHOT_FILE} is missing`}, and ${error.message}. Nothing was changed; restore a good ${SNAPSHOT_FILE} from a backup.`,
      );
    }
    if (fallback) {
      // Kept aside for the operator, and so that the next snapshot does not make it the fallback.
      if (currentProblem) await rename(current, `${current}.damaged-${Date.now()}`);
      logger.warn(
        { dataDir, problem: currentProblem?.message ?? `${SNAPSHOT_FILE} is missing` },
        `the embedded database snapshot cannot be used: starting from the previous snapshot (${PREVIOUS_SNAPSHOT_FILE}) and its journal`,
      );
      loaded = fallback;
    } else if (currentProblem) {
      throw new SnapshotError(
        `the embedded database in ${dataDir} cannot be restored: ${currentProblem.message}, and there is no previous snapshot. Nothing was changed; restore a good ${SNAPSHOT_FILE} from a backup.`,
      );
    }
  }
  const journalSequence = loaded?.header.journalSequence ?? 0;
  const segments = (await listSegments(dataDir)).filter((sequence) => sequence > journalSequence);
  if (!loaded && segments.length > 0 && segments[0] !== 1) {
    throw new SnapshotError(
      `the embedded database in ${dataDir} cannot be restored: its snapshot is missing and the journal starts at segment ${segments[0]}. Nothing was changed.`,
    );
  }
  for (const [dbName, collections] of Object.entries(loaded?.databases ?? {})) {
    for (const [collectionName, documents] of Object.entries(collections)) {
      // Empty collections are not recreated: CongoDB's createCollection sometimes never answers right after a
      // restart (seen in the service restart test), and every collection is created again by its first write.
      if (documents.length > 0) await client.db(dbName).collection(collectionName).insertMany(documents);
    }
  }
  let replayed = 0;
  let refused = 0;
  for (const sequence of segments) {
    const { records, ignoredBytes } = await readSegment(segmentPath(dataDir, sequence));
    if (ignoredBytes > 0) {
      logger.warn(
        { dataDir, segment: sequence, ignoredBytes },
        'the embedded database journal ends with a torn record (a write cut off by a crash, never acknowledged): ignored',
      );
    }
    for (const record of records) {
      const parsed = commandOf(record);
      if (!parsed) continue;
      // Writes the database refused the first time (a duplicate _id, say) are refused again: counted, not fatal.
      try {
        const result = await client.db(parsed.db).command(parsed.command);
        if (Array.isArray(result.writeErrors) && result.writeErrors.length > 0) refused += 1;
      } catch {
        refused += 1;
      }
      replayed += 1;
    }
  }
  if (loaded || replayed > 0) {
    logger.info(
      {
        dataDir,
        snapshotDocuments: countDocuments(loaded?.databases ?? {}),
        journalSegments: segments.length,
        replayed,
        refusedAgain: refused,
      },
      'embedded database restored',
    );
  }
  return { journalSequence, documents: await countAll(client) };
}
