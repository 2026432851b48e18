import type { Activity, ActivityHandler } from 'botbuilder';
import { AuthenticationError, type AuthenticateRequestResult } from 'botframework-connector';
import helmet from 'helmet';
import restify, { type Next, type Request, type Response, type Server } from 'restify';
import { z } from 'zod';
import { CallerRefused, type ShieldAdapter } from './adapter';
import type { Config } from './config';
import type { Logger } from './logger';

const UPLOAD_PATH = /^\/v3\/directline\/conversations\/[^/]+\/upload$/;

/** What the HTTP server needs; tests pass their own parts. */
export interface ServerDeps {
  config: Pick<Config, 'maxBodyBytes'>;
  adapter: ShieldAdapter;
  bot: ActivityHandler;
  database: { ping(timeoutMs?: number): Promise<boolean> };
  logger: Logger;
}

/** A restify server plus a way to wait for the requests it is serving. */
export interface ShieldServer {
  readonly server: Server;
  /** Requests being handled right now. */
  inFlight(): number;
}

// The least the adapter needs to process a body; anything else is the client's mistake (400), not ours.
const activityBody = z.looseObject({ type: z.string().min(1) });

// jsonwebtoken's own errors (a bad signature, a wrong audience, not yet valid) reach us unwrapped.
const TOKEN_ERRORS = new Set(['JsonWebTokenError', 'NotBeforeError', 'TokenExpiredError']);

/** Whether a failed authentication is the caller's fault (401) rather than ours (keys out of reach). */
function isRefusedToken(error: unknown): boolean {
  if (error instanceof AuthenticationError) return error.statusCode === 401;
  return error instanceof Error && TOKEN_ERRORS.has(error.name);
}

interface RestifyErrorLike extends Error {
  statusCode?: number;
}

/** Builds the HTTP service (routes, limits, headers, error answers) without listening. */
export function createServer(deps: ServerDeps): ShieldServer {
  const { adapter, bot, database, logger } = deps;
  const server = restify.createServer({ name: 'shield-reporter', handleUncaughtExceptions: false });
  let inFlight = 0;

  server.pre((_req, res, next) => {
    inFlight += 1;
    res.once('close', () => {
      inFlight -= 1;
    });
    return next();
  });
  // In `pre`, so that answers restify makes before routing (404, 405) carry the headers too.
  server.pre(helmet());
  server.use(restify.plugins.queryParser({ mapParams: false }));
  const bodyParser = restify.plugins.bodyParser({
    maxBodySize: deps.config.maxBodyBytes,
    mapParams: false,
    mapFiles: false,
    rejectUnknown: true,
  });
  // A request without a body (a Direct Line client starting a conversation) has nothing to parse, and a
  // file upload is streamed by its own route under its own size limit.
  const skipsBodyParser = (req: Request) =>
    UPLOAD_PATH.test(req.getPath()) ||
    (req.headers['transfer-encoding'] === undefined && Number(req.headers['content-length'] ?? 0) === 0);
  server.use(
    bodyParser.map((handler): restify.RequestHandler => (req, res, next) => {
      if (skipsBodyParser(req)) {
        next();
        return;
      }
      handler(req, res, next);
    }),
  );

  server.get('/healthz', (_req: Request, res: Response, next: Next) => {
    res.send(200, { status: 'ok' });
    return next();
  });

  server.get('/readyz', async (_req: Request, res: Response) => {
    const ready = await database.ping();
    res.send(ready ? 200 : 503, { status: ready ? 'ready' : 'unavailable', database: ready ? 'up' : 'down' });
  });

  server.post('/api/messages', async (req: Request, res: Response) => {
    if (!activityBody.safeParse(req.body).success) {
      res.send(400, {
        code: 'InvalidContent',
        message: 'The body must be a Bot Framework activity with a type.',
      });
      return;
    }
    const activity = req.body as Partial<Activity>;
    // Checked here rather than inside adapter.process, whose answers carry the library's error text and
    // which turns "the signing keys could not be fetched" into a 500 that looks like a bug.
    let authentication: AuthenticateRequestResult;
    try {
      authentication = await adapter.authenticate(
        activity,
        req.header('authorization') ?? '',
        req.socket.remoteAddress,
      );
    } catch (error) {
      if (error instanceof CallerRefused) {
        res.send(error.status, { code: error.code, message: error.message });
        return;
      }
      if (isRefusedToken(error)) {
        res.send(
          401,
          { code: 'Unauthorized', message: 'A valid Bot Connector token is required.' },
          { 'WWW-Authenticate': 'Bearer' },
        );
        return;
      }
      // The token could not be checked at all: a retry later may succeed (the Bot Connector retries 5xx).
      logger.warn({ err: { name: (error as Error).name } }, 'Bot Connector token could not be checked');
      res.send(
        503,
        { code: 'AuthenticationUnavailable', message: 'The request could not be verified now; retry later.' },
        { 'Retry-After': '30' },
      );
      return;
    }
    const answer = await adapter.runAuthenticated(authentication, activity as Activity, (context) =>
      bot.run(context),
    );
    if (answer?.body === undefined) {
      res.send(answer?.status ?? 200);
      return;
    }
    res.send(answer.status, answer.body);
  });

  // Every error leaves as JSON; a 5xx never carries internals, and is logged with the route, not the body.
  server.on('restifyError', (req: Request, res: Response, error: RestifyErrorLike, callback: () => void) => {
    const status = error.statusCode ?? 500;
    if (status >= 500) {
      logger.error(
        { err: { name: error.name, stack: error.stack }, method: req.method, route: req.getRoute()?.path },
        'request failed',
      );
      // Answered here: restify would otherwise wrap a plain Error's message (internals) into its body.
      if (!res.headersSent) {
        res.send(status, { code: 'InternalError', message: 'Something went wrong on our side.' });
      }
    }
    return callback();
  });

  return { server, inFlight: () => inFlight };
}
