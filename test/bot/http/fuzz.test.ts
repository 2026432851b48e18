import assert from 'node:assert/strict';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { deflateSync, gzipSync } from 'node:zlib';
import fc from 'fast-check';
import { z } from 'zod';
import { startService, type RunningService } from '../../../bot/service';
import type { Database } from '../../../models/store/db';
import { openTestDatabase } from '../../helpers/database';
import { DirectLineClient } from '../../helpers/directLineClient';
import { memoryLogger } from '../../helpers/logger';
import { rawRequest, sendRaw, type RawAnswer } from '../../helpers/rawHttp';
import { testServiceConfig } from '../../helpers/serviceConfig';

/** Requests per run: enough to reach every route many times, few enough for a few seconds. */
const RUNS = Number(process.env.FUZZ_RUNS ?? 250);
const MAX_BODY_BYTES = 16 * 1024;

/** One request the fuzzer builds. */
interface FuzzRequest {
  method: string;
  target: string;
  headers: Record<string, string>;
  body: Buffer;
  /** How the declared Content-Length relates to the bytes sent. */
  length: 'exact' | 'absent' | 'shorter' | 'longer';
}

/**
 * The only 5xx answers allowed, each a documented answer rather than a failure: `/readyz` says 503 when the
 * database is down, and `/api/messages` says 503 with Retry-After when a Bot Connector token cannot be checked
 * (the connector retries). Nothing else may answer 5xx.
 */
function allowedServerError(request: FuzzRequest, answer: RawAnswer): boolean {
  const route = request.target.split('?', 1)[0];
  if (answer.status !== 503) return false;
  if (route === '/readyz') return true;
  return route === '/api/messages' && answer.headers['retry-after'] !== undefined;
}

const routeTable = z.object({ routes: z.array(z.object({ method: z.string(), path: z.string() })) });

const text = fc.string({ maxLength: 40 });
const segment = fc.oneof(
  text.map((value) => encodeURIComponent(value)),
  fc.constantFrom(
    '%E0',
    '%',
    '%%',
    '..',
    '%2F',
    'SR-AAAAA-AAAAA',
    '0123456789abcdef01234567',
    'a'.repeat(300),
  ),
);
const queryString = fc.oneof(
  fc.constant(''),
  fc
    .array(
      fc.tuple(
        fc.constantFrom(
          't',
          'watermark',
          'lang',
          'limit',
          'cursor',
          'format',
          'q',
          'status',
          'from',
          'x',
          '__proto__',
        ),
        fc.oneof(
          text.map((value) => encodeURIComponent(value)),
          fc.constantFrom('%E0', '-1', '1e99', 'csv', '[]'),
        ),
      ),
      { maxLength: 4 },
    )
    .map((pairs) => (pairs.length ? `?${pairs.map(([key, value]) => `${key}=${value}`).join('&')}` : '')),
);

function nestedJson(depth: number): string {
  return `{"type":"message","value":${'['.repeat(depth)}${']'.repeat(depth)}}`;
}

/** An activity-like object whose fields have arbitrary types: what a confused or hostile client posts. */
const activityLike = fc.record(
  {
    type: fc.oneof(fc.constantFrom('message', 'conversationUpdate', 'invoke', ''), fc.jsonValue()),
    text: fc.oneof(text, fc.jsonValue()),
    serviceUrl: fc.oneof(fc.constantFrom('http://127.0.0.1:9/', 'not a url'), fc.jsonValue()),
    channelId: fc.oneof(fc.constantFrom('emulator', 'msteams', 'directline'), fc.jsonValue()),
    conversation: fc.oneof(fc.record({ id: fc.oneof(text, fc.jsonValue()) }), fc.jsonValue()),
    from: fc.oneof(fc.record({ id: fc.oneof(text, fc.jsonValue()) }), fc.jsonValue()),
    value: fc.jsonValue({ maxDepth: 4 }),
    attachments: fc.jsonValue({ maxDepth: 3 }),
    email: fc.oneof(fc.emailAddress(), fc.jsonValue()),
    password: fc.oneof(text, fc.jsonValue()),
    locale: fc.oneof(text, fc.jsonValue()),
    shareLocation: fc.jsonValue(),
  },
  { requiredKeys: [] },
);

const jsonText = fc.oneof(
  fc.jsonValue({ maxDepth: 5 }).map((value) => JSON.stringify(value) ?? 'null'),
  activityLike.map((value) => JSON.stringify(value)),
  fc.constantFrom(
    '',
    '{',
    '{"type":',
    'null',
    '[]',
    '"x"',
    '{"__proto__":{"polluted":true}}',
    nestedJson(5000),
  ),
);
const body = fc.oneof(
  { weight: 4, arbitrary: jsonText.map((value) => Buffer.from(value)) },
  { weight: 1, arbitrary: fc.uint8Array({ maxLength: 2048 }).map((bytes) => Buffer.from(bytes)) },
  { weight: 1, arbitrary: fc.constant(Buffer.alloc(MAX_BODY_BYTES + 1, 0x20)) },
);
const contentType = fc.constantFrom(
  undefined,
  'application/json',
  'application/json; charset=utf-8',
  'application/json; charset=latin1',
  'application/vnd.api+json',
  'text/csv',
  'text/plain',
  'application/x-www-form-urlencoded',
  'multipart/form-data; boundary=x',
  'multipart/form-data',
  'application/octet-stream',
  ';;;',
);
const contentEncoding = fc.constantFrom(
  undefined,
  'gzip',
  'deflate',
  'x-gzip',
  'br',
  'gzip, deflate',
  'identity',
);
const methods = fc.constantFrom('GET', 'POST', 'PUT', 'PATCH', 'DELETE', 'OPTIONS', 'HEAD');

describe('Fuzzing every public route (fast-check)', function () {
  this.timeout(120_000);
  let database: Database;
  let service: RunningService;
  let dataDir: string;
  let routes: { method: string; path: string }[];
  let conversation: { token: string; conversationId: string };
  const log = memoryLogger();

  before(async () => {
    database = await openTestDatabase();
    dataDir = await mkdtemp(path.join(tmpdir(), 'shield-fuzz-'));
    const config = testServiceConfig(dataDir, {
      MAX_BODY_BYTES: String(MAX_BODY_BYTES),
      WEBCHAT_TOKEN_SECRET: 'an-invented-web-chat-secret-for-tests-only',
      WEBCHAT_TOKENS_PER_MINUTE: '100000',
    });
    service = await startService(config, log.logger, { database });
    // The routes as registered, so that a route added later is fuzzed without editing this test.
    routes = routeTable.parse(service.http.server.getDebugInfo()).routes;
    conversation = await new DirectLineClient(service.url).open();
  });
  after(async () => {
    await service.stop();
    await database.close();
    await rm(dataDir, { recursive: true, force: true });
  });

  it('lists the public routes it fuzzes, the case API, admin, Teams and Direct Line included', () => {
    const paths = routes.map((route) => route.path);
    for (const expected of [
      '/api/messages',
      '/api/webchat/token',
      '/v3/directline/conversations/:conversationId/activities',
      '/v3/directline/conversations/:conversationId/upload',
      '/api/auth/login',
      '/api/cases/:caseNumber',
      '/api/admin/officers',
      '/teams/my-reports',
      '/',
      '/healthz',
      '/readyz',
    ]) {
      assert.ok(paths.includes(expected), `${expected} is registered`);
    }
  });

  it('answers random methods, paths, queries, headers and bodies without a 5xx, and still serves', async () => {
    const fuzzRequest: fc.Arbitrary<FuzzRequest> = fc
      .record({
        route: fc.constantFrom(...routes),
        // Mostly the route's own method, so that most requests reach its handler.
        useOwnMethod: fc.constantFrom(true, true, true, false),
        method: methods,
        params: fc.array(fc.oneof(segment, fc.constant(conversation.conversationId)), {
          minLength: 4,
          maxLength: 4,
        }),
        query: queryString,
        contentType,
        contentEncoding,
        compress: fc.boolean(),
        authorization: fc.constantFrom(
          undefined,
          `Bearer ${conversation.token}`,
          'Bearer not.a.token',
          'Basic Zm9vOmJhcg==',
          'Bearer',
        ),
        origin: fc.constantFrom(undefined, 'https://elsewhere.example', 'null'),
        expectContinue: fc.boolean(),
        body,
        length: fc.constantFrom<FuzzRequest['length']>(
          'exact',
          'exact',
          'exact',
          'absent',
          'shorter',
          'longer',
        ),
      })
      .map((draw) => {
        let index = 0;
        const target = draw.route.path.replace(/:[A-Za-z]+/g, () => draw.params[index++] ?? 'x') + draw.query;
        const bytes =
          draw.compress && draw.contentEncoding === 'gzip'
            ? gzipSync(draw.body)
            : draw.compress && draw.contentEncoding === 'deflate'
              ? deflateSync(draw.body)
              : draw.body;
        const headers: Record<string, string> = { Host: 'localhost', Connection: 'close' };
        if (draw.contentType !== undefined) headers['Content-Type'] = draw.contentType;
        if (draw.contentEncoding !== undefined) headers['Content-Encoding'] = draw.contentEncoding;
        if (draw.authorization !== undefined) headers.Authorization = draw.authorization;
        if (draw.origin !== undefined) headers.Origin = draw.origin;
        if (draw.expectContinue && bytes.length > 0) headers.Expect = '100-continue';
        const declared = {
          exact: bytes.length,
          absent: undefined,
          shorter: Math.floor(bytes.length / 2),
          longer: bytes.length + 10,
        };
        const length = declared[draw.length];
        if (length !== undefined) headers['Content-Length'] = String(length);
        return {
          method: draw.useOwnMethod ? draw.route.method.toUpperCase() : draw.method,
          target,
          headers,
          body: bytes,
          length: draw.length,
        };
      });

    await fc.assert(
      fc.asyncProperty(fuzzRequest, async (request) => {
        const answer = await sendRaw(
          service.url,
          rawRequest(request.method, request.target, request.headers, request.body),
          // A body shorter than declared ends when the client closes its side; the server cannot answer it.
          { halfClose: request.length === 'longer', timeoutMs: 10_000 },
        );
        if (answer.status === undefined) {
          assert.equal(request.length, 'longer', 'only a request cut short goes unanswered');
          return;
        }
        assert.ok(
          answer.status < 500 || allowedServerError(request, answer),
          `${request.method} ${request.target} answered ${answer.status}: ${answer.body.slice(0, 200)}`,
        );
      }),
      {
        numRuns: RUNS,
        seed: Number(process.env.FUZZ_SEED ?? Date.now() % 2_147_483_647),
        endOnFailure: true,
      },
    );

    assert.equal((await fetch(`${service.url}/healthz`)).status, 200, '/healthz answers 200 afterwards');
    assert.ok(
      !log.lines().some((line) => line.includes('uncaught error in request work')),
      'no request needed the last-resort guard (without it, the process would have ended)',
    );
  });

  it('answers random WebSocket upgrades (stream addresses, escapes, tokens) without a 5xx, and still serves', async () => {
    const upgrade = fc.record({
      conversationId: fc.oneof(segment, fc.constant(conversation.conversationId)),
      tail: fc.constantFrom('/stream', '/stream/', '', '/activities'),
      prefix: fc.constantFrom('/v3/directline/conversations/', '/v3/directline/', '/', '//'),
      token: fc.oneof(
        text.map((value) => encodeURIComponent(value)),
        fc.constantFrom('%E0', 'not.a.token'),
      ),
      query: queryString,
    });
    await fc.assert(
      fc.asyncProperty(upgrade, async (draw) => {
        const target = `${draw.prefix}${draw.conversationId}${draw.tail}?t=${draw.token}${draw.query.replace('?', '&')}`;
        const answer = await sendRaw(
          service.url,
          rawRequest('GET', target, {
            Host: 'localhost',
            Connection: 'Upgrade',
            Upgrade: 'websocket',
            'Sec-WebSocket-Version': '13',
            'Sec-WebSocket-Key': 'dGhlIHNhbXBsZSBub25jZQ==',
          }),
        );
        assert.ok(answer.status !== undefined && answer.status < 500, `${target} answered ${answer.status}`);
      }),
      { numRuns: Math.ceil(RUNS / 3), endOnFailure: true },
    );
    assert.equal((await fetch(`${service.url}/healthz`)).status, 200, '/healthz answers 200 afterwards');
  });
});
