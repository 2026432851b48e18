import type { IncomingHttpHeaders } from 'node:http';
import { isIP } from 'node:net';

/** What clientAddress reads of a request (a Node or restify request). */
export interface ClientRequestLike {
  readonly headers: IncomingHttpHeaders;
  readonly socket: { readonly remoteAddress?: string | undefined };
}

/**
 * The address of the client a request came from. With `hops` 0 that is the socket's peer and no header is
 * believed: anyone can send `X-Forwarded-For`, so trusting it without a proxy in front would let a client
 * pick its own rate-limit key and write any address into the audit trail. Behind `hops` trusted proxies,
 * each appending the address it saw, the client is the entry `hops` places from the right; anything left
 * of it was written by the client and proves nothing. A missing, short or malformed header falls back to
 * the socket address (the nearest proxy), so a broken proxy setup limits too much rather than too little.
 */
export function clientAddress(req: ClientRequestLike, hops: number): string {
  const socketAddress = req.socket.remoteAddress ?? 'unknown';
  if (hops <= 0) return socketAddress;
  const header = req.headers['x-forwarded-for'];
  if (typeof header !== 'string') return socketAddress;
  const entries = header.split(',').map((entry) => entry.trim());
  if (entries.length < hops) return socketAddress;
  const candidate = entries[entries.length - hops];
  return isIP(candidate) === 0 ? socketAddress : candidate;
}
