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

/** MongoDB's duplicate key error code (E11000). */
const DUPLICATE_KEY = 11000;

/**
 * Whether a write failed because a document with that `_id` (or unique key) exists already: the signal that
 * a key derived with idForKey was taken. The one test of it for every store. The embedded development
 * database answers an upsert that hits an existing `_id` with code 1 ("Duplicate key error: _id ...")
 * rather than 11000, so its message counts too.
 */
export function isDuplicateKeyError(error: unknown): boolean {
  if (typeof error !== 'object' || error === null) return false;
  const { code, message } = error as { code?: unknown; message?: unknown };
  return code === DUPLICATE_KEY || (typeof message === 'string' && /^duplicate key/i.test(message));
}
