import type { Connection } from 'mongoose';
import { RateLimiterMongo } from 'rate-limiter-flexible';

export interface LimitOptions {
  /** Collection the counters live in. */
  collection: string;
  keyPrefix: string;
  points: number;
  durationSeconds: number;
  /**
   * Keep a key that is over its limit blocked in this process's memory too, so a flood from one source is
   * refused without a database round trip per request.
   */
  blockInMemory?: boolean;
}

/**
 * A rate limiter whose counters live in MongoDB, so every service instance counts the same requests. (On
 * the embedded development database, which enforces no unique index and no TTL, expired counters are left
 * behind; on MongoDB the library's indexes, created by ensureLimitIndexes, keep one live counter per key.)
 */
export function mongoLimiter(connection: Connection, options: LimitOptions): RateLimiterMongo {
  return new RateLimiterMongo({
    storeClient: connection.getClient(),
    dbName: connection.name,
    tableName: options.collection,
    keyPrefix: options.keyPrefix,
    points: options.points,
    duration: options.durationSeconds,
    ...(options.blockInMemory
      ? { inMemoryBlockOnConsumed: options.points, inMemoryBlockDuration: options.durationSeconds }
      : {}),
    // Created once, awaited, at start-up (ensureLimitIndexes) rather than fire-and-forget per limiter.
    disableIndexesCreation: true,
  });
}

/** The indexes a limiter collection needs on MongoDB: one counter per key, expired ones removed. */
export async function ensureLimitIndexes(connection: Connection, collection: string): Promise<void> {
  const counters = connection.collection(collection);
  await counters.createIndex({ expire: -1 }, { expireAfterSeconds: 0 });
  await counters.createIndex({ key: 1 }, { unique: true });
}
