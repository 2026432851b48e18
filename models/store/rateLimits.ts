import type { Collection, Connection } from 'mongoose';
import { RateLimiterMongo, RateLimiterRes, type RateLimiterStoreAbstract } from 'rate-limiter-flexible';
import { idForKey, isDuplicateKeyError } from './storageKey';

export interface LimitOptions {
  /** Collection the counters live in. */
  collection: string;
  keyPrefix: string;
  points: number;
  durationSeconds: number;
  /** Once over the limit, the key stays blocked this long (defaults to the rest of the duration). */
  blockDurationSeconds?: number;
  /**
   * Keep a key that is over its limit blocked in this process's memory too, so a flood from one source is
   * refused without a database round trip per request.
   */
  blockInMemory?: boolean;
  /** The clock counters expire by (tests move it); the service's clock by default the system's. */
  clock?: () => Date;
}

/** One counter: its identity is `_id`, derived from the key, so there is never a second one per key. */
interface CounterDocument {
  _id: ReturnType<typeof idForKey>;
  key: string;
  points: number;
  expire: Date | null;
}

// The package's types declare RateLimiterStoreAbstract, but its entry point does not export the class at run
// time; it is the base class of the package's own Mongo store.
const StoreAbstract = Object.getPrototypeOf(RateLimiterMongo) as typeof RateLimiterStoreAbstract;

/**
 * rate-limiter-flexible's limiter on a MongoDB store whose counters are identified by `_id` (an ObjectId
 * derived from the key, see idForKey) rather than by a unique index on `key`. The library's own Mongo store
 * relies on that unique index to keep one counter per key; the embedded development database does not
 * enforce it, so expired counters were inserted again beside the old ones, and building the index at the
 * next start failed on the duplicates. `_id` is unique on every MongoDB-compatible server.
 *
 * The methods below are the store hooks rate-limiter-flexible's RateLimiterStoreAbstract calls.
 */
export class MongoCounterLimiter extends StoreAbstract {
  private readonly counters: Collection<CounterDocument>;
  private readonly namespace: string;
  private readonly clock: () => Date;

  constructor(connection: Connection, options: LimitOptions) {
    super({
      storeClient: connection,
      keyPrefix: options.keyPrefix,
      points: options.points,
      duration: options.durationSeconds,
      ...(options.blockDurationSeconds ? { blockDuration: options.blockDurationSeconds } : {}),
      ...(options.blockInMemory
        ? { inMemoryBlockOnConsumed: options.points, inMemoryBlockDuration: options.durationSeconds }
        : {}),
    });
    this.counters = connection.collection<CounterDocument>(options.collection);
    this.namespace = options.collection;
    this.clock = options.clock ?? (() => new Date());
  }

  private idFor(rlKey: string): CounterDocument['_id'] {
    return idForKey(this.namespace, rlKey);
  }

  private expiryAfter(msDuration: number): Date | null {
    return msDuration > 0 ? new Date(this.clock().getTime() + msDuration) : null;
  }

  /** Adds `points` to the live counter of the key, or starts a new one (forceExpire: sets it outright). */
  async _upsert(
    rlKey: string,
    points: number,
    msDuration: number,
    forceExpire = false,
  ): Promise<CounterDocument> {
    const _id = this.idFor(rlKey);
    const fresh = { key: rlKey, points, expire: this.expiryAfter(msDuration) };
    if (forceExpire) {
      const set = await this.counters.findOneAndUpdate(
        { _id },
        { $set: fresh },
        { upsert: true, returnDocument: 'after' },
      );
      if (!set) throw new Error('the counter upsert returned no document');
      return set;
    }
    // A bounded retry: each round either increments the live counter, inserts the first one, or replaces
    // an expired one; losing a race to another instance means the next round finds its counter live.
    for (let attempt = 0; attempt < 5; attempt += 1) {
      const now = this.clock();
      try {
        const live = await this.counters.findOneAndUpdate(
          { _id, $or: [{ expire: { $gt: now } }, { expire: null }] },
          { $inc: { points }, $setOnInsert: { key: rlKey, expire: fresh.expire } },
          { upsert: true, returnDocument: 'after' },
        );
        if (live) return live;
      } catch (error) {
        // The counter exists but has expired (the filter did not match it, and the insert hit its _id).
        if (!isDuplicateKeyError(error)) throw error;
      }
      const renewed = await this.counters.findOneAndUpdate(
        { _id, expire: { $lte: now } },
        { $set: { ...fresh, expire: this.expiryAfter(msDuration) } },
        { returnDocument: 'after' },
      );
      if (renewed) return renewed;
    }
    throw new Error('the counter could not be updated (too much contention)');
  }

  /** The key's live counter, or null. */
  async _get(rlKey: string): Promise<CounterDocument | null> {
    return this.counters.findOne({
      _id: this.idFor(rlKey),
      $or: [{ expire: { $gt: this.clock() } }, { expire: null }],
    });
  }

  async _delete(rlKey: string): Promise<boolean> {
    const result = await this.counters.deleteOne({ _id: this.idFor(rlKey) });
    return result.deletedCount > 0;
  }

  _getRateLimiterRes(_rlKey: string, changedPoints: number, counter: CounterDocument): RateLimiterRes {
    const consumed = counter.points;
    return new RateLimiterRes(
      Math.max(this.points - consumed, 0),
      counter.expire === null ? -1 : Math.max(counter.expire.getTime() - this.clock().getTime(), 0),
      consumed,
      consumed === changedPoints,
    );
  }
}

/**
 * A rate limiter whose counters live in MongoDB, so every service instance counts the same requests.
 */
export function mongoLimiter(connection: Connection, options: LimitOptions): MongoCounterLimiter {
  return new MongoCounterLimiter(connection, options);
}

/**
 * Prepares a counter collection at start-up: the TTL index that lets MongoDB remove expired counters, and,
 * because the embedded development database never applies TTL indexes, the removal of expired ones. A
 * unique index on `key` from earlier versions (which the embedded database did not enforce, and whose
 * build then failed at start on the duplicates it let in) is dropped: one counter per key rests on `_id`.
 */
export async function ensureLimitIndexes(
  connection: Connection,
  collection: string,
  clock: () => Date = () => new Date(),
): Promise<void> {
  const counters = connection.collection(collection);
  const indexes = await counters
    .listIndexes()
    .toArray()
    .catch(() => []);
  for (const index of indexes as { name?: string; unique?: boolean }[]) {
    if (index.unique && index.name && index.name !== '_id_') await counters.dropIndex(index.name);
  }
  await counters.createIndex({ expire: -1 }, { expireAfterSeconds: 0 });
  // Expired counters, and counters of earlier versions (random `_id`s, found by nothing now).
  await counters.deleteMany({ expire: { $lte: clock() } });
}

export interface SharedCounterOptions {
  /** Collection the counters live in (the same documents as mongoLimiter's: `_id`, key, points, expire). */
  collection: string;
  keyPrefix: string;
  points: number;
  durationSeconds: number;
  /** How long counts wait in memory before they are added to the shared counters (default 1 s). */
  syncMs?: number;
  clock?: () => Date;
  /** Told when the shared counters could not be written or read (counting goes on in memory). */
  onSyncFailed?: (error: unknown) => void;
}

interface LocalCount {
  window: number;
  /** The shared count as last read (every instance's points that had reached MongoDB then). */
  shared: number;
  /** Points counted here and not yet added to the shared counter. */
  unsynced: number;
  /** Points being added by the sync in flight. */
  sending: number;
}

/**
 * A fixed-window limiter counted in this instance's memory on the hot path, and shared through MongoDB in
 * the background: about once a `syncMs`, one bulk write adds every key's new points to its counter for the
 * window, and one read brings back the totals (every instance's), whatever the number of messages. So a
 * message costs no database round trip, an outage never blocks a message (counts wait in memory), and
 * instances together admit at most the limit plus what they counted in one sync interval. A window is
 * its own counter document (`key:window`), so a new window never has to replace an expired counter.
 */
export class SharedCounterLimiter {
  private readonly counts = new Map<string, LocalCount>();
  private readonly counters: Collection<CounterDocument>;
  private readonly clock: () => Date;
  private readonly durationMs: number;
  private timer: NodeJS.Timeout | undefined;
  private syncing: Promise<void> | undefined;
  // Told once per outage, not once a second.
  private failing = false;

  constructor(
    connection: Connection,
    private readonly options: SharedCounterOptions,
  ) {
    this.counters = connection.collection<CounterDocument>(options.collection);
    this.clock = options.clock ?? (() => new Date());
    this.durationMs = options.durationSeconds * 1000;
  }

  /** Counts points for a key; rejects with a RateLimiterRes (not an Error) when over the limit. */
  consume(key: string | number, points = 1): Promise<RateLimiterRes> {
    const now = this.clock().getTime();
    const window = Math.floor(now / this.durationMs);
    const rlKey = `${this.options.keyPrefix}:${key}`;
    let count = this.counts.get(rlKey);
    if (!count || count.window !== window) {
      count = { window, shared: 0, unsynced: 0, sending: 0 };
      this.counts.set(rlKey, count);
    }
    const consumed = count.shared + count.unsynced + count.sending + points;
    const msBeforeNext = (window + 1) * this.durationMs - now;
    const result = new RateLimiterRes(
      Math.max(this.options.points - consumed, 0),
      msBeforeNext,
      consumed,
      false,
    );
    // rate-limiter-flexible's contract, which the channel reads: over the limit rejects with the result.
    // eslint-disable-next-line @typescript-eslint/prefer-promise-reject-errors
    if (consumed > this.options.points) return Promise.reject(result);
    count.unsynced += points;
    this.schedule();
    return Promise.resolve(result);
  }

  private schedule(): void {
    if (this.timer) return;
    this.timer = setTimeout(() => {
      this.timer = undefined;
      void this.sync();
    }, this.options.syncMs ?? 1_000);
    this.timer.unref();
  }

  /** Adds the counts waiting here to the shared counters and reads back the totals. */
  sync(): Promise<void> {
    this.syncing ??= this.syncOnce().finally(() => {
      this.syncing = undefined;
    });
    return this.syncing;
  }

  private async syncOnce(): Promise<void> {
    const current = Math.floor(this.clock().getTime() / this.durationMs);
    const outgoing: [string, LocalCount][] = [];
    for (const [rlKey, count] of this.counts) {
      if (count.window < current) {
        // A past window: what it still held no longer limits anything.
        this.counts.delete(rlKey);
        continue;
      }
      if (count.unsynced === 0) continue;
      count.sending = count.unsynced;
      count.unsynced = 0;
      outgoing.push([rlKey, count]);
    }
    if (outgoing.length === 0) return;
    const idOf = (rlKey: string, count: LocalCount) =>
      idForKey(this.options.collection, `${rlKey}:${count.window}`);
    try {
      await this.counters.bulkWrite(
        outgoing.map(([rlKey, count]) => ({
          updateOne: {
            filter: { _id: idOf(rlKey, count) },
            update: {
              $inc: { points: count.sending },
              $setOnInsert: {
                key: `${rlKey}:${count.window}`,
                // Kept one window past its end, for the TTL index (and the start-up clean-up) to remove.
                expire: new Date((count.window + 2) * this.durationMs),
              },
            },
            upsert: true,
          },
        })),
        { ordered: false },
      );
    } catch (error) {
      for (const [, count] of outgoing) {
        count.unsynced += count.sending;
        count.sending = 0;
      }
      this.failed(error);
      this.schedule();
      return;
    }
    this.failing = false;
    for (const [, count] of outgoing) {
      count.shared += count.sending;
      count.sending = 0;
    }
    try {
      const totals = await this.counters
        .find({ _id: { $in: outgoing.map(([rlKey, count]) => idOf(rlKey, count)) } })
        .toArray();
      const byId = new Map(totals.map((document) => [document._id.toHexString(), document.points]));
      for (const [rlKey, count] of outgoing) {
        const total = byId.get(idOf(rlKey, count).toHexString());
        // The total includes this instance's points added so far; never less than what was counted here.
        if (total !== undefined) count.shared = Math.max(count.shared, total);
      }
    } catch (error) {
      this.failed(error);
    }
  }

  private failed(error: unknown): void {
    if (!this.failing) this.options.onSyncFailed?.(error);
    this.failing = true;
  }

  /** Stops the background sync (counts not yet shared are dropped with this process, as a restart would). */
  close(): void {
    clearTimeout(this.timer);
    this.timer = undefined;
  }
}
