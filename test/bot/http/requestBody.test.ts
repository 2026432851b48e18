import assert from 'node:assert/strict';
import { createServer, request, type IncomingMessage, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { createGzip } from 'node:zlib';
import {
  BodyRefusal,
  INFLATE_FLOOR_BYTES,
  parseJsonBody,
  readBody,
  type BodyLimits,
} from '../../../bot/http/requestBody';

/** What the server side saw of one request read with readBody. */
interface Reading {
  outcome: Buffer | BodyRefusal | Error;
  /** Compressed bytes received from the client by the time readBody settled. */
  receivedBytes: number;
}

/** A bare HTTP server that reads each request with readBody and reports what happened. */
async function readingServer(
  limits: BodyLimits,
): Promise<{ url: string; next: () => Promise<Reading>; close: () => Promise<void> }> {
  const waiting: ((reading: Reading) => void)[] = [];
  const server: Server = createServer((req: IncomingMessage, res) => {
    let received = 0;
    req.on('data', (chunk: Buffer) => {
      received += chunk.length;
    });
    const report = (outcome: Reading['outcome']) => {
      waiting.shift()?.({ outcome, receivedBytes: received });
      res.writeHead(outcome instanceof BodyRefusal ? outcome.status : 200, { Connection: 'close' });
      res.end();
    };
    readBody(req, limits).then(report, (error: unknown) => report(error as Error));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    next: () => new Promise((resolve) => waiting.push(resolve)),
    close: () =>
      new Promise((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

/**
 * Streams an endless gzip bomb (zeros) until the server answers; resolves with the answer's status. A reader
 * that inflated everything would never answer, and the test would time out.
 */
function sendEndlessBomb(url: string): Promise<number> {
  return new Promise((resolve, reject) => {
    const gzip = createGzip({ level: 9 });
    const zeros = Buffer.alloc(1024 * 1024, '0');
    let answered = false;
    const req = request(url, {
      method: 'POST',
      headers: {
        'content-type': 'application/json',
        'content-encoding': 'gzip',
        'transfer-encoding': 'chunked',
      },
    });
    req.on('response', (res) => {
      answered = true;
      res.resume();
      gzip.destroy();
      req.destroy();
      resolve(res.statusCode ?? 0);
    });
    req.on('error', (error) => {
      if (!answered) reject(error);
    });
    gzip.pipe(req);
    const pump = () => {
      while (!answered && gzip.write(zeros));
      if (!answered) gzip.once('drain', pump);
    };
    pump();
  });
}

describe('readBody', () => {
  const limits: BodyLimits = { maxBytes: 256 * 1024, maxInflateRatio: 100, maxJsonDepth: 64 };

  it('stops an endless gzip bomb once the decompressed limit is passed, having read little of it', async () => {
    const server = await readingServer(limits);
    try {
      const reading = server.next();
      assert.equal(await sendEndlessBomb(server.url), 413);
      const { outcome, receivedBytes } = await reading;
      assert.ok(outcome instanceof BodyRefusal && outcome.status === 413, 'refused as too large');
      // 256 KB of zeros deflate to about 256 bytes: what was read is a few socket reads, not the limit's worth.
      assert.ok(receivedBytes < limits.maxBytes, `read ${receivedBytes} compressed bytes`);
    } finally {
      await server.close();
    }
  });

  it('refuses a body that inflates more than the ratio allows, even far under the limit', async () => {
    const roomy = { ...limits, maxBytes: 64 * 1024 * 1024 };
    const server = await readingServer(roomy);
    try {
      const reading = server.next();
      await sendEndlessBomb(server.url);
      const { outcome } = await reading;
      assert.ok(outcome instanceof BodyRefusal, 'refused');
      assert.equal(outcome.status, 413);
      assert.match(outcome.message, /decompresses more than 100 times/);
    } finally {
      await server.close();
    }
  });

  it('accepts a compressed body under the ratio and the limit, whole', async () => {
    const server = await readingServer(limits);
    try {
      // Varied text compresses a few times, like real JSON.
      const text = JSON.stringify(
        Array.from({ length: 3000 }, (_, index) => ({ index, word: (index * 7919).toString(36) })),
      );
      assert.ok(text.length > INFLATE_FLOOR_BYTES, 'past the floor, so the ratio is checked');
      const reading = server.next();
      await new Promise<void>((resolve, reject) => {
        const req = request(server.url, {
          method: 'POST',
          headers: { 'content-type': 'application/json', 'content-encoding': 'gzip' },
        });
        req.on('response', (res) => {
          res.resume();
          resolve();
        });
        req.on('error', reject);
        const gzip = createGzip();
        gzip.pipe(req);
        gzip.end(text);
      });
      const { outcome } = await reading;
      assert.ok(Buffer.isBuffer(outcome), 'read');
      assert.equal(outcome.toString('utf8'), text);
    } finally {
      await server.close();
    }
  });
});

describe('parseJsonBody', () => {
  const nested = (depth: number) => `${'{"a":'.repeat(depth)}1${'}'.repeat(depth)}`;

  it('parses JSON nested up to the depth', () => {
    assert.deepEqual(parseJsonBody('{"a":[1,{"b":2}]}', 3), { a: [1, { b: 2 }] });
    assert.ok(parseJsonBody(nested(64), 64));
  });

  it('refuses JSON nested one level deeper than the depth with a 400', () => {
    assert.throws(
      () => parseJsonBody(nested(65), 64),
      (error: unknown) =>
        error instanceof BodyRefusal && error.status === 400 && /deeper than 64/.test(error.message),
      'a 400 naming the depth',
    );
  });

  it('does not count brackets inside strings, escaped quotes included', () => {
    const text = JSON.stringify({ text: `${'['.repeat(500)} \\" "${'{'.repeat(500)}` });
    assert.deepEqual(Object.keys(parseJsonBody(text, 2) as object), ['text']);
  });

  it('refuses malformed JSON with a 400 that does not echo it', () => {
    assert.throws(
      () => parseJsonBody('{"password": "hunter2"', 64),
      (error: unknown) =>
        error instanceof BodyRefusal && error.status === 400 && !error.message.includes('hunter2'),
      'a 400 without the body in its message',
    );
  });
});
