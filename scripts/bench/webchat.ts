// `npm run bench:webchat`: the web chat channel under load, through the Direct Line API only.
// Part 1: N simulated witnesses complete full reports with pauses; turn latency and database round trips.
// Part 2: the same conversations without pauses (maximum turns per second), beside an echo bot on the same
// stack and database and a bare restify endpoint, measured in the same run. A script, not a test: it prints.
import type { AddressInfo } from 'node:net';
import { parseArgs } from 'node:util';
import { ActivityHandler, ConversationState } from 'botbuilder';
import restify from 'restify';
import { createAdapter } from '../../bot/adapter';
import { loadConfig, type Config } from '../../bot/config';
import { createWebchatChannel } from '../../bot/directLine';
import { createLogger } from '../../bot/logger';
import { createServer } from '../../bot/server';
import { startService } from '../../bot/service';
import { openDatabase, type Database } from '../../models/db';
import { MongoStorage } from '../../models/mongoStorage';
import { DirectLineClient } from '../../test/helpers/directLineClient';

const { values: args } = parseArgs({
  options: {
    witnesses: { type: 'string', default: '50' },
    pause: { type: 'string', default: '3000' },
    concurrency: { type: 'string', default: '20' },
    seconds: { type: 'string', default: '10' },
  },
});
const WITNESSES = Number(args.witnesses);
const PAUSE_MS = Number(args.pause);
const CONCURRENCY = Number(args.concurrency);
const SECONDS = Number(args.seconds);

// A full report, answered by typing (every card button has a typed equivalent); invented content.
const REPORT: [string, RegExp][] = [
  ['report', /in danger/],
  ['no', /What is your report about/],
  ['1', /own words/],
  ['A black rucksack was left under the bench at the invented tram stop.', /When did it happen/],
  ['yesterday at 17:00', /I understood/],
  ['yes', /still going on/],
  ['no', /Where did it happen/],
  ['Tram stop by the invented Market Square', /Where exactly/],
  ['skip', /people involved/],
  ['no', /vehicle involved/],
  ['no', /Why did it seem suspicious/],
  ['Nobody came back for it for half an hour.', /photos or documents/],
  ['done', /anyone else/],
  ['skip', /anonymous/],
  ['yes', /Do you agree/],
  ['yes', /Here is everything/],
  ['confirm', /Case number/],
];
const ECHO: [string, RegExp][] = REPORT.map(([text]) => [text, /^echo: /]);

const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

function percentile(sorted: number[], p: number): number {
  if (sorted.length === 0) return NaN;
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)];
}

/** One witness: a new conversation, then each answer posted and the next question read back. */
async function converse(
  client: DirectLineClient,
  script: [string, RegExp][],
  pauseMs: () => number,
  latencies: number[],
): Promise<boolean> {
  const { token, conversationId } = await client.open();
  let { watermark } = await client.read(conversationId, token);
  for (const [text, expected] of script) {
    await sleep(pauseMs());
    const started = performance.now();
    const posted = await client.say(conversationId, token, { text });
    if (posted.status !== 200) return false;
    const next = await client.read(conversationId, token, watermark);
    latencies.push(performance.now() - started);
    watermark = next.watermark;
    const said = next.activities
      .filter((activity) => activity.from?.role === 'bot')
      .map((activity) => activity.text ?? '')
      .join('\n');
    if (!expected.test(said)) return false;
  }
  return true;
}

/** Runs `workers` loops of `turn` for `seconds`; returns how many completed per second. */
async function saturate(workers: number, seconds: number, loop: () => Promise<number>): Promise<number> {
  const end = performance.now() + seconds * 1000;
  let done = 0;
  const started = performance.now();
  await Promise.all(
    Array.from({ length: workers }, async () => {
      while (performance.now() < end) done += await loop();
    }),
  );
  return done / ((performance.now() - started) / 1000);
}

function benchConfig(): Config {
  return loadConfig({
    NODE_ENV: 'development',
    PORT: '0',
    HOST: '127.0.0.1',
    DATA_DIR: `/tmp/shield-bench-${process.pid}`,
    LOG_LEVEL: 'silent',
    WEBCHAT_TOKEN_SECRET: 'bench-only-secret-bench-only-secret-0123',
    // Every simulated witness comes from 127.0.0.1: the per-address limit would otherwise stop the run.
    WEBCHAT_TOKENS_PER_MINUTE: '1000000',
    WEBCHAT_ACTIVITIES_PER_MINUTE: '1000000',
  });
}

/** The echo bot on the same stack: restify, CloudAdapter, the Direct Line channel, state in MongoDB. */
async function startEcho(config: Config, database: Database) {
  const logger = createLogger('silent');
  const state = new ConversationState(new MongoStorage(database.connection));
  const turns = state.createProperty<number>('turns');
  const bot = new ActivityHandler();
  bot.onMessage(async (context, next) => {
    await turns.set(context, ((await turns.get(context, 0)) ?? 0) + 1);
    await context.sendActivity(`echo: ${context.activity.text ?? ''}`);
    await state.saveChanges(context);
    await next();
  });
  const adapter = createAdapter(config, logger);
  const http = createServer({ config, adapter, bot, database, logger });
  const webchat = await createWebchatChannel(config, database, adapter, bot, logger, () => new Date());
  webchat.register(http.server);
  await new Promise<void>((resolve) => {
    http.server.listen(0, '127.0.0.1', () => resolve());
  });
  const address: AddressInfo = http.server.address();
  const url = `http://127.0.0.1:${address.port}`;
  webchat.setServiceUrl(url);
  return {
    url,
    stop: () => {
      webchat.close();
      return new Promise<void>((resolve) => {
        http.server.close(() => resolve());
      });
    },
  };
}

async function startBare() {
  const server = restify.createServer();
  server.use(restify.plugins.bodyParser({ mapParams: false }));
  server.post('/bare', (_req, res, next) => {
    res.send(200, { id: '1' });
    return next();
  });
  await new Promise<void>((resolve) => {
    server.listen(0, '127.0.0.1', () => resolve());
  });
  const address: AddressInfo = server.address();
  return { url: `http://127.0.0.1:${address.port}`, server };
}

async function main(): Promise<void> {
  const config = benchConfig();
  const database = await openDatabase({
    uri: config.mongodbUri,
    monitorCommands: true,
    dbName: 'shield-bench',
  });
  let commands = 0;
  database.connection.getClient().on('commandStarted', () => {
    commands += 1;
  });
  const service = await startService(config, createLogger('silent'), { database });
  const client = new DirectLineClient(service.url);
  console.log(
    `database: ${database.kind}; ${WITNESSES} witnesses, pauses ${PAUSE_MS} ms, ${REPORT.length} turns each`,
  );

  // Part 1: witnesses at a human pace, their starts spread over one pause.
  const latencies: number[] = [];
  const commandsBefore = commands;
  const startedAt = performance.now();
  const outcomes = await Promise.all(
    Array.from({ length: WITNESSES }, async () => {
      await sleep(Math.random() * PAUSE_MS);
      return converse(client, REPORT, () => PAUSE_MS * (0.5 + Math.random()), latencies).catch(() => false);
    }),
  );
  const sorted = [...latencies].sort((a, b) => a - b);
  const completed = outcomes.filter(Boolean).length;
  console.log('\nPart 1: witnesses with pauses');
  console.log(
    `  reports completed        ${completed} / ${WITNESSES} in ${((performance.now() - startedAt) / 1000).toFixed(1)} s`,
  );
  console.log(`  turns                    ${latencies.length}`);
  console.log(
    `  turn latency (ms)        p50 ${percentile(sorted, 50).toFixed(1)}  p95 ${percentile(sorted, 95).toFixed(1)}  p99 ${percentile(sorted, 99).toFixed(1)}`,
  );
  console.log(
    `  database round trips     ${((commands - commandsBefore) / latencies.length).toFixed(1)} per turn (all commands during part 1, including token issue and start, divided by turns)`,
  );

  // Part 2: no pauses.
  console.log(`\nPart 2: no pauses, ${CONCURRENCY} concurrent clients, ${SECONDS} s each`);
  const reportRate = await saturate(CONCURRENCY, SECONDS, async () => {
    const turns: number[] = [];
    await converse(client, REPORT, () => 0, turns);
    return turns.length;
  });
  const echo = await startEcho(config, database);
  const echoClient = new DirectLineClient(echo.url);
  const echoRate = await saturate(CONCURRENCY, SECONDS, async () => {
    const turns: number[] = [];
    await converse(echoClient, ECHO, () => 0, turns);
    return turns.length;
  });
  const bare = await startBare();
  const bareRate = await saturate(CONCURRENCY, SECONDS, async () => {
    const response = await fetch(`${bare.url}/bare`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify({ type: 'message', text: 'hello' }),
    });
    await response.arrayBuffer();
    return 1;
  });
  console.log(
    `  report dialog            ${reportRate.toFixed(0)} turns/s (a turn = post the answer + read the next question)`,
  );
  console.log(
    `  echo bot, same stack     ${echoRate.toFixed(0)} turns/s  (report dialog = ${(reportRate / echoRate).toFixed(2)} x echo)`,
  );
  console.log(
    `  bare restify POST        ${bareRate.toFixed(0)} requests/s  (echo = ${(echoRate / bareRate).toFixed(3)} x bare; a turn is 2 requests)`,
  );

  await echo.stop();
  bare.server.close();
  await service.stop();
  await database.connection.dropDatabase();
  await database.close();
}

main().then(
  () => process.exit(0),
  (error: unknown) => {
    console.error(error);
    process.exit(1);
  },
);
