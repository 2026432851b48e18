// npm run bench:alerts: one police alert to 20,000 members across 5,000 tenants, through a local stand-in
// for the Teams connector that allows 50 requests per second per tenant (429 with Retry-After beyond, and
// about 3 % of sends failing with 502), with the service restarted once in the middle (a graceful stop; the
// second instance takes the queue over). Prints time, deliveries lost and duplicated, and the peak rate per
// tenant the connector saw. Asserts nothing.
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { mkdtemp } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import { Types } from 'mongoose';
import { loadConfig } from '../bot/config';
import { createLogger } from '../bot/logger';
import { startService, type RunningService } from '../bot/service';
import { openDatabase } from '../models/store/db';
import { OfficerAccounts } from '../models/store/officer';
import { organisationModel } from '../models/store/organisation';
import { idForKey } from '../models/store/storageKey';

const TENANTS = Number(process.env.BENCH_TENANTS ?? 5_000);
const MEMBERS = Number(process.env.BENCH_MEMBERS ?? 20_000);
/** A few large tenants, so that the per-tenant limit is reached (the rest have a handful of members each). */
const LARGE_TENANTS = Number(process.env.BENCH_LARGE_TENANTS ?? 5);
const LIMIT_PER_SECOND = 50;
const FAILURE_RATE = 0.03;
const TIME_LIMIT_MS = Number(process.env.BENCH_TIME_LIMIT_MS ?? 5 * 60_000);
const PASSWORD = 'an invented benchmark password';

const tenantId = (index: number) => `bbbbbbbb-0000-4000-8000-${String(index).padStart(12, '0')}`;

/** The stand-in connector: a sliding one-second window per tenant, 429 beyond, a few 502s. */
function standIn() {
  const windows = new Map<number, number[]>();
  const delivered = new Map<string, number>();
  let maxRate = 0;
  let throttled = 0;
  let failed = 0;
  // restify patches ServerResponse.writeHead (it returns nothing then), so each answer is two calls.
  const answer = (res: ServerResponse, status: number, headers: Record<string, string>, body: string) => {
    res.writeHead(status, headers);
    res.end(body);
  };
  const server = createServer((req: IncomingMessage, res: ServerResponse) => {
    req.resume();
    req.on('end', () => {
      // The conversation id names the tenant and member: a:bench:<tenant>:<member>.
      const match = /a%3Abench%3A(\d+)%3A(\d+)/.exec(req.url ?? '');
      if (!match) {
        answer(res, 404, {}, '');
        return;
      }
      const tenant = Number(match[1]);
      const now = performance.now();
      const window = (windows.get(tenant) ?? []).filter((at) => at > now - 1000);
      window.push(now);
      windows.set(tenant, window);
      maxRate = Math.max(maxRate, window.length);
      if (window.length > LIMIT_PER_SECOND) {
        throttled += 1;
        answer(res, 429, { 'retry-after': '1', 'content-type': 'application/json' }, '{}');
        return;
      }
      if (Math.random() < FAILURE_RATE) {
        failed += 1;
        answer(res, 502, { 'content-type': 'application/json' }, '{}');
        return;
      }
      const key = `${match[1]}:${match[2]}`;
      delivered.set(key, (delivered.get(key) ?? 0) + 1);
      answer(res, 200, { 'content-type': 'application/json' }, JSON.stringify({ id: `activity-${key}` }));
    });
  });
  return {
    server,
    delivered,
    stats: () => ({ maxRate, throttled, failed }),
  };
}

async function main(): Promise<void> {
  const connector = standIn();
  await new Promise<void>((resolve) => connector.server.listen(0, '127.0.0.1', resolve));
  const connectorUrl = `http://127.0.0.1:${(connector.server.address() as AddressInfo).port}/`;
  const dataDir = await mkdtemp(path.join(os.tmpdir(), 'shield-bench-alerts-'));
  const database = await openDatabase({
    uri: loadConfig(process.env).mongodbUri,
    dbName: `shield-bench-alerts-${Date.now()}`,
  });
  const config = loadConfig({
    NODE_ENV: 'development',
    PORT: '0',
    HOST: '127.0.0.1',
    DATA_DIR: dataDir,
    LOG_LEVEL: 'error',
    CASE_TOKEN_SECRET: 'an-invented-benchmark-secret-0123456789abcdef',
  });
  const logger = createLogger('error');

  // Partners and members, written straight to the database (the benchmark measures delivery).
  const large = Math.floor((MEMBERS - (TENANTS - LARGE_TENANTS) * 3) / LARGE_TENANTS);
  const sizes = Array.from({ length: TENANTS }, (_, index) => (index < LARGE_TENANTS ? large : 3));
  sizes[0] += MEMBERS - sizes.reduce((sum, size) => sum + size, 0);
  await organisationModel(database.connection).insertMany(
    sizes.map((_, index) => ({
      _id: idForKey('organisation', tenantId(index)),
      name: `Invented Partner ${index}`,
      tenantId: tenantId(index),
      active: true,
    })),
  );
  const references = sizes.flatMap((size, tenant) =>
    Array.from({ length: size }, (_, member) => {
      const aadObjectId = `cccccccc-0000-4000-8000-${String(tenant * 10_000 + member).padStart(12, '0')}`;
      return {
        _id: new Types.ObjectId(),
        tenantId: tenantId(tenant),
        aadObjectId,
        personal: {
          channelId: 'msteams',
          serviceUrl: connectorUrl,
          locale: ['nl-BE', 'fr-BE', 'de-DE', 'en-GB'][member % 4],
          bot: { id: '28:bench-bot', name: 'Shield Reporter' },
          user: { id: `29:${aadObjectId}`, name: '', aadObjectId },
          conversation: { id: `a:bench:${tenant}:${member}`, conversationType: 'personal', isGroup: false },
        },
      };
    }),
  );
  for (let start = 0; start < references.length; start += 5_000) {
    await database.connection
      .collection('conversationReferences')
      .insertMany(references.slice(start, start + 5_000));
  }
  await new OfficerAccounts(database.connection).add('liaison@bench.invalid', 'liaison', PASSWORD);
  console.log(
    `${MEMBERS} members in ${TENANTS} tenants (${LARGE_TENANTS} with about ${large} members); connector: ${LIMIT_PER_SECOND} requests/s per tenant, ${FAILURE_RATE * 100} % 502`,
  );

  let service: RunningService = await startService(config, logger, { database });
  const login = await fetch(`${service.url}/api/auth/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ email: 'liaison@bench.invalid', password: PASSWORD }),
  });
  const { token } = (await login.json()) as { token: string };
  const start = performance.now();
  const created = await fetch(`${service.url}/api/alerts`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
    body: JSON.stringify({
      title: { nl: 'Oefening: verdacht voertuig', en: 'Exercise: suspicious vehicle' },
      text: { nl: 'Dit is een oefening.', en: 'This is an exercise.' },
      originalLocale: 'nl',
      severity: 'advisory',
      sectors: 'all',
      areas: 'all',
      expiresAt: new Date(Date.now() + 86_400_000).toISOString(),
      asksForSightings: true,
    }),
  });
  const { delivery } = (await created.json()) as { delivery: { targeted: number } };
  console.log(
    `alert created and queued for ${delivery.targeted} members in ${((performance.now() - start) / 1000).toFixed(1)} s`,
  );

  let restarted = false;
  const deadline = start + TIME_LIMIT_MS;
  while (connector.delivered.size < MEMBERS && performance.now() < deadline) {
    await new Promise((resolve) => setTimeout(resolve, 250));
    if (!restarted && connector.delivered.size >= MEMBERS / 2) {
      restarted = true;
      const at = connector.delivered.size;
      await service.stop();
      service = await startService(config, logger, { database });
      console.log(`restarted after ${at} deliveries (${((performance.now() - start) / 1000).toFixed(1)} s)`);
    }
  }
  const seconds = (performance.now() - start) / 1000;
  await service.stop();
  const unique = connector.delivered.size;
  const sends = [...connector.delivered.values()].reduce((sum, count) => sum + count, 0);
  const { maxRate, throttled, failed } = connector.stats();
  console.log(`connector answered 429 ${throttled} times and 502 ${failed} times`);
  console.log(
    `alerts: delivered ${unique}/${MEMBERS} in ${seconds.toFixed(1)} s, lost ${MEMBERS - unique}, duplicates ${sends - unique}, max per-tenant rate ${maxRate}/s`,
  );
  connector.server.close();
  await database.close();
}

main().catch((error: unknown) => {
  console.error(error);
  process.exitCode = 1;
});
