import assert from 'node:assert/strict';
import mongoose from 'mongoose';
import type { StoreItem } from 'botbuilder';
import type { Database } from '../../../models/store/db';
import { botStateModel, ETagConflictError, MongoStorage } from '../../../models/store/mongoStorage';
import { openTestDatabase } from '../../helpers/database';

const KEY = 'msteams/conversations/a:1f2e3d/';

/** A second, independent connection to the same server and database (as after a process restart). */
async function connectAgain(database: Database): Promise<mongoose.Connection> {
  const { host, port, name } = database.connection;
  const uri = process.env.MONGODB_URI || `mongodb://${host}:${port}/`;
  const connection = mongoose.createConnection(uri, {
    dbName: name,
    ...(database.kind === 'embedded' ? { directConnection: true } : {}),
  });
  await connection.asPromise();
  return connection;
}

async function readOne(storage: MongoStorage, key: string): Promise<StoreItem> {
  const items = await storage.read([key]);
  const item = items[key] as StoreItem | undefined;
  assert.ok(item, `expected an item under ${key}`);
  return item;
}

describe('MongoStorage', () => {
  let database: Database;
  let storage: MongoStorage;

  before(async () => {
    database = await openTestDatabase();
  });
  after(async () => {
    await database.close();
  });
  beforeEach(async () => {
    await botStateModel(database.connection).deleteMany({});
    storage = new MongoStorage(database.connection);
  });

  it('reads back what it wrote, with a new eTag', async () => {
    const state = { DialogState: { dialogStack: [{ id: 'mainDialog', state: { step: 2 } }] }, locale: 'nl' };
    await storage.write({ [KEY]: state });
    const item = await readOne(storage, KEY);
    const { eTag, ...rest } = item;
    assert.deepEqual(rest, state);
    assert.equal(typeof eTag, 'string');
    assert.notEqual(eTag, '');
  });

  it('reads nothing for keys never written, and only the keys asked for', async () => {
    await storage.write({ a: { n: 1 }, b: { n: 2 } });
    assert.deepEqual(await storage.read(['missing']), {});
    assert.deepEqual(Object.keys(await storage.read(['b', 'missing'])), ['b']);
    assert.deepEqual(await storage.read([]), {});
  });

  it('changes the eTag on every write', async () => {
    await storage.write({ [KEY]: { n: 1 } });
    const first = await readOne(storage, KEY);
    await storage.write({ [KEY]: { ...first, n: 2 } });
    const second = await readOne(storage, KEY);
    assert.notEqual(second.eTag, first.eTag);
    assert.equal(second.n, 2);
  });

  it('rejects a stale write with ETagConflictError and keeps the newer state', async () => {
    await storage.write({ [KEY]: { n: 1 } });
    const readByA = await readOne(storage, KEY);
    const readByB = await readOne(storage, KEY);
    await storage.write({ [KEY]: { ...readByA, n: 2 } });

    await assert.rejects(
      storage.write({ [KEY]: { ...readByB, n: 3 } }),
      (error: unknown) => error instanceof ETagConflictError && error.key === KEY,
      'the second writer read before the first wrote',
    );
    assert.equal((await readOne(storage, KEY)).n, 2);
  });

  it('rejects a write with an unknown eTag on an existing item', async () => {
    await storage.write({ [KEY]: { n: 1 } });
    await assert.rejects(storage.write({ [KEY]: { n: 9, eTag: 'never-issued' } }), ETagConflictError);
    assert.equal((await readOne(storage, KEY)).n, 1);
  });

  it('accepts a first write that carries an eTag (the item did not exist yet)', async () => {
    await storage.write({ [KEY]: { n: 1, eTag: 'from-elsewhere' } });
    assert.equal((await readOne(storage, KEY)).n, 1);
  });

  it("overwrites unconditionally with eTag '*' or without an eTag", async () => {
    await storage.write({ [KEY]: { n: 1 } });
    await storage.write({ [KEY]: { n: 2, eTag: '*' } });
    assert.equal((await readOne(storage, KEY)).n, 2);
    await storage.write({ [KEY]: { n: 3 } });
    assert.equal((await readOne(storage, KEY)).n, 3);
    assert.equal(await botStateModel(database.connection).countDocuments({}), 1, 'one document per key');
  });

  it('deletes items, and ignores keys that do not exist', async () => {
    await storage.write({ a: { n: 1 }, b: { n: 2 } });
    await storage.delete(['a', 'missing']);
    assert.deepEqual(Object.keys(await storage.read(['a', 'b'])), ['b']);
    await storage.delete([]);
    assert.deepEqual(Object.keys(await storage.read(['a', 'b'])), ['b']);
  });

  it('lets a deleted item be written again', async () => {
    await storage.write({ [KEY]: { n: 1 } });
    const stale = await readOne(storage, KEY);
    await storage.delete([KEY]);
    await storage.write({ [KEY]: { ...stale, n: 2 } });
    assert.equal((await readOne(storage, KEY)).n, 2);
  });

  it('keeps state with dots and dollar signs in its keys', async () => {
    const state = { 'user.profile': { $type: 'witness', 'a.b': { $ref: 1 } }, '$meta.version': 3 };
    await storage.write({ [KEY]: state });
    const item = await readOne(storage, KEY);
    assert.deepEqual({ ...item, eTag: undefined }, { ...state, eTag: undefined });
  });

  it('survives a reconnect: a new connection reads the state and still enforces the eTag', async () => {
    const first = await connectAgain(database);
    const before = new MongoStorage(first);
    await before.write({ [KEY]: { n: 1 } });
    const stale = await readOne(before, KEY);
    await before.write({ [KEY]: { ...stale, n: 2 } });
    await first.close();

    const second = await connectAgain(database);
    try {
      const after = new MongoStorage(second);
      assert.equal((await readOne(after, KEY)).n, 2);
      await assert.rejects(after.write({ [KEY]: { ...stale, n: 3 } }), ETagConflictError);
    } finally {
      await second.close();
    }
  });
});
