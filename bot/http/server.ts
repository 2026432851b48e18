import type { IncomingMessage, RequestListener, ServerResponse } from 'node:http';
import type { Socket } from 'node:net';
import type { Activity, ActivityHandler } from 'botbuilder';
import { AuthenticationError, type AuthenticateRequestResult } from 'botframework-connector';
import helmet from 'helmet';
import restify, { type Next, type Request, type Response, type Server } from 'restify';
import { z } from 'zod';
import { CallerRefused, type ShieldAdapter } from '../channels/adapter';
import type { Config } from '../config';
import type { Logger } from '../logger';
import {
  BodyRefusal,
  announcesBody,
  checkContentCoding,
  mediaTypeOf,
  parseJsonBody,
  readBody,
  type BodyLimits,
} from './requestBody';
import { isErrorCode } from '../../models/core/errors';
import { errorBody, pathOf, sendCode, sendError } from './httpErrors';
import { FrontGate, headersSetBy } from './frontGate';
import { runGuarded } from './requestGuard';

/** The name restify gives in the Server header of every answer. */
const SERVER_NAME = 'shield-reporter';
const UPLOAD_PATH = /^\/v3\/directline\/conversations\/[^/]+\/upload$/;
/** An alert's photo (bot/police/alerts/alertPhotos.ts): multipart, streamed and limited by its route too. */
const ALERT_PHOTO_PATH = /^\/api\/alerts\/[^/]+\/photo$/;
/** Whether a path's body is streamed by its route (a file upload) rather than read here as JSON. */
const streamedByRoute = (path: string) => UPLOAD_PATH.test(path) || ALERT_PHOTO_PATH.test(path);
// The Direct Line channel answers in its protocol's envelope, `{ error: { code, message } }`; the rest of the
// service in `{ code, message }`.
/** Methods whose body a route may read; other methods' bodies are never read (Node discards them). */
const BODY_METHODS = new Set(['POST', 'PUT', 'PATCH', 'DELETE']);
const JSON_MEDIA_TYPE = /^application\/([a-z0-9!#$&^_.-]+\+)?json$/;
/** Far above any real compressed JSON (10 to 20 times); zeros deflate about 1,000 times. */
const MAX_INFLATE_RATIO = 100;
/** Far above any activity or Adaptive Card (under 20 levels); far below what recursive code survives. */
export const MAX_JSON_DEPTH = 64;

/** What the HTTP server needs; tests pass their own parts. */
export interface ServerDeps {
  config: Pick<Config, 'maxBodyBytes'>;
  adapter: ShieldAdapter;
  bot: ActivityHandler;
  database: { ping(timeoutMs?: number): Promise<boolean> };
  /** The report outbox, counted in /readyz while the database is unreachable. */
  outbox?: { queuedCount(): Promise<number> };
  logger: Logger;
}

/** A restify server plus a way to wait for the requests it is serving. */
export interface ShieldServer {
  readonly server: Server;
  /** Requests being handled right now. */
  inFlight(): number;
  /** Header-only refusals answered before restify (admission's shedding, forged Direct Line tokens). */
  readonly gate: FrontGate;
}

// The least the adapter needs to process a body, and the fields it reads as strings (a number there makes the
// connector client throw); anything else is the client's mistake (400), not ours.
const activityBody = z.looseObject({
  type: z.string().min(1),
  serviceUrl: z.string().max(2048).optional(),
  channelId: z.string().max(256).optional(),
  conversation: z.looseObject({ id: z.string().max(1024) }).optional(),
});

// jsonwebtoken's own errors (a bad signature, a wrong audience, not yet valid) reach us unwrapped.
const TOKEN_ERRORS = new Set(['JsonWebTokenError', 'NotBeforeError', 'TokenExpiredError']);

/** Whether a failed authentication is the caller's fault (401) rather than ours (keys out of reach). */
function isRefusedToken(error: unknown): boolean {
  if (error instanceof AuthenticationError) return error.statusCode === 401;
  return error instanceof Error && TOKEN_ERRORS.has(error.name);
}

interface RestifyErrorLike extends Error {
  statusCode?: number;
  body?: { code?: unknown };
}

/** Refuses a body that is not JSON before reading it; the upload route's multipart is streamed by the route. */
function checkMediaType(req: IncomingMessage, path: string): void {
  if (streamedByRoute(path)) {
    checkContentCoding(req, false);
    return;
  }
  const type = mediaTypeOf(req);
  if (type.startsWith('multipart/')) {
    // Never read: a multipart body would otherwise be spooled to temporary files before any login.
    throw new BodyRefusal('UnsupportedMediaType', 'Only the file uploads accept multipart bodies.');
  }
  if (!JSON_MEDIA_TYPE.test(type)) {
    throw new BodyRefusal('UnsupportedMediaType', 'The body must be JSON (Content-Type: application/json).');
  }
  const charset = /;\s*charset\s*=\s*"?([^";\s]+)/i
    .exec(req.headers['content-type'] ?? '')?.[1]
    ?.toLowerCase();
  if (charset !== undefined && charset !== 'utf-8' && charset !== 'utf8') {
    throw new BodyRefusal('UnsupportedMediaType', 'A JSON body must be UTF-8.');
  }
  checkContentCoding(req, true);
}

/**
 * Reads and parses JSON bodies within the limits (decompressed size, compression ratio, nesting depth);
 * refuses any other body before reading it. Takes the place of restify's body parser, whose gunzip had no
 * error handler, whose limit counted compressed bytes and which spooled multipart to disk for any route.
 */
function bodyReader(maxBytes: number, logger: Logger): restify.RequestHandler {
  const limits: BodyLimits = { maxBytes, maxInflateRatio: MAX_INFLATE_RATIO, maxJsonDepth: MAX_JSON_DEPTH };
  return (req, res, next) => {
    if (!BODY_METHODS.has(req.method ?? '') || !announcesBody(req)) {
      next();
      return;
    }
    const refuse = (refusal: BodyRefusal) => {
      logger.info(
        { method: req.method, route: req.getRoute()?.path, status: refusal.status, code: refusal.code },
        'request body refused',
      );
      // The rest of a refused body is not worth receiving: the connection closes after the answer.
      res.header('Connection', 'close');
      sendError(res, refusal);
      next(false);
    };
    try {
      checkMediaType(req, req.getPath());
    } catch (error) {
      if (!(error instanceof BodyRefusal)) throw error;
      refuse(error);
      return;
    }
    if (streamedByRoute(req.getPath())) {
      next();
      return;
    }
    readBody(req, limits).then(
      (bytes) => {
        try {
          req.body = bytes.length === 0 ? undefined : parseJsonBody(bytes.toString('utf8'), MAX_JSON_DEPTH);
        } catch (error) {
          if (!(error instanceof BodyRefusal)) throw error;
          refuse(error);
          return;
        }
        next();
      },
      (error: unknown) => {
        if (error instanceof BodyRefusal) {
          refuse(error);
          return;
        }
        // The client went away mid-body: nobody is left to answer.
        logger.info({ method: req.method, route: req.getRoute()?.path }, 'request body not received');
        next(false);
      },
    );
  };
}

/** Whether the body reader will refuse a request without reading its body. */
function refusedUnread(req: IncomingMessage, maxBytes: number): boolean {
  if (!BODY_METHODS.has(req.method ?? '') || !announcesBody(req)) return false;
  if (Number(req.headers['content-length'] ?? 0) > maxBytes && !streamedByRoute(pathOf(req))) return true;
  try {
    checkMediaType(req, pathOf(req));
    return false;
  } catch (error) {
    if (error instanceof BodyRefusal) return true;
    throw error;
  }
}

/**
 * Every request runs under the last-resort guard (see requestGuard): a stray throw answers 500, logged. A
 * client that asks before sending its body (`Expect: 100-continue`) is told to go on only when the body will
 * be read; otherwise it gets the refusal at once and sends nothing.
 */
function guardRequests(server: Server, gate: FrontGate, logger: Logger, maxBytes: number): void {
  const http = server.server;
  const listeners = http.listeners('request') as RequestListener[];
  http.removeAllListeners('request');
  // restify hands `Expect: 100-continue` requests to its own listeners when it has any (else it says continue).
  server.on('checkContinue', (req: IncomingMessage, res: ServerResponse) => {
    if (!refusedUnread(req, maxBytes)) res.writeContinue();
    http.emit('request', req, res);
  });
  for (const listener of listeners) {
    http.on('request', (req: IncomingMessage, res: ServerResponse) => {
      const scope = {
        logger,
        method: req.method,
        route: () => (req as Partial<Request>).getRoute?.()?.path?.toString(),
        fail: () => {
          if (res.headersSent) {
            res.destroy();
            return;
          }
          const body = errorBody(pathOf(req), 'InternalError');
          res.writeHead(500, { 'Content-Type': 'application/json', Connection: 'close' });
          res.end(JSON.stringify(body));
        },
      };
      runGuarded(scope, () => {
        // The front gate first: what it can refuse from the headers never reaches restify.
        const screened = gate.screen(req, res);
        if (screened === false) listener.call(http, req, res);
        else if (screened !== true)
          screened.then(
            (answered) => {
              if (!answered) listener.call(http, req, res);
            },
            (error: unknown) => {
              logger.error({ err: { name: (error as Error).name }, method: req.method }, 'front gate failed');
              scope.fail();
            },
          );
      });
    });
  }
}

/** Builds the HTTP service (routes, limits, headers, error answers) without listening. */
export function createServer(deps: ServerDeps): ShieldServer {
  const { adapter, bot, database, logger } = deps;
  const server = restify.createServer({ name: SERVER_NAME, handleUncaughtExceptions: false });
  const securityHeaders = helmet();
  // What restify and helmet put on every answer, so that the gate's answers carry the same.
  const everyAnswer = { ...headersSetBy(securityHeaders), server: SERVER_NAME };
  const gate = new FrontGate(everyAnswer, (req) => refusedUnread(req, deps.config.maxBodyBytes));
  guardRequests(server, gate, logger, deps.config.maxBodyBytes);
  let inFlight = 0;
  // Counted per connection too: when a client goes away with pipelined requests still queued behind the
  // one being answered, Node never emits 'close' on the queued responses (they never got the socket), so
  // the connection's close settles them. Without it a flood that hangs up leaves the count high for good,
  // and admission control would then refuse every new conversation.
  const openOnSocket = new WeakMap<Socket, { count: number }>();
  server.pre((req, res, next) => {
    const socket = req.socket;
    // The client has gone (a flood that timed out and hung up with requests still queued): nobody is left
    // to answer, so no work is done for it, and it is not counted in flight.
    if (socket.destroyed) return next(false);
    let open = openOnSocket.get(socket);
    if (!open) {
      const entry = { count: 0 };
      openOnSocket.set(socket, entry);
      socket.once('close', () => {
        inFlight -= entry.count;
        entry.count = 0;
      });
      open = entry;
    }
    const onSocket = open;
    onSocket.count += 1;
    inFlight += 1;
    res.once('close', () => {
      if (onSocket.count === 0) return;
      onSocket.count -= 1;
      inFlight -= 1;
    });
    return next();
  });
  // In `pre`, so that answers restify makes before routing (404, 405) carry the headers too.
  server.pre(securityHeaders);
  server.use(restify.plugins.queryParser({ mapParams: false }));
  server.use(bodyReader(deps.config.maxBodyBytes, logger));

  server.get('/healthz', (_req: Request, res: Response, next: Next) => {
    res.send(200, { status: 'ok' });
    return next();
  });

  server.get('/readyz', async (_req: Request, res: Response) => {
    if (await database.ping()) {
      res.send(200, { status: 'ready', database: 'up' });
      return;
    }
    // Still taking reports: confirmed ones wait in the on-disk outbox until the database answers.
    const queuedReports = (await deps.outbox?.queuedCount().catch(() => undefined)) ?? null;
    res.send(503, {
      status: 'unavailable',
      database: 'unreachable',
      reports: 'queued',
      queuedReports,
      message:
        'The database is unreachable; confirmed reports are kept in the outbox and delivered when it is back.',
    });
  });

  server.post('/api/messages', async (req: Request, res: Response) => {
    if (!activityBody.safeParse(req.body).success) {
      sendCode(
        res,
        'InvalidContent',
        'The body must be a Bot Framework activity with a type (and text where text belongs).',
      );
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
        sendError(res, error);
        return;
      }
      if (isRefusedToken(error)) {
        sendCode(res, 'Unauthorized', 'A valid Bot Connector token is required.', {
          headers: { 'WWW-Authenticate': 'Bearer' },
        });
        return;
      }
      // The token could not be checked at all: a retry later may succeed (the Bot Connector retries 5xx).
      logger.warn({ err: { name: (error as Error).name } }, 'Bot Connector token could not be checked');
      sendCode(res, 'AuthenticationUnavailable', undefined, { headers: { 'Retry-After': '30' } });
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
    const code = error.body?.code;
    if (status >= 500) {
      logger.error(
        { err: { name: error.name, stack: error.stack }, method: req.method, route: req.getRoute()?.path },
        'request failed',
      );
      // Answered here: restify would otherwise wrap a plain Error's message (internals) into its body.
      if (!res.headersSent) res.send(status, errorBody(req.getPath(), 'InternalError'));
    } else if (!res.headersSent && isErrorCode(code)) {
      // restify's own refusals (no such route, method not allowed) in the path's envelope too.
      res.send(status, errorBody(req.getPath(), code, error.message));
    }
    return callback();
  });

  return { server, inFlight: () => inFlight, gate };
}
