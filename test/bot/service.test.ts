import assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import type { Storage, StoreItems } from 'botbuilder';
import { loadConfig, type Config } from '../../bot/config';
import { startService } from '../../bot/service';
import type { Database } from '../../models/store/db';
import { MongoStorage } from '../../models/store/mongoStorage';
import { openTestDatabase } from '../helpers/database';
import { temporaryDirectoryPerTest } from '../helpers/tempDir';
import { postActivity, testActivity } from '../helpers/http';
import { memoryLogger } from '../helpers/logger';

/** The key botbuilder's ConversationState gives a conversation's state (`<channel>/conversations/<id>/`). */
function conversationStateKey(channelId: string, conversationId: string): string {
  return `${channelId}/conversations/${conversationId}/`;
}

function serviceConfig(dataDir: string): Config {
  return loadConfig({
    NODE_ENV: 'test',
    PORT: '0',
    HOST: '127.0.0.1',
    DATA_DIR: dataDir,
    // The most real database available: a real MongoDB when the suite runs with one.
    MONGODB_URI: process.env.MONGODB_URI,
    LOG_LEVEL: 'silent',
  });
}

/** A Storage whose writes wait for the test to open a gate, so a turn can be held in flight. */
class GatedStorage implements Storage {
  private open!: () => void;
  private readonly gate = new Promise<void>((resolve) => (this.open = resolve));
  private writing!: () => void;
  /** Resolves when a turn has reached its state write. */
  readonly writeStarted = new Promise<void>((resolve) => (this.writing = resolve));

  constructor(private readonly inner: Storage) {}

  release(): void {
    this.open();
  }
  read(keys: string[]): Promise<StoreItems> {
    return this.inner.read(keys);
  }
  async write(changes: StoreItems): Promise<void> {
    this.writing();
    await this.gate;
    await this.inner.write(changes);
  }
  delete(keys: string[]): Promise<void> {
    return this.inner.delete(keys);
  }
}

describe('startService', () => {
  const dataDir = temporaryDirectoryPerTest('shield-service');

  it("reads a conversation's state back after the service restarts on the same data", async () => {
    const config = serviceConfig(dataDir());
    const dbName = `shield-test-restart-${randomBytes(4).toString('hex')}`;
    const conversationId = `restart-${randomBytes(4).toString('hex')}`;
    const key = conversationStateKey('emulator', conversationId);

    const first = await startService(config, memoryLogger().logger, { dbName });
    const answer = await postActivity(first.url, testActivity({ text: 'hello', conversationId }));
    assert.equal(answer.status, 200);
    const written = await new MongoStorage(first.database.connection).read([key]);
    assert.ok(written[key], 'the turn wrote the conversation state');
    await first.stop();

    const second = await startService(config, memoryLogger().logger, { dbName });
    try {
      assert.notEqual(second.database, first.database, 'a new database connection');
      const items = await new MongoStorage(second.database.connection).read([key]);
      const state = items[key] as { DialogState?: { dialogStack?: unknown }; eTag?: unknown } | undefined;
      assert.ok(state, 'the conversation state is still there');
      assert.ok(Array.isArray(state.DialogState?.dialogStack), 'with its dialog state');
      assert.deepEqual(state, written[key], 'unchanged, eTag included');
    } finally {
      if (second.database.kind === 'external') await second.database.connection.dropDatabase();
      await second.stop();
    }
  });

  describe('stop()', () => {
    let database: Database;
    before(async () => {
      database = await openTestDatabase();
    });
    after(async () => {
      await database.close();
    });

    it('stops accepting at once, lets the in-flight turn finish, then resolves', async () => {
      const storage = new GatedStorage(new MongoStorage(database.connection));
      const service = await startService(serviceConfig(dataDir()), memoryLogger().logger, {
        database,
        storage,
      });
      const conversationId = `shutdown-${randomBytes(4).toString('hex')}`;

      const inFlight = postActivity(service.url, testActivity({ text: 'hello', conversationId }));
      await storage.writeStarted;
      let stopped = false;
      const stopping = service.stop().then(() => {
        stopped = true;
      });

      await assert.rejects(
        fetch(`${service.url}/healthz`),
        TypeError,
        'a new request is refused while stopping',
      );
      assert.equal(stopped, false, 'stop() waits for the turn');

      storage.release();
      const answer = await inFlight;
      await stopping;
      assert.equal(answer.status, 200, 'the in-flight turn was answered');
      assert.equal(answer.replies.length, 2, 'with the welcome and the first question');
      const key = conversationStateKey('emulator', conversationId);
      assert.ok((await new MongoStorage(database.connection).read([key]))[key], 'and its state was saved');
      assert.equal(await database.ping(), true, 'an injected database is left open for its owner');
    });

    it('can be called twice', async () => {
      const service = await startService(serviceConfig(dataDir()), memoryLogger().logger, { database });
      await Promise.all([service.stop(), service.stop()]);
      await assert.rejects(fetch(`${service.url}/healthz`), TypeError);
    });
  });
});
