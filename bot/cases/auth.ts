import type { RateLimiterAbstract } from 'rate-limiter-flexible';
import { ensureLimitIndexes, mongoLimiter } from '../../models/rateLimits';
import type { Connection } from 'mongoose';
import type { SignJWT, jwtVerify } from 'jose' with { 'resolution-mode': 'import' };
import { normaliseEmail, type OfficerAccounts, type OfficerRole } from '../../models/officer';

/** Who is calling the case API, once their bearer token has been checked. */
export interface Principal {
  readonly officerId: string;
  readonly role: OfficerRole;
}

/**
 * A genuine token whose holder has no role here (an Entra ID user of the police tenant whose roles and groups
 * map to none): the answer is 403, not 401, because signing in again would not help.
 */
export interface NoRole {
  readonly refused: 'NO_ROLE';
}

/** What a verifier concludes: the caller, a known caller without rights, or undefined (not its token). */
export type BearerVerdict = Principal | NoRole | undefined;

/**
 * Checks a bearer token. The standalone console login is one implementation; the Teams console's Entra ID
 * token (roles or groups mapped to our roles, `entraVerifier.ts`) is another, added to the routes' list.
 */
export interface BearerVerifier {
  /** The caller, NoRole, or undefined when this verifier does not accept the token (unknown, expired, forged). */
  verifyBearer(token: string): Promise<BearerVerdict>;
}

// jose is published as an ES module only; the service compiles to CommonJS, so it is loaded once, lazily.
interface Jose {
  SignJWT: typeof SignJWT;
  jwtVerify: typeof jwtVerify;
}
let jose: Promise<Jose> | undefined;
const loadJose = (): Promise<Jose> => (jose ??= import('jose'));

const ISSUER = 'shield-reporter';
const AUDIENCE = 'shield-reporter-case-api';

/** Short-lived HS256 tokens for standalone console accounts; the role is read from the account each time. */
export class StandaloneTokens implements BearerVerifier {
  private readonly key: Uint8Array;

  constructor(
    secret: string,
    private readonly ttlMinutes: number,
    private readonly accounts: OfficerAccounts,
    private readonly clock: () => Date = () => new Date(),
  ) {
    this.key = new TextEncoder().encode(secret);
  }

  /** Signs a token for an officer; returns it with its expiry. */
  async issue(officerId: string): Promise<{ token: string; expiresAt: Date }> {
    const jose = await loadJose();
    const issuedAt = Math.floor(this.clock().getTime() / 1000);
    const expiresAt = issuedAt + this.ttlMinutes * 60;
    const token = await new jose.SignJWT({})
      .setProtectedHeader({ alg: 'HS256', typ: 'JWT' })
      .setSubject(officerId)
      .setIssuer(ISSUER)
      .setAudience(AUDIENCE)
      .setIssuedAt(issuedAt)
      .setExpirationTime(expiresAt)
      .sign(this.key);
    return { token, expiresAt: new Date(expiresAt * 1000) };
  }

  async verifyBearer(token: string): Promise<Principal | undefined> {
    const jose = await loadJose();
    let subject: string | undefined;
    try {
      const { payload } = await jose.jwtVerify(token, this.key, {
        issuer: ISSUER,
        audience: AUDIENCE,
        algorithms: ['HS256'],
        currentDate: this.clock(),
      });
      subject = payload.sub;
    } catch {
      return undefined;
    }
    if (!subject) return undefined;
    // Looked up on every request, so that a disabled account or a changed role takes effect at once.
    const officer = await this.accounts.byId(subject);
    if (!officer || officer.disabled) return undefined;
    return { officerId: subject, role: officer.role };
  }
}

/** Tries each verifier in turn; the first that recognises the token (as a principal or NoRole) decides. */
export async function verifyWithAny(
  verifiers: readonly BearerVerifier[],
  token: string,
): Promise<BearerVerdict> {
  for (const verifier of verifiers) {
    const verdict = await verifier.verifyBearer(token);
    if (verdict) return verdict;
  }
  return undefined;
}

/** Failed logins allowed per e-mail address (then the address is locked), and per client address. */
export const LOGIN_FAILURES_PER_ACCOUNT = 5;
export const LOGIN_FAILURES_PER_ADDRESS = 20;
export const LOGIN_LOCKOUT_SECONDS = 15 * 60;
const LOGIN_ATTEMPTS_COLLECTION = 'loginAttempts';

/** Counters of failed logins: per account (a lockout, whatever the source) and per client address. */
export interface LoginLimiters {
  perAccount: RateLimiterAbstract;
  perAddress: RateLimiterAbstract;
}

/** Prepares the login limiter's collection (see ensureLimitIndexes). */
export async function ensureLoginAttemptIndexes(connection: Connection): Promise<void> {
  await ensureLimitIndexes(connection, LOGIN_ATTEMPTS_COLLECTION);
}

/**
 * The login limiters, kept in MongoDB so that every instance of the service counts the same attempts (and
 * a restart does not lift a lockout).
 */
export function loginLimiters(connection: Connection): LoginLimiters {
  const common = {
    collection: LOGIN_ATTEMPTS_COLLECTION,
    durationSeconds: LOGIN_LOCKOUT_SECONDS,
    blockDurationSeconds: LOGIN_LOCKOUT_SECONDS,
  };
  return {
    perAccount: mongoLimiter(connection, {
      ...common,
      keyPrefix: 'account',
      points: LOGIN_FAILURES_PER_ACCOUNT,
    }),
    perAddress: mongoLimiter(connection, {
      ...common,
      keyPrefix: 'address',
      points: LOGIN_FAILURES_PER_ADDRESS,
    }),
  };
}

/** Seconds until a login may be tried again for this account and address, or 0 when it may now. */
export async function loginBlockedFor(
  limiters: LoginLimiters,
  email: string,
  address: string,
): Promise<number> {
  const [account, source] = await Promise.all([
    limiters.perAccount.get(normaliseEmail(email)),
    limiters.perAddress.get(address),
  ]);
  const blocked = [
    { result: account, limit: limiters.perAccount.points },
    { result: source, limit: limiters.perAddress.points },
  ].filter(({ result, limit }) => result !== null && result.consumedPoints >= limit);
  if (blocked.length === 0) return 0;
  return Math.max(1, ...blocked.map(({ result }) => Math.ceil((result?.msBeforeNext ?? 0) / 1000)));
}

/** Counts one failed login against the account and the address. */
export async function countLoginFailure(
  limiters: LoginLimiters,
  email: string,
  address: string,
): Promise<void> {
  await Promise.all([
    limiters.perAccount.penalty(normaliseEmail(email), 1),
    limiters.perAddress.penalty(address, 1),
  ]);
}
