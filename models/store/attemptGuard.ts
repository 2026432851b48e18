import type { Connection } from 'mongoose';
import type { RateLimiterAbstract } from 'rate-limiter-flexible';
import { mongoLimiter } from './rateLimits';

/**
 * The counters behind an AttemptGuard. A target is what is being guessed (an officer account, a case
 * number); a client is who is guessing (a client address, a chat user).
 */
export interface AttemptLimiters {
  /** Failed attempts per client, whatever the target; its `points` are the limit within its window. */
  perClient: RateLimiterAbstract;
  /** Consecutive failures per (target, client): a counter, its `points` so high they are never reached. */
  perPair: RateLimiterAbstract;
  /** The backoff gate per (target, client): one attempt per window once the free attempts are used up. */
  gate: RateLimiterAbstract;
}

/** How guessing is slowed down for one (target, client). */
export interface BackoffPolicy {
  /** Attempts that are never delayed (a holder who mistypes a few times). */
  readonly freeAttempts: number;
  /** The wait after the last free attempt; it doubles with every further failure. */
  readonly firstDelaySeconds: number;
  /** The longest wait between two attempts. */
  readonly maxDelaySeconds: number;
}

/** Seconds a (target, client) must wait after an attempt that follows `failures` consecutive failures. */
export function backoffSeconds(policy: BackoffPolicy, failures: number): number {
  const beyond = failures - (policy.freeAttempts - 1);
  if (beyond < 0) return 0;
  return Math.min(policy.maxDelaySeconds, policy.firstDelaySeconds * 2 ** beyond);
}

/** What an admitted attempt holds: the reservations to settle once the secret has been checked. */
export interface AttemptTicket {
  readonly clientKey: string;
  readonly pairKey: string;
}

/** Whether an attempt may check its secret now, or how long the client must wait. */
export type Admission =
  | { readonly admitted: true; readonly ticket: AttemptTicket }
  | { readonly admitted: false; readonly retryAfterSeconds: number };

function retryAfter(refusal: { msBeforeNext: number }): number {
  return Math.max(1, Math.ceil(refusal.msBeforeNext / 1000));
}

/** Refusals a guard remembers at most (a flood from many addresses cannot grow the process without bound). */
const MAX_REMEMBERED_REFUSALS = 10_000;

/**
 * Slows guessing of a secret (a password, a receipt code) down without locking its holder out. Failures are
 * counted per client and per (target, client), never per target alone: a stranger's failures slow the
 * stranger down, and the holder, from their own client, is never refused because of them. Each attempt
 * reserves its place before the secret is checked, so concurrent guesses cannot all pass a check made
 * before any of them had failed; a success hands the reservation back.
 */
export class AttemptGuard {
  // Refusals remembered in this process's memory until they end: a client that keeps knocking while it
  // must wait is refused without a database round trip per attempt (the counters would refuse it too).
  private readonly waiting = new Map<string, number>();

  constructor(
    private readonly limiters: AttemptLimiters,
    private readonly policy: BackoffPolicy,
    /** Remember refusals in memory until they end (the service's guards do; off to test the counters). */
    private readonly rememberRefusals = false,
    private readonly now: () => number = Date.now,
  ) {}

  private waitingFor(key: string): number {
    const until = this.waiting.get(key);
    if (until === undefined) return 0;
    if (until <= this.now()) {
      this.waiting.delete(key);
      return 0;
    }
    return Math.max(1, Math.ceil((until - this.now()) / 1000));
  }

  private remember(key: string, seconds: number): void {
    if (!this.rememberRefusals) return;
    if (this.waiting.size >= MAX_REMEMBERED_REFUSALS) {
      for (const [known, until] of this.waiting) if (until <= this.now()) this.waiting.delete(known);
      // Still full: the oldest goes (it is then refused by the database's counters instead).
      if (this.waiting.size >= MAX_REMEMBERED_REFUSALS) {
        const oldest = this.waiting.keys().next();
        if (!oldest.done) this.waiting.delete(oldest.value);
      }
    }
    this.waiting.set(key, this.now() + seconds * 1000);
  }

  /** Reserves an attempt at `target` from `client`, or says how long to wait. */
  async admit(target: string, client: string): Promise<Admission> {
    const { perClient, perPair, gate } = this.limiters;
    const clientKey = client;
    const pairKey = `${target}|${client}`;
    const known = Math.max(this.waitingFor(`c\u0000${clientKey}`), this.waitingFor(`p\u0000${pairKey}`));
    if (known > 0) return { admitted: false, retryAfterSeconds: known };
    const refusedAs =
      (key: string) =>
      (refusal: unknown): Admission => {
        // The limiter rejects with its result when over the limit, and with an Error when its store failed.
        if (refusal instanceof Error) throw refusal;
        const seconds = retryAfter(refusal as { msBeforeNext: number });
        this.remember(key, seconds);
        return { admitted: false, retryAfterSeconds: seconds };
      };
    const refusedBy = refusedAs(`p\u0000${pairKey}`);
    try {
      await perClient.consume(clientKey);
    } catch (refusal) {
      return refusedAs(`c\u0000${clientKey}`)(refusal);
    }
    let failures: number;
    try {
      // Reservations of attempts still being checked count too: that is what makes a burst wait.
      failures = (await perPair.consume(pairKey)).consumedPoints - 1;
    } catch (refusal) {
      await perClient.reward(clientKey);
      return refusedBy(refusal);
    }
    const wait = backoffSeconds(this.policy, failures);
    if (wait > 0) {
      try {
        // Only the first attempt of a window gets through the gate; the window it opens is the next wait.
        await gate.consume(pairKey, 1, { customDuration: wait });
      } catch (refusal) {
        await Promise.all([perClient.reward(clientKey), perPair.reward(pairKey)]);
        return refusedBy(refusal);
      }
    }
    return { admitted: true, ticket: { clientKey, pairKey } };
  }

  /** The secret was right: the client's reservation is handed back and the pair starts afresh. */
  async succeeded(ticket: AttemptTicket): Promise<void> {
    const { perClient, perPair, gate } = this.limiters;
    await Promise.all([
      perClient.reward(ticket.clientKey),
      perPair.delete(ticket.pairKey),
      gate.delete(ticket.pairKey),
    ]);
  }
}

/** Where and how a guard's counters are kept. */
export interface AttemptLimitOptions {
  /** Collection of the counters (its indexes: ensureLimitIndexes). */
  collection: string;
  /** Failed attempts allowed per client within `clientWindowSeconds`. */
  failuresPerClient: number;
  clientWindowSeconds: number;
  /** How long consecutive failures of a (target, client) are remembered. */
  pairMemorySeconds: number;
  policy: BackoffPolicy;
}

/** The guard's counters in MongoDB, so that every service instance counts the same attempts. */
export function attemptGuard(connection: Connection, options: AttemptLimitOptions): AttemptGuard {
  const { collection } = options;
  return new AttemptGuard(
    {
      perClient: mongoLimiter(connection, {
        collection,
        keyPrefix: 'client',
        points: options.failuresPerClient,
        durationSeconds: options.clientWindowSeconds,
      }),
      perPair: mongoLimiter(connection, {
        collection,
        keyPrefix: 'pair',
        points: Number.MAX_SAFE_INTEGER,
        durationSeconds: options.pairMemorySeconds,
      }),
      gate: mongoLimiter(connection, {
        collection,
        keyPrefix: 'gate',
        points: 1,
        durationSeconds: options.policy.maxDelaySeconds,
      }),
    },
    options.policy,
    true,
  );
}
