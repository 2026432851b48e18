import type { Request } from 'restify';
import { requestBearer } from '../../http/bearer';

/** The bearer token of a request, if it carries one. */
export const bearer: (req: Request) => string | undefined = requestBearer;

/** A route parameter as a string ('' when absent). */
export function param(req: Request, name: string): string {
  const value: unknown = (req.params as Record<string, unknown> | undefined)?.[name];
  return typeof value === 'string' ? value : '';
}
