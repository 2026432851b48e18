import assert from 'node:assert/strict';
import { createServer as createHttpServer, request } from 'node:http';
import type { AddressInfo } from 'node:net';
import { connect } from 'node:net';
import { AdmissionControl, shedAnonymousWork } from '../../../bot/http/admission';
import { FrontGate } from '../../../bot/http/frontGate';
import { argon2Hasher, type PasswordHasher } from '../../../models/store/officer';
import { startCaseFixture } from '../../helpers/cases';
import { directLineServicePerTest } from '../../helpers/serviceConfig';
import type { DirectLineClient } from '../../helpers/directLineClient';

describe('Admission control: new conversations and anonymous routes are shed, witnesses in progress are not', function () {
  this.timeout(60_000);

  describe('on event-loop lag (the measurement injected, no clock involved)', () => {
    const limits = { eventLoopLagMs: 500, maxInFlight: 256, anonymousPerSecond: 1000, loginConcurrency: 2 };

    it('refuses anonymous work with Retry-After while the lag is over the threshold, and admits it again once under', async () => {
      let lag = 0;
      const admission = new AdmissionControl({ ...limits, inFlight: () => 0, measureLagMs: () => lag });
      try {
        assert.equal(await admission.admit(), undefined, 'no lag: admitted');
        lag = 500;
        assert.equal(await admission.admit(), undefined, 'at the threshold: admitted');
        lag = 501;
        assert.deepEqual(await admission.admit(), { reason: 'eventLoopLag', retryAfterSeconds: 5 });
        assert.equal(admission.eventLoopLagMs, 501);
        lag = 120;
        assert.equal(await admission.admit(), undefined, 'the lag has passed: admitted again');
        assert.deepEqual(admission.shed, { eventLoopLag: 1, inFlight: 0, anonymousRate: 0 });
      } finally {
        admission.close();
      }
    });

    it('answers a token request 503 ServiceBusy while lagging, and lets a message to a conversation through', async () => {
      let lag = 900;
      const admission = new AdmissionControl({ ...limits, inFlight: () => 0, measureLagMs: () => lag });
      // The gate in front of a stand-in for the routes, which answers whatever reaches it.
      const gate = new FrontGate({});
      shedAnonymousWork(gate, admission);
      const reached: string[] = [];
      const server = createHttpServer((req, res) => {
        void Promise.resolve(gate.screen(req, res)).then((answered) => {
          if (answered) return;
          reached.push(req.url ?? '');
          res.writeHead(200, { 'content-type': 'application/json' });
          res.end(JSON.stringify(req.url === '/api/webchat/token' ? { token: 'issued' } : { id: 'taken' }));
        });
      });
      await new Promise<void>((resolve) => {
        server.listen(0, '127.0.0.1', resolve);
      });
      const base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
      try {
        const refused = await fetch(`${base}/api/webchat/token`, { method: 'POST' });
        assert.equal(refused.status, 503);
        assert.equal(refused.headers.get('retry-after'), '5');
        assert.equal(((await refused.json()) as { error?: { code?: string } }).error?.code, 'ServiceBusy');
        const turn = await fetch(`${base}/v3/directline/conversations/c1/activities`, { method: 'POST' });
        assert.equal(turn.status, 200, 'a conversation under way is never shed');
        lag = 10;
        assert.equal((await fetch(`${base}/api/webchat/token`, { method: 'POST' })).status, 200);
        assert.deepEqual(
          reached,
          ['/v3/directline/conversations/c1/activities', '/api/webchat/token'],
          'the refused request never reached the routes',
        );
      } finally {
        server.close();
        admission.close();
      }
    });
  });

  describe('over the global anonymous rate', () => {
    const clientOfTest = directLineServicePerTest({ ANONYMOUS_REQUESTS_PER_SECOND: '3' });
    let client: DirectLineClient;
    beforeEach(() => {
      client = clientOfTest();
    });

    it('answers new conversations 503 with Retry-After, and still takes the messages of a conversation under way', async () => {
      const { token, conversationId } = await client.token();
      assert.equal((await client.say(conversationId, token, { text: 'report' })).status, 200);
      const burst = await Promise.all(
        Array.from({ length: 12 }, () => client.call('POST', '/api/webchat/token', { json: {} })),
      );
      const refused = burst.filter((answer) => answer.status === 503);
      assert.ok(refused.length >= 6, `most of the burst is shed (${refused.length} of 12)`);
      assert.ok(Number(refused[0]?.headers.get('retry-after')) > 0, 'with Retry-After');
      assert.equal((refused[0]?.body.error as { code?: string } | undefined)?.code, 'ServiceBusy');
      const turns = await Promise.all(
        ['no', 'help'].map((text) => client.say(conversationId, token, { text })),
      );
      assert.deepEqual(
        turns.map((answer) => answer.status),
        [200, 200],
        'the witness in progress is never shed',
      );
    });
  });

  describe('with too many requests in flight', () => {
    const clientOfTest = directLineServicePerTest({ SHED_IN_FLIGHT: '1' });
    let client: DirectLineClient;
    beforeEach(() => {
      client = clientOfTest();
    });

    it('sheds a new conversation while another request is in flight, and not a message under way', async () => {
      const { token, conversationId } = await client.token();
      assert.equal((await client.say(conversationId, token, { text: 'report' })).status, 200);
      // A request whose body never ends stays in flight.
      const url = new URL(`${client.base}/v3/directline/conversations/${conversationId}/activities`);
      const open = request(url, {
        method: 'POST',
        headers: {
          Authorization: `Bearer ${token}`,
          'Content-Type': 'application/json',
          'Content-Length': '100',
        },
      });
      open.on('error', () => undefined);
      open.write('{"type":');
      await new Promise((resolve) => setTimeout(resolve, 200));
      const refused = await client.call('POST', '/api/webchat/token', { json: {} });
      assert.equal(refused.status, 503);
      assert.equal((await client.say(conversationId, token, { text: 'no' })).status, 200);
      open.destroy();
    });
  });

  it('forgets the requests of a client that hung up with pipelined requests still unanswered', async () => {
    // The login's password check waits until the test lets it go, so the requests written after it on the
    // same connection are queued behind its answer when the client goes away.
    let checking!: () => void;
    const checkStarted = new Promise<void>((resolve) => {
      checking = resolve;
    });
    let release!: () => void;
    const released = new Promise<void>((resolve) => {
      release = resolve;
    });
    const gated: PasswordHasher = {
      hash: (password) => argon2Hasher.hash(password),
      verify: async () => {
        checking();
        await released;
        return false;
      },
    };
    const fixture = await startCaseFixture(
      { SHED_IN_FLIGHT: '3', ANONYMOUS_REQUESTS_PER_SECOND: '1000' },
      { passwords: gated },
    );
    try {
      const { port } = new URL(fixture.service.url);
      const socket = connect({ host: '127.0.0.1', port: Number(port) });
      socket.on('error', () => undefined);
      await new Promise<void>((resolve) => socket.once('connect', () => resolve()));
      const login = JSON.stringify({
        email: 'pipelined@police.test',
        password: 'an invented wrong password',
      });
      socket.write(
        `POST /api/auth/login HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: application/json\r\nContent-Length: ${login.length}\r\n\r\n${login}`,
      );
      await checkStarted;
      socket.write('GET /healthz HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n'.repeat(6));
      await new Promise((resolve) => setTimeout(resolve, 100));
      socket.destroy();
      release();
      let status = 0;
      for (let attempt = 0; attempt < 40 && status !== 200; attempt += 1) {
        await new Promise((resolve) => setTimeout(resolve, 50));
        status = (await fixture.call('POST', '/api/webchat/token', undefined, {})).status;
      }
      assert.equal(status, 200, 'a new conversation is admitted once the hung-up requests are settled');
    } finally {
      release();
      await fixture.close();
    }
  });

  it('checks at most LOGIN_CONCURRENCY passwords at once, and refuses a flood beyond its short queue with 503', async () => {
    let running = 0;
    let most = 0;
    const counting: PasswordHasher = {
      hash: (password) => argon2Hasher.hash(password),
      verify: async (hash, password) => {
        running += 1;
        most = Math.max(most, running);
        try {
          return await argon2Hasher.verify(hash, password);
        } finally {
          running -= 1;
        }
      },
    };
    const fixture = await startCaseFixture(
      { LOGIN_CONCURRENCY: '1', ANONYMOUS_REQUESTS_PER_SECOND: '1000' },
      { passwords: counting },
    );
    try {
      const answers = await Promise.all(
        Array.from({ length: 16 }, (_, index) =>
          fixture.call('POST', '/api/auth/login', undefined, {
            email: `flood${index}@police.test`,
            password: 'an invented wrong password',
          }),
        ),
      );
      const statuses = answers.map((answer) => answer.status);
      assert.equal(most, 1, 'one password check at a time');
      assert.ok(statuses.includes(503), `the flood beyond the queue is refused (${statuses.join(', ')})`);
      assert.ok(
        statuses.every((status) => status === 401 || status === 503),
        `each is refused or checked (${statuses.join(', ')})`,
      );
    } finally {
      await fixture.close();
    }
  });
});
