import { createHash } from 'node:crypto';
import { Types } from 'mongoose';

/**
 * The ObjectId that stands for a natural string key (a state key, an idempotency key, a case number).
 * Uniqueness is then enforced by `_id`, which every MongoDB-compatible server honours, rather than by a
 * unique secondary index, which the embedded development database does not enforce.
 */
export function idForKey(namespace: string, key: string): Types.ObjectId {
  const digest = createHash('sha256').update(`${namespace}\u0000${key}`).digest();
  return new Types.ObjectId(digest.subarray(0, 12));
}
