import assert from 'node:assert/strict';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { startService, type RunningService } from '../../../../bot/service';
import type { Database } from '../../../../models/store/db';
import { registerOrganisation } from '../../../../models/store/organisation';
import { reportModel } from '../../../../models/store/report';
import { ReportRepository } from '../../../../models/store/reportRepository';
import { openTestDatabase } from '../../../helpers/database';
import { inventedSubmission } from '../../../helpers/fixtures';
import { memoryLogger } from '../../../helpers/logger';
import { generateKeyPair } from 'jose';
import { testIdentity, type TestIdentity } from '../../../helpers/identity';
import { PARTNER_TENANT, USER_OID } from './teamsActivity';
import { testServiceConfig } from '../../../helpers/serviceConfig';

const OTHER_USER = 'bbbbbbbb-cccc-4ddd-8eee-ffffffffffff';

describe('GET /api/teams/my-reports', () => {
  let database: Database;
  let service: RunningService;
  let identity: TestIdentity;
  let dataDir: string;
  let caseNumbers: string[];

  before(async () => {
    dataDir = await mkdtemp(path.join(tmpdir(), 'my-reports-'));
    database = await openTestDatabase();
    identity = await testIdentity();
    await registerOrganisation(database.connection, { name: 'Invented School', tenantId: PARTNER_TENANT });
    const repository = new ReportRepository(
      database.connection,
      path.join(dataDir, 'outbox'),
      () => new Date(),
    );
    caseNumbers = [];
    for (const aadObjectId of [USER_OID, USER_OID, OTHER_USER]) {
      const result = await repository.submit(
        inventedSubmission({
          channel: 'msteams',
          teams: { tenantId: PARTNER_TENANT, aadObjectId, userId: '29:x' },
        }),
      );
      caseNumbers.push(result.caseNumber);
    }
    await reportModel(database.connection).updateOne(
      { caseNumber: caseNumbers[0] },
      {
        $push: {
          questions: {
            $each: [
              { text: 'Which door did they use?', askedAt: new Date(), askedBy: 'officer-1' },
              {
                text: 'Answered already?',
                askedAt: new Date(),
                askedBy: 'officer-1',
                answer: 'Yes',
                answeredAt: new Date(),
              },
            ],
          },
        },
      },
    );
    const config = testServiceConfig(dataDir, {
      ...identity.environment,
    });
    service = await startService(config, memoryLogger().logger, { database });
  });
  after(async () => {
    await service.stop();
    await identity.close();
    await database.close();
    await rm(dataDir, { recursive: true, force: true });
  });

  const get = (token?: string) =>
    fetch(
      `${service.url}/api/teams/my-reports`,
      token ? { headers: { authorization: `Bearer ${token}` } } : {},
    );

  it("answers a valid token with only that user's reports, status and open questions", async () => {
    const response = await get(await identity.token());
    assert.equal(response.status, 200);
    const body = (await response.json()) as {
      reports: { caseNumber: string; status: string; openQuestions: string[] }[];
    };
    assert.deepEqual(body.reports.map((report) => report.caseNumber).sort(), caseNumbers.slice(0, 2).sort());
    const first = body.reports.find((report) => report.caseNumber === caseNumbers[0]);
    assert.equal(first?.status, 'new');
    assert.deepEqual(first?.openQuestions, ['Which door did they use?']);
  });

  it('accepts a v1 token issued by sts.windows.net for the tenant', async () => {
    const token = await identity.token({}, { issuer: `https://sts.windows.net/${PARTNER_TENANT}/` });
    assert.equal((await get(token)).status, 200);
  });

  const refusals: [string, () => Promise<string | undefined>][] = [
    ['no token', () => Promise.resolve(undefined)],
    ['an expired token', () => identity.token({}, { expiresIn: '-5m' })],
    [
      'a wrongly signed token',
      async () => identity.token({}, { key: (await generateKeyPair('RS256')).privateKey }),
    ],
    [
      'a token for another audience',
      () => identity.token({}, { audience: 'api://elsewhere.example.org/other' }),
    ],
    [
      'a token from a tenant that is not a partner',
      () => identity.token({ tid: '00000000-0000-4000-8000-000000000000' }),
    ],
    [
      "a token whose issuer is another tenant's",
      () =>
        identity.token(
          {},
          { issuer: 'https://login.microsoftonline.com/00000000-0000-4000-8000-000000000000/v2.0' },
        ),
    ],
    ['a token without the user object id', () => identity.token({ oid: undefined })],
  ];
  for (const [name, makeToken] of refusals) {
    it(`refuses ${name} with 401`, async () => {
      const response = await get(await makeToken());
      assert.equal(response.status, 401);
      const body = (await response.json()) as { reports?: unknown };
      assert.equal(body.reports, undefined);
    });
  }
});
