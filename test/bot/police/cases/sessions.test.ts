import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { auditModel } from '../../../../models/store/audit';
import { PASSWORD, seed, startCaseFixture, type CaseFixture } from '../../../helpers/cases';

type Session = { token: string; refreshToken: string; idleUntil: string };
const MINUTE = 60_000;

describe('case console sessions (access token plus rotating refresh token)', () => {
  let fixture: CaseFixture;
  let caseNumber: string;

  before(async () => {
    fixture = await startCaseFixture({ CASE_TOKEN_MINUTES: '15', CASE_SESSION_IDLE_MINUTES: '30' });
    caseNumber = await seed(fixture);
  });
  after(() => fixture?.close());

  async function login(): Promise<Session> {
    const answer = await fixture.call('POST', '/api/auth/login', undefined, {
      email: 'supervisor@police.test',
      password: PASSWORD,
    });
    assert.equal(answer.status, 200);
    return answer.body as Session;
  }

  const refresh = (refreshToken: string) =>
    fixture.call('POST', '/api/auth/refresh', undefined, { refreshToken });
  const read = (token: string) => fixture.call('GET', `/api/cases/${caseNumber}`, token);

  it('gives a refresh token at login and stores only its hash', async () => {
    const session = await login();
    assert.match(session.refreshToken, /^[A-Za-z0-9_-]{43}$/);
    const stored = await fixture.database.connection.collection('caseSessions').find({}).toArray();
    const hash = createHash('sha256').update(session.refreshToken).digest('hex');
    assert.ok(stored.some((entry) => entry.tokenHash === hash));
    assert.ok(
      stored.every((entry) => !JSON.stringify(entry).includes(session.refreshToken)),
      'the token itself is nowhere in the database',
    );
  });

  it('renews an expired access token while the session is in use, rotating the refresh token', async () => {
    const session = await login();
    fixture.advance(16 * MINUTE);
    assert.equal((await read(session.token)).status, 401, 'the access token itself has expired');
    const renewed = await refresh(session.refreshToken);
    assert.equal(renewed.status, 200);
    const next = renewed.body as Session;
    assert.notEqual(next.refreshToken, session.refreshToken);
    assert.equal((await read(next.token)).status, 200);
    // Worked on for longer than the idle timeout in all, but never idle that long: still signed in.
    fixture.advance(20 * MINUTE);
    const again = await refresh(next.refreshToken);
    assert.equal(again.status, 200);
  });

  it('refuses a refresh token after the idle timeout', async () => {
    const session = await login();
    fixture.advance(31 * MINUTE);
    const answer = await refresh(session.refreshToken);
    assert.equal(answer.status, 401);
    assert.equal((answer.body as { code: string }).code, 'SessionEnded');
  });

  it('revokes the whole login when a spent refresh token is presented again', async () => {
    const session = await login();
    const first = (await refresh(session.refreshToken)).body as Session;
    const reused = await refresh(session.refreshToken);
    assert.equal(reused.status, 401);
    assert.equal((await refresh(first.refreshToken)).status, 401, 'the rotated token is revoked too');
    const [entry] = await auditModel(fixture.database.connection)
      .find({ action: 'session.reuseRefused' })
      .lean();
    assert.ok(entry, 'the reuse is audited');
  });

  it('lets only one of two concurrent renewals with the same token succeed', async () => {
    const session = await login();
    const answers = await Promise.all([refresh(session.refreshToken), refresh(session.refreshToken)]);
    assert.deepEqual(answers.map((answer) => answer.status).sort(), [200, 401]);
  });

  it('ends the session at logout, and answers 204 for a second logout', async () => {
    const session = await login();
    const out = await fixture.call('POST', '/api/auth/logout', undefined, {
      refreshToken: session.refreshToken,
    });
    assert.equal(out.status, 204);
    assert.equal((await refresh(session.refreshToken)).status, 401);
    const twice = await fixture.call('POST', '/api/auth/logout', undefined, {
      refreshToken: session.refreshToken,
    });
    assert.equal(twice.status, 204);
    const [entry] = await auditModel(fixture.database.connection).find({ action: 'logout' }).lean();
    assert.ok(entry, 'the logout is audited');
  });

  it('refuses a renewal for an account disabled since the login', async () => {
    const answer = await fixture.call('POST', '/api/auth/login', undefined, {
      email: 'other@police.test',
      password: PASSWORD,
    });
    const session = answer.body as Session;
    await fixture.database.connection
      .collection('officers')
      .updateOne({ email: 'other@police.test' }, { $set: { disabled: true } });
    assert.equal((await refresh(session.refreshToken)).status, 401);
  });

  it('refuses a malformed refresh request with 400', async () => {
    assert.equal((await fixture.call('POST', '/api/auth/refresh', undefined, {})).status, 400);
    assert.equal(
      (await fixture.call('POST', '/api/auth/refresh', undefined, { refreshToken: 'short' })).status,
      400,
    );
  });
});
