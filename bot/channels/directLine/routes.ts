import type { IncomingMessage } from 'node:http';
import type { Duplex } from 'node:stream';
import type { Next, Request, Response, Server } from 'restify';
import type { RateLimiterAbstract } from 'rate-limiter-flexible';
import { TranscriptUnavailableError } from '../../../models/store/resilientTranscript';
import { WebSocketServer, type WebSocket } from 'ws';
import { z } from 'zod';
import type { StoredActivity, TranscriptStore } from '../../../models/store/transcript';
import { requestBearer } from '../../http/bearer';
import { clientAddress } from '../../http/clientAddress';
import type { FrontGate } from '../../http/frontGate';
import type { Logger } from '../../logger';
import { clientActivitySchema, type DirectLineChannel, type Grant } from './channel';
import { sendCode, sendCodeWith, sendError } from '../../http/httpErrors';
import type { ProofOfWork } from '../../http/proofOfWork';
import { runGuarded } from '../../http/requestGuard';
import { bearer, param } from './http';
import type { DirectLineTokens } from './tokens';
import { ServiceError } from '../../../models/core/errors';

export interface DirectLineRouteDeps {
  channel: DirectLineChannel;
  transcripts: TranscriptStore;
  tokens: DirectLineTokens;
  /** Per client address, on token issuance. */
  tokenLimiter: RateLimiterAbstract;
  /** Reverse proxies whose `X-Forwarded-For` entries name the client (see clientAddress). */
  trustProxyHops: number;
  /** Sites other than this service that may call the channel from a browser. */
  allowedOrigins: readonly string[];
  /**
   * Under pressure (short of shedding), a new conversation first solves a proof of work; without this,
   * none is ever asked.
   */
  proofOfWork?: { check: ProofOfWork; underPressure: () => boolean };
  /** With Azure's Direct Line configured, tokens come from there (server-side exchange). */
  azure?: { secret: string; endpoint: string; fetch?: typeof fetch };
  logger: Logger;
}

const tokenRequestSchema = z
  .object({
    locale: z
      .string()
      .max(20)
      .regex(/^[A-Za-z]{2,3}([-_][A-Za-z0-9]{2,8})*$/)
      .optional(),
    // A solved proof-of-work challenge (altcha's base64 payload); checked by ProofOfWork.
    altcha: z.unknown().optional(),
  })
  .strict();

function fail(res: Response, error: unknown): void {
  if (error instanceof ServiceError) {
    sendError(res, error);
    return;
  }
  if (error instanceof TranscriptUnavailableError) {
    // A new (or here unknown) conversation while the database is down: nothing can be kept honestly.
    sendCode(res, 'ServiceUnavailable', undefined, { headers: { 'Retry-After': '30' } });
    return;
  }
  throw error;
}

/**
 * Whether a token request may go on as far as the proof of work goes: a solution sent is always checked
 * (two HMACs, no database); none sent is fine unless the service is under pressure, when the answer is a
 * challenge to solve. Refusals are answered here.
 */
async function proofAdmits(
  proof: NonNullable<DirectLineRouteDeps['proofOfWork']>,
  payload: unknown,
  res: Response,
): Promise<boolean> {
  if (payload === undefined) {
    if (!proof.underPressure()) return true;
    sendCodeWith(res, 'ProofOfWorkRequired', { challenge: await proof.check.challenge() });
    return false;
  }
  const refusal = await proof.check.verify(payload);
  if (!refusal) return true;
  // An expired challenge is no fault of the client's (a slow phone, a tab left open): here is a fresh one.
  if (refusal === 'ProofOfWorkExpired')
    sendCodeWith(res, refusal, { challenge: await proof.check.challenge() });
  else sendCode(res, refusal);
  return false;
}

function publicBase(req: IncomingMessage): { http: string; ws: string } {
  const forwarded = req.headers['x-forwarded-proto'];
  // As restify's isSecure() tells it, for the front gate too, which sees Node's request.
  const secure = forwarded === 'https' || (req.socket as { encrypted?: boolean }).encrypted === true;
  const host = req.headers.host ?? 'localhost';
  return { http: `${secure ? 'https' : 'http'}://${host}`, ws: `${secure ? 'wss' : 'ws'}://${host}` };
}

// Files the witness uploaded are served only with their conversation's token; Web Chat shows them with a
// plain <img>, which sends no header, so the token travels in the URL of each read of the transcript.
function withFileAccess(activity: Record<string, unknown>, token: string): Record<string, unknown> {
  const attachments = activity.attachments;
  if (!Array.isArray(attachments)) return activity;
  return {
    ...activity,
    attachments: attachments.map((attachment: Record<string, unknown>) => {
      const withToken = (url: unknown) =>
        typeof url === 'string' && url.includes('/v3/directline/attachments/')
          ? `${url}?t=${encodeURIComponent(token)}`
          : url;
      return {
        ...attachment,
        contentUrl: withToken(attachment.contentUrl),
        ...(attachment.thumbnailUrl !== undefined
          ? { thumbnailUrl: withToken(attachment.thumbnailUrl) }
          : {}),
      };
    }),
  };
}

/** CORS: only this service's own pages and the configured sites may use the channel from a browser. */
function originAllowedBy(allowedOrigins: readonly string[], req: IncomingMessage): boolean {
  const origin = req.headers.origin;
  if (!origin) return true;
  return origin === publicBase(req).http || allowedOrigins.includes(origin);
}

/**
 * The routes that take a client token, as registered here and in upload.ts; `cors` when the route answers
 * CORS first, `queryToken` when the token may come as the `t` query parameter (a file shown by <img>).
 */
const TOKEN_ROUTES: readonly { method: string; path: RegExp; cors: boolean; queryToken?: true }[] = [
  { method: 'POST', path: /^\/api\/webchat\/preferences$/, cors: true },
  { method: 'POST', path: /^\/v3\/directline\/tokens\/refresh$/, cors: true },
  { method: 'POST', path: /^\/v3\/directline\/conversations$/, cors: true },
  { method: 'GET', path: /^\/v3\/directline\/conversations\/[^/]+$/, cors: true },
  { method: 'GET', path: /^\/v3\/directline\/conversations\/[^/]+\/activities$/, cors: true },
  { method: 'POST', path: /^\/v3\/directline\/conversations\/[^/]+\/activities$/, cors: true },
  { method: 'POST', path: /^\/v3\/directline\/conversations\/[^/]+\/upload$/, cors: false },
  { method: 'GET', path: /^\/v3\/directline\/attachments\/[^/]+$/, cors: false, queryToken: true },
];

/**
 * The channel's refusals that need only the headers, answered at the front gate exactly as the routes
 * answer them: a browser's origin not allowed, no token, a token whose signature is not ours (one HMAC).
 * An expired token, another conversation's, or one whose conversation is gone goes on to the route; so
 * does a body the body reader refuses from its headers. A body that fails only once read (malformed JSON)
 * is now refused for its token first: authentication before content, as most APIs answer.
 */
export function screenTokens(
  gate: FrontGate,
  tokens: DirectLineTokens,
  allowedOrigins: readonly string[],
): void {
  gate.add(
    (req, path) => {
      const route = TOKEN_ROUTES.find((entry) => entry.method === req.method && entry.path.test(path));
      if (!route) return undefined;
      const origin = req.headers.origin;
      if (route.cors && !originAllowedBy(allowedOrigins, req)) return { code: 'OriginNotAllowed' };
      const headers =
        route.cors && origin ? { 'Access-Control-Allow-Origin': origin, Vary: 'Origin' } : undefined;
      let token = requestBearer(req);
      if (token === undefined && route.queryToken) {
        const query = req.url?.indexOf('?') ?? -1;
        const given = query === -1 ? [] : new URLSearchParams(req.url?.slice(query + 1)).getAll('t');
        // Twice or more is the route's to judge (its query parser reads it otherwise).
        if (given.length > 1) return undefined;
        token = given[0];
      }
      if (!token) return { code: 'MissingToken', ...(headers ? { headers } : {}) };
      if (!tokens.signedByUs(token)) return { code: 'BadToken', ...(headers ? { headers } : {}) };
      return undefined;
    },
    { afterBodyChecks: true },
  );
}

function parseWatermark(value: unknown): number | undefined {
  if (typeof value !== 'string' || !/^\d{1,9}$/.test(value)) return undefined;
  return Number(value);
}

/**
 * Registers the self-hosted Direct Line 3.0 channel, the web chat token route and the bot's connector
 * endpoint. Returns the function that closes the open streams (on shutdown).
 */
export function registerDirectLine(server: Server, deps: DirectLineRouteDeps): () => void {
  const { channel, tokens, logger } = deps;

  const originAllowed = (req: IncomingMessage) => originAllowedBy(deps.allowedOrigins, req);
  const cors = (req: Request, res: Response): boolean => {
    const origin = req.header('origin');
    if (!originAllowed(req)) {
      sendCode(res, 'OriginNotAllowed');
      return false;
    }
    if (origin) {
      res.header('Access-Control-Allow-Origin', origin);
      res.header('Vary', 'Origin');
    }
    return true;
  };
  const preflight = (req: Request, res: Response, next: Next) => {
    if (!cors(req, res)) return next(false);
    res.header('Access-Control-Allow-Methods', 'GET, POST, OPTIONS');
    res.header('Access-Control-Allow-Headers', 'Authorization, Content-Type');
    res.header('Access-Control-Max-Age', '600');
    res.send(204);
    return next(false);
  };
  server.opts('/api/webchat/token', preflight);
  server.opts('/api/webchat/preferences', preflight);
  server.opts('/v3/directline/*', preflight);

  const streamUrl = (req: Request, conversationId: string, token: string) =>
    `${publicBase(req).ws}/v3/directline/conversations/${encodeURIComponent(conversationId)}/stream?t=${encodeURIComponent(token)}`;

  server.post('/api/webchat/token', async (req: Request, res: Response) => {
    if (!cors(req, res)) return;
    const parsed = tokenRequestSchema.safeParse(req.body ?? {});
    if (!parsed.success) {
      sendCode(
        res,
        'BadArgument',
        'Only an optional "locale" and "altcha" (a solved challenge) may be sent.',
      );
      return;
    }
    const address = clientAddress(req, deps.trustProxyHops);
    try {
      await deps.tokenLimiter.consume(address);
    } catch (refusal) {
      // An Error is the limiter's store failing (answered 500), not the address being over its limit.
      if (refusal instanceof Error) throw refusal;
      sendCode(res, 'TooManyRequests', undefined, { headers: { 'Retry-After': '60' } });
      return;
    }
    // After the address's limit, so that a flood from one address costs no hashing at all; a witness
    // asked for a proof of work spends two of the address's requests (the challenge, then its solution).
    if (deps.proofOfWork && !(await proofAdmits(deps.proofOfWork, parsed.data.altcha, res))) return;
    if (deps.azure) {
      res.send(200, await exchangeWithAzure(deps.azure));
      return;
    }
    const created = await channel.createConversation(parsed.data.locale);
    res.send(200, {
      token: created.token,
      conversationId: created.conversationId,
      userId: created.userId,
      expires_in: created.expiresIn,
    });
  });

  server.post('/api/webchat/preferences', async (req: Request, res: Response) => {
    if (!cors(req, res)) return;
    try {
      await channel.verify(bearer(req));
      const parsed = z.object({ shareLocation: z.boolean() }).strict().safeParse(req.body);
      if (!parsed.success) {
        sendCode(res, 'BadArgument', 'Only "shareLocation" (true or false) may be sent.');
        return;
      }
      // A choice the witness made is worth keeping: it stores a conversation not stored yet.
      const grant = await channel.store(await channel.authorise(bearer(req)));
      await deps.transcripts.setShareLocation(grant.conversationId, parsed.data.shareLocation);
      res.send(200, parsed.data);
    } catch (error) {
      fail(res, error);
    }
  });

  server.post('/v3/directline/tokens/refresh', async (req: Request, res: Response) => {
    if (!cors(req, res)) return;
    try {
      // A conversation that may still begin needs no look-up; an older one must still be stored.
      let grant = await channel.verify(bearer(req));
      if (!channel.mayBegin(grant)) grant = await channel.authorise(bearer(req));
      const { token, expiresIn } = await tokens.issue(grant);
      res.send(200, { conversationId: grant.conversationId, token, expires_in: expiresIn });
    } catch (error) {
      fail(res, error);
    }
  });

  server.post('/v3/directline/conversations', async (req: Request, res: Response) => {
    if (!cors(req, res)) return;
    try {
      // Nothing is stored or run: the token is the conversation until its first message, and the welcome
      // is shown from it (see DirectLineChannel.activities).
      const token = bearer(req) ?? '';
      const grant = await channel.verify(token);
      res.send(201, {
        conversationId: grant.conversationId,
        token,
        expires_in: tokens.ttlSeconds,
        streamUrl: streamUrl(req, grant.conversationId, token),
      });
    } catch (error) {
      fail(res, error);
    }
  });

  server.get('/v3/directline/conversations/:conversationId', async (req: Request, res: Response) => {
    if (!cors(req, res)) return;
    try {
      const token = bearer(req) ?? '';
      const grant = await channel.authorise(token, param(req, 'conversationId'));
      res.send(200, {
        conversationId: grant.conversationId,
        token,
        expires_in: tokens.ttlSeconds,
        streamUrl: streamUrl(req, grant.conversationId, token),
      });
    } catch (error) {
      fail(res, error);
    }
  });

  server.get(
    '/v3/directline/conversations/:conversationId/activities',
    async (req: Request, res: Response) => {
      if (!cors(req, res)) return;
      try {
        const token = bearer(req) ?? '';
        const grant = await channel.authorise(token, param(req, 'conversationId'));
        const query = req.query as Record<string, unknown> | undefined;
        const after = parseWatermark(query?.watermark);
        const found = await channel.activities(grant, after);
        const last = found.at(-1)?.watermark ?? after;
        res.send(200, {
          activities: found.map((entry) => withFileAccess(entry.activity, token)),
          ...(last !== undefined ? { watermark: String(last) } : {}),
        });
      } catch (error) {
        fail(res, error);
      }
    },
  );

  server.post(
    '/v3/directline/conversations/:conversationId/activities',
    async (req: Request, res: Response) => {
      if (!cors(req, res)) return;
      try {
        // Signature and body first: a junk request is refused before any database round trip.
        const grant = await channel.verify(bearer(req), param(req, 'conversationId'));
        const parsed = clientActivitySchema.safeParse(req.body);
        if (!parsed.success) {
          sendCode(res, 'BadArgument', parsed.error.issues[0]?.message ?? 'Invalid activity.');
          return;
        }
        if (parsed.data.attachments?.length) {
          sendCode(res, 'BadArgument', 'Files are sent through the upload operation.');
          return;
        }
        // The conversation's record is read with the append: one round trip, not a lookup first.
        const id = await channel.post(grant, parsed.data, clientAddress(req, deps.trustProxyHops));
        res.send(200, { id });
      } catch (error) {
        fail(res, error);
      }
    },
  );

  // The bot's side: its connector client posts replies here, with the token the channel gave it.
  const fromBot = async (req: Request, res: Response) => {
    try {
      await tokens.verifyConnector(bearer(req) ?? '');
    } catch {
      sendCode(res, 'Unauthorized', 'Not the bot.');
      return;
    }
    try {
      const body = req.body as Record<string, unknown> | undefined;
      if (!body || typeof body !== 'object' || typeof body.type !== 'string') {
        sendCode(res, 'BadArgument', 'Invalid activity.');
        return;
      }
      const id = await channel.postFromBot(param(req, 'conversationId'), body);
      res.send(200, { id });
    } catch (error) {
      fail(res, error);
    }
  };
  server.post('/connector/v3/conversations/:conversationId/activities', fromBot);
  server.post('/connector/v3/conversations/:conversationId/activities/:activityId', fromBot);

  return attachStream(server, channel, logger);
}

async function exchangeWithAzure(azure: NonNullable<DirectLineRouteDeps['azure']>): Promise<unknown> {
  // The secret stays on the server: the browser only ever receives a conversation token.
  const response = await (azure.fetch ?? fetch)(`${azure.endpoint}/tokens/generate`, {
    method: 'POST',
    headers: { Authorization: `Bearer ${azure.secret}` },
  });
  if (!response.ok) throw new Error(`Direct Line token exchange failed with ${response.status}`);
  const body = z
    .object({ token: z.string(), conversationId: z.string(), expires_in: z.number() })
    .loose()
    .parse(await response.json());
  return {
    token: body.token,
    conversationId: body.conversationId,
    expires_in: body.expires_in,
    domain: azure.endpoint,
  };
}

const STREAM_PATH = /^\/v3\/directline\/conversations\/([^/]+)\/stream$/;

// The WebSocket stream: new activities are pushed as {activities, watermark}. This instance's own appends
// wake it at once; activities written by another instance arrive through a poll of MongoDB.
function attachStream(server: Server, channel: DirectLineChannel, logger: Logger): () => void {
  const sockets = new WebSocketServer({ noServer: true, maxPayload: 1024 });
  // Refuses an upgrade with a plain HTTP answer; logged with the reason only (the URL carries a token).
  const refuse = (socket: Duplex, status: 400 | 403 | 404 | 500, reason: string) => {
    logger.info({ status, reason }, 'web chat stream refused');
    if (!socket.writable) {
      socket.destroy();
      return;
    }
    socket.end(`HTTP/1.1 ${status} ${STATUS_TEXT[status]}\r\nConnection: close\r\nContent-Length: 0\r\n\r\n`);
  };
  server.server.on('upgrade', (req: IncomingMessage, socket: Duplex, head: Buffer) =>
    runGuarded(
      {
        logger,
        method: req.method,
        route: () => '/v3/directline/conversations/:conversationId/stream',
        fail: () => refuse(socket, 500, 'uncaught error'),
      },
      () => {
        // Until ws takes the socket over, nothing else listens for its errors (a client resetting the
        // connection while the token is checked would otherwise be an uncaught 'error' event).
        socket.on('error', () => socket.destroy());
        const target = parseStreamTarget(req.url);
        if (!target) {
          refuse(
            socket,
            STREAM_PATH.test(req.url?.split('?', 1)[0] ?? '') ? 400 : 404,
            'not a stream address',
          );
          return;
        }
        const { conversationId, token, watermark } = target;
        channel.authorise(token, conversationId).then(
          (grant) =>
            sockets.handleUpgrade(req, socket, head, (ws) =>
              stream(ws, channel, grant, token, watermark, logger),
            ),
          (error: unknown) => {
            if (error instanceof ServiceError) {
              refuse(socket, error.status === 404 ? 404 : 403, error.code);
              return;
            }
            logger.error({ err: { name: (error as Error).name } }, 'web chat stream authorisation failed');
            refuse(socket, 500, 'authorisation failed');
          },
        );
      },
    ),
  );
  // Upgraded sockets no longer belong to the HTTP server, so stopping it does not end them: this does.
  return () => {
    for (const client of sockets.clients) client.terminate();
    sockets.close();
  };
}

const STATUS_TEXT = { 400: 'Bad Request', 403: 'Forbidden', 404: 'Not Found', 500: 'Internal Server Error' };

/** The conversation, token and watermark of a stream address, or undefined when it is not one (or malformed). */
function parseStreamTarget(
  url: string | undefined,
): { conversationId: string; token: string; watermark: number | undefined } | undefined {
  if (!URL.canParse(url ?? '/', 'http://localhost')) return undefined;
  const parsed = new URL(url ?? '/', 'http://localhost');
  const match = STREAM_PATH.exec(parsed.pathname);
  if (!match) return undefined;
  let conversationId: string;
  try {
    conversationId = decodeURIComponent(match[1]);
  } catch {
    // A malformed escape (`%E0`): no conversation has such an id.
    return undefined;
  }
  return {
    conversationId,
    token: parsed.searchParams.get('t') ?? '',
    watermark: parseWatermark(parsed.searchParams.get('watermark') ?? undefined),
  };
}

function stream(
  ws: WebSocket,
  channel: DirectLineChannel,
  grant: Grant,
  token: string,
  start: number | undefined,
  logger: Logger,
): void {
  let watermark = start;
  let busy = false;
  let again = false;
  // Activities this instance appended, as stored: sent without reading them back while they follow on.
  let appended: StoredActivity[] = [];
  const send = (found: StoredActivity[]) => {
    if (found.length === 0 || ws.readyState !== ws.OPEN) return;
    watermark = found.at(-1)?.watermark;
    ws.send(
      JSON.stringify({
        activities: found.map((entry) => withFileAccess(entry.activity, token)),
        watermark: String(watermark),
      }),
    );
  };
  const push = async (read: boolean) => {
    if (busy) {
      again ||= read;
      return;
    }
    busy = true;
    try {
      do {
        const readNow = read || again;
        read = again = false;
        const after = watermark ?? -1;
        const next = appended
          .filter((entry) => entry.watermark > after)
          .sort((first, second) => first.watermark - second.watermark);
        appended = [];
        const following = next.every((entry, index) => entry.watermark === after + 1 + index);
        if (!readNow && watermark !== undefined && following) send(channel.shown(conversationId, next));
        // A gap (an activity appended elsewhere, or still being appended) or a first read: the transcript says.
        else send(await channel.activities(grant, watermark));
      } while (again || appended.length > 0);
    } catch (error) {
      logger.warn({ conversationId, err: { name: (error as Error).name } }, 'web chat stream read failed');
    } finally {
      busy = false;
    }
  };
  const { conversationId } = grant;
  const unsubscribe = channel.subscribe(conversationId, (entry) => {
    if (entry) appended.push(entry);
    void push(!entry);
  });
  ws.on('close', () => {
    unsubscribe();
  });
  void push(true);
}
