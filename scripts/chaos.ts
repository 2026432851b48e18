// npm run chaos: starts the built service (node dist/bot/index.js) on a temporary DATA_DIR, lets simulated
// witnesses report over the Direct Line API, kills the service with SIGKILL at random moments (CHAOS_KILLS,
// at least 50), starts it again on the same data each time, stops it cleanly at the end and counts, from the
// database and the outbox: confirmed reports lost, duplicates, conversations that could not resume, and
// restarts that failed. Prints figures; not part of npm test.
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtemp, readdir, readFile } from 'node:fs/promises';
import { createServer } from 'node:net';
import os from 'node:os';
import path from 'node:path';
import mongoose from 'mongoose';
import { openDatabase } from '../models/store/db';
// One full anonymous report, answer by answer, the same script the web chat benchmark sends.
import { REPORT } from './benchWebchat';

const KILLS = Math.max(50, Number(process.env.CHAOS_KILLS ?? 50));
const WITNESSES = Number(process.env.CHAOS_WITNESSES ?? 4);
// Up long enough between kills for a witness to get through the questionnaire now and then.
const MIN_UP_MS = Number(process.env.CHAOS_MIN_UP_MS ?? 1000);
const MAX_UP_MS = Number(process.env.CHAOS_MAX_UP_MS ?? 8000);
const START_TIMEOUT_MS = 90_000;

const CASE_NUMBER = /Case number: (SR-[A-Z0-9]{5}-[A-Z0-9]{5})/;

const sleep = (ms: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms));

async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const probe = createServer();
    probe.once('error', reject);
    probe.listen(0, '127.0.0.1', () => {
      const address = probe.address();
      probe.close(() => resolve(typeof address === 'object' && address ? address.port : 0));
    });
  });
}

interface Figures {
  confirmed: Map<string, string>;
  duplicates: number;
  notResumed: number;
  restartsFailed: number;
  gaveUp: number;
  kills: number;
}

class Service {
  private child: ChildProcess | undefined;
  up = false;

  constructor(
    private readonly environment: Record<string, string>,
    private readonly figures: Figures,
  ) {
    // The service never outlives the script (an interrupted run leaves no process behind).
    process.once('exit', () => this.child?.kill('SIGKILL'));
    process.once('SIGINT', () => process.exit(130));
    process.once('SIGTERM', () => process.exit(143));
  }

  /** Starts the service; resolves true once it says it is running, false if it did not start. */
  async start(): Promise<boolean> {
    const child = spawn(process.execPath, [path.resolve(__dirname, '../bot/index.js')], {
      env: { PATH: process.env.PATH, ...this.environment },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    this.child = child;
    let stderr = '';
    child.stderr?.setEncoding('utf8').on('data', (chunk: string) => (stderr = (stderr + chunk).slice(-4000)));
    const started = await new Promise<boolean>((resolve) => {
      const timer = setTimeout(() => resolve(false), START_TIMEOUT_MS);
      child.stdout?.setEncoding('utf8').on('data', (chunk: string) => {
        if (chunk.includes('Shield Reporter is running')) {
          clearTimeout(timer);
          resolve(true);
        }
      });
      child.once('exit', () => {
        clearTimeout(timer);
        resolve(false);
      });
    });
    if (!started) {
      this.figures.restartsFailed += 1;
      process.stderr.write(`chaos: a start failed:\n${stderr}\n`);
      child.kill('SIGKILL');
    }
    this.up = started;
    return started;
  }

  async kill(): Promise<void> {
    const child = this.child;
    if (!child || child.exitCode !== null) return;
    this.up = false;
    const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
    child.kill('SIGKILL');
    await exited;
  }

  async stop(): Promise<number | null> {
    const child = this.child;
    if (!child || child.exitCode !== null) return child?.exitCode ?? null;
    this.up = false;
    const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
    child.kill('SIGTERM');
    return exited;
  }
}

async function call(
  base: string,
  method: string,
  route: string,
  token?: string,
  json?: unknown,
): Promise<{ status: number; body: Record<string, unknown> }> {
  const response = await fetch(`${base}${route}`, {
    method,
    headers: {
      ...(token ? { Authorization: `Bearer ${token}` } : {}),
      ...(json === undefined ? {} : { 'Content-Type': 'application/json' }),
    },
    body: json === undefined ? undefined : JSON.stringify(json),
    signal: AbortSignal.timeout(30_000),
  });
  const text = await response.text();
  let body: Record<string, unknown> = {};
  try {
    body = text ? (JSON.parse(text) as Record<string, unknown>) : {};
  } catch {
    body = {};
  }
  return { status: response.status, body };
}

/**
 * Calls until the service answers (it may be down or starting); undefined when the conversation is
 * unknown to it after a restart (404/403), which is a conversation that could not resume.
 */
async function persist(
  service: Service,
  attempt: () => Promise<{ status: number; body: Record<string, unknown> }>,
  stopping: () => boolean,
): Promise<{ status: number; body: Record<string, unknown> } | 'gone' | 'stopped'> {
  for (;;) {
    if (stopping()) return 'stopped';
    if (!service.up) {
      await sleep(100);
      continue;
    }
    try {
      const answer = await attempt();
      if (answer.status === 404 || answer.status === 403 || answer.status === 401) return 'gone';
      if (answer.status < 500 && answer.status !== 429) return answer;
    } catch {
      // Connection refused or reset by a kill: try again once the service is back.
    }
    await sleep(200);
  }
}

/** One witness: opens a conversation and answers the questionnaire until a case number is shown. */
async function witness(
  base: string,
  service: Service,
  figures: Figures,
  stopping: () => boolean,
): Promise<void> {
  const opened = await persist(
    service,
    () => call(base, 'POST', '/api/webchat/token', undefined, {}),
    stopping,
  );
  if (typeof opened === 'string') return;
  const token = String(opened.body.token);
  const conversationId = String(opened.body.conversationId);
  const route = `/v3/directline/conversations/${encodeURIComponent(conversationId)}`;
  const started = await persist(
    service,
    () => call(base, 'POST', route.replace(/\/[^/]+$/, ''), token),
    stopping,
  );
  if (typeof started === 'string') return;
  const seen = new Set<string>();
  let step = 0;
  let confirms = 0;
  while (!stopping()) {
    const text = REPORT[Math.min(step, REPORT.length - 1)];
    const said = await persist(
      service,
      () =>
        call(base, 'POST', `${route}/activities`, token, { type: 'message', from: { id: 'witness' }, text }),
      stopping,
    );
    if (said === 'gone') {
      figures.notResumed += 1;
      return;
    }
    if (said === 'stopped') return;
    const read = await persist(service, () => call(base, 'GET', `${route}/activities`, token), stopping);
    if (read === 'gone') {
      figures.notResumed += 1;
      return;
    }
    if (read === 'stopped') return;
    for (const activity of (read.body.activities ?? []) as { text?: string; from?: { role?: string } }[]) {
      const match = activity.from?.role === 'bot' ? CASE_NUMBER.exec(activity.text ?? '') : null;
      if (match) seen.add(match[1]);
    }
    if (seen.size > 0) break;
    step += 1;
    // After a kill the dialog may be a question behind or ahead: keep confirming for a while.
    if (step >= REPORT.length && (confirms += 1) > 12) {
      figures.gaveUp += 1;
      return;
    }
  }
  if (seen.size > 1) figures.duplicates += seen.size - 1;
  for (const caseNumber of seen) figures.confirmed.set(caseNumber, conversationId);
}

async function main(): Promise<void> {
  const dataDir = await mkdtemp(path.join(os.tmpdir(), 'shield-chaos-'));
  const port = await freePort();
  const base = `http://127.0.0.1:${port}`;
  const environment = {
    NODE_ENV: 'development',
    HOST: '127.0.0.1',
    PORT: String(port),
    DATA_DIR: dataDir,
    LOG_LEVEL: 'warn',
    WEBCHAT_TOKEN_SECRET: 'an-invented-chaos-secret-for-this-run-only',
    WEBCHAT_TOKENS_PER_MINUTE: '100000',
    WEBCHAT_ACTIVITIES_PER_MINUTE: '100000',
  };
  const figures: Figures = {
    confirmed: new Map(),
    duplicates: 0,
    notResumed: 0,
    restartsFailed: 0,
    gaveUp: 0,
    kills: 0,
  };
  const service = new Service(environment, figures);
  process.stdout.write(`chaos: DATA_DIR ${dataDir}, ${KILLS} kills, ${WITNESSES} witnesses at a time\n`);
  while (!(await service.start()))
    if (figures.restartsFailed > 5) throw new Error('the service does not start');

  let stopping = false;
  const witnesses = Array.from({ length: WITNESSES }, async () => {
    while (!stopping) await witness(base, service, figures, () => stopping);
  });

  for (let kill = 0; kill < KILLS; kill += 1) {
    await sleep(MIN_UP_MS + Math.random() * (MAX_UP_MS - MIN_UP_MS));
    await service.kill();
    figures.kills += 1;
    // Until it starts: a failed start is counted, and tried again.
    for (let tries = 0; !(await service.start()) && tries < 5; tries += 1);
    if ((kill + 1) % 10 === 0) {
      process.stdout.write(`chaos: ${kill + 1} kills, ${figures.confirmed.size} case numbers shown so far\n`);
    }
  }
  // Let the witnesses under way finish on a service that stays up, then stop it cleanly.
  await sleep(5_000);
  stopping = true;
  await Promise.all(witnesses);
  const code = await service.stop();

  const database = await openDatabase({ dataDir });
  let stored: Map<string, number>;
  try {
    const reports = await database.connection
      .collection<{ caseNumber: string }>('reports')
      .find({}, { projection: { caseNumber: 1 } })
      .toArray();
    stored = new Map();
    for (const { caseNumber } of reports) stored.set(caseNumber, (stored.get(caseNumber) ?? 0) + 1);
  } finally {
    await database.close();
  }
  const outboxDir = path.join(dataDir, 'outbox');
  const outboxEntries = (await readdir(outboxDir).catch(() => [] as string[])).filter((name) =>
    name.endsWith('.ejson'),
  );
  const queued = new Set<string>();
  for (const name of outboxEntries) {
    const entry = mongoose.mongo.BSON.EJSON.parse(await readFile(path.join(outboxDir, name), 'utf8')) as {
      caseNumber?: unknown;
    };
    if (typeof entry.caseNumber === 'string') queued.add(entry.caseNumber);
  }
  const lost = [...figures.confirmed.keys()].filter(
    (caseNumber) => !stored.has(caseNumber) && !queued.has(caseNumber),
  );
  const duplicates = figures.duplicates + [...stored.values()].filter((count) => count > 1).length;

  process.stdout.write(
    [
      `kills with SIGKILL:                         ${figures.kills}`,
      `clean stop exit code:                       ${String(code)}`,
      `case numbers shown to witnesses:            ${figures.confirmed.size}`,
      `reports in the database:                    ${[...stored.values()].reduce((a, b) => a + b, 0)}`,
      `entries still in the outbox:                ${outboxEntries.length}`,
      `witnesses who gave up (no case number):     ${figures.gaveUp}`,
      `confirmed reports lost:                     ${lost.length}`,
      `duplicates:                                 ${duplicates}`,
      `conversations that could not resume:        ${figures.notResumed}`,
      `restarts that failed:                       ${figures.restartsFailed}`,
      '',
    ].join('\n'),
  );
  if (lost.length + duplicates + figures.notResumed + figures.restartsFailed > 0) process.exitCode = 1;
}

main().catch((error: unknown) => {
  process.stderr.write(`chaos: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
  process.exit(1);
});
