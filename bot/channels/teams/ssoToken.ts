import { createRemoteJWKSet, decodeJwt, jwtVerify, type JWTPayload, type JWTVerifyGetKey } from 'jose';
import { z } from 'zod';
import type { FailureCode } from '../../../models/core/errors';

/** Why a tab token was refused; never shown with the token itself. */
export class SsoTokenError extends Error {
  readonly code = 'SsoTokenInvalid' satisfies FailureCode;
  constructor(readonly reason: string) {
    super(`single sign-on token refused: ${reason}`);
    this.name = 'SsoTokenError';
  }
}

/** The Teams user a valid token stands for. */
export interface TeamsUser {
  tenantId: string;
  aadObjectId: string;
}

/** A genuine Entra ID token: its user, and its other claims for callers that read more (roles, groups). */
export interface EntraToken extends TeamsUser {
  payload: JWTPayload;
}

/** Where an Entra ID token's keys are and whom it must be for. */
export interface EntraTokenOptions {
  /** Where Entra ID publishes its signing keys (JWKS). */
  jwksUrl: string;
  /** The audience the token must carry (`api://host/appId`). */
  audience: string;
  /** The time expiry is judged at (tests move it). */
  clock?: () => Date;
}

export interface SsoVerifierOptions extends EntraTokenOptions {
  /** Accept every tenant, not only registered partners. */
  allowAllTenants: boolean;
  isPartnerTenant(tenantId: string): Promise<boolean>;
}

const claims = z.object({ tid: z.string().min(1).max(100), oid: z.string().min(1).max(100) });

/**
 * Checks an Entra ID access token: signature against the JWKS, issuer of the token's own tenant, audience and
 * expiry. Which tenants are welcome is the caller's decision (partners for the witness tab, police for the
 * case console). Throws SsoTokenError.
 */
export function createEntraTokenCheck(options: EntraTokenOptions): (token: string) => Promise<EntraToken> {
  // jose caches the key set and refetches it when a token names a key it does not know (key rotation).
  const keys: JWTVerifyGetKey = createRemoteJWKSet(new URL(options.jwksUrl));
  return async (token) => {
    let tenantId: string;
    try {
      tenantId = claims.shape.tid.parse(decodeJwt(token).tid);
    } catch {
      throw new SsoTokenError('malformed');
    }
    let payload: JWTPayload;
    try {
      ({ payload } = await jwtVerify(token, keys, {
        audience: options.audience,
        // v2.0 tokens and v1.0 tokens (the app registration decides which one Entra issues).
        issuer: [
          `https://login.microsoftonline.com/${tenantId}/v2.0`,
          `https://sts.windows.net/${tenantId}/`,
        ],
        requiredClaims: ['exp', 'tid', 'oid'],
        currentDate: options.clock?.(),
      }));
    } catch (error) {
      throw new SsoTokenError((error as { code?: string }).code ?? 'invalid');
    }
    const user = claims.safeParse(payload);
    if (!user.success) throw new SsoTokenError('claims');
    return { tenantId: user.data.tid, aadObjectId: user.data.oid, payload };
  };
}

/** A verifier of the Entra ID tokens that `authentication.getAuthToken()` gives the tab. */
export function createSsoVerifier(options: SsoVerifierOptions): (token: string) => Promise<TeamsUser> {
  const check = createEntraTokenCheck(options);
  return async (token) => {
    const { tenantId, aadObjectId } = await check(token);
    if (!options.allowAllTenants && !(await options.isPartnerTenant(tenantId))) {
      throw new SsoTokenError('tenant');
    }
    return { tenantId, aadObjectId };
  };
}
