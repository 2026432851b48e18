import type { SignJWT, jwtVerify } from 'jose' with { 'resolution-mode': 'import' };
import { attemptGuard, type AttemptGuard } from '../../../models/store/attemptGuard';
import type { DatabaseConnection } from '../../../models/store/db';
import { normaliseEmail, type OfficerAccounts, type OfficerRole } from '../../../models/store/officer';

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
  readonly refused: 'NoRole';
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

/**
 * Failed logins: per (account, client address), the first few are free and every further one doubles the
 * wait before the next; per client address, at most this many in a window. A stranger's failures never
 * slow the account's holder down on their own address (a lockout per account would let anyone who knows
 * an officer's e-mail address lock them out).
 */
export const LOGIN_FREE_ATTEMPTS = 5;
export const LOGIN_FAILURES_PER_ADDRESS = 20;
export const LOGIN_ADDRESS_WINDOW_SECONDS = 15 * 60;
export const LOGIN_MAX_DELAY_SECONDS = 15 * 60;
export const LOGIN_ATTEMPTS_COLLECTION = 'loginAttempts';

/** The guard of the login route: reserved before the password hash is computed. */
export function loginGuard(connection: DatabaseConnection): AttemptGuard {
  return attemptGuard(connection, {
    collection: LOGIN_ATTEMPTS_COLLECTION,
    failuresPerClient: LOGIN_FAILURES_PER_ADDRESS,
    clientWindowSeconds: LOGIN_ADDRESS_WINDOW_SECONDS,
    pairMemorySeconds: 24 * 60 * 60,
    policy: {
      freeAttempts: LOGIN_FREE_ATTEMPTS,
      firstDelaySeconds: 5,
      maxDelaySeconds: LOGIN_MAX_DELAY_SECONDS,
    },
  });
}

/** What the login guard counts an account by: its normalised e-mail address. */
export function loginTarget(email: string): string {
  return `account:${normaliseEmail(email)}`;
}
