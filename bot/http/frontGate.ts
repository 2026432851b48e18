// The front gate: refusals that can be decided from the request line and headers alone (an anonymous route
// shed under pressure, a Direct Line token that is not signed by us), answered in Node's own request listener
// before restify builds its request, runs its chains and routes. Measured under a junk flood, restify's
// machinery and the errors it builds were most of what a refused request cost; here a refusal is one lookup,
// at most one HMAC, and one write, and the writes are made in short slices between the event loop's rounds,
// so that a flood's refusals wait rather than the witnesses' turns. The routes still make every check
// themselves: the gate only answers earlier what they would answer, in the same status, body and headers.
import type { IncomingMessage, ServerResponse } from 'node:http';
import { errorDefinition, type ErrorCode } from '../../models/core/errors';
import { errorBody } from './httpErrors';

/** A refusal the gate answers: a catalogued code, with the headers that go with it. */
export interface GateRefusal {
  readonly code: ErrorCode;
  readonly message?: string;
  readonly headers?: Readonly<Record<string, string>>;
}

/**
 * A check of a request's line and headers (never its body, never the database): a refusal, or undefined to
 * let the request go on to the routes. `path` is the request's path without its query.
 */
export type GateCheck = (
  req: IncomingMessage,
  path: string,
) => GateRefusal | undefined | Promise<GateRefusal | undefined>;

/** The headers a middleware (helmet) sets on every answer, read once by running it on a bare response. */
export function headersSetBy(
  middleware: (req: IncomingMessage, res: ServerResponse, next: () => void) => void,
): Record<string, string> {
  const headers: Record<string, string> = {};
  const res = {
    setHeader(name: string, value: unknown) {
      headers[name.toLowerCase()] = Array.isArray(value) ? value.join(', ') : String(value);
      return res;
    },
    removeHeader(name: string) {
      delete headers[name.toLowerCase()];
    },
    getHeader(name: string) {
      return headers[name.toLowerCase()];
    },
  };
  middleware(
    { headers: {}, method: 'GET', url: '/' } as IncomingMessage,
    res as unknown as ServerResponse,
    () => {
      // The headers are set synchronously; nothing follows.
    },
  );
  return headers;
}

/**
 * The path of a request's URL without its query, as restify's `getPath()` reads it (not normalised);
 * undefined unless it is in origin form ("/…"). Not httpErrors' `pathOf`, which parses a whole URL: too dear
 * for every request of a flood, and it normalises dot segments, which restify's routing does not.
 */
function pathPart(url: string | undefined): string | undefined {
  if (url === undefined || url.charCodeAt(0) !== 47 /* '/' */) return undefined;
  const end = url.search(/[?#]/);
  return end === -1 ? url : url.slice(0, end);
}

/** An answer ready to write: status, headers as name/value pairs, body. */
interface PreparedAnswer {
  readonly status: number;
  readonly headers: string[];
  readonly body: Buffer;
}

const ANSWERS_KEPT = 256;
/** How long refusals are written at a stretch before the event loop goes round. */
const SLICE_MS = 2;

/** Header-only refusals answered before restify; see the top of this file. */
export class FrontGate {
  private readonly checks: { check: GateCheck; afterBodyChecks: boolean }[] = [];
  private readonly counts = new Map<ErrorCode, number>();
  private readonly answers = new Map<string, PreparedAnswer>();
  /** Refusals decided and not yet written (see drain), from `next` on. */
  private readonly waiting: { res: ServerResponse; answer: PreparedAnswer }[] = [];
  private next = 0;
  private draining = false;

  /**
   * `headers`: what every answer of the service carries (helmet's security headers). `bodyRefusedUnread`:
   * whether the service's body reader will refuse a request from its headers (media type, size), which the
   * checks added `afterBodyChecks` leave to it, so that the answer is the one the routes have always given.
   */
  constructor(
    private readonly headers: Readonly<Record<string, string>>,
    private readonly bodyRefusedUnread: (req: IncomingMessage) => boolean = () => false,
  ) {}

  /**
   * Adds a check; checks run in the order they were added, the first refusal answers. One `afterBodyChecks`
   * stands where the routes make it (after the body reader's checks); otherwise it stands before everything.
   */
  add(check: GateCheck, options: { afterBodyChecks?: boolean } = {}): void {
    this.checks.push({ check, afterBodyChecks: options.afterBodyChecks === true });
  }

  /** The refusals answered so far, by code. */
  get refused(): ReadonlyMap<ErrorCode, number> {
    return this.counts;
  }

  /**
   * Screens a request: true when the gate answered it (or nobody is left to answer), false when it goes on
   * to the routes; a promise of the same when a check had to wait (admission's rate).
   */
  screen(req: IncomingMessage, res: ServerResponse): boolean | Promise<boolean> {
    // A client that hung up with requests still queued: nothing is done for it.
    if (req.socket.destroyed) return true;
    const path = pathPart(req.url);
    if (path === undefined) return false;
    return this.from(0, req, res, path);
  }

  private from(
    index: number,
    req: IncomingMessage,
    res: ServerResponse,
    path: string,
  ): boolean | Promise<boolean> {
    for (let at = index; at < this.checks.length; at += 1) {
      const entry = this.checks[at];
      if (!entry || (entry.afterBodyChecks && this.bodyRefusedUnread(req))) continue;
      const verdict = entry.check(req, path);
      if (verdict instanceof Promise) {
        return verdict.then((refusal) =>
          refusal ? this.answer(res, path, refusal) : this.from(at + 1, req, res, path),
        );
      }
      if (verdict) return this.answer(res, path, verdict);
    }
    return false;
  }

  private answer(res: ServerResponse, path: string, refusal: GateRefusal): true {
    this.counts.set(refusal.code, (this.counts.get(refusal.code) ?? 0) + 1);
    this.waiting.push({ res, answer: this.prepared(path, refusal) });
    if (!this.draining) {
      this.draining = true;
      setImmediate(this.drain);
    }
    return true;
  }

  /**
   * Writes the waiting refusals for at most SLICE_MS, then lets the event loop go round (the witnesses'
   * reads, writes and database answers) before the next slice. Writing an answer is most of what a refusal
   * costs (one socket write each); done in slices, a flood's refusals wait rather than the turns of
   * conversations under way, which the gate never holds up.
   */
  private readonly drain = (): void => {
    const until = performance.now() + SLICE_MS;
    let at = this.next;
    while (at < this.waiting.length && performance.now() < until) {
      const entry = this.waiting[at];
      at += 1;
      // A client that has hung up meanwhile gets nothing written.
      if (!entry || entry.res.destroyed || entry.res.req.socket.destroyed) continue;
      entry.res.writeHead(entry.answer.status, entry.answer.headers);
      entry.res.end(entry.answer.body);
    }
    if (at < this.waiting.length) {
      // Kept without shifting each entry out: the written part is cut off now and then.
      if (at > 1024) {
        this.waiting.splice(0, at);
        at = 0;
      }
      this.next = at;
      setImmediate(this.drain);
      return;
    }
    this.waiting.length = 0;
    this.next = 0;
    this.draining = false;
  };

  /**
   * The answer to a refusal, built once per envelope, code, message and headers: a flood repeats the same
   * few answers. At most ANSWERS_KEPT are kept (headers with an allowed origin vary with the caller).
   */
  private prepared(path: string, refusal: GateRefusal): PreparedAnswer {
    const envelope = errorBody(path, refusal.code, refusal.message);
    const extra = refusal.headers ? Object.entries(refusal.headers) : [];
    const key = `${'error' in envelope ? 'dl' : 'plain'}\u0000${refusal.code}\u0000${refusal.message ?? ''}\u0000${extra.flat().join('\u0000')}`;
    const kept = this.answers.get(key);
    if (kept) return kept;
    const body = Buffer.from(JSON.stringify(envelope));
    const headers = Object.entries({
      ...this.headers,
      ...Object.fromEntries(extra),
      'content-type': 'application/json',
      'content-length': String(body.length),
    }).flat();
    const answer = { status: errorDefinition(refusal.code).status, headers, body };
    if (this.answers.size < ANSWERS_KEPT) this.answers.set(key, answer);
    return answer;
  }
}
