import assert from 'node:assert/strict';
import { createServer, type IncomingMessage, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import helmet from 'helmet';
import { FrontGate, headersSetBy, type GateCheck } from '../../../bot/http/frontGate';
import type { RunningService } from '../../../bot/service';
import { servicePerTest, WEBCHAT_TEST_SECRET } from '../../helpers/serviceConfig';
import { DirectLineClient } from '../../helpers/directLineClient';

/** A plain Node server with the gate in front of a stand-in for the routes, which answers 200 "routed". */
async function gated(gate: FrontGate): Promise<{ base: string; routed: string[]; server: Server }> {
  const routed: string[] = [];
  const server = createServer((req, res) => {
    void Promise.resolve(gate.screen(req, res)).then((answered) => {
      if (answered) return;
      routed.push(`${req.method} ${req.url}`);
      res.writeHead(200, { 'content-type': 'text/plain' });
      res.end('routed');
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return { base: `http://127.0.0.1:${(server.address() as AddressInfo).port}`, routed, server };
}

// Headers every answer has whoever writes it, or that differ by nature (Date, the body's length).
const ALWAYS_DIFFERENT = new Set(['date', 'content-length', 'connection', 'keep-alive']);
function namesOf(headers: Headers): string[] {
  const names: string[] = [];
  headers.forEach((_value, name) => {
    if (!ALWAYS_DIFFERENT.has(name)) names.push(name);
  });
  return names.sort();
}

describe('The front gate: header-only refusals answered before restify', function () {
  this.timeout(30_000);

  describe('on its own', () => {
    let server: Server | undefined;
    afterEach(() => server?.close());

    it('answers the first refusal in the catalogue status and the path envelope, and lets the rest through', async () => {
      const gate = new FrontGate({ 'x-content-type-options': 'nosniff' });
      const refuseSecret: GateCheck = (_req, path) =>
        path === '/secret' ? { code: 'Forbidden' } : undefined;
      const refuseDirectLine: GateCheck = (_req, path) =>
        path.startsWith('/v3/directline/')
          ? { code: 'BadToken', headers: { 'Retry-After': '7' } }
          : undefined;
      gate.add(refuseSecret);
      gate.add(refuseDirectLine);
      const running = await gated(gate);
      server = running.server;

      const plain = await fetch(`${running.base}/secret?x=1`);
      assert.equal(plain.status, 403);
      assert.equal(plain.headers.get('x-content-type-options'), 'nosniff');
      assert.equal(plain.headers.get('content-type'), 'application/json');
      const plainBody = (await plain.json()) as { code?: string; message?: string };
      assert.equal(plainBody.code, 'Forbidden');
      assert.equal(typeof plainBody.message, 'string');

      const directLine = await fetch(`${running.base}/v3/directline/conversations`, { method: 'POST' });
      assert.equal(directLine.status, 403);
      assert.equal(directLine.headers.get('retry-after'), '7');
      assert.deepEqual(await directLine.json(), {
        error: { code: 'BadToken', message: 'The token is not valid.' },
      });

      const open = await fetch(`${running.base}/open`);
      assert.equal(await open.text(), 'routed');
      assert.deepEqual(running.routed, ['GET /open']);
      assert.equal(gate.refused.get('Forbidden'), 1);
      assert.equal(gate.refused.get('BadToken'), 1);
    });

    it('waits for a check that has to wait, and the same answer comes again from what it kept', async () => {
      const gate = new FrontGate({});
      gate.add(async () => {
        await new Promise((resolve) => setTimeout(resolve, 5));
        return { code: 'ServiceBusy', headers: { 'Retry-After': '1' } };
      });
      const running = await gated(gate);
      server = running.server;
      const answers = await Promise.all([1, 2, 3].map(() => fetch(`${running.base}/api/auth/login`)));
      const bodies = await Promise.all(answers.map((answer) => answer.text()));
      assert.deepEqual(
        answers.map((answer) => [answer.status, answer.headers.get('retry-after')]),
        [
          [503, '1'],
          [503, '1'],
          [503, '1'],
        ],
      );
      assert.equal(new Set(bodies).size, 1, 'the same answer each time');
      assert.deepEqual(running.routed, []);
    });

    it('leaves a check added after the body checks to the body reader when that would refuse the body unread', async () => {
      const refusedUnread = (req: IncomingMessage) =>
        (req.headers['content-type'] ?? '').startsWith('multipart/');
      const gate = new FrontGate({}, refusedUnread);
      gate.add(() => ({ code: 'MissingToken' }), { afterBodyChecks: true });
      const running = await gated(gate);
      server = running.server;
      const multipart = await fetch(`${running.base}/v3/directline/conversations`, {
        method: 'POST',
        headers: { 'Content-Type': 'multipart/form-data; boundary=x' },
        body: '--x--',
      });
      assert.equal(await multipart.text(), 'routed', 'the body reader answers it, as before the gate');
      const json = await fetch(`${running.base}/v3/directline/conversations`, {
        method: 'POST',
        headers: { 'Content-Type': 'application/json' },
        body: '{}',
      });
      assert.equal(json.status, 403);
    });

    it("reads helmet's headers once, as helmet sets them on a response", () => {
      const headers = headersSetBy(helmet());
      assert.equal(headers['x-content-type-options'], 'nosniff');
      assert.ok(headers['content-security-policy']?.includes("default-src 'self'"));
      assert.equal(headers['x-powered-by'], undefined);
    });
  });

  describe('in the service, for the Direct Line channel', () => {
    const services = servicePerTest({ dataDirPrefix: 'shield-front-gate' });
    let service: RunningService;
    let client: DirectLineClient;
    beforeEach(async () => {
      service = await services.serve({
        WEBCHAT_TOKEN_SECRET: WEBCHAT_TEST_SECRET,
        WEBCHAT_TOKENS_PER_MINUTE: '1000',
        WEBCHAT_ALLOWED_ORIGINS: 'https://police.example',
      });
      client = new DirectLineClient(service.url);
    });
    // A token of this service's form whose signature is not the service's.
    const FORGED =
      'eyJhbGciOiJIUzI1NiJ9.eyJjb252IjoiaW52ZW50ZWQifQ.AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA';

    it('refuses a forged token at the gate with the answer and headers the route gives', async () => {
      const { token } = await client.token();
      const other = await client.token();
      // The route's own refusal: a token of ours, for another conversation.
      const byRoute = await client.call(
        'GET',
        `/v3/directline/conversations/${other.conversationId}/activities`,
        {
          token,
        },
      );
      assert.equal(byRoute.status, 403);
      assert.equal(service.http.gate.refused.get('BadToken'), undefined, 'the route answered that one');
      const byGate = await client.call(
        'GET',
        `/v3/directline/conversations/${other.conversationId}/activities`,
        {
          token: FORGED,
        },
      );
      assert.equal(service.http.gate.refused.get('BadToken'), 1, 'the gate answered this one');
      assert.equal(byGate.status, 403);
      assert.deepEqual(byGate.body, { error: { code: 'BadToken', message: 'The token is not valid.' } });
      assert.deepEqual(namesOf(byGate.headers), namesOf(byRoute.headers), 'the same headers as the route');
      for (const name of namesOf(byRoute.headers))
        assert.equal(byGate.headers.get(name), byRoute.headers.get(name), `header ${name}`);
    });

    it('answers a missing token, a token in the query and an origin as the routes do', async () => {
      const cases: {
        what: string;
        answer: Promise<Awaited<ReturnType<DirectLineClient['call']>>>;
        code: string;
      }[] = [
        {
          what: 'no token',
          answer: client.call('POST', '/v3/directline/conversations'),
          code: 'MissingToken',
        },
        {
          what: 'a forged token in the query of a file',
          answer: client.call('GET', `/v3/directline/attachments/0123456789abcdef01234567?t=${FORGED}`),
          code: 'BadToken',
        },
        {
          what: 'a forged upload',
          answer: client.call('POST', '/v3/directline/conversations/invented/upload', { token: FORGED }),
          code: 'BadToken',
        },
        {
          what: 'a site not allowed',
          answer: client.call('POST', '/v3/directline/conversations', {
            token: FORGED,
            headers: { Origin: 'https://elsewhere.example' },
          }),
          code: 'OriginNotAllowed',
        },
      ];
      for (const { what, answer, code } of cases) {
        const { status, body } = await answer;
        assert.equal(status, 403, what);
        assert.equal((body.error as { code?: string } | undefined)?.code, code, what);
      }
      const allowed = await client.call('POST', '/v3/directline/tokens/refresh', {
        token: FORGED,
        headers: { Origin: 'https://police.example' },
      });
      assert.equal(allowed.status, 403);
      assert.equal(allowed.headers.get('access-control-allow-origin'), 'https://police.example');
      assert.equal(allowed.headers.get('vary'), 'Origin');
      assert.equal(service.http.gate.refused.get('BadToken'), 3);
    });

    it('lets a valid token, and a query token given twice, go on to the routes', async () => {
      const { token, conversationId } = await client.token();
      const started = await client.call('POST', '/v3/directline/conversations', { token });
      assert.equal(started.status, 201);
      const twice = await client.call(
        'GET',
        `/v3/directline/attachments/0123456789abcdef01234567?t=${token}&t=x`,
      );
      assert.equal(twice.status, 403, 'the route refuses what its query parser does not read as one token');
      assert.equal(service.http.gate.refused.size, 0, 'the gate refused nothing');
      const said = await client.say(conversationId, token, { text: 'hello' });
      assert.equal(said.status, 200);
    });
  });
});
