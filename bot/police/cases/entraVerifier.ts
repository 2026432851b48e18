import { z } from 'zod';
import { OFFICER_ROLES, type OfficerAccounts, type OfficerRole } from '../../../models/store/officer';
import { createEntraTokenCheck, SsoTokenError, type EntraToken } from '../../channels/teams/ssoToken';
import type { BearerVerdict, BearerVerifier } from './auth';

/** What the case API needs to accept the Entra ID tokens of the Teams console. */
export interface EntraCaseVerifierOptions {
  /** Where Entra ID publishes its signing keys (JWKS). */
  jwksUrl: string;
  /** The audience the token must carry (the app registration's `api://host/appId`). */
  audience: string;
  /** The police's own tenants: officers sign in there, never in a partner organisation's tenant. */
  policeTenantIds: readonly string[];
  /** App role values and group object ids, each to the case API role it grants. */
  roleMap: ReadonlyMap<string, OfficerRole>;
  accounts: OfficerAccounts;
  clock?: () => Date;
}

// Claims outside our control: a malformed one counts as absent rather than failing the whole token.
const officerClaims = z.object({
  roles: z.array(z.string().max(256)).max(1000).optional().catch(undefined),
  groups: z.array(z.string().max(256)).max(1000).optional().catch(undefined),
  preferred_username: z.string().min(3).max(254).optional().catch(undefined),
  upn: z.string().min(3).max(254).optional().catch(undefined),
});

/** The highest role that any of the token's app roles or groups maps to, or undefined when none maps. */
function mappedRole(
  claims: z.output<typeof officerClaims>,
  roleMap: ReadonlyMap<string, OfficerRole>,
): OfficerRole | undefined {
  // Group object ids are GUIDs, compared in lower case; app role values are compared as defined.
  const granted = [...(claims.roles ?? []), ...(claims.groups ?? []).map((group) => group.toLowerCase())]
    .map((value) => roleMap.get(value))
    .filter((role): role is OfficerRole => role !== undefined);
  if (granted.length === 0) return undefined;
  return OFFICER_ROLES[Math.max(...granted.map((role) => OFFICER_ROLES.indexOf(role)))];
}

/**
 * A case API verifier for Entra ID access tokens (the Teams console's single sign-on): police tenants only,
 * the role from the token's app roles or groups, and a just-in-time officer account so that the officer can
 * be assigned cases and is named by a stable id in the audit trail.
 */
export function createEntraCaseVerifier(options: EntraCaseVerifierOptions): BearerVerifier {
  const check = createEntraTokenCheck(options);
  const policeTenants = new Set(options.policeTenantIds.map((tenantId) => tenantId.toLowerCase()));
  return {
    async verifyBearer(token: string): Promise<BearerVerdict> {
      let verified: EntraToken;
      try {
        verified = await check(token);
      } catch (error) {
        if (error instanceof SsoTokenError) return undefined;
        throw error;
      }
      // A partner organisation's user has a genuine token too, but is a witness, never an officer.
      if (!policeTenants.has(verified.tenantId.toLowerCase())) return undefined;
      const claims = officerClaims.parse(verified.payload);
      const role = mappedRole(claims, options.roleMap);
      if (!role) return { refused: 'NoRole' };
      const officer = await options.accounts.signInWithEntra({
        tenantId: verified.tenantId,
        objectId: verified.aadObjectId,
        email: claims.preferred_username ?? claims.upn,
        role,
      });
      if (!officer) return undefined;
      return { officerId: officer._id.toHexString(), role: officer.role };
    },
  };
}
