import assert from 'node:assert/strict';
import { EventEmitter } from 'node:events';
import type { Request, Response } from 'restify';
import { createAdapter } from '../../../bot/channels/adapter';
import { loadConfig } from '../../../bot/config';
import { createServer } from '../../../bot/http/server';
import { buildBot } from '../../../bot/service';
import type { Database } from '../../../models/store/db';
import { openTestDatabase } from '../../helpers/database';
import { listen, type Listening } from '../../helpers/http';
import { memoryLogger } from '../../helpers/logger';

describe('the last-resort request guard', () => {
  let database: Database;
  let listening: Listening;
  const log = memoryLogger();

  before(async () => {
    database = await openTestDatabase();
    const config = loadConfig({ NODE_ENV: 'test' });
    const { server } = createServer({
      config,
      adapter: createAdapter(config, log.logger),
      bot: buildBot(config, database, log.logger).bot,
      database,
      logger: log.logger,
    });
    // Stand-ins for programming errors in a route: a synchronous throw (restify calls handlers in a later
    // tick, out of reach of any try), a throw in a timer, and an event emitter's 'error' nobody listens to.
    server.get('/test/throws', (_req: Request, _res: Response, _next: () => void) => {
      throw new Error('a bug in a route');
    });
    server.get('/test/throws-later', (_req: Request, _res: Response, _next: () => void) => {
      setTimeout(() => {
        throw new Error('a bug in a callback');
      }, 1);
    });
    server.get('/test/emitter-error', (_req: Request, _res: Response, _next: () => void) => {
      setImmediate(() => new EventEmitter().emit('error', new Error('nobody listens')));
    });
    listening = await listen(server);
  });
  after(async () => {
    await listening.close();
    await database.close();
  });

  for (const route of ['/test/throws', '/test/throws-later', '/test/emitter-error']) {
    it(`answers 500 without internals when ${route} throws uncaught, logs the stack, and goes on`, async () => {
      const before = log.lines().length;
      const response = await fetch(`${listening.url}${route}`);
      assert.equal(response.status, 500);
      const text = await response.text();
      assert.deepEqual(JSON.parse(text), {
        code: 'InternalError',
        message: 'Something went wrong on our side.',
      });
      const logged = log.lines().slice(before);
      assert.ok(
        logged.some((line) => line.includes('uncaught error in request work') && line.includes('"stack"')),
        'logged with its stack',
      );
      assert.equal((await fetch(`${listening.url}/healthz`)).status, 200, 'still serving');
    });
  }
});
