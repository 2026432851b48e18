import type { IncomingMessage, ServerResponse } from 'node:http';
import type { Response } from 'restify';
import {
  errorDefinition,
  ServiceError,
  type ErrorCode,
  type ServiceErrorOptions,
} from '../../models/core/errors';

/**
 * The Direct Line API and its connector (the web chat's channel): their errors keep Direct Line's own
 * envelope, `{ error: { code, message } }`, because Web Chat and every other Direct Line client read it there.
 */
const DIRECT_LINE_PATH = /^\/(v3\/directline|api\/webchat|connector)\//;

/** The body of every error answer: `{ code, message }`, wrapped as `{ error: { … } }` on Direct Line paths. */
export type ErrorBody =
  { code: ErrorCode; message: string } | { error: { code: ErrorCode; message: string } };

/** The path of a request (no query), '/' when it cannot be read. */
export function pathOf(req: Pick<IncomingMessage, 'url'>): string {
  const url = req.url ?? '/';
  return URL.canParse(url, 'http://localhost') ? new URL(url, 'http://localhost').pathname : '/';
}

/** An error answer's body in the envelope of the API the path belongs to. */
export function errorBody(path: string, code: ErrorCode, message?: string): ErrorBody {
  const plain = { code, message: message ?? errorDefinition(code).message };
  return DIRECT_LINE_PATH.test(path) ? { error: plain } : plain;
}

/** Answers with a catalogued refusal: its status, its headers, and the one error shape for the path. */
export function sendError(res: Response, error: ServiceError): void {
  const path = pathOf((res as ServerResponse).req);
  res.send(error.status, errorBody(path, error.code, error.message), { ...error.headers });
}

/** Answers with a catalogued code (its status and default message unless given). */
export function sendCode(
  res: Response,
  code: ErrorCode,
  message?: string,
  options?: ServiceErrorOptions,
): void {
  sendError(res, new ServiceError(code, message, options));
}

/** Answers with a catalogued code and fields beside the error (a challenge to solve), in the path's shape. */
export function sendCodeWith(res: Response, code: ErrorCode, fields: Record<string, unknown>): void {
  const path = pathOf((res as ServerResponse).req);
  res.send(errorDefinition(code).status, { ...errorBody(path, code), ...fields });
}
