import assert from 'node:assert/strict';
import { CaseRetention } from '../../../../bot/police/cases/retention';
import { en } from '../../../../dialogs/locales/en';
import { AuditTrail, auditModel, type AuditAction } from '../../../../models/store/audit';
import { officerIdForEmail } from '../../../../models/store/officer';
import { activeOrganisationName } from '../../../../models/store/organisation';
import { reportModel } from '../../../../models/store/report';
import { settingModel } from '../../../../models/store/setting';
import { PASSWORD, seed, startCaseFixture, type CaseFixture } from '../../../helpers/cases';
import { postActivity } from '../../../helpers/http';
import { teamsActivity } from '../../channels/teams/teamsActivity';

type Json = Record<string, unknown>;
const DAY = 86_400_000;
const NEW_TENANT = '12345678-aaaa-4bbb-8ccc-1234567890ab';
const UNKNOWN_TENANT = '87654321-dddd-4eee-8fff-ba0987654321';
const NEW_PASSWORD = 'an invented passphrase of some length';

describe('admin API', () => {
  let fixture: CaseFixture;
  let officer: string;
  let supervisor: string;
  let admin: string;
  const adminId = officerIdForEmail('admin@police.test').toHexString();
  const officerId = officerIdForEmail('officer@police.test').toHexString();

  async function loginAll(): Promise<void> {
    officer = await fixture.login('officer@police.test');
    supervisor = await fixture.login('supervisor@police.test');
    admin = await fixture.login('admin@police.test');
  }

  /** The newest audit entry with this action. */
  async function lastAudit(action: AuditAction): Promise<Json | undefined> {
    const [entry] = await auditModel(fixture.database.connection)
      .find({ action })
      .sort({ _id: -1 })
      .limit(1)
      .lean<Json[]>();
    return entry;
  }

  function assertAuditedByAdmin(entry: Json | undefined, action: AuditAction): void {
    assert.ok(entry, `${action} audited`);
    assert.equal(entry.actor, adminId);
    assert.equal(entry.role, 'admin');
    assert.match(String(entry.ip), /127\.0\.0\.1/);
    assert.ok(entry.at instanceof Date, 'the time is recorded');
  }

  before(async () => {
    fixture = await startCaseFixture();
    await loginAll();
  });
  after(async () => {
    await fixture.close();
  });

  describe('access', () => {
    const routes: [string, string, unknown][] = [
      ['GET', '/api/admin/officers', undefined],
      ['POST', '/api/admin/officers', { email: 'x@police.test', role: 'officer', password: NEW_PASSWORD }],
      [
        'PATCH',
        `/api/admin/officers/${officerIdForEmail('other@police.test').toHexString()}`,
        { role: 'admin' },
      ],
      ['GET', '/api/admin/organisations', undefined],
      ['POST', '/api/admin/organisations', { tenantId: UNKNOWN_TENANT, name: 'Invented College' }],
      ['PATCH', `/api/admin/organisations/${UNKNOWN_TENANT}`, { active: false }],
      ['GET', '/api/admin/retention', undefined],
      ['PUT', '/api/admin/retention', { retentionDays: 7 }],
      ['POST', '/api/admin/retention/run', undefined],
    ];
    for (const [method, url, body] of routes) {
      const route = `${method} ${url.replace(/[0-9a-f-]{24,}$/, ':id')}`;
      it(`answers 401 without a token on ${route}`, async () => {
        const answer = await fixture.call(method, url, undefined, body);
        assert.equal(answer.status, 401);
        assert.equal((answer.body as Json).code, 'Unauthenticated');
        assert.equal(answer.response.headers.get('www-authenticate'), 'Bearer');
      });
      it(`answers 403 to an officer and a supervisor on ${route}`, async () => {
        for (const token of [officer, supervisor]) {
          const answer = await fixture.call(method, url, token, body);
          assert.equal(answer.status, 403);
          assert.equal((answer.body as Json).code, 'Forbidden');
        }
      });
    }

    it('answers 401 to an admin whose token has expired', async () => {
      assert.equal((await fixture.call('GET', '/api/admin/officers', admin)).status, 200);
      fixture.advance(16 * 60_000);
      try {
        assert.equal((await fixture.call('GET', '/api/admin/officers', admin)).status, 401);
      } finally {
        await loginAll();
      }
    });

    it('writes no audit entry for a change it refused', async () => {
      await fixture.call('PUT', '/api/admin/retention', supervisor, { retentionDays: 8 });
      assert.equal(await lastAudit('admin.retentionChanged'), undefined);
    });
  });

  describe('accounts', () => {
    it('lists every account, disabled ones too, never with a password hash', async () => {
      await fixture.accounts.add('listed@police.test', 'officer', PASSWORD);
      await fixture.call(
        'PATCH',
        `/api/admin/officers/${officerIdForEmail('listed@police.test').toHexString()}`,
        admin,
        {
          disabled: true,
        },
      );
      const answer = await fixture.call('GET', '/api/admin/officers', admin);
      assert.equal(answer.status, 200);
      const officers = (answer.body as { officers: Json[] }).officers;
      const listed = officers.find((entry) => entry.email === 'listed@police.test');
      assert.equal(listed?.disabled, true, 'a disabled account is listed');
      assert.deepEqual(Object.keys(listed ?? {}).sort(), [
        'createdAt',
        'disabled',
        'email',
        'id',
        'lastLoginAt',
        'role',
      ]);
      assert.ok(
        officers.some((entry) => entry.email === 'admin@police.test' && entry.role === 'admin'),
        'the admin is listed with their role',
      );
      assert.doesNotMatch(JSON.stringify(answer.body), /argon2|passwordHash/);
    });

    it('creates an account with 201 that can log in at once, and audits it without the password', async () => {
      const answer = await fixture.call('POST', '/api/admin/officers', admin, {
        email: 'New.Officer@Police.test',
        role: 'supervisor',
        password: NEW_PASSWORD,
      });
      assert.equal(answer.status, 201);
      const created = (answer.body as { officer: Json }).officer;
      assert.equal(created.email, 'new.officer@police.test');
      assert.equal(created.role, 'supervisor');
      assert.equal(created.disabled, false);
      assert.equal(created.id, officerIdForEmail('new.officer@police.test').toHexString());
      assert.doesNotMatch(JSON.stringify(answer.body), /argon2|passwordHash/);
      const login = await fixture.call('POST', '/api/auth/login', undefined, {
        email: 'new.officer@police.test',
        password: NEW_PASSWORD,
      });
      assert.equal(login.status, 200);
      const entry = await lastAudit('admin.officerCreated');
      assertAuditedByAdmin(entry, 'admin.officerCreated');
      assert.deepEqual(entry?.detail, {
        officerId: created.id,
        email: 'new.officer@police.test',
        role: 'supervisor',
      });
      assert.doesNotMatch(JSON.stringify(entry), /passphrase|argon2/);
    });

    it('stores the password as an argon2id hash, as the command line does', async () => {
      const stored = await fixture.accounts.byId(officerIdForEmail('new.officer@police.test').toHexString());
      assert.match(stored?.passwordHash ?? '', /^\$argon2id\$/);
    });

    it('answers 409 OfficerExists for an address that has an account, whatever its case', async () => {
      const answer = await fixture.call('POST', '/api/admin/officers', admin, {
        email: 'OFFICER@police.test',
        role: 'admin',
        password: NEW_PASSWORD,
      });
      assert.equal(answer.status, 409);
      assert.equal((answer.body as Json).code, 'OfficerExists');
      assert.equal((await fixture.accounts.byId(officerId))?.role, 'officer', 'the account is unchanged');
    });

    const refusedAccounts: [string, Json, string][] = [
      [
        'a short password',
        { email: 'short@police.test', role: 'officer', password: 'too short' },
        'PasswordTooShort',
      ],
      [
        'a bad e-mail address',
        { email: 'not an address', role: 'officer', password: NEW_PASSWORD },
        'EmailInvalid',
      ],
      [
        'an unknown role',
        { email: 'r@police.test', role: 'chief', password: NEW_PASSWORD },
        'InvalidRequest',
      ],
      [
        'an unknown field',
        { email: 'u@police.test', role: 'officer', password: NEW_PASSWORD, disabled: false },
        'InvalidRequest',
      ],
      [
        'a wrong type',
        { email: 'w@police.test', role: 'officer', password: 123456789012345 },
        'InvalidRequest',
      ],
      [
        'a MongoDB operator',
        { email: { $gt: '' }, role: 'officer', password: NEW_PASSWORD },
        'InvalidRequest',
      ],
      ['a missing password', { email: 'm@police.test', role: 'officer' }, 'InvalidRequest'],
    ];
    for (const [what, body, code] of refusedAccounts) {
      it(`refuses an account with ${what} with 400 ${code}`, async () => {
        const answer = await fixture.call('POST', '/api/admin/officers', admin, body);
        assert.equal(answer.status, 400);
        assert.equal((answer.body as Json).code, code);
        if (typeof body.email === 'string') {
          assert.equal(await fixture.accounts.byId(officerIdForEmail(body.email).toHexString()), undefined);
        }
      });
    }

    it('changes a role at once for the tokens the officer already holds, and audits from and to', async () => {
      await fixture.accounts.add('promoted@police.test', 'officer', PASSWORD);
      const token = await fixture.login('promoted@police.test');
      const id = officerIdForEmail('promoted@police.test').toHexString();
      assert.equal((await fixture.call('GET', '/api/officers', token)).status, 403);
      const answer = await fixture.call('PATCH', `/api/admin/officers/${id}`, admin, { role: 'supervisor' });
      assert.equal(answer.status, 200);
      assert.equal((answer.body as { officer: Json }).officer.role, 'supervisor');
      assert.equal((await fixture.call('GET', '/api/officers', token)).status, 200);
      const entry = await lastAudit('admin.officerChanged');
      assertAuditedByAdmin(entry, 'admin.officerChanged');
      assert.deepEqual(entry?.detail, {
        officerId: id,
        roleFrom: 'officer',
        roleTo: 'supervisor',
        disabledFrom: false,
        disabledTo: false,
      });
    });

    it('disables an account at once: its token gets 401 and it cannot log in; enabling restores it', async () => {
      await fixture.accounts.add('leaver@police.test', 'officer', PASSWORD);
      const token = await fixture.login('leaver@police.test');
      const id = officerIdForEmail('leaver@police.test').toHexString();
      assert.equal((await fixture.call('GET', '/api/cases', token)).status, 200);
      const answer = await fixture.call('PATCH', `/api/admin/officers/${id}`, admin, { disabled: true });
      assert.equal(answer.status, 200);
      assert.equal((answer.body as { officer: Json }).officer.disabled, true);
      assert.equal((await fixture.call('GET', '/api/cases', token)).status, 401);
      await assert.rejects(fixture.login('leaver@police.test'), /login of leaver@police.test failed: 401/);
      const enabled = await fixture.call('PATCH', `/api/admin/officers/${id}`, admin, { disabled: false });
      assert.equal(enabled.status, 200);
      assert.equal((await fixture.call('GET', '/api/cases', token)).status, 200);
    });

    const selfChanges: [string, Json][] = [
      ['disable', { disabled: true }],
      ['demote', { role: 'supervisor' }],
      ['demote and disable', { role: 'officer', disabled: true }],
    ];
    for (const [what, body] of selfChanges) {
      it(`answers 409 SelfLockout to an admin who tries to ${what} themselves, and changes nothing`, async () => {
        const answer = await fixture.call('PATCH', `/api/admin/officers/${adminId}`, admin, body);
        assert.equal(answer.status, 409);
        assert.equal((answer.body as Json).code, 'SelfLockout');
        const self = await fixture.accounts.byId(adminId);
        assert.equal(self?.role, 'admin');
        assert.equal(self?.disabled, false);
        assert.equal((await fixture.call('GET', '/api/admin/officers', admin)).status, 200);
      });
    }

    it('lets an admin demote another admin', async () => {
      await fixture.accounts.add('second.admin@police.test', 'admin', PASSWORD);
      const id = officerIdForEmail('second.admin@police.test').toHexString();
      const answer = await fixture.call('PATCH', `/api/admin/officers/${id}`, admin, { role: 'officer' });
      assert.equal(answer.status, 200);
      assert.equal((await fixture.accounts.byId(id))?.role, 'officer');
    });

    it('answers 404 OfficerNotFound for an unknown id or something that is not an id', async () => {
      for (const id of ['0123456789abcdef01234567', 'not-an-id']) {
        const answer = await fixture.call('PATCH', `/api/admin/officers/${id}`, admin, { role: 'officer' });
        assert.equal(answer.status, 404, id);
        assert.equal((answer.body as Json).code, 'OfficerNotFound');
      }
    });

    const refusedChanges: [string, unknown][] = [
      ['nothing to change', {}],
      ['an unknown field', { role: 'officer', email: 'other@police.test' }],
      ['a wrong type', { disabled: 'yes' }],
      ['a MongoDB operator', { role: { $gt: '' } }],
      ['a password', { password: NEW_PASSWORD }],
    ];
    for (const [what, body] of refusedChanges) {
      it(`refuses an account change with ${what} with 400`, async () => {
        const id = officerIdForEmail('other@police.test').toHexString();
        const answer = await fixture.call('PATCH', `/api/admin/officers/${id}`, admin, body);
        assert.equal(answer.status, 400);
        assert.equal((answer.body as Json).code, 'InvalidRequest');
        assert.equal((await fixture.accounts.byId(id))?.role, 'officer');
      });
    }

    it('refuses a query string with 400', async () => {
      const answer = await fixture.call('GET', '/api/admin/officers?disabled[$ne]=true', admin);
      assert.equal(answer.status, 400);
    });
  });

  describe('partner organisations', () => {
    it('adds an organisation with 201, lists it, and audits it', async () => {
      const answer = await fixture.call('POST', '/api/admin/organisations', admin, {
        tenantId: NEW_TENANT.toUpperCase(),
        name: '  Invented Secondary School ',
      });
      assert.equal(answer.status, 201);
      const organisation = (answer.body as { organisation: Json }).organisation;
      assert.equal(organisation.tenantId, NEW_TENANT, 'kept in lower case, as Teams sends it');
      assert.equal(organisation.name, 'Invented Secondary School');
      assert.equal(organisation.active, true);
      const list = await fixture.call('GET', '/api/admin/organisations', admin);
      assert.equal(list.status, 200);
      const listed = (list.body as { organisations: Json[] }).organisations;
      assert.deepEqual(
        listed.map((entry) => [entry.tenantId, entry.name, entry.active]),
        [[NEW_TENANT, 'Invented Secondary School', true]],
      );
      const entry = await lastAudit('admin.organisationCreated');
      assertAuditedByAdmin(entry, 'admin.organisationCreated');
      assert.deepEqual(entry?.detail, { tenantId: NEW_TENANT, name: 'Invented Secondary School' });
    });

    it("accepts the tenant id shapes emulators send (the Agents Playground's default), and its path", async () => {
      const playgroundTenant = '00000000-0000-0000-0000-0000000000001';
      const answer = await fixture.call('POST', '/api/admin/organisations', admin, {
        tenantId: playgroundTenant,
        name: 'Invented Playground Tenant',
      });
      assert.equal(answer.status, 201);
      const renamed = await fixture.call('PATCH', `/api/admin/organisations/${playgroundTenant}`, admin, {
        active: false,
      });
      assert.equal(renamed.status, 200);
      assert.equal(await activeOrganisationName(fixture.database.connection, playgroundTenant), undefined);
    });

    it('answers 409 OrganisationExists for a tenant that is a partner already', async () => {
      const answer = await fixture.call('POST', '/api/admin/organisations', admin, {
        tenantId: NEW_TENANT,
        name: 'Another Name',
      });
      assert.equal(answer.status, 409);
      assert.equal((answer.body as Json).code, 'OrganisationExists');
      assert.equal(
        await activeOrganisationName(fixture.database.connection, NEW_TENANT),
        'Invented Secondary School',
      );
    });

    const refusedOrganisations: [string, unknown][] = [
      ['a tenant id that is not a GUID', { tenantId: 'contoso.onmicrosoft.com', name: 'Invented' }],
      ['an empty name', { tenantId: UNKNOWN_TENANT, name: '   ' }],
      ['an unknown field', { tenantId: UNKNOWN_TENANT, name: 'Invented', active: false }],
      ['a wrong type', { tenantId: UNKNOWN_TENANT, name: 42 }],
      ['a MongoDB operator', { tenantId: { $gt: '' }, name: 'Invented' }],
      ['a missing name', { tenantId: UNKNOWN_TENANT }],
    ];
    for (const [what, body] of refusedOrganisations) {
      it(`refuses an organisation with ${what} with 400`, async () => {
        const answer = await fixture.call('POST', '/api/admin/organisations', admin, body);
        assert.equal(answer.status, 400);
        assert.equal((answer.body as Json).code, 'InvalidRequest');
        assert.equal(await activeOrganisationName(fixture.database.connection, UNKNOWN_TENANT), undefined);
      });
    }

    it('renames an organisation and audits from and to', async () => {
      const answer = await fixture.call('PATCH', `/api/admin/organisations/${NEW_TENANT}`, admin, {
        name: 'Invented Academy',
      });
      assert.equal(answer.status, 200);
      assert.equal((answer.body as { organisation: Json }).organisation.name, 'Invented Academy');
      assert.equal(await activeOrganisationName(fixture.database.connection, NEW_TENANT), 'Invented Academy');
      const entry = await lastAudit('admin.organisationChanged');
      assertAuditedByAdmin(entry, 'admin.organisationChanged');
      assert.deepEqual(entry?.detail, {
        tenantId: NEW_TENANT,
        nameFrom: 'Invented Secondary School',
        nameTo: 'Invented Academy',
        activeFrom: true,
        activeTo: true,
      });
    });

    it('stops Teams reports from a tenant at once when it is deactivated, and lets them in again', async () => {
      const turn = () =>
        postActivity(fixture.service.url, teamsActivity({ tenantId: NEW_TENANT, text: 'hello' }));
      const admitted = await turn();
      assert.equal(admitted.status, 200);
      assert.ok(admitted.replies.length > 0, 'the bot answers');
      assert.ok(!admitted.replies.includes(en.teams.unknownTenant), 'an active partner is admitted');

      const deactivated = await fixture.call('PATCH', `/api/admin/organisations/${NEW_TENANT}`, admin, {
        active: false,
      });
      assert.equal(deactivated.status, 200);
      assert.equal((deactivated.body as { organisation: Json }).organisation.active, false);
      assert.deepEqual((await turn()).replies, [en.teams.unknownTenant]);
      assert.deepEqual((await lastAudit('admin.organisationChanged'))?.detail, {
        tenantId: NEW_TENANT,
        nameFrom: 'Invented Academy',
        nameTo: 'Invented Academy',
        activeFrom: true,
        activeTo: false,
      });

      await fixture.call('PATCH', `/api/admin/organisations/${NEW_TENANT}`, admin, { active: true });
      assert.ok(!(await turn()).replies.includes(en.teams.unknownTenant), 'reactivated: admitted again');
    });

    it('answers 404 OrganisationNotFound for an unknown tenant or something that is not a GUID', async () => {
      for (const tenant of [UNKNOWN_TENANT, 'not-a-guid']) {
        const answer = await fixture.call('PATCH', `/api/admin/organisations/${tenant}`, admin, {
          active: true,
        });
        assert.equal(answer.status, 404, tenant);
        assert.equal((answer.body as Json).code, 'OrganisationNotFound');
      }
      assert.equal(await activeOrganisationName(fixture.database.connection, UNKNOWN_TENANT), undefined);
    });

    const refusedChanges: [string, unknown][] = [
      ['nothing to change', {}],
      ['an unknown field', { tenantId: UNKNOWN_TENANT }],
      ['a wrong type', { active: 'false' }],
      ['a MongoDB operator', { name: { $gt: '' } }],
    ];
    for (const [what, body] of refusedChanges) {
      it(`refuses an organisation change with ${what} with 400`, async () => {
        const answer = await fixture.call('PATCH', `/api/admin/organisations/${NEW_TENANT}`, admin, body);
        assert.equal(answer.status, 400);
        assert.equal((answer.body as Json).code, 'InvalidRequest');
        assert.equal(
          await activeOrganisationName(fixture.database.connection, NEW_TENANT),
          'Invented Academy',
        );
      });
    }
  });

  describe('retention', () => {
    async function closedCase(): Promise<string> {
      const caseNumber = await seed(fixture);
      for (const status of ['triaged', 'in_progress']) {
        await fixture.call('PATCH', `/api/cases/${caseNumber}`, supervisor, { status });
      }
      const closed = await fixture.call('PATCH', `/api/cases/${caseNumber}`, supervisor, {
        status: 'closed',
        outcome: 'resolved',
      });
      assert.equal(closed.status, 200, 'case closed');
      return caseNumber;
    }
    const exists = async (caseNumber: string) =>
      (await reportModel(fixture.database.connection).countDocuments({ caseNumber })) === 1;

    it('reports the configured period until an admin sets one, with the cases due now', async () => {
      const answer = await fixture.call('GET', '/api/admin/retention', admin);
      assert.equal(answer.status, 200);
      assert.deepEqual(answer.body, { retentionDays: 90, source: 'configuration', dueNow: 0 });
    });

    it('stores a new period, counts the cases it makes due, and audits the change', async () => {
      const first = await closedCase();
      fixture.advance(10 * DAY);
      await loginAll();
      assert.equal(((await fixture.call('GET', '/api/admin/retention', admin)).body as Json).dueNow, 0);

      const answer = await fixture.call('PUT', '/api/admin/retention', admin, { retentionDays: 7 });
      assert.equal(answer.status, 200);
      assert.deepEqual(answer.body, { retentionDays: 7, source: 'admin', dueNow: 1 });
      assert.deepEqual((await fixture.call('GET', '/api/admin/retention', admin)).body, answer.body);
      const stored = await settingModel(fixture.database.connection).find().lean();
      assert.deepEqual(
        stored.map((setting): unknown[] => [setting.key, setting.value as unknown, setting.updatedBy]),
        [['retentionDays', 7, adminId]],
        'one settings document',
      );
      const entry = await lastAudit('admin.retentionChanged');
      assertAuditedByAdmin(entry, 'admin.retentionChanged');
      assert.deepEqual(entry?.detail, {
        retentionDaysFrom: 90,
        sourceFrom: 'configuration',
        retentionDaysTo: 7,
      });
      assert.ok(await exists(first), 'nothing is deleted before a run');
    });

    it('runs the job now with the stored period, answers how many were deleted, and audits the run', async () => {
      const recent = await closedCase();
      const answer = await fixture.call('POST', '/api/admin/retention/run', admin);
      assert.equal(answer.status, 200);
      assert.deepEqual(answer.body, { deleted: 1, retentionDays: 7 });
      assert.ok(await exists(recent), 'a case closed today is kept');
      const entry = await lastAudit('admin.retentionRun');
      assertAuditedByAdmin(entry, 'admin.retentionRun');
      assert.deepEqual(entry?.detail, { retentionDays: 7, deleted: 1 });
      const deletion = await lastAudit('case.deleted');
      assert.equal((deletion?.detail as Json).retentionDays, 7);
      assert.deepEqual((await fixture.call('POST', '/api/admin/retention/run', admin)).body, {
        deleted: 0,
        retentionDays: 7,
      });
    });

    it('is what the scheduled job uses from its next run, over the configured default', async () => {
      const caseNumber = await closedCase();
      fixture.advance(8 * DAY);
      await loginAll();
      // The class the service runs hourly, with the configuration's 90 days as its default.
      const job = new CaseRetention(
        fixture.database.connection,
        new AuditTrail(fixture.database.connection, () => fixture.now()),
        90,
        () => fixture.now(),
      );
      assert.deepEqual(await job.period(), { retentionDays: 7, source: 'admin' });
      // This case and the one the previous run kept, both closed more than 7 days ago now.
      assert.equal(await job.run(), 2);
      assert.ok(!(await exists(caseNumber)), 'deleted after 8 days under a 7-day period');

      await fixture.call('PUT', '/api/admin/retention', admin, { retentionDays: 30 });
      const kept = await closedCase();
      fixture.advance(8 * DAY);
      await loginAll();
      assert.equal(await job.run(), 0, 'the longer period is read on the next run');
      assert.ok(await exists(kept));
    });

    const refusedPeriods: [string, unknown][] = [
      ['fewer than 7 days', { retentionDays: 6 }],
      ['more than 3650 days', { retentionDays: 3651 }],
      ['a fraction', { retentionDays: 30.5 }],
      ['a string', { retentionDays: '30' }],
      ['a MongoDB operator', { retentionDays: { $gt: '' } }],
      ['an unknown field', { retentionDays: 30, source: 'configuration' }],
      ['no period', {}],
    ];
    for (const [what, body] of refusedPeriods) {
      it(`refuses a period with ${what} with 400 and keeps the stored one`, async () => {
        const answer = await fixture.call('PUT', '/api/admin/retention', admin, body);
        assert.equal(answer.status, 400);
        assert.equal((answer.body as Json).code, 'InvalidRequest');
        assert.equal(
          ((await fixture.call('GET', '/api/admin/retention', admin)).body as Json).retentionDays,
          30,
        );
      });
    }

    it('refuses a run request with a body with 400', async () => {
      const answer = await fixture.call('POST', '/api/admin/retention/run', admin, { retentionDays: 7 });
      assert.equal(answer.status, 400);
      assert.equal((answer.body as Json).code, 'InvalidRequest');
    });
  });
});
