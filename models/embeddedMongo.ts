// The one module that knows about the embedded development database (CongoDB, shipped in
// @push.rocks/smartmongo). Nothing else may import it: everything else talks plain MongoDB protocol.
import { mkdir, readFile, rename, writeFile } from 'node:fs/promises';
import { createServer } from 'node:net';
import path from 'node:path';
import mongoose from 'mongoose';

const { EJSON } = mongoose.mongo.BSON;

/** A running embedded MongoDB-wire-compatible server. */
export interface EmbeddedMongo {
  readonly uri: string;
  /** Writes the current data to the snapshot file (no-op without a data directory). */
  snapshot(): Promise<void>;
  /** Takes a final snapshot and stops the server. */
  stop(): Promise<void>;
}

export interface EmbeddedMongoOptions {
  /** Where the snapshot lives; omit for a throw-away in-memory database (tests). */
  dataDir?: string;
  /** How often to snapshot while running. */
  snapshotIntervalMs?: number;
  /** A fixed port; by default a free loopback port is chosen. */
  port?: number;
}

interface CongoServerLike {
  start(): Promise<void>;
  stop(): Promise<void>;
}

type Snapshot = Record<string, Record<string, unknown[]>>;

const SNAPSHOT_FILE = 'embedded-mongo.ejson';
const SYSTEM_DATABASES = new Set(['admin', 'local', 'config']);

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

// CongoDB's own persistence gives Dates and ObjectIds back as strings, so the data is snapshotted
// through the driver as EJSON instead, which keeps every BSON type.
async function readSnapshot(client: mongoose.mongo.MongoClient, file: string): Promise<void> {
  let text: string;
  try {
    text = await readFile(file, 'utf8');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return;
    throw error;
  }
  const snapshot = EJSON.parse(text, { relaxed: false }) as Snapshot;
  for (const [dbName, collections] of Object.entries(snapshot)) {
    for (const [collectionName, documents] of Object.entries(collections)) {
      if (documents.length === 0) continue;
      await client
        .db(dbName)
        .collection(collectionName)
        .insertMany(documents as mongoose.mongo.BSON.Document[]);
    }
  }
}

async function writeSnapshot(client: mongoose.mongo.MongoClient, file: string): Promise<void> {
  const snapshot: Snapshot = {};
  const { databases } = await client.db('admin').admin().listDatabases();
  for (const { name: dbName } of databases) {
    if (SYSTEM_DATABASES.has(dbName)) continue;
    const db = client.db(dbName);
    const collections = await db.listCollections({}, { nameOnly: true }).toArray();
    snapshot[dbName] = {};
    for (const { name } of collections) {
      snapshot[dbName][name] = await db.collection(name).find({}).toArray();
    }
  }
  // Written to a temporary file and renamed, so a crash mid-write never leaves a torn snapshot.
  const temporary = `${file}.${process.pid}.tmp`;
  await writeFile(temporary, EJSON.stringify(snapshot, undefined, 0, { relaxed: false }));
  await rename(temporary, file);
}

/** Starts the embedded development database, restoring the snapshot in `dataDir` if there is one. */
export async function startEmbeddedMongo(options: EmbeddedMongoOptions = {}): Promise<EmbeddedMongo> {
  // CongoDB is an ES module; loaded lazily so that a service on a real MongoDB never loads it.
  const { CongoServer } = (await import('@push.rocks/smartmongo/dist_ts/congodb/index.js')) as {
    CongoServer: new (options: Record<string, unknown>) => CongoServerLike;
  };
  const port = options.port ?? (await freePort());
  const server = new CongoServer({ host: '127.0.0.1', port, storage: 'memory' });
  await server.start();
  const uri = `mongodb://127.0.0.1:${port}/`;
  const client = new mongoose.mongo.MongoClient(uri, {
    directConnection: true,
    serverMonitoringMode: 'poll',
  });
  await client.connect();

  const file = options.dataDir ? path.resolve(options.dataDir, SNAPSHOT_FILE) : undefined;
  if (file && options.dataDir) {
    await mkdir(options.dataDir, { recursive: true });
    await readSnapshot(client, file);
  }

  let writing: Promise<void> = Promise.resolve();
  const snapshot = (): Promise<void> => {
    if (!file) return Promise.resolve();
    writing = writing.then(() => writeSnapshot(client, file));
    return writing;
  };
  const timer = file
    ? setInterval(() => {
        snapshot().catch(() => undefined);
      }, options.snapshotIntervalMs ?? 5_000)
    : undefined;
  timer?.unref();

  return {
    uri,
    snapshot,
    async stop() {
      if (timer) clearInterval(timer);
      await snapshot();
      await client.close();
      await server.stop();
    },
  };
}
