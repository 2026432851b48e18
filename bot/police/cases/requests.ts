import type { Request, Response } from 'restify';
import { z } from 'zod';
import type { AuditRecord, AuditTrail } from '../../../models/store/audit';
import { roleAtLeast, type OfficerRole } from '../../../models/store/officer';
import { verifyWithAny, type BearerVerifier, type Principal } from './auth';
import { ServiceError } from '../../../models/core/errors';
import { requestBearer } from '../../http/bearer';
import { sendError } from '../../http/httpErrors';

/** The value checked by a schema, or a 400 InvalidRequest naming every problem. */
export function parse<T extends z.ZodType>(schema: T, value: unknown): z.output<T> {
  const parsed = schema.safeParse(value ?? {});
  if (!parsed.success) {
    const problems = parsed.error.issues.map(
      (issue) => `${issue.path.join('.') || '(body)'}: ${issue.message}`,
    );
    throw new ServiceError('InvalidRequest', problems.join('; '));
  }
  return parsed.data;
}

/** A query string that must be empty. */
export const noQuery = z.strictObject({});

/** The request helpers the case API's route modules share. */
export interface RequestTools {
  /** The caller if their token is valid and their role includes `needed`; otherwise a 401 or 403 refusal. */
  authorise: (req: Request, needed: OfficerRole) => Promise<Principal>;
  /** Appends an audit entry with the caller, their role and the client address. */
  record: (
    req: Request,
    principal: Principal | undefined,
    entry: Omit<AuditRecord, 'ip' | 'actor' | 'role'>,
  ) => Promise<void>;
  /** Wraps a route so that expected refusals become answers; anything else reaches the server's 5xx handler. */
  handle: (
    work: (req: Request, res: Response) => Promise<void>,
  ) => (req: Request, res: Response) => Promise<void>;
  /** The client address of a request (behind trusted proxies, the address they forwarded). */
  addressOf: (req: Request) => string;
}

/** The shared request helpers over the token verifiers and the audit trail. */
export function requestTools(
  verifiers: readonly BearerVerifier[],
  audit: AuditTrail,
  addressOf: (req: Request) => string,
): RequestTools {
  async function authorise(req: Request, needed: OfficerRole): Promise<Principal> {
    const token = requestBearer(req);
    const principal = token ? await verifyWithAny(verifiers, token) : undefined;
    if (!principal) {
      throw new ServiceError('Unauthenticated', undefined, { headers: { 'WWW-Authenticate': 'Bearer' } });
    }
    if ('refused' in principal) {
      throw new ServiceError('NoRole');
    }
    if (!roleAtLeast(principal.role, needed)) {
      throw new ServiceError('Forbidden', `This needs the ${needed} role.`);
    }
    return principal;
  }

  const record: RequestTools['record'] = (req, principal, entry) =>
    audit.append({
      actor: principal?.officerId ?? 'unknown',
      role: principal?.role,
      ip: addressOf(req),
      ...entry,
    });

  const handle: RequestTools['handle'] = (work) => async (req, res) => {
    try {
      await work(req, res);
    } catch (error) {
      // ServiceError and its kinds (OfficerError, OrganisationError) alike: a catalogued refusal.
      if (error instanceof ServiceError) {
        sendError(res, error);
        return;
      }
      throw error;
    }
  };

  return { authorise, record, handle, addressOf };
}
