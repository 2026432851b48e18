import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { appendFile, readFile, readdir, symlink, writeFile } from 'node:fs/promises';
import path from 'node:path';
import mongoose from 'mongoose';
import { DataDirInUseError, LOCK_FILE } from '../../../models/store/dataDirLock';
import { openDatabase } from '../../../models/store/db';
import {
  PREVIOUS_SNAPSHOT_FILE,
  SNAPSHOT_FILE,
  SnapshotError,
  startEmbeddedMongo,
} from '../../../models/store/embeddedMongo';
import { listSegments, segmentPath } from '../../../models/store/journal';
import { memoryLogger } from '../../helpers/logger';
import { temporaryDirectoryPerTest } from '../../helpers/tempDir';

const WRITER = path.resolve(__dirname, '../../helpers/embeddedWriter.js');

/** Runs the writer child on `dataDir` until it has acknowledged `writes` inserts, then kills it with -9. */
async function killWriterAfter(
  dataDir: string,
  writes: number,
): Promise<{ inserted: string[]; incremented: number; pid: number }> {
  const child = spawn(process.execPath, [WRITER], {
    env: { PATH: process.env.PATH, DATA_DIR: dataDir },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  let errors = '';
  child.stderr.setEncoding('utf8').on('data', (chunk: string) => (errors += chunk));
  const exited = new Promise<void>((resolve) => child.once('close', () => resolve()));
  await new Promise<void>((resolve, reject) => {
    child.stdout.setEncoding('utf8').on('data', (chunk: string) => {
      output += chunk;
      if ((output.match(/^inserted /gm) ?? []).length >= writes) {
        child.kill('SIGKILL');
        resolve();
      }
    });
    void exited.then(() => reject(new Error(`the writer exited by itself: ${errors}`)));
  });
  await exited;
  const lines = output.split('\n');
  // A line cut off by the kill is not a whole acknowledgement.
  const whole = output.endsWith('\n') ? lines : lines.slice(0, -1);
  return {
    inserted: whole
      .filter((line) => line.startsWith('inserted '))
      .map((line) => line.slice('inserted '.length)),
    incremented: whole.filter((line) => line === 'incremented').length,
    pid: child.pid ?? 0,
  };
}

describe('the embedded database', function () {
  // Child processes that start a database each: slow on a loaded machine.
  this.timeout(180_000);
  const dataDir = temporaryDirectoryPerTest('shield-embedded');

  it('keeps every acknowledged write when its process is killed with -9, again and again', async () => {
    const acknowledged: string[] = [];
    let incremented = 0;
    for (let round = 0; round < 3; round += 1) {
      const killed = await killWriterAfter(dataDir(), 40 + round * 20);
      acknowledged.push(...killed.inserted);
      incremented += killed.incremented;
    }
    const { logger } = memoryLogger();
    const database = await openDatabase({ dataDir: dataDir(), logger });
    try {
      const stored = new Set(
        (
          await database.connection
            .collection('observations')
            .find({}, { projection: { _id: 1 } })
            .toArray()
        ).map((document) => document._id.toHexString()),
      );
      const lost = acknowledged.filter((id) => !stored.has(id));
      assert.deepEqual(lost, [], 'no acknowledged insert is lost');
      const counter = await database.connection
        .collection<{ _id: mongoose.Types.ObjectId; n: number }>('counters')
        .findOne({ _id: new mongoose.Types.ObjectId('000000000000000000000001') });
      // Each acknowledged increment is there, applied once: at most the four writers' unanswered ones more.
      assert.ok(counter, 'the counter exists');
      assert.ok(counter.n >= incremented, `${counter.n} >= ${incremented} acknowledged increments`);
      assert.ok(counter.n <= incremented + 4 * 3, `${counter.n} is not an increment replayed twice`);
    } finally {
      await database.close();
    }
  });

  it('starts on a journal whose last record was torn by a crash, and keeps the records before it', async () => {
    const killed = await killWriterAfter(dataDir(), 40);
    const segments = await listSegments(dataDir());
    const last = segments[segments.length - 1];
    // Half a record: a length that promises more bytes than follow.
    await appendFile(segmentPath(dataDir(), last), Buffer.from([0xff, 0x00, 0x00, 0x00, 0x12, 0x34]));
    const { logger, lines } = memoryLogger();
    const database = await openDatabase({ dataDir: dataDir(), logger });
    try {
      const count = await database.connection
        .collection('observations')
        .countDocuments({ _id: { $in: killed.inserted.map((id) => new mongoose.Types.ObjectId(id)) } });
      assert.equal(count, killed.inserted.length);
      assert.ok(
        lines().some((line) => line.includes('torn record')),
        'the torn record is logged',
      );
    } finally {
      await database.close();
    }
  });

  it('falls back to the previous snapshot and its journal when the current one is damaged, saying so', async () => {
    const first = await startEmbeddedMongo({ dataDir: dataDir(), logger: memoryLogger().logger });
    const client = new mongoose.mongo.MongoClient(first.uri, { directConnection: true });
    await client.connect();
    const things = client.db('shield').collection('things');
    await things.insertOne({ name: 'first' });
    await first.snapshot();
    await things.insertOne({ name: 'second' });
    await first.snapshot();
    await things.insertOne({ name: 'third' });
    await client.close();
    await first.stop();

    const file = path.join(dataDir(), SNAPSHOT_FILE);
    const damaged = await readFile(file);
    damaged[damaged.length - 3] ^= 0x55;
    await writeFile(file, damaged);

    const { logger, lines } = memoryLogger();
    const second = await startEmbeddedMongo({ dataDir: dataDir(), logger });
    const reader = new mongoose.mongo.MongoClient(second.uri, { directConnection: true });
    await reader.connect();
    try {
      const names = (await reader.db('shield').collection('things').find({}).toArray()).map(
        (thing) => thing.name as string,
      );
      assert.deepEqual(names.sort(), ['first', 'second', 'third']);
      assert.ok(
        lines().some((line) => line.includes(PREVIOUS_SNAPSHOT_FILE) && line.includes('damaged')),
        'the fallback is logged with its reason',
      );
      assert.ok(
        (await readdir(dataDir())).some((name) => name.startsWith(`${SNAPSHOT_FILE}.damaged-`)),
        'kept aside',
      );
    } finally {
      await reader.close();
      await second.stop();
    }
  });

  for (const content of ['[]', '{}', '']) {
    it(`refuses to start on a snapshot file holding ${JSON.stringify(content)}, and leaves it as it is`, async () => {
      const file = path.join(dataDir(), SNAPSHOT_FILE);
      await writeFile(file, content);
      await assert.rejects(
        openDatabase({ dataDir: dataDir(), logger: memoryLogger().logger }),
        (error: Error) => {
          assert.ok(error instanceof SnapshotError, error.message);
          assert.match(error.message, /cannot be restored/);
          return true;
        },
      );
      assert.equal(await readFile(file, 'utf8'), content, 'the file is not overwritten');
    });
  }

  it('refuses writes, logs, and is not ready when its journal cannot be written (a full disk)', async () => {
    const { logger, lines } = memoryLogger();
    const database = await openDatabase({ dataDir: dataDir(), logger, snapshotIntervalMs: 20 });
    try {
      // The journal segment after the first checkpoint is on a full device: writing to /dev/full fails
      // with ENOSPC, as a full disk does.
      const [first] = await listSegments(dataDir());
      await symlink('/dev/full', segmentPath(dataDir(), first + 1));
      const things = database.connection.collection('things');
      await things.insertOne({ name: 'before' });
      assert.equal(database.storageHealth().ok, true);
      let refusal: unknown;
      for (let attempt = 0; attempt < 250 && !refusal; attempt += 1) {
        // Each write until the checkpoint has moved the journal onto the full device still succeeds.
        await things.insertOne({ name: 'after' }).catch((error: unknown) => (refusal = error));
        await new Promise((resolve) => setTimeout(resolve, 20));
      }
      assert.match(String(refusal), /could not write its journal/);
      await things.deleteMany({ name: 'after' }).catch(() => undefined);
      assert.equal(database.storageHealth().ok, false);
      assert.match(database.storageHealth().problem ?? '', /ENOSPC/);
      assert.equal(await database.ping(), false, 'readiness follows the storage health');
      assert.ok(lines().some((line) => line.includes('journal could not be written')));
    } finally {
      // The full device stays: only the in-memory part can be closed.
      await database.close().catch(() => undefined);
    }
  });
});

describe('the data folder lock', function () {
  this.timeout(60_000);
  const dataDir = temporaryDirectoryPerTest('shield-lock');

  it('refuses a second database on a data folder in use, naming the folder and how to resolve it', async () => {
    const first = await openDatabase({ dataDir: dataDir() });
    try {
      await assert.rejects(openDatabase({ dataDir: dataDir() }), (error: Error) => {
        assert.ok(error instanceof DataDirInUseError, error.message);
        assert.ok(error.message.includes(dataDir()));
        assert.match(error.message, /stop that service first/);
        return true;
      });
    } finally {
      await first.close();
    }
    const again = await openDatabase({ dataDir: dataDir() });
    await again.close();
  });

  it('takes over a lock left by a process that was killed', async () => {
    const killed = await killWriterAfter(dataDir(), 5);
    const lock = JSON.parse(await readFile(path.join(dataDir(), LOCK_FILE), 'utf8')) as { pid: number };
    assert.equal(lock.pid, killed.pid, 'the killed process left its lock behind');
    const database = await openDatabase({ dataDir: dataDir(), logger: memoryLogger().logger });
    await database.close();
  });
});
