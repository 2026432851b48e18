import assert from 'node:assert/strict';
import type { StoreItems } from 'botbuilder';
import { openDatabase, type Database } from '../../../models/store/db';
import { startEmbeddedMongo, type EmbeddedMongo } from '../../../models/store/embeddedMongo';
import { MongoStorage } from '../../../models/store/mongoStorage';
import { ResilientStorage } from '../../../models/store/resilientStorage';
import { reopen, TcpProxy } from '../../helpers/tcpProxy';

const TIMEOUT_MS = 300;

/** One field of a stored item, read as the test wrote it. */
function field(items: StoreItems, key: string, name: string): unknown {
  return (items[key] as Record<string, unknown> | undefined)?.[name];
}

describe('ResilientStorage', function () {
  this.timeout(20_000);
  let server: EmbeddedMongo;
  let proxy: TcpProxy;
  let database: Database;
  let stored: MongoStorage;

  beforeEach(async () => {
    server = await startEmbeddedMongo();
    proxy = await TcpProxy.start({ host: '127.0.0.1', port: Number(new URL(server.uri).port) });
    database = await openDatabase({ uri: proxy.uri(), dbName: 'state', serverSelectionTimeoutMs: 500 });
    stored = new MongoStorage(database.connection);
  });
  afterEach(async () => {
    proxy.set('open');
    await database.close().catch(() => undefined);
    await proxy.stop();
    await server.stop();
  });

  for (const mode of ['cut', 'hang'] as const) {
    it(`serves the last known state while the database is ${mode === 'cut' ? 'unreachable' : 'hung'}, and writes what changed meanwhile once it is back`, async () => {
      const outages: string[] = [];
      const storage = new ResilientStorage(stored, {
        timeoutMs: TIMEOUT_MS,
        onOutage: (operation) => outages.push(operation),
      });
      await storage.write({ 'test/conversations/a/': { step: 1, eTag: '*' } });
      proxy.set(mode);

      const during = await storage.read(['test/conversations/a/']);
      assert.equal(field(during, 'test/conversations/a/', 'step'), 1, 'the state last written');
      await storage.write({ 'test/conversations/a/': { step: 2, eTag: '*' } });
      assert.equal(field(await storage.read(['test/conversations/a/']), 'test/conversations/a/', 'step'), 2);
      assert.equal(storage.pendingCount, 1);
      assert.deepEqual([...new Set(outages)], ['read', 'write'], 'each fallback is reported');

      await reopen(proxy, database);
      assert.equal(await storage.flush(), 1);
      assert.equal(storage.pendingCount, 0);
      const after = await stored.read(['test/conversations/a/']);
      assert.equal(
        field(after, 'test/conversations/a/', 'step'),
        2,
        'the database has the change made during the outage',
      );
    });
  }

  it('never lets a conversation it did not know, started afresh during an outage, overwrite the stored one', async () => {
    await stored.write({ 'test/conversations/b/': { draft: 'eight answers', eTag: '*' } });
    // A process that never read this conversation (started during the outage, for example).
    const storage = new ResilientStorage(stored, { timeoutMs: TIMEOUT_MS });
    proxy.set('cut');
    assert.deepEqual(await storage.read(['test/conversations/b/']), {}, 'nothing to serve');
    await storage.write({ 'test/conversations/b/': { draft: 'a fresh start', eTag: '*' } });
    await reopen(proxy, database);
    await storage.flush();
    const after = await stored.read(['test/conversations/b/']);
    assert.equal(field(after, 'test/conversations/b/', 'draft'), 'eight answers');
    assert.equal(storage.pendingCount, 0, 'the fresh start is dropped, not retried for ever');
  });

  it('forgets the least recently used conversations beyond its limit, but never unsaved changes', async () => {
    const storage = new ResilientStorage(stored, { timeoutMs: TIMEOUT_MS, maxRemembered: 2 });
    proxy.set('cut');
    await storage.write({ 'test/conversations/c/': { n: 1, eTag: '*' } });
    await reopen(proxy, database);
    await storage.write({ 'test/conversations/d/': { n: 2, eTag: '*' } });
    await storage.write({ 'test/conversations/e/': { n: 3, eTag: '*' } });
    proxy.set('cut');
    const remembered = await storage.read([
      'test/conversations/c/',
      'test/conversations/d/',
      'test/conversations/e/',
    ]);
    assert.deepEqual(Object.keys(remembered).sort(), ['test/conversations/c/', 'test/conversations/e/']);
  });
});
