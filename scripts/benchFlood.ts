// npm run bench:flood: the service under a junk flood while witnesses report, all measured in one run.
// The real service on the embedded database (MONGODB_URI when set); a separate process (floodDriver.ts)
// offers junk at FLOOD_RATE requests/s over a mix of public routes from FLOOD_ADDRESSES loopback source
// addresses; 50 witnesses complete reports (the driver of bench:webchat) without a flood, then during one.
// Prints figures; asserts nothing. Bounded: about a minute and a half in all.
import { fork, type ChildProcess } from 'node:child_process';
import { subscribe } from 'node:diagnostics_channel';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { randomBytes } from 'node:crypto';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { z } from 'zod';
import { loadConfig } from '../bot/config';
import { createLogger } from '../bot/logger';
import { startService } from '../bot/service';
import { openDatabase, type Database } from '../models/store/db';
import { REPORT } from './benchWebchat';

const WITNESSES = Number(process.env.BENCH_WITNESSES ?? 50);
const PAUSE_MS = Number(process.env.BENCH_PAUSE_MS ?? 1000);
const RATE = Number(process.env.FLOOD_RATE ?? 10_000);
const ADDRESSES = Number(process.env.FLOOD_ADDRESSES ?? 250);
const JUNK_SECONDS = Number(process.env.FLOOD_JUNK_SECONDS ?? 8);
const WINDOW = Number(process.env.FLOOD_WINDOW ?? 8);
const PROCESSES = Math.max(1, Number(process.env.FLOOD_PROCESSES ?? 1));
/**
 * Where the embedded development database runs (without MONGODB_URI): `process`, a process of its own, as a
 * deployed service's MongoDB is elsewhere (scripts/embeddedDatabase.ts), so that the RSS measured is the
 * service's; `thread`, a worker thread of the service's process, as `npm start` runs it; `inline`, on the
 * service's own event loop.
 */
const DATABASE = z.enum(['process', 'thread', 'inline']).parse(process.env.FLOOD_DATABASE ?? 'process');
const GIVE_UP_MS = Number(process.env.FLOOD_GIVE_UP_MS ?? 1000);
/**
 * The junk drivers' scheduling priority (nice): above 0, the service's threads come first for the cores the
 * drivers share with it here, as an attacker's own machines would not; the drivers then offer what they
 * get to write with what is left.
 */
const DRIVER_NICENESS = Number(process.env.FLOOD_DRIVER_NICE ?? 10);
/** The queues the background delivery jobs poll every second or so, whatever the traffic. */
const POLLED = new Set(['questionDeliveries', 'alertDeliveries']);

interface DriverFigures {
  seconds: number;
  sent: number;
  answered: number;
  reconnects: number;
  /** Requests written and never answered: their socket was given up on after FLOOD_GIVE_UP_MS. */
  abandoned: number;
  statuses: Record<string, number>;
  /** The processor time the driver's process used, in seconds. */
  cpuSeconds: number;
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
const mb = () => Math.round(process.memoryUsage().rss / 1024 / 1024);

function percentile(sorted: number[], p: number): number {
  if (sorted.length === 0) return NaN;
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))];
}

interface Crowd {
  latencies: number[];
  completed: number;
  /** Why the witnesses who did not complete their report stopped, by reason. */
  failures: Map<string, number>;
  /** The processor time the witnesses' process used, in seconds. */
  cpuSeconds: number;
}

/** One of the bench's scripts in a process of its own, given its options as JSON, its output piped. */
function forkScript(script: string, options: object): ChildProcess {
  return fork(path.join(__dirname, script), [JSON.stringify(options)], {
    stdio: ['ignore', 'pipe', 'inherit', 'ipc'],
    // Not the service's own V8 flags (the bench's process is the service's).
    execArgv: [],
  });
}

/** Collects what a forked script prints (one JSON line) once it exits. */
function forked<T>(script: string, options: object, niceness = 0): Promise<T> {
  const child = forkScript(script, options);
  if (niceness !== 0 && child.pid !== undefined) os.setPriority(child.pid, niceness);
  let output = '';
  child.stdout?.on('data', (chunk: Buffer) => {
    output += chunk.toString('utf8');
  });
  return new Promise((resolve, reject) => {
    child.on('exit', (code) =>
      code === 0 ? resolve(JSON.parse(output) as T) : reject(new Error(`${script} exited ${code}`)),
    );
  });
}

/**
 * `count` witnesses in a process of their own (scripts/floodWitnesses.ts), so that their latency is not
 * measured on the service's event loop; one who is refused or left waiting is counted with the reason.
 */
async function crowd(url: string, count: number): Promise<Crowd> {
  const figures = await forked<{
    latencies: number[];
    completed: number;
    failures: [string, number][];
    cpuSeconds: number;
  }>('floodWitnesses.js', { url, count, pauseMs: PAUSE_MS });
  return {
    latencies: figures.latencies.sort((a, b) => a - b),
    completed: figures.completed,
    failures: new Map(figures.failures),
    cpuSeconds: figures.cpuSeconds,
  };
}

function failureLine(figures: Crowd): string {
  if (figures.failures.size === 0) return '';
  return ` (stopped: ${[...figures.failures].map(([reason, count]) => `${count} x ${reason}`).join(', ')})`;
}

/**
 * Runs the junk driver in PROCESSES processes of their own for `seconds` (the rate and the source
 * addresses shared between them); resolves with their figures added up.
 */
async function flood(port: number, seconds: number): Promise<DriverFigures> {
  const share = Math.ceil(ADDRESSES / PROCESSES);
  const parts = await Promise.all(
    Array.from({ length: PROCESSES }, (_unused, index) =>
      forked<DriverFigures>(
        'floodDriver.js',
        {
          port,
          rate: RATE / PROCESSES,
          seconds,
          firstAddress: index * share,
          addresses: Math.min(share, ADDRESSES - index * share),
          socketsPerAddress: 1,
          window: WINDOW,
          giveUpMs: GIVE_UP_MS,
        },
        DRIVER_NICENESS,
      ),
    ),
  );
  const statuses: Record<string, number> = {};
  for (const part of parts)
    for (const [status, count] of Object.entries(part.statuses))
      statuses[status] = (statuses[status] ?? 0) + count;
  return {
    seconds: Math.max(...parts.map((part) => part.seconds)),
    sent: parts.reduce((sum, part) => sum + part.sent, 0),
    answered: parts.reduce((sum, part) => sum + part.answered, 0),
    reconnects: parts.reduce((sum, part) => sum + part.reconnects, 0),
    abandoned: parts.reduce((sum, part) => sum + part.abandoned, 0),
    statuses,
    cpuSeconds: parts.reduce((sum, part) => sum + part.cpuSeconds, 0),
  };
}

function statusLine(figures: DriverFigures): string {
  return Object.entries(figures.statuses)
    .sort(([a], [b]) => a.localeCompare(b))
    .map(([status, count]) => `${count} x ${status}`)
    .join(', ');
}

/** The embedded database in a process of its own: its URI, its RSS, and how to stop it. */
async function databaseProcess(dataDir: string): Promise<{
  uri: string;
  rssMb: () => Promise<number>;
  cpuSeconds: () => Promise<number>;
  stop: () => Promise<void>;
}> {
  const child = forkScript('embeddedDatabase.js', { dataDir });
  const uri = await new Promise<string>((resolve, reject) => {
    let output = '';
    child.stdout?.on('data', (chunk: Buffer) => {
      output += chunk.toString('utf8');
      if (output.includes('\n')) resolve((JSON.parse(output) as { uri: string }).uri);
    });
    child.once('exit', (code) => reject(new Error(`the database process exited ${code}`)));
  });
  return {
    uri,
    // The kernel's count for the process (VmRSS, in kB).
    rssMb: async () =>
      Math.round(
        Number(/VmRSS:\s+(\d+)/.exec(await readFile(`/proc/${child.pid}/status`, 'utf8'))?.[1] ?? NaN) / 1024,
      ),
    // The kernel's count of the process's user and system time (fields 14 and 15 of its stat, in ticks of
    // 1/100 s, as Linux reports them to user space).
    cpuSeconds: async () => {
      const stat = await readFile(`/proc/${child.pid}/stat`, 'utf8');
      const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
      return (Number(fields[11]) + Number(fields[12])) / 100;
    },
    stop: () =>
      new Promise((resolve) => {
        child.once('exit', () => resolve());
        child.kill('SIGTERM');
      }),
  };
}

async function open(dataDir: string, uri: string | undefined, dbName: string): Promise<Database> {
  return openDatabase({
    uri,
    dataDir: uri ? undefined : dataDir,
    dbName,
    monitorCommands: true,
    embeddedThread: DATABASE === 'thread',
  });
}

async function main(): Promise<void> {
  const dataDir = await mkdtemp(path.join(os.tmpdir(), 'shield-flood-'));
  const configured = loadConfig(process.env).mongodbUri;
  const ownDatabase =
    configured === undefined && DATABASE === 'process'
      ? await databaseProcess(path.join(dataDir, 'database'))
      : undefined;
  const uri = configured ?? ownDatabase?.uri;
  const dbName = `shield-flood-${Date.now()}`;
  const environment = {
    NODE_ENV: 'test',
    PORT: '0',
    HOST: '127.0.0.1',
    DATA_DIR: dataDir,
    LOG_LEVEL: 'error',
    WEBCHAT_TOKEN_SECRET: randomBytes(32).toString('base64url'),
    WEBCHAT_TOKENS_PER_MINUTE: '1000',
    WEBCHAT_ACTIVITIES_PER_MINUTE: '1000',
  };
  const config = loadConfig(environment);
  const database = await open(dataDir, uri, dbName);
  let commands = 0;
  let polls = 0;
  let byCollection = new Map<string, number>();
  database.connection.getClient().on('commandStarted', (event) => {
    // The delivery jobs poll their queues on their own, flood or not: counted apart.
    const collection = (event.command as Record<string, unknown>)[event.commandName];
    if (typeof collection === 'string' && POLLED.has(collection)) {
      polls += 1;
      return;
    }
    commands += 1;
    const name = `${event.commandName} ${typeof collection === 'string' ? collection : ''}`.trim();
    byCollection.set(name, (byCollection.get(name) ?? 0) + 1);
  });
  // Conversations started (answered 2xx), seen through Node's own HTTP diagnostics channel.
  let started = 0;
  subscribe('http.server.response.finish', (message) => {
    const { request, response } = message as { request: IncomingMessage; response: ServerResponse };
    if (
      request.method === 'POST' &&
      request.url === '/v3/directline/conversations' &&
      response.statusCode < 300
    )
      started += 1;
  });
  /** Waits (at most `ms`) until no database command but the jobs' polls has run for a second. */
  const quiet = async (ms: number) => {
    const deadline = Date.now() + ms;
    for (let last = -1; last !== commands && Date.now() < deadline;) {
      last = commands;
      await sleep(1000);
    }
  };
  const service = await startService(config, createLogger('error'), { database });
  const port = Number(new URL(service.url).port);
  const rssBefore = mb();
  const load = () =>
    os
      .loadavg()
      .map((value) => value.toFixed(2))
      .join(' ');
  console.log(
    `Shield Reporter flood benchmark (${ownDatabase ? 'the embedded database in a process of its own' : database.kind === 'embedded' ? `embedded database ${DATABASE === 'thread' ? 'in its own thread' : "on the service's thread"}` : 'MONGODB_URI'}, ${os.cpus().length} cores, load average ${load()})`,
  );

  const idle = await crowd(service.url, WITNESSES);
  console.log(`\n(1) no flood: ${WITNESSES} witnesses, ${PAUSE_MS} ms pauses, ${REPORT.length} turns each`);
  console.log(`    reports completed ${idle.completed}/${WITNESSES}${failureLine(idle)}`);
  console.log(
    `    turn p50 ${percentile(idle.latencies, 50).toFixed(0)} ms, p95 ${percentile(idle.latencies, 95).toFixed(0)} ms`,
  );

  // What the witnesses left to write (transcripts, state) is written before the junk is counted.
  await quiet(15_000);
  byCollection = new Map();
  const before = commands;
  const pollsBefore = polls;
  const junk = await flood(port, JUNK_SECONDS);
  await sleep(500);
  const junkCommands = commands - before;
  const junkPolls = polls - pollsBefore;
  console.log(`\n(2) junk only, ${JUNK_SECONDS} s from ${ADDRESSES} addresses`);
  console.log(
    `    offered ${(junk.sent / junk.seconds).toFixed(0)}/s, served ${(junk.answered / junk.seconds).toFixed(0)}/s`,
  );
  console.log(`    answers: ${statusLine(junk)}; given up unanswered ${junk.abandoned}`);
  console.log(
    `    database commands caused: ${junkCommands}${junkCommands > 0 ? ` (${[...byCollection].map(([name, count]) => `${count} x ${name}`).join(', ')})` : ''}; the delivery jobs' own polls meanwhile, not counted: ${junkPolls}`,
  );

  // The witnesses open their conversations first (arrivals over one pause), then the flood begins: they
  // are witnesses in progress, which the service serves first.
  await sleep(3000);
  const startedBefore = started;
  const during = crowd(service.url, WITNESSES);
  const openBy = Date.now() + 60_000;
  while (started - startedBefore < WITNESSES && Date.now() < openBy) await sleep(50);
  const opened = started - startedBefore;
  const floodSeconds = Math.ceil((REPORT.length * PAUSE_MS * 1.2) / 1000);
  // The service's event-loop delay as admission control reads it (the 99th percentile of each half second).
  const lags: number[] = [];
  const sampling = setInterval(() => lags.push(service.admission.eventLoopLagMs), 500);
  const serviceCpu = process.cpuUsage();
  const databaseCpu = await ownDatabase?.cpuSeconds();
  const floodStart = performance.now();
  const [flooded, figures] = await Promise.all([during, flood(port, floodSeconds)]);
  const floodWall = (performance.now() - floodStart) / 1000;
  const serviceUsed = process.cpuUsage(serviceCpu);
  const databaseUsed =
    ownDatabase && databaseCpu !== undefined ? (await ownDatabase.cpuSeconds()) - databaseCpu : undefined;
  clearInterval(sampling);
  lags.sort((a, b) => a - b);
  const rssAfter = mb();
  console.log(`\n(3) flood of ${floodSeconds} s while ${WITNESSES} witnesses report`);
  console.log(
    `    offered ${(figures.sent / figures.seconds).toFixed(0)}/s, served ${(figures.answered / figures.seconds).toFixed(0)}/s`,
  );
  console.log(`    answers: ${statusLine(figures)}; given up unanswered ${figures.abandoned}`);
  console.log(`    conversations opened before the flood began ${opened}/${WITNESSES}`);
  console.log(`    reports completed ${flooded.completed}/${WITNESSES}${failureLine(flooded)}`);
  console.log(
    `    turn p50 ${percentile(flooded.latencies, 50).toFixed(0)} ms, p95 ${percentile(flooded.latencies, 95).toFixed(0)} ms`,
  );
  console.log(`    shed by admission control: ${JSON.stringify(service.admission.shed)}`);
  // Cores' worth each process had, on average, while the witnesses reported during the flood.
  const share = (seconds: number) => (seconds / floodWall).toFixed(2);
  console.log(
    `    processor use (cores, of ${os.cpus().length}): service ${share((serviceUsed.user + serviceUsed.system) / 1e6)}${databaseUsed === undefined ? '' : `, database ${share(databaseUsed)}`}, junk driver ${share(figures.cpuSeconds)}, witnesses ${share(flooded.cpuSeconds)}`,
  );
  console.log(
    `    event-loop delay (p99 of each half second): median ${percentile(lags, 50).toFixed(0)} ms, max ${percentile(lags, 100).toFixed(0)} ms`,
  );
  // With node --expose-gc: what is still held, garbage collected first.
  (globalThis as { gc?: () => void }).gc?.();
  const memory = process.memoryUsage();
  const inMb = (bytes: number) => Math.round(bytes / 1024 / 1024);
  console.log(
    `    rss of the service's process before ${rssBefore} MB, after ${rssAfter} MB (garbage collected: heap used ${inMb(memory.heapUsed)} of ${inMb(memory.heapTotal)} MB, buffers ${inMb(memory.arrayBuffers)} MB, rss ${inMb(memory.rss)} MB); load average ${load()}`,
  );
  // Then ten seconds without traffic, as after a flood: what the process gives back on its own.
  await sleep(10_000);
  const calm = process.memoryUsage();
  console.log(
    `    10 s later: rss ${inMb(calm.rss)} MB (heap used ${inMb(calm.heapUsed)} of ${inMb(calm.heapTotal)} MB, external ${inMb(calm.external)} MB)`,
  );
  if (ownDatabase) console.log(`    rss of the database's process ${await ownDatabase.rssMb()} MB`);

  await service.stop();
  await database.close();
  // The same data, a new start: the service must come up and be ready.
  const again = await open(dataDir, uri, dbName);
  const restarted = await startService(config, createLogger('error'), { database: again });
  const ready = await fetch(`${restarted.url}/readyz`);
  console.log(`\n(4) restart on the same data: /readyz ${ready.status}`);
  await restarted.stop();
  if (uri) await again.connection.dropDatabase();
  await again.close();
  await ownDatabase?.stop();
  await rm(dataDir, { recursive: true, force: true });

  const p95 = percentile(flooded.latencies, 95);
  const idle95 = percentile(idle.latencies, 95);
  console.log(
    `flood: offered ${(figures.sent / figures.seconds).toFixed(0)}/s, served ${(figures.answered / figures.seconds).toFixed(0)}/s, witnesses ${flooded.completed}/${WITNESSES}, p95 ${p95.toFixed(0)} ms (idle ${idle95.toFixed(0)} ms), junk db ops ${junkCommands}, rss ${rssAfter} MB`,
  );
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
