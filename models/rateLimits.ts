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
