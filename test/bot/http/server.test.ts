import assert from 'node:assert/strict';
import { networkInterfaces } from 'node:os';
import { ActivityHandler, type TurnContext } from 'botbuilder';
import { createAdapter } from '../../../bot/channels/adapter';
import { loadConfig, type Config } from '../../../bot/config';
import { createServer, type ServerDeps } from '../../../bot/http/server';
import { buildBot } from '../../../bot/service';
import { messagesFor } from '../../../dialogs/locales';
import { openDatabase, type Database } from '../../../models/store/db';
import { startEmbeddedMongo } from '../../../models/store/embeddedMongo';
import { botStateModel } from '../../../models/store/mongoStorage';
import { openTestDatabase } from '../../helpers/database';
import { listen, postActivity, testActivity, type Listening } from '../../helpers/http';
import { memoryLogger } from '../../helpers/logger';

const MAX_BODY_BYTES = 4096;
const FAKE_APP_ID = '00000000-0000-4000-8000-00000000b07a';

/** A bot that only records that its logic ran. */
class SpyBot extends ActivityHandler {
  turns = 0;
  override async run(_context: TurnContext): Promise<void> {
    this.turns += 1;
    return Promise.resolve();
  }
}

/** A bot whose every turn fails, as a dialog bug would. */
class FailingBot extends ActivityHandler {
  override async run(_context: TurnContext): Promise<void> {
    return Promise.reject(new Error('dialog step failed'));
  }
}

/** Posts an activity and returns the status and JSON body, whatever the status. */
async function postRaw(baseUrl: string, activity: Record<string, unknown>) {
  const response = await fetch(`${baseUrl}/api/messages`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify(activity),
  });
  const text = await response.text();
  return { status: response.status, body: (text ? JSON.parse(text) : {}) as { code?: string } };
}

function testConfig(environment: Record<string, string> = {}): Config {
  return loadConfig({ NODE_ENV: 'test', MAX_BODY_BYTES: String(MAX_BODY_BYTES), ...environment });
}

describe('createServer', () => {
  let database: Database;
  const log = memoryLogger();
  const started: Listening[] = [];

  /** The real service parts on the test database; `overrides` swaps some of them. */
  async function serve(overrides: Partial<ServerDeps> = {}, config = testConfig()): Promise<string> {
    const deps: ServerDeps = {
      config,
      adapter: createAdapter(config, log.logger),
      bot: buildBot(config, database, log.logger).bot,
      database,
      logger: log.logger,
      ...overrides,
    };
    const listening = await listen(createServer(deps).server);
    started.push(listening);
    return listening.url;
  }

  before(async () => {
    database = await openTestDatabase();
  });
  afterEach(async () => {
    await Promise.all(started.splice(0).map((listening) => listening.close()));
  });
  after(async () => {
    await database.close();
  });

  describe('GET /healthz', () => {
    it('answers 200 while the process is alive', async () => {
      const url = await serve();
      const response = await fetch(`${url}/healthz`);
      assert.equal(response.status, 200);
      assert.deepEqual(await response.json(), { status: 'ok' });
    });
  });

  describe('GET /readyz', () => {
    it('answers 200 when the database answers', async () => {
      const url = await serve();
      const response = await fetch(`${url}/readyz`);
      assert.equal(response.status, 200);
      assert.deepEqual(await response.json(), { status: 'ready', database: 'up' });
    });

    it('answers 503 when the database server has stopped', async () => {
      const embedded = await startEmbeddedMongo();
      const doomed = await openDatabase({
        uri: embedded.uri,
        dbName: 'readyz',
        serverSelectionTimeoutMs: 500,
      });
      try {
        const url = await serve({ database: doomed });
        assert.equal((await fetch(`${url}/readyz`)).status, 200, 'ready before the stop');
        await embedded.stop();
        const response = await fetch(`${url}/readyz`);
        assert.equal(response.status, 503);
        assert.deepEqual(await response.json(), {
          status: 'unavailable',
          database: 'unreachable',
          reports: 'queued',
          queuedReports: null,
          message:
            'The database is unreachable; confirmed reports are kept in the outbox and delivered when it is back.',
        });
      } finally {
        await doomed.connection.close(true);
      }
    });
  });

  describe('error answers', () => {
    it('answers malformed JSON with 400 and a JSON error', async () => {
      const url = await serve();
      const response = await fetch(`${url}/api/messages`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: '{"type": "message", "text": ',
      });
      assert.equal(response.status, 400);
      assert.match(response.headers.get('content-type') ?? '', /^application\/json/);
      const body = (await response.json()) as { code?: unknown; message?: unknown };
      assert.equal(typeof body.code, 'string');
      assert.equal(typeof body.message, 'string');
    });

    it('answers a body over MAX_BODY_BYTES with 413 and does not run the bot', async () => {
      const spy = new SpyBot();
      const url = await serve({ bot: spy });
      const response = await fetch(`${url}/api/messages`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify(testActivity({ text: 'x'.repeat(MAX_BODY_BYTES) })),
      });
      assert.equal(response.status, 413);
      assert.match(response.headers.get('content-type') ?? '', /^application\/json/);
      assert.equal(spy.turns, 0);
    });

    it('answers an unknown route with 404 JSON', async () => {
      const url = await serve();
      const response = await fetch(`${url}/no/such/route`);
      assert.equal(response.status, 404);
      assert.match(response.headers.get('content-type') ?? '', /^application\/json/);
      const body = (await response.json()) as { code?: unknown };
      assert.equal(body.code, 'ResourceNotFound');
    });

    it('answers an unexpected failure with a 500 JSON body that carries no internals', async () => {
      const secret = 'mongodb://admin:hunter2@db.internal.example:27017';
      const failing = {
        ping: (): Promise<boolean> => Promise.reject(new Error(`cannot reach ${secret}`)),
      };
      const url = await serve({ database: failing });
      const response = await fetch(`${url}/readyz`);
      assert.equal(response.status, 500);
      assert.match(response.headers.get('content-type') ?? '', /^application\/json/);
      const text = await response.text();
      assert.deepEqual(JSON.parse(text), {
        code: 'InternalError',
        message: 'Something went wrong on our side.',
      });
      assert.ok(!text.includes('hunter2'), 'no connection string in the answer');
      assert.ok(
        log.lines().some((line) => line.includes('"request failed"') && line.includes('"/readyz"')),
        'the failure is logged with its route',
      );
    });
  });

  describe('security headers', () => {
    for (const [what, path, status] of [
      ['a successful answer', '/healthz', 200],
      ['an error answer', '/no/such/route', 404],
    ] as const) {
      it(`are set on ${what}`, async () => {
        const url = await serve();
        const response = await fetch(`${url}${path}`);
        assert.equal(response.status, status);
        assert.equal(response.headers.get('x-content-type-options'), 'nosniff');
        assert.equal(response.headers.get('x-frame-options'), 'SAMEORIGIN');
        assert.match(response.headers.get('strict-transport-security') ?? '', /max-age=\d+/);
        assert.match(response.headers.get('content-security-policy') ?? '', /default-src 'self'/);
        assert.equal(response.headers.get('referrer-policy'), 'no-referrer');
      });
    }
  });

  describe('POST /api/messages', () => {
    it('runs the bot and returns its replies with expectReplies', async () => {
      const url = await serve();
      const answer = await postActivity(url, testActivity({ text: 'hello' }));
      assert.equal(answer.status, 200);
      assert.equal(answer.replies.length, 2, 'the welcome, then the first question');
      assert.match(answer.replies[0], new RegExp(`^${messagesFor('en').welcome.greeting}`));
      assert.equal(answer.replies[1], messagesFor('en').questions.urgent.prompt);
    });

    it('answers a JSON body that is not an activity with 400 and does not run the bot', async () => {
      const spy = new SpyBot();
      const url = await serve({ bot: spy });
      const response = await fetch(`${url}/api/messages`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ text: 'no type' }),
      });
      assert.equal(response.status, 400);
      assert.equal(spy.turns, 0);
    });

    describe('without a MicrosoftAppId (Emulator mode)', () => {
      // A serviceUrl that is not even a string fails the activity's schema first (InvalidContent).
      const refusedServiceUrls: [string, unknown, string][] = [
        ['an address elsewhere on the network', 'http://192.0.2.77:8080/', 'ServiceUrlRefused'],
        ['a cloud metadata address', 'http://169.254.169.254/latest/meta-data/', 'ServiceUrlRefused'],
        ['a host name that is not this machine', 'https://attacker.example/', 'ServiceUrlRefused'],
        ['a loopback-looking host name', 'http://127.0.0.1.attacker.example/', 'ServiceUrlRefused'],
        ['another scheme', 'file:///etc/passwd', 'ServiceUrlRefused'],
        ['no URL at all', 'not a url', 'ServiceUrlRefused'],
        ['a number', 42, 'InvalidContent'],
      ];
      for (const [what, serviceUrl, code] of refusedServiceUrls) {
        it(`refuses a serviceUrl that is ${what} with 400 before the bot runs`, async () => {
          const spy = new SpyBot();
          const url = await serve({ bot: spy });
          const answer = await postRaw(url, { ...testActivity({ text: 'hello' }), serviceUrl });
          assert.equal(answer.status, 400);
          assert.equal(answer.body.code, code);
          assert.equal(spy.turns, 0, 'the bot ran');
        });
      }

      it('accepts the Emulator on this machine (a loopback caller and serviceUrl)', async () => {
        const spy = new SpyBot();
        const url = await serve({ bot: spy });
        const activity = { ...testActivity({ text: 'hello' }), serviceUrl: 'http://localhost:51234/' };
        assert.equal((await postActivity(url, activity)).status, 200);
        assert.equal(spy.turns, 1);
      });

      // A real peer on another address: the machine's own network interface, when it has one.
      const networkAddress = Object.values(networkInterfaces())
        .flat()
        .find((entry) => entry && entry.family === 'IPv4' && !entry.internal)?.address;
      for (const channelId of ['emulator', 'msteams']) {
        it(`refuses a ${channelId} activity from the network with 403 before the bot runs`, async function () {
          if (!networkAddress) this.skip();
          const spy = new SpyBot();
          const config = testConfig();
          const server = createServer({
            config,
            adapter: createAdapter(config, log.logger),
            bot: spy,
            database,
            logger: log.logger,
          }).server;
          await new Promise<void>((resolve) => {
            server.listen(0, networkAddress, () => resolve());
          });
          const { port } = server.address();
          started.push({
            url: '',
            close: async () => {
              const closed = new Promise<void>((resolve) => server.server.close(() => resolve()));
              server.server.closeAllConnections();
              await closed;
            },
          });
          const answer = await postRaw(`http://${networkAddress}:${port}`, testActivity({ channelId }));
          assert.equal(answer.status, 403);
          assert.equal(answer.body.code, 'EmulatorLocalOnly');
          assert.equal(spy.turns, 0, 'the bot ran');
        });
      }
    });

    describe('with a MicrosoftAppId (Bot Connector authentication on)', () => {
      const authConfig = testConfig({
        MicrosoftAppId: FAKE_APP_ID,
        MicrosoftAppPassword: 'not-a-real-secret',
      });

      for (const [what, headers] of [
        ['no Authorization header', {}],
        ['a garbage bearer token', { authorization: 'Bearer not.a.jwt' }],
        ['a non-bearer scheme', { authorization: 'Basic d2l0bmVzczpzZWNyZXQ=' }],
      ] as const) {
        it(`answers 401 to a request with ${what}, and the bot logic does not run`, async () => {
          const spy = new SpyBot();
          await botStateModel(database.connection).deleteMany({});
          const url = await serve({ bot: spy, adapter: createAdapter(authConfig, log.logger) }, authConfig);
          const answer = await postActivity(url, testActivity({ text: 'hello' }), headers);
          assert.equal(answer.status, 401);
          assert.equal(spy.turns, 0, 'the bot ran');
          assert.equal(await botStateModel(database.connection).countDocuments({}), 0, 'state was written');
        });
      }
    });
  });

  describe('logging', () => {
    it("keeps the user's words and name out of the log, also when a turn fails", async () => {
      const words = 'a grey van parked at Rue Neuve 12 since Tuesday';
      const name = 'Invented Witness-Name';
      const before = log.lines().length;

      const url = await serve();
      const answer = await postActivity(url, testActivity({ text: words, fromName: name }));
      assert.equal(answer.status, 200);
      const failingUrl = await serve({ bot: new FailingBot() });
      const conversationId = 'conversation-log-check';
      const failed = await postActivity(
        failingUrl,
        testActivity({ text: words, fromName: name, conversationId }),
      );
      assert.deepEqual(failed.replies, [messagesFor('en').errors.turnFailed], 'the user is told plainly');

      const lines = log.lines().slice(before);
      const failure = lines.find((line) => line.includes('"turn failed"'));
      assert.ok(failure, 'the failed turn is logged');
      assert.ok(failure.includes(conversationId), 'with its conversation id');
      for (const line of lines) {
        assert.ok(!line.includes('Rue Neuve'), `message text in the log: ${line}`);
        assert.ok(!line.includes('Witness-Name'), `user name in the log: ${line}`);
      }
    });
  });
});
