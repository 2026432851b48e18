import assert from 'node:assert/strict';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { generateKeyPair } from 'jose';
import { startService, type RunningService } from '../../../../bot/service';
import type { Database } from '../../../../models/store/db';
import { officerIdForEntra, officerModel, OfficerAccounts } from '../../../../models/store/officer';
import { ReportRepository } from '../../../../models/store/reportRepository';
import { openTestDatabase } from '../../../helpers/database';
import { inventedSubmission } from '../../../helpers/fixtures';
import { POLICE_TENANT, testIdentity, type TestIdentity } from '../../../helpers/identity';
import { memoryLogger } from '../../../helpers/logger';
import { PARTNER_TENANT } from '../../channels/teams/teamsActivity';
import { testServiceConfig } from '../../../helpers/serviceConfig';

const SUPERVISORS_GROUP = '0b1c2d3e-4f50-4a6b-8c7d-9e0f1a2b3c4d';
const ROLE_MAP = `Shield.Officer=officer,Shield.Supervisor=supervisor,Shield.Admin=admin,${SUPERVISORS_GROUP}=supervisor`;
const PASSWORD = 'correct horse battery staple';

type Json = Record<string, unknown>;

// Each test signs in as its own invented user, so that one test's account does not change another's.
let users = 0;
const newUser = (): string => `c0ffee00-0000-4000-8000-${String(++users).padStart(12, '0')}`;

describe('Entra ID officers on the case API', () => {
  let database: Database;
  let service: RunningService;
  let identity: TestIdentity;
  let dataDir: string;
  let caseNumber: string;

  before(async () => {
    dataDir = await mkdtemp(path.join(tmpdir(), 'entra-officers-'));
    database = await openTestDatabase();
    identity = await testIdentity();
    const config = testServiceConfig(dataDir, {
      LOG_LEVEL: 'silent',
      CASE_TOKEN_SECRET: 'a-test-secret-that-is-long-enough-0123456789',
      ...identity.environment,
      POLICE_TENANT_IDS: POLICE_TENANT,
      ENTRA_ROLE_MAP: ROLE_MAP,
    });
    service = await startService(config, memoryLogger().logger, { database });
    const reports = new ReportRepository(database.connection, path.join(dataDir, 'outbox'), () => new Date());
    const result = await reports.submit(inventedSubmission());
    caseNumber = result.caseNumber;
  });
  after(async () => {
    await service.stop();
    await identity.close();
    await database.close();
    await rm(dataDir, { recursive: true, force: true });
  });

  /** A token of the police tenant for `oid` with these extra claims. */
  const policeToken = (oid: string, claims: Json = {}) =>
    identity.token({ tid: POLICE_TENANT, oid, ...claims });

  const call = async (
    method: string,
    url: string,
    token: string | undefined,
    body?: unknown,
  ): Promise<{ status: number; body: Json }> => {
    const headers: Record<string, string> = {};
    if (token) headers.authorization = `Bearer ${token}`;
    if (body !== undefined) headers['content-type'] = 'application/json';
    const response = await fetch(`${service.url}${url}`, {
      method,
      headers,
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    return { status: response.status, body: (await response.json()) as Json };
  };

  const officersListed = async (): Promise<{ id: string; email: string; role: string }[]> => {
    const supervisor = await policeToken(newUser(), { roles: ['Shield.Supervisor'] });
    const answer = await call('GET', '/api/officers', supervisor);
    assert.equal(answer.status, 200);
    return answer.body.officers as { id: string; email: string; role: string }[];
  };

  const roleOf = async (oid: string): Promise<string | undefined> =>
    (await officersListed()).find(
      (officer) => officer.id === officerIdForEntra(POLICE_TENANT, oid).toHexString(),
    )?.role;

  describe('rights from the roles claim', () => {
    it('lets an officer list cases but answers 403 to their export', async () => {
      const token = await policeToken(newUser(), { roles: ['Shield.Officer'] });
      assert.equal((await call('GET', '/api/cases', token)).status, 200);
      const exported = await call('GET', '/api/cases/export?format=json', token);
      assert.equal(exported.status, 403);
      assert.equal(exported.body.code, 'Forbidden');
    });

    it('lets a supervisor export', async () => {
      const token = await policeToken(newUser(), { roles: ['Shield.Supervisor'] });
      assert.equal((await call('GET', '/api/cases/export?format=json', token)).status, 200);
    });

    it('gives an admin the admin role', async () => {
      const oid = newUser();
      const token = await policeToken(oid, { roles: ['Shield.Admin'] });
      assert.equal((await call('GET', '/api/cases/export?format=json', token)).status, 200);
      assert.equal(await roleOf(oid), 'admin');
    });
  });

  it('grants the role mapped to a group object id (in any letter case)', async () => {
    const oid = newUser();
    const token = await policeToken(oid, { groups: [SUPERVISORS_GROUP.toUpperCase()] });
    assert.equal((await call('GET', '/api/cases/export?format=json', token)).status, 200);
    assert.equal(await roleOf(oid), 'supervisor');
  });

  it('gives the highest of several mapped roles and groups', async () => {
    const oid = newUser();
    const token = await policeToken(oid, {
      roles: ['Shield.Officer', 'Unmapped.Role'],
      groups: [SUPERVISORS_GROUP, '99999999-9999-4999-8999-999999999999'],
    });
    assert.equal((await call('GET', '/api/cases/export?format=json', token)).status, 200);
    assert.equal(await roleOf(oid), 'supervisor');
    await call('GET', '/api/cases', await policeToken(oid, { roles: ['Shield.Admin', 'Shield.Officer'] }));
    assert.equal(await roleOf(oid), 'admin');
  });

  const withoutRole: [string, Json][] = [
    ['no roles or groups claim', {}],
    ['only unmapped roles and groups', { roles: ['Other.App.Role'], groups: [PARTNER_TENANT] }],
    ['a roles claim that is not a list', { roles: 'Shield.Admin' }],
  ];
  for (const [what, claims] of withoutRole) {
    it(`answers 403 NoRole to a police token with ${what}, and creates no account`, async () => {
      const oid = newUser();
      const answer = await call('GET', '/api/cases', await policeToken(oid, claims));
      assert.equal(answer.status, 403);
      assert.equal(answer.body.code, 'NoRole');
      const stored = await officerModel(database.connection).countDocuments({
        _id: officerIdForEntra(POLICE_TENANT, oid),
      });
      assert.equal(stored, 0);
    });
  }

  const refusals: [string, () => Promise<string>][] = [
    [
      'a partner organisation tenant, even with a mapped role',
      () => identity.token({ tid: PARTNER_TENANT, oid: newUser(), roles: ['Shield.Admin'] }),
    ],
    [
      'an expired token',
      () => identity.token({ tid: POLICE_TENANT, roles: ['Shield.Admin'] }, { expiresIn: '-5m' }),
    ],
    [
      'a wrongly signed token',
      async () =>
        identity.token(
          { tid: POLICE_TENANT, roles: ['Shield.Admin'] },
          { key: (await generateKeyPair('RS256')).privateKey },
        ),
    ],
    [
      'a token for another audience',
      () =>
        identity.token(
          { tid: POLICE_TENANT, roles: ['Shield.Admin'] },
          { audience: 'api://elsewhere.example.org/x' },
        ),
    ],
    [
      "a token whose issuer is another tenant's",
      () =>
        identity.token(
          { tid: POLICE_TENANT, roles: ['Shield.Admin'] },
          { issuer: `https://login.microsoftonline.com/${PARTNER_TENANT}/v2.0` },
        ),
    ],
  ];
  for (const [what, makeToken] of refusals) {
    it(`answers 401 to ${what}`, async () => {
      const answer = await call('GET', '/api/cases', await makeToken());
      assert.equal(answer.status, 401);
      assert.equal(answer.body.code, 'Unauthenticated');
    });
  }

  describe('just-in-time officer account', () => {
    it('is created once, with the tenant, object id and address, and no password', async () => {
      const oid = newUser();
      const claims = { roles: ['Shield.Officer'], preferred_username: 'Agent.Invented@Police.Example' };
      assert.equal((await call('GET', '/api/cases', await policeToken(oid, claims))).status, 200);
      assert.equal((await call('GET', '/api/cases', await policeToken(oid, claims))).status, 200);
      const id = officerIdForEntra(POLICE_TENANT, oid);
      const stored = await officerModel(database.connection).find({ _id: id }).lean();
      assert.equal(stored.length, 1);
      assert.deepEqual(
        {
          source: stored[0].source,
          tenantId: stored[0].tenantId,
          objectId: stored[0].objectId,
          email: stored[0].email,
          role: stored[0].role,
          passwordHash: stored[0].passwordHash,
          disabled: stored[0].disabled,
        },
        {
          source: 'entra',
          tenantId: POLICE_TENANT,
          objectId: oid,
          email: 'agent.invented@police.example',
          role: 'officer',
          passwordHash: undefined,
          disabled: false,
        },
      );
      const listed = (await officersListed()).find((officer) => officer.id === id.toHexString());
      assert.deepEqual(listed, {
        id: id.toHexString(),
        email: 'agent.invented@police.example',
        role: 'officer',
      });
    });

    it('takes the address from the upn claim of a v1 token', async () => {
      const oid = newUser();
      const token = await identity.token(
        { tid: POLICE_TENANT, oid, roles: ['Shield.Officer'], upn: 'v1.agent@police.example' },
        { issuer: `https://sts.windows.net/${POLICE_TENANT}/` },
      );
      assert.equal((await call('GET', '/api/cases', token)).status, 200);
      const stored = await officerModel(database.connection)
        .findById(officerIdForEntra(POLICE_TENANT, oid))
        .lean();
      assert.equal(stored?.email, 'v1.agent@police.example');
    });

    it('follows the role of the latest token, down as well as up', async () => {
      const oid = newUser();
      const asSupervisor = await policeToken(oid, { roles: ['Shield.Supervisor'] });
      assert.equal((await call('GET', '/api/cases/export?format=json', asSupervisor)).status, 200);
      assert.equal(await roleOf(oid), 'supervisor');
      const asOfficer = await policeToken(oid, { roles: ['Shield.Officer'] });
      assert.equal((await call('GET', '/api/cases/export?format=json', asOfficer)).status, 403);
      assert.equal(await roleOf(oid), 'officer');
    });

    it('refuses the token of a disabled account with 401', async () => {
      const oid = newUser();
      const token = await policeToken(oid, { roles: ['Shield.Admin'] });
      assert.equal((await call('GET', '/api/cases', token)).status, 200);
      await officerModel(database.connection).updateOne(
        { _id: officerIdForEntra(POLICE_TENANT, oid) },
        { $set: { disabled: true } },
      );
      assert.equal((await call('GET', '/api/cases', token)).status, 401);
      const stored = await officerModel(database.connection)
        .findById(officerIdForEntra(POLICE_TENANT, oid))
        .lean();
      assert.equal(stored?.disabled, true, 'a new token does not enable the account again');
    });

    it('cannot log in with a password', async () => {
      const email = 'entra.only@police.example';
      const oid = newUser();
      await call(
        'GET',
        '/api/cases',
        await policeToken(oid, { roles: ['Shield.Officer'], preferred_username: email }),
      );
      const accounts = new OfficerAccounts(database.connection);
      assert.equal(await accounts.authenticate(email, PASSWORD), undefined);
      const answer = await call('POST', '/api/auth/login', undefined, { email, password: PASSWORD });
      assert.equal(answer.status, 401);
    });

    it('is named by its id in the audit trail and can be assigned the case', async () => {
      const oid = newUser();
      const id = officerIdForEntra(POLICE_TENANT, oid).toHexString();
      const token = await policeToken(oid, { roles: ['Shield.Supervisor'] });
      assert.equal((await call('GET', `/api/cases/${caseNumber}`, token)).status, 200);
      const assigned = await call('PATCH', `/api/cases/${caseNumber}`, token, { assignee: id });
      assert.equal(assigned.status, 200);
      assert.equal((assigned.body.case as Json).assignee, id);
      const trail = await call('GET', `/api/cases/${caseNumber}/audit`, token);
      assert.equal(trail.status, 200);
      const mine = (trail.body.entries as { actor: string; role: string; action: string }[]).filter(
        (entry) => entry.actor === id,
      );
      assert.deepEqual(
        mine.map((entry) => [entry.action, entry.role]),
        [
          ['case.read', 'supervisor'],
          ['case.updated', 'supervisor'],
        ],
      );
    });
  });

  it('still accepts the standalone console login beside Entra ID', async () => {
    await new OfficerAccounts(database.connection).add('console.user@police.example', 'officer', PASSWORD);
    const login = await call('POST', '/api/auth/login', undefined, {
      email: 'console.user@police.example',
      password: PASSWORD,
    });
    assert.equal(login.status, 200);
    assert.equal((await call('GET', '/api/cases', login.body.token as string)).status, 200);
  });
});

describe('Entra ID officers without POLICE_TENANT_IDS', () => {
  it('answers 401 to a police token with a mapped role (the verifier is not wired)', async () => {
    const dataDir = await mkdtemp(path.join(tmpdir(), 'entra-off-'));
    const database = await openTestDatabase();
    const identity = await testIdentity();
    const config = testServiceConfig(dataDir, {
      LOG_LEVEL: 'silent',
      ...identity.environment,
      ENTRA_ROLE_MAP: ROLE_MAP,
    });
    const service = await startService(config, memoryLogger().logger, { database });
    try {
      const token = await identity.token({ tid: POLICE_TENANT, roles: ['Shield.Admin'] });
      const response = await fetch(`${service.url}/api/cases`, {
        headers: { authorization: `Bearer ${token}` },
      });
      assert.equal(response.status, 401);
    } finally {
      await service.stop();
      await identity.close();
      await database.close();
      await rm(dataDir, { recursive: true, force: true });
    }
  });
});
