import assert from 'node:assert/strict';
import { startService, type RunningService } from '../../../bot/service';
import type { Database } from '../../../models/store/db';
import { isErrorCode } from '../../../models/core/errors';
import { openTestDatabase } from '../../helpers/database';
import { memoryLogger } from '../../helpers/logger';
import { testServiceConfig } from '../../helpers/serviceConfig';
import { temporaryDirectoryPerTest } from '../../helpers/tempDir';

/** A request's status and JSON body. */
async function answer(
  url: string,
  init?: RequestInit,
): Promise<{ status: number; body: unknown; headers: Headers }> {
  const response = await fetch(url, init);
  return { status: response.status, body: (await response.json()) as unknown, headers: response.headers };
}

describe('error answers of the whole service', () => {
  const dataDir = temporaryDirectoryPerTest('shield-errors');
  let database: Database;
  let service: RunningService;

  before(async () => {
    database = await openTestDatabase();
  });
  beforeEach(async () => {
    const config = testServiceConfig(dataDir(), {
      WEBCHAT_TOKEN_SECRET: 'an-invented-web-chat-secret-for-tests-only',
    });
    service = await startService(config, memoryLogger().logger, { database });
  });
  afterEach(async () => {
    await service.stop();
  });
  after(async () => {
    await database.close();
  });

  it('are { code, message } with a catalogued code outside the Direct Line API', async () => {
    const cases: [string, RequestInit | undefined, number, string][] = [
      ['/api/cases', undefined, 401, 'Unauthenticated'],
      ['/api/cases', { headers: { authorization: 'Bearer not-a-token' } }, 401, 'Unauthenticated'],
      ['/api/admin/officers', undefined, 401, 'Unauthenticated'],
      ['/console/cases/not-a-case', undefined, 404, 'NotFound'],
      ['/no/such/route', undefined, 404, 'ResourceNotFound'],
      [
        '/api/messages',
        { method: 'POST', headers: { 'content-type': 'text/plain' }, body: 'hi' },
        415,
        'UnsupportedMediaType',
      ],
      [
        '/api/messages',
        { method: 'POST', headers: { 'content-type': 'application/json' }, body: '{}' },
        400,
        'InvalidContent',
      ],
    ];
    for (const [path, init, status, code] of cases) {
      const got = await answer(`${service.url}${path}`, init);
      assert.equal(got.status, status, `${path}: status`);
      assert.deepEqual(Object.keys(got.body as object).sort(), ['code', 'message'], `${path}: shape`);
      const body = got.body as { code: unknown; message: unknown };
      assert.equal(body.code, code, `${path}: code`);
      assert.ok(isErrorCode(body.code), `${path}: ${String(body.code)} is in the catalogue`);
      assert.equal(typeof body.message, 'string');
    }
  });

  it("are Direct Line's { error: { code, message } } on the Direct Line API, restify's own 405 included", async () => {
    const cases: [string, RequestInit | undefined, number, string][] = [
      ['/v3/directline/conversations/invented/activities', undefined, 403, 'MissingToken'],
      [
        '/v3/directline/conversations/invented/activities',
        { headers: { authorization: 'Bearer forged.token.here' } },
        403,
        'BadToken',
      ],
      [
        '/api/webchat/token',
        { method: 'POST', headers: { 'content-type': 'application/json' }, body: '{"x":1}' },
        400,
        'BadArgument',
      ],
      ['/v3/directline/no-such-operation', undefined, 405, 'MethodNotAllowed'],
    ];
    for (const [path, init, status, code] of cases) {
      const got = await answer(`${service.url}${path}`, init);
      assert.equal(got.status, status, `${path}: status`);
      assert.deepEqual(Object.keys(got.body as object), ['error'], `${path}: shape`);
      const inner = (got.body as { error: Record<string, unknown> }).error;
      assert.deepEqual(Object.keys(inner).sort(), ['code', 'message'], `${path}: inner shape`);
      assert.equal(inner.code, code, `${path}: code`);
      assert.ok(isErrorCode(inner.code), `${path}: ${String(inner.code)} is in the catalogue`);
    }
  });

  it('carry the headers that go with the refusal', async () => {
    const got = await answer(`${service.url}/api/cases`);
    assert.equal(got.headers.get('www-authenticate'), 'Bearer');
  });
});
