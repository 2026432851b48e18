import assert from 'node:assert/strict';
import type { Database } from '../../../models/store/db';
import { TranscriptStore } from '../../../models/store/transcript';
import { openTestDatabase } from '../../helpers/database';
import { TestClock } from '../../helpers/witness';

describe('TranscriptStore', () => {
  let database: Database;
  before(async () => {
    database = await openTestDatabase();
  });
  after(async () => {
    await database.close();
  });

  it('hands out watermarks in order without gaps or repeats, also when appends race', async () => {
    const store = new TranscriptStore(database.connection);
    await store.create('conversation-race', 'dl_user');
    const watermarks = await Promise.all(
      Array.from({ length: 20 }, () =>
        store.append('conversation-race', (watermark) => ({ type: 'message', watermark })),
      ),
    );
    assert.deepEqual(
      [...watermarks].sort((a, b) => a - b),
      Array.from({ length: 20 }, (_unused, index) => index),
    );
    const stored = await store.after('conversation-race', 9);
    assert.deepEqual(
      stored.map((entry) => entry.watermark),
      Array.from({ length: 10 }, (_unused, index) => index + 10),
    );
    assert.equal((await store.find('conversation-race'))?.count, 20);
  });

  it('deletes conversations idle since a date, with their activities, and keeps active ones', async () => {
    const clock = new TestClock(new Date('2026-01-01T00:00:00Z'));
    const store = new TranscriptStore(database.connection, clock.now);
    await store.create('conversation-idle', 'dl_a');
    await store.append('conversation-idle', () => ({ type: 'message', text: 'old words' }));
    clock.advance(100 * 86_400_000);
    await store.create('conversation-active', 'dl_b');
    await store.append('conversation-active', () => ({ type: 'message', text: 'new words' }));
    const removed = await store.deleteIdleSince(new Date(clock.now().getTime() - 90 * 86_400_000));
    assert.equal(removed, 1);
    assert.equal(await store.find('conversation-idle'), undefined);
    assert.deepEqual(await store.after('conversation-idle', undefined), []);
    assert.equal((await store.after('conversation-active', undefined)).length, 1);
  });
});
