import assert from 'node:assert/strict';
import mongoose from 'mongoose';
import { openDatabase } from '../../../models/store/db';
import { ensureLimitIndexes, mongoLimiter, SharedCounterLimiter } from '../../../models/store/rateLimits';
import { countCommands } from '../../helpers/commandCounter';
import { openTestDatabase } from '../../helpers/database';
import { temporaryDirectoryPerTest } from '../../helpers/tempDir';

const COLLECTION = 'testLimits';

function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}

describe('mongoLimiter', () => {
  const dataDir = temporaryDirectoryPerTest('shield-limits');

  it('keeps one counter per key when an expired counter is used again', async () => {
    const database = await openDatabase({ dataDir: dataDir() });
    let now = new Date('2026-05-01T10:00:00Z');
    try {
      await ensureLimitIndexes(database.connection, COLLECTION, () => now);
      const limiter = mongoLimiter(database.connection, {
        collection: COLLECTION,
        keyPrefix: 'token',
        points: 3,
        durationSeconds: 60,
        clock: () => now,
      });
      await limiter.consume('203.0.113.7');
      await limiter.consume('203.0.113.7');
      now = new Date(now.getTime() + 62_000);
      const renewed = await limiter.consume('203.0.113.7');
      assert.equal(renewed.consumedPoints, 1, 'the expired counter starts again from the new request');
      assert.equal(
        await database.connection.collection(COLLECTION).countDocuments({ key: 'token:203.0.113.7' }),
        1,
      );
    } finally {
      await database.close();
    }
  });

  it('refuses once the points are used up, until the duration has passed', async () => {
    const database = await openDatabase({});
    let now = new Date('2026-05-01T10:00:00Z');
    try {
      const limiter = mongoLimiter(database.connection, {
        collection: COLLECTION,
        keyPrefix: 'case',
        points: 2,
        durationSeconds: 60,
        clock: () => now,
      });
      await limiter.consume('K');
      await limiter.consume('K');
      await assert.rejects(limiter.consume('K'), (refusal: { consumedPoints?: number }) => {
        assert.equal(refusal.consumedPoints, 3);
        return true;
      });
      now = new Date(now.getTime() + 61_000);
      assert.equal((await limiter.consume('K')).consumedPoints, 1);
      assert.equal((await limiter.get('K'))?.consumedPoints, 1);
      assert.equal(await limiter.delete('K'), true);
      assert.equal(await limiter.get('K'), null);
    } finally {
      await database.close();
    }
  });

  it('starts again on its own data after counters expired and were renewed', async () => {
    // The reproduction with a one-second duration instead of a minute: renew an expired counter,
    // stop, start again on the same data.
    const first = await openDatabase({ dataDir: dataDir() });
    await ensureLimitIndexes(first.connection, COLLECTION);
    const limiter = mongoLimiter(first.connection, {
      collection: COLLECTION,
      keyPrefix: 'token',
      points: 5,
      durationSeconds: 1,
    });
    await limiter.consume('198.51.100.4');
    await sleep(1_100);
    await limiter.consume('198.51.100.4');
    await first.close();

    const second = await openDatabase({ dataDir: dataDir() });
    try {
      await ensureLimitIndexes(second.connection, COLLECTION);
      assert.ok(
        (await second.connection.collection(COLLECTION).countDocuments({ key: 'token:198.51.100.4' })) <= 1,
      );
    } finally {
      await second.close();
    }
  });

  it('starts on data an earlier version left with duplicate counters, and drops the unique index', async () => {
    const first = await openDatabase({ dataDir: dataDir() });
    const counters = first.connection.collection(COLLECTION);
    await counters.createIndex({ key: 1 }, { unique: true });
    const expired = new Date(Date.now() - 60_000);
    // What rate-limiter-flexible's own store left behind: random _ids, one key twice.
    await counters.insertMany([
      { _id: new mongoose.Types.ObjectId(), key: 'token:192.0.2.1', points: 4, expire: expired },
      { _id: new mongoose.Types.ObjectId(), key: 'token:192.0.2.1', points: 1, expire: expired },
    ]);
    await first.close();

    const second = await openDatabase({ dataDir: dataDir() });
    try {
      await ensureLimitIndexes(second.connection, COLLECTION);
      const indexes = (await second.connection.collection(COLLECTION).listIndexes().toArray()) as {
        name?: string;
        unique?: boolean;
      }[];
      assert.deepEqual(
        indexes.filter((index) => index.unique === true && index.name !== '_id_').map((index) => index.name),
        [],
        'no unique secondary index is left',
      );
      assert.equal(
        await second.connection.collection(COLLECTION).countDocuments({}),
        0,
        'expired ones removed',
      );
    } finally {
      await second.close();
    }
  });
});

describe('SharedCounterLimiter', () => {
  it('counts messages in memory without a round trip, and shares them between instances through MongoDB', async () => {
    const database = await openTestDatabase({ monitorCommands: true });
    const now = new Date('2026-05-01T10:00:10Z');
    const options = {
      collection: COLLECTION,
      keyPrefix: 'activity',
      points: 5,
      durationSeconds: 60,
      syncMs: 3_600_000, // synced by the test, not by its timer
      clock: () => now,
    };
    const first = new SharedCounterLimiter(database.connection, options);
    const second = new SharedCounterLimiter(database.connection, options);
    try {
      const commands = countCommands(database);
      for (let message = 0; message < 3; message += 1) await first.consume('conversation-a');
      assert.deepEqual(commands.seen, [], 'a message costs no database command');
      await first.sync();
      assert.deepEqual(commands.seen, ['update:testLimits', 'find:testLimits'], 'one write and one read');
      await second.consume('conversation-a');
      await second.sync();
      // The second instance now knows of the first one's three messages: one more is allowed, not two.
      await second.consume('conversation-a');
      await assert.rejects(
        second.consume('conversation-a'),
        (refusal: unknown) => !(refusal instanceof Error),
      );
      // The first instance learns the total with its next sync: until then it may admit what it counts in
      // one interval (the bound on instances' over-admission), after it refuses.
      await first.consume('conversation-a');
      await first.sync();
      await assert.rejects(
        first.consume('conversation-a'),
        (refusal: unknown) => !(refusal instanceof Error),
      );
      await first.consume('conversation-b');
    } finally {
      first.close();
      second.close();
      await database.close();
    }
  });
});
