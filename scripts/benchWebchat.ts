// npm run bench:webchat: figures for the web chat channel, all measured in one run on this machine.
// (1) N simulated witnesses complete full reports through the Direct Line API with pauses between turns;
// (2) the same conversations without pauses, beside an echo bot on the same stack and database and a bare
// restify endpoint. Prints figures and ratios; asserts nothing.
import { performance } from 'node:perf_hooks';
import { mkdtemp } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { solveChallenge, type Challenge } from 'altcha-lib';
import { deriveKey } from 'altcha-lib/algorithms/sha';
import { ActivityHandler, ConversationState, type TurnContext } from 'botbuilder';
import restify from 'restify';
import WebSocket from 'ws';
import { loadConfig } from '../bot/config';
import { createLogger } from '../bot/logger';
import { startService, type RunningService } from '../bot/service';
import { openDatabase, type Database } from '../models/store/db';
import { MongoStorage } from '../models/store/mongoStorage';

const WITNESSES = Number(process.env.BENCH_WITNESSES ?? 50);
const PAUSE_MS = Number(process.env.BENCH_PAUSE_MS ?? 3000);
const BURST_WITNESSES = Number(process.env.BENCH_BURST_WITNESSES ?? 20);
const BARE_SECONDS = Number(process.env.BENCH_BARE_SECONDS ?? 5);

// One full anonymous report, answer by answer (the questionnaire's order).
export const REPORT = [
  'report',
  'no',
  '2',
  'A grey suitcase was left under a bench on platform 3 and nobody came back for it.',
  'yesterday around 5pm',
  'yes',
  'no',
  'Central station, platform 3',
  'skip',
  'no',
  'no',
  'It was left on purpose and the person hurried away.',
  'none',
  'skip',
  'yes',
  'yes',
  'confirm',
];

interface Conversation {
  token: string;
  conversationId: string;
  socket: WebSocket;
  waiting: Map<string, () => void>;
  early: Set<string>;
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

function percentile(sorted: number[], p: number): number {
  if (sorted.length === 0) return NaN;
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))];
}

async function ok(response: Response, what: string): Promise<unknown> {
  if (!response.ok) throw new Error(`${what} answered ${response.status}: ${await response.text()}`);
  return response.json();
}

/**
 * A new conversation's token; a 503 (the service shedding new conversations) is tried again, and a
 * proof-of-work challenge (the service under pressure) solved and the request sent again, as the page does.
 */
async function newToken(url: string): Promise<Response> {
  let altcha: string | undefined;
  for (let attempt = 0; ; attempt += 1) {
    const issued = await fetch(`${url}/api/webchat/token`, {
      method: 'POST',
      ...(altcha
        ? { headers: { 'Content-Type': 'application/json' }, body: JSON.stringify({ altcha }) }
        : {}),
    });
    altcha = undefined;
    if (issued.status === 403 && attempt < 30) {
      const { challenge } = (await issued.json()) as { challenge?: Challenge };
      const solution = challenge ? await solveChallenge({ challenge, deriveKey }) : undefined;
      if (challenge && solution) {
        altcha = Buffer.from(JSON.stringify({ challenge, solution })).toString('base64');
        continue;
      }
      throw new Error(`token answered 403 (${challenge ? 'challenge not solved' : 'no challenge'})`);
    }
    if (issued.status !== 503 || attempt >= 30) return issued;
    await issued.body?.cancel();
    await sleep(Number(issued.headers.get('retry-after') ?? 1) * 1000);
  }
}

async function open(url: string): Promise<Conversation> {
  const issued = await newToken(url);
  const { token, conversationId } = (await ok(issued, 'token')) as { token: string; conversationId: string };
  const start = await fetch(`${url}/v3/directline/conversations`, {
    method: 'POST',
    headers: { Authorization: `Bearer ${token}` },
  });
  const started = (await ok(start, 'start')) as { streamUrl: string };
  const socket = new WebSocket(started.streamUrl);
  const conversation: Conversation = { token, conversationId, socket, waiting: new Map(), early: new Set() };
  socket.on('message', (data: Buffer) => {
    const batch = JSON.parse(data.toString('utf8')) as {
      activities: { replyToId?: string; from: { role?: string } }[];
    };
    for (const activity of batch.activities) {
      if (activity.from.role !== 'bot' || !activity.replyToId) continue;
      const resolve = conversation.waiting.get(activity.replyToId);
      if (resolve) {
        conversation.waiting.delete(activity.replyToId);
        resolve();
      } else conversation.early.add(activity.replyToId);
    }
  });
  await new Promise<void>((resolve) => socket.once('open', () => resolve()));
  return conversation;
}

/** One turn: post an answer, wait for the bot's first reply to it; returns the milliseconds it took. */
async function turn(url: string, conversation: Conversation, text: string): Promise<number> {
  const started = performance.now();
  const response = await fetch(
    `${url}/v3/directline/conversations/${conversation.conversationId}/activities`,
    {
      method: 'POST',
      headers: { Authorization: `Bearer ${conversation.token}`, 'Content-Type': 'application/json' },
      body: JSON.stringify({ type: 'message', text, from: { id: 'bench' } }),
    },
  );
  if (!response.ok) throw new Error(`turn refused: ${response.status}`);
  const { id } = (await response.json()) as { id: string };
  if (!conversation.early.delete(id)) {
    await new Promise<void>((resolve) => conversation.waiting.set(id, resolve));
  }
  return performance.now() - started;
}

/**
 * `count` witnesses, each opening a conversation and posting `script` with pauses around `pauseMs`
 * (arrivals spread over one pause); the turn latencies, sorted, and how many completed.
 */
export async function witnesses(url: string, count: number, script: string[], pauseMs: number) {
  const latencies: number[] = [];
  let completed = 0;
  await Promise.all(
    Array.from({ length: count }, async (_unused, index) => {
      await sleep(pauseMs > 0 ? (index * pauseMs) / count : 0); // arrivals spread over one pause
      const conversation = await open(url);
      for (const text of script) {
        if (pauseMs > 0) await sleep(pauseMs * (0.5 + Math.random()));
        latencies.push(await turn(url, conversation, text));
      }
      completed += 1;
      conversation.socket.close();
    }),
  );
  return { latencies: latencies.sort((a, b) => a - b), completed };
}

class EchoBot extends ActivityHandler {
  constructor(private readonly state: ConversationState) {
    super();
    const turns = state.createProperty<number>('turns');
    this.onMessage(async (context, next) => {
      await turns.set(context, (await turns.get(context, 0)) + 1);
      await context.sendActivity(`echo: ${context.activity.text ?? ''}`);
      await next();
    });
  }

  override async run(context: TurnContext): Promise<void> {
    await super.run(context);
    await this.state.saveChanges(context, false);
  }
}

async function bareRestify(seconds: number, concurrency: number): Promise<number> {
  const server = restify.createServer();
  server.use(restify.plugins.bodyParser());
  server.post('/bare', (_req, res, next) => {
    res.send(202);
    return next();
  });
  await new Promise<void>((resolve) => {
    server.listen(0, '127.0.0.1', () => resolve());
  });
  const address: { port: number } = server.address();
  const url = `http://127.0.0.1:${address.port}/bare`;
  let requests = 0;
  const until = performance.now() + seconds * 1000;
  await Promise.all(
    Array.from({ length: concurrency }, async () => {
      while (performance.now() < until) {
        const response = await fetch(url, {
          method: 'POST',
          headers: { 'Content-Type': 'application/json' },
          body: '{"text":"hi"}',
        });
        await response.body?.cancel();
        requests += 1;
      }
    }),
  );
  server.close();
  return requests / seconds;
}

async function serve(database: Database, bot?: ActivityHandler): Promise<RunningService> {
  const config = loadConfig({
    NODE_ENV: 'test',
    PORT: '0',
    HOST: '127.0.0.1',
    DATA_DIR: await mkdtemp(path.join(os.tmpdir(), 'shield-bench-')),
    LOG_LEVEL: 'error',
    WEBCHAT_TOKENS_PER_MINUTE: '100000',
    WEBCHAT_ACTIVITIES_PER_MINUTE: '100000',
  });
  return startService(config, createLogger('error'), { database, ...(bot ? { bot } : {}) });
}

async function main(): Promise<void> {
  const uri = loadConfig(process.env).mongodbUri;
  const database = await openDatabase({ uri, dbName: `shield-bench-${Date.now()}`, monitorCommands: true });
  let commands = 0;
  // Commands of the service's background jobs (alert and question delivery poll their queues each second),
  // which run whether or not witnesses write; counted in the total, and shown apart.
  let background = 0;
  database.connection.getClient().on('commandStarted', (event) => {
    commands += 1;
    const target: unknown = (event.command as Record<string, unknown>)[event.commandName];
    if (target === 'alertDeliveries' || target === 'questionDeliveries') background += 1;
  });
  const service = await serve(database);
  console.log(`Shield Reporter web chat benchmark (${database.kind} database, ${os.cpus().length} cores)`);

  const before = commands;
  const backgroundBefore = background;
  const paced = await witnesses(service.url, WITNESSES, REPORT, PAUSE_MS);
  const perTurn = (commands - before) / paced.latencies.length;
  const backgroundPerTurn = (background - backgroundBefore) / paced.latencies.length;
  console.log(`\n(1) ${WITNESSES} witnesses, ${PAUSE_MS} ms pauses, ${REPORT.length} turns each`);
  console.log(`    reports completed: ${paced.completed}/${WITNESSES}`);
  console.log(
    `    turn latency ms: p50 ${percentile(paced.latencies, 50).toFixed(1)}  p95 ${percentile(paced.latencies, 95).toFixed(1)}  p99 ${percentile(paced.latencies, 99).toFixed(1)}`,
  );
  console.log(
    `    database round trips per turn: ${perTurn.toFixed(1)} (of which background jobs' polling ${backgroundPerTurn.toFixed(1)})`,
  );

  const burstStart = performance.now();
  const burst = await witnesses(service.url, BURST_WITNESSES, REPORT, 0);
  const dialogRate = burst.latencies.length / ((performance.now() - burstStart) / 1000);
  await service.stop();

  const echoService = await serve(
    database,
    new EchoBot(new ConversationState(new MongoStorage(database.connection))),
  );
  const echoScript = Array.from({ length: REPORT.length }, (_unused, index) => `message ${index}`);
  const echoStart = performance.now();
  const echo = await witnesses(echoService.url, BURST_WITNESSES, echoScript, 0);
  const echoRate = echo.latencies.length / ((performance.now() - echoStart) / 1000);
  await echoService.stop();

  const bareRate = await bareRestify(BARE_SECONDS, BURST_WITNESSES);
  console.log(`\n(2) no pauses, ${BURST_WITNESSES} concurrent conversations, through the Direct Line API`);
  console.log(
    `    report dialog: ${dialogRate.toFixed(0)} turns/s (p95 ${percentile(burst.latencies, 95).toFixed(1)} ms)`,
  );
  console.log(
    `    echo bot, same stack and database: ${echoRate.toFixed(0)} turns/s (p95 ${percentile(echo.latencies, 95).toFixed(1)} ms)`,
  );
  console.log(`    bare restify POST endpoint: ${bareRate.toFixed(0)} requests/s`);
  console.log(
    `    ratios: dialog/echo ${(dialogRate / echoRate).toFixed(2)}, echo/bare ${(echoRate / bareRate).toFixed(3)}`,
  );
  await database.connection.dropDatabase();
  await database.close();
}

// Run as a script (npm run bench:webchat); imported, it only lends its witness driver (bench:flood).
if (require.main === module) {
  main().catch((error: unknown) => {
    console.error(error);
    process.exit(1);
  });
}
