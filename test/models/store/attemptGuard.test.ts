import assert from 'node:assert/strict';
import {
  AttemptGuard,
  backoffSeconds,
  type Admission,
  type AttemptLimiters,
  type BackoffPolicy,
} from '../../../models/store/attemptGuard';
import type { Database } from '../../../models/store/db';
import { mongoLimiter } from '../../../models/store/rateLimits';
import { openTestDatabase } from '../../helpers/database';

const POLICY: BackoffPolicy = { freeAttempts: 3, firstDelaySeconds: 10, maxDelaySeconds: 600 };

function admitted(admission: Admission): Extract<Admission, { admitted: true }> {
  assert.ok(admission.admitted, 'admitted');
  return admission;
}

describe('AttemptGuard', () => {
  let database: Database;
  let limiters: AttemptLimiters;
  let guard: AttemptGuard;

  before(async () => {
    database = await openTestDatabase();
  });
  after(async () => {
    await database.close();
  });
  beforeEach(() => {
    const collection = `attempts${Math.random().toString(36).slice(2, 8)}`;
    const limiter = (keyPrefix: string, points: number, durationSeconds: number) =>
      mongoLimiter(database.connection, { collection, keyPrefix, points, durationSeconds });
    limiters = {
      perClient: limiter('client', 8, 3600),
      perPair: limiter('pair', Number.MAX_SAFE_INTEGER, 86_400),
      gate: limiter('gate', 1, POLICY.maxDelaySeconds),
    };
    guard = new AttemptGuard(limiters, POLICY);
  });

  it('doubles the wait with every failure after the free attempts, up to the longest wait', () => {
    const waits = [0, 1, 2, 3, 4, 5, 6, 7].map((failures) => backoffSeconds(POLICY, failures));
    assert.deepEqual(waits, [0, 0, 10, 20, 40, 80, 160, 320]);
    assert.equal(backoffSeconds(POLICY, 40), 600);
  });

  it('admits the free attempts at once, then one attempt per growing window', async () => {
    for (let attempt = 0; attempt < POLICY.freeAttempts; attempt += 1) {
      admitted(await guard.admit('case:A', 'client-1'));
    }
    const first = await guard.admit('case:A', 'client-1');
    assert.equal(first.admitted, false, 'the window opened by the last free attempt is still running');
    assert.ok(!first.admitted && first.retryAfterSeconds > 0 && first.retryAfterSeconds <= 10);

    // The window has passed (its counter is gone, as it would be once it expired).
    await limiters.gate.delete('case:A|client-1');
    admitted(await guard.admit('case:A', 'client-1'));
    const second = await guard.admit('case:A', 'client-1');
    assert.ok(!second.admitted && second.retryAfterSeconds > 10, 'the next window is longer');
  });

  it('counts a (target, client) apart from the same target guessed at by another client', async () => {
    for (let attempt = 0; attempt < POLICY.freeAttempts + 1; attempt += 1) {
      await guard.admit('account:officer', 'stranger');
    }
    assert.equal((await guard.admit('account:officer', 'stranger')).admitted, false);
    const holder = admitted(await guard.admit('account:officer', 'holder'));
    await guard.succeeded(holder.ticket);
  });

  it('starts a (target, client) afresh after a success and hands the client its reservation back', async () => {
    for (let attempt = 0; attempt < POLICY.freeAttempts - 1; attempt += 1) {
      await guard.admit('case:B', 'client-2');
    }
    const right = admitted(await guard.admit('case:B', 'client-2'));
    await guard.succeeded(right.ticket);
    for (let attempt = 0; attempt < POLICY.freeAttempts - 1; attempt += 1) {
      admitted(await guard.admit('case:B', 'client-2'));
    }
    const counted = await limiters.perClient.get('client-2');
    assert.equal(counted?.consumedPoints, 2 * (POLICY.freeAttempts - 1), 'the success is not a failure');
  });

  it('refuses a client over its limit across targets, before anything is checked', async () => {
    for (let target = 0; target < 8; target += 1) admitted(await guard.admit(`case:${target}`, 'sweeper'));
    const refused = await guard.admit('case:another', 'sweeper');
    assert.equal(refused.admitted, false);
    assert.equal(await limiters.perPair.get('case:another|sweeper'), null, 'no reservation left behind');
  });

  it('admits no more of a concurrent burst from one client than its limit', async () => {
    const burst = await Promise.all(
      Array.from({ length: 20 }, (_, target) => guard.admit(`case:burst${target}`, 'burster')),
    );
    assert.equal(burst.filter((admission) => admission.admitted).length, 8);
  });
});
