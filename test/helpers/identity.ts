import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { exportJWK, generateKeyPair, SignJWT, type CryptoKey } from 'jose';
import { PARTNER_TENANT, USER_OID } from '../bot/channels/teams/teamsActivity';

/** The invented app registration the tests sign tokens for. */
export const APP_ID = '8d3c1f7e-2b4a-4c6d-9e8f-0a1b2c3d4e5f';
export const HOST = 'reports.example.org';
export const AUDIENCE = `api://${HOST}/${APP_ID}`;
/** The police's own invented tenant, where officers sign in. */
export const POLICE_TENANT = '22222222-3333-4444-8555-666666666666';

/** Test parts for the tab's sign-in: a key pair, its JWKS served locally, and a token factory. */
export interface TestIdentity {
  jwksUrl: string;
  /** The configuration keys that make a test service accept this identity's tokens. */
  environment: Record<string, string>;
  token(
    claims?: Record<string, unknown>,
    options?: { expiresIn?: string; key?: CryptoKey; audience?: string; issuer?: string },
  ): Promise<string>;
  close(): Promise<void>;
}

export async function testIdentity(): Promise<TestIdentity> {
  const { publicKey, privateKey } = await generateKeyPair('RS256');
  const jwk = { ...(await exportJWK(publicKey)), kid: 'test-key', alg: 'RS256', use: 'sig' };
  const server: Server = createServer((_req, res) => {
    res.writeHead(200, { 'content-type': 'application/json' });
    res.end(JSON.stringify({ keys: [jwk] }));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    jwksUrl: `http://127.0.0.1:${port}/keys`,
    environment: {
      PUBLIC_HOST: HOST,
      TEAMS_SSO_AUDIENCE: AUDIENCE,
      ENTRA_JWKS_URL: `http://127.0.0.1:${port}/keys`,
    },
    async token(claims = {}, options = {}) {
      const tid = (claims.tid as string | undefined) ?? PARTNER_TENANT;
      return new SignJWT({ tid, oid: USER_OID, ...claims })
        .setProtectedHeader({ alg: 'RS256', kid: 'test-key' })
        .setIssuer(options.issuer ?? `https://login.microsoftonline.com/${tid}/v2.0`)
        .setAudience(options.audience ?? AUDIENCE)
        .setIssuedAt()
        .setExpirationTime(options.expiresIn ?? '1h')
        .sign(options.key ?? privateKey);
    },
    close: () => new Promise((resolve) => server.close(() => resolve())),
  };
}
