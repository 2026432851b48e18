import type { IncomingMessage } from 'node:http';

/**
 * A bearer credential as RFC 6750 writes it: the scheme (any case), one or more spaces, and a token68 of at
 * most 4096 characters. The one parser of `Authorization: Bearer` for every route (case API, Direct Line,
 * Teams tab); what the token means is for its verifier.
 */
const BEARER = /^Bearer +([A-Za-z0-9._~+/-]{1,4096}=*)$/i;

/** The bearer token an `Authorization` header value carries, if it carries one. */
export function bearerToken(header: unknown): string | undefined {
  return typeof header === 'string' ? BEARER.exec(header)?.[1] : undefined;
}

/** The bearer token of a request, if it carries one. */
export function requestBearer(req: Pick<IncomingMessage, 'headers'>): string | undefined {
  return bearerToken(req.headers.authorization);
}
