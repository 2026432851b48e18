import assert from 'node:assert/strict';
import mongoose from 'mongoose';
import { openDatabase } from '../../../models/store/db';
import { startEmbeddedMongo } from '../../../models/store/embeddedMongo';
import { openTestDatabase } from '../../helpers/database';
import { temporaryDirectoryPerTest } from '../../helpers/tempDir';

describe('openDatabase', () => {
  const dataDir = temporaryDirectoryPerTest('shield-db');

  it('answers a ping while the server is up', async () => {
    const database = await openTestDatabase();
    try {
      assert.equal(await database.ping(), true);
    } finally {
      await database.close();
    }
  });

  it('starts the embedded development database when no URI is given', async () => {
    const database = await openDatabase({ dataDir: dataDir() });
    try {
      assert.equal(database.kind, 'embedded');
      assert.equal(await database.ping(), true);
    } finally {
      await database.close();
    }
  });

  it('gives Dates and ObjectIds back typed after the embedded server restarts on the same data', async () => {
    const id = new mongoose.Types.ObjectId();
    const caseId = new mongoose.Types.ObjectId();
    const seenAt = new Date('2026-03-14T16:30:00.000Z');

    const first = await openDatabase({ dataDir: dataDir(), dbName: 'restart' });
    // The raw driver collection, not a mongoose model: a schema would cast strings back to Dates on
    // read and hide a snapshot that lost the types.
    await first.connection.collection('observations').insertOne({
      _id: id,
      caseId,
      seenAt,
      history: [{ at: seenAt, by: caseId }],
      count: 3,
      note: 'invented test data',
    });
    await first.close();

    const second = await openDatabase({ dataDir: dataDir(), dbName: 'restart' });
    try {
      const document = await second.connection.collection('observations').findOne({ _id: id });
      assert.ok(document, 'the document survived the restart');
      assert.ok(document._id instanceof mongoose.Types.ObjectId, '_id is an ObjectId');
      assert.ok(document.caseId instanceof mongoose.Types.ObjectId, 'caseId is an ObjectId');
      assert.ok(document.caseId.equals(caseId));
      assert.ok(document.seenAt instanceof Date, 'seenAt is a Date');
      assert.equal(document.seenAt.toISOString(), seenAt.toISOString());
      const [entry] = document.history as { at: unknown; by: unknown }[];
      assert.ok(entry.at instanceof Date, 'a nested Date is a Date');
      assert.ok(entry.by instanceof mongoose.Types.ObjectId, 'a nested ObjectId is an ObjectId');
      assert.equal(document.count, 3);
      // Queries by type work too, which they would not on strings.
      assert.equal(
        await second.connection.collection('observations').countDocuments({ seenAt: { $lt: new Date() } }),
        1,
      );
    } finally {
      await second.close();
    }
  });

  it('starts empty on a fresh data directory and keeps databases apart', async () => {
    const first = await openDatabase({ dataDir: dataDir(), dbName: 'one' });
    await first.connection.collection('things').insertOne({ n: 1 });
    await first.close();
    const second = await openDatabase({ dataDir: dataDir(), dbName: 'two' });
    try {
      assert.equal(await second.connection.collection('things').countDocuments({}), 0);
    } finally {
      await second.close();
    }
  });

  it('answers a ping with false, promptly, when the server has gone', async () => {
    const embedded = await startEmbeddedMongo();
    const database = await openDatabase({ uri: embedded.uri, dbName: 'gone', serverSelectionTimeoutMs: 500 });
    try {
      assert.equal(await database.ping(), true);
      await embedded.stop();
      assert.equal(await database.ping(300), false);
    } finally {
      await database.connection.close(true);
    }
  });
});
