import type { Request, Response } from 'restify';
import { z } from 'zod';
import type { AuditRecord, AuditTrail } from '../../models/audit';
import { roleAtLeast, type OfficerRole } from '../../models/officer';
import { verifyWithAny, type BearerVerifier, type Principal } from './auth';
import { CaseError } from './caseDesk';

/** A refusal to answer as-is. */
export class HttpRefusal extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
    readonly headers: Record<string, string> = {},
  ) {
    super(message);
    this.name = 'HttpRefusal';
  }
}

/** The value checked by a schema, or a 400 INVALID_REQUEST naming every problem. */
export function parse<T extends z.ZodType>(schema: T, value: unknown): z.output<T> {
  const parsed = schema.safeParse(value ?? {});
  if (!parsed.success) {
    const problems = parsed.error.issues.map(
      (issue) => `${issue.path.join('.') || '(body)'}: ${issue.message}`,
    );
    throw new HttpRefusal(400, 'INVALID_REQUEST', problems.join('; '));
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
    const header = req.headers.authorization;
    const match = typeof header === 'string' ? /^Bearer ([A-Za-z0-9._~+/=-]{1,4096})$/.exec(header) : null;
    const principal = match ? await verifyWithAny(verifiers, match[1]) : undefined;
    if (!principal) {
      throw new HttpRefusal(401, 'UNAUTHENTICATED', 'Log in first (a missing, expired or invalid token).', {
        'WWW-Authenticate': 'Bearer',
      });
    }
    if ('refused' in principal) {
      throw new HttpRefusal(403, 'NO_ROLE', 'Your account has no role in the case console.');
    }
    if (!roleAtLeast(principal.role, needed)) {
      throw new HttpRefusal(403, 'FORBIDDEN', `This needs the ${needed} role.`);
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
      if (error instanceof HttpRefusal) {
        res.send(error.status, { code: error.code, message: error.message }, error.headers);
        return;
      }
      if (error instanceof CaseError) {
        res.send(error.status, { code: error.code, message: error.message });
        return;
      }
      throw error;
    }
  };

  return { authorise, record, handle, addressOf };
}
