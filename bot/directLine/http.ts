import type { Request } from 'restify';

/** The bearer token of a request, if it carries one. */
export function bearer(req: Request): string | undefined {
  const match = /^Bearer\s+(\S+)$/i.exec(req.header('authorization') ?? '');
  return match?.[1];
}

/** A route parameter as a string ('' when absent). */
export function param(req: Request, name: string): string {
  const value: unknown = (req.params as Record<string, unknown> | undefined)?.[name];
  return typeof value === 'string' ? value : '';
}
