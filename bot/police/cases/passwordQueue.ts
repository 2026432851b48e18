import type { PasswordHasher } from '../../../models/store/officer';
import { ServiceError } from '../../../models/core/errors';

/**
 * A password hasher that computes at most `concurrency` argon2 hashes at once; a few more wait their turn
 * (`queue`), and any beyond are refused with 503 at once. argon2id is memory-hard and takes tens of
 * milliseconds of a core: a login flood must not take the cores the witnesses' conversations run on.
 */
export function cappedPasswords(
  hasher: PasswordHasher,
  concurrency: number,
  queue = concurrency * 4,
): PasswordHasher {
  let running = 0;
  const waiting: (() => void)[] = [];
  const run = async <T>(work: () => Promise<T>): Promise<T> => {
    if (running >= concurrency) {
      if (waiting.length >= queue) {
        throw new ServiceError('ServiceBusy', 'Too many logins at once; please try again in a moment.', {
          headers: { 'Retry-After': '5' },
        });
      }
      await new Promise<void>((resolve) => waiting.push(resolve));
    } else running += 1;
    try {
      return await work();
    } finally {
      const next = waiting.shift();
      // The slot passes straight to the next in line; only when nobody waits is it freed.
      if (next) next();
      else running -= 1;
    }
  };
  return {
    hash: (password) => run(() => hasher.hash(password)),
    verify: (hash, password) => run(() => hasher.verify(hash, password)),
  };
}
