import assert from 'node:assert/strict';
import { mkdtemp, rm } from 'node:fs/promises';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { exportJWK, generateKeyPair, SignJWT, type CryptoKey } from 'jose';
import { startService, type RunningService } from '../../../../bot/service';
import type { Database } from '../../../../models/store/db';
import { registerOrganisation } from '../../../../models/store/organisation';
import { openTestDatabase } from '../../../helpers/database';
import { postActivity } from '../../../helpers/http';
import { memoryLogger } from '../../../helpers/logger';
import { PARTNER_TENANT, teamsActivity } from './teamsActivity';
import { testServiceConfig } from '../../../helpers/serviceConfig';

const APP_ID = '8d3c1f7e-2b4a-4c6d-9e8f-0a1b2c3d4e5f';
// The issuer the Bot Connector's tokens carry (botbuilder checks it against its public-cloud constant).
const CONNECTOR_ISSUER = 'https://api.botframework.com';
const SERVICE_URL = 'http://127.0.0.1:9/unused';

/**
 * A stand-in for the Bot Connector's key publication: an OpenID metadata document pointing at a JWKS whose
 * key is endorsed for the msteams channel (and one endorsed only for another channel), as Microsoft's are.
 */
async function connectorKeys(): Promise<{
  metadataUrl: string;
  sign(
    claims?: Record<string, unknown>,
    options?: { key?: CryptoKey; kid?: string; expiresIn?: string; audience?: string },
  ): Promise<string>;
  close(): Promise<void>;
}> {
  const teamsKey = await generateKeyPair('RS256');
  const otherChannelKey = await generateKeyPair('RS256');
  const keys = [
    { ...(await exportJWK(teamsKey.publicKey)), kid: 'teams-key', use: 'sig', endorsements: ['msteams'] },
    {
      ...(await exportJWK(otherChannelKey.publicKey)),
      kid: 'other-key',
      use: 'sig',
      endorsements: ['skype'],
    },
  ];
  let base = '';
  const server: Server = createServer((req, res) => {
    res.writeHead(200, { 'content-type': 'application/json' });
    res.end(
      JSON.stringify(req.url === '/keys' ? { keys } : { issuer: CONNECTOR_ISSUER, jwks_uri: `${base}/keys` }),
    );
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  return {
    metadataUrl: `${base}/.well-known/openidconfiguration`,
    sign: (claims = {}, options = {}) =>
      new SignJWT({ serviceurl: SERVICE_URL, ...claims })
        .setProtectedHeader({ alg: 'RS256', kid: options.kid ?? 'teams-key' })
        .setIssuer(CONNECTOR_ISSUER)
        .setAudience(options.audience ?? APP_ID)
        .setIssuedAt()
        .setExpirationTime(options.expiresIn ?? '10m')
        .sign(options.key ?? (options.kid === 'other-key' ? otherChannelKey : teamsKey).privateKey),
    close: () => new Promise((resolve) => server.close(() => resolve())),
  };
}

describe('Bot Connector authentication on /api/messages', () => {
  let dataDir: string;
  let database: Database;
  let keys: Awaited<ReturnType<typeof connectorKeys>>;
  let service: RunningService;
  let unreachableKeys: RunningService;

  const serviceWith = (openIdMetadataUrl: string) =>
    startService(
      testServiceConfig(dataDir, {
        MicrosoftAppId: APP_ID,
        MicrosoftAppPassword: 'invented-secret',
        BOT_OPENID_METADATA_URL: openIdMetadataUrl,
      }),
      memoryLogger().logger,
      { database },
    );

  before(async () => {
    dataDir = await mkdtemp(path.join(tmpdir(), 'connector-auth-'));
    database = await openTestDatabase();
    await registerOrganisation(database.connection, { name: 'Invented School', tenantId: PARTNER_TENANT });
    keys = await connectorKeys();
    service = await serviceWith(keys.metadataUrl);
    // Port 9 (discard) on loopback: nothing answers, as when Microsoft's key endpoint is out of reach.
    unreachableKeys = await serviceWith('http://127.0.0.1:9/.well-known/openidconfiguration');
  });
  after(async () => {
    await unreachableKeys.stop();
    await service.stop();
    await keys.close();
    await database.close();
    await rm(dataDir, { recursive: true, force: true });
  });

  beforeEach(async () => {
    for (const name of ['botState', 'conversationReferences']) {
      await database.connection.collection(name).deleteMany({});
    }
  });

  async function assertBotDidNotRun(): Promise<void> {
    // The bot's first acts on a partner's message are storing the reference and the dialog state.
    assert.equal(await database.connection.collection('botState').countDocuments(), 0, 'no dialog ran');
    assert.equal(
      await database.connection.collection('conversationReferences').countDocuments(),
      0,
      'the Teams checks did not run',
    );
  }

  const refusals: [string, () => Promise<Record<string, string>>][] = [
    ['no token', () => Promise.resolve({})],
    ['a token that is not a JWT', () => Promise.resolve({ authorization: 'Bearer not-a-token' })],
    [
      'a Basic credential instead of a bearer token',
      () => Promise.resolve({ authorization: 'Basic aW52ZW50ZWQ6c2VjcmV0' }),
    ],
    [
      'a well-formed token signed by a key the connector never published',
      async () => ({ authorization: `Bearer ${await keys.sign({}, { kid: 'forged-key' })}` }),
    ],
    [
      'a token under a published key id but signed with another key',
      async () => ({
        authorization: `Bearer ${await keys.sign({}, { key: (await generateKeyPair('RS256')).privateKey })}`,
      }),
    ],
    [
      'a token for another bot (wrong audience)',
      async () => ({ authorization: `Bearer ${await keys.sign({}, { audience: 'another-bot-app-id' })}` }),
    ],
    [
      'an expired token',
      async () => ({ authorization: `Bearer ${await keys.sign({}, { expiresIn: '-10m' })}` }),
    ],
    [
      'a token from a key endorsed for another channel only',
      async () => ({ authorization: `Bearer ${await keys.sign({}, { kid: 'other-key' })}` }),
    ],
    [
      'a token issued for another service URL',
      async () => ({
        authorization: `Bearer ${await keys.sign({ serviceurl: 'https://elsewhere.example' })}`,
      }),
    ],
  ];
  for (const [name, headers] of refusals) {
    it(`refuses an activity with ${name} with 401 and never runs the bot`, async () => {
      const response = await fetch(`${service.url}/api/messages`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', ...(await headers()) },
        body: JSON.stringify(teamsActivity({ text: 'report' })),
      });
      assert.equal(response.status, 401);
      const body = (await response.json()) as { code: string; message: string };
      assert.equal(body.code, 'Unauthorized');
      assert.doesNotMatch(body.message, /key|AppId|claim|endorse/i, 'no library internals in the answer');
      await assertBotDidNotRun();
    });
  }

  it('answers 503 (retry later), not 500 or 401, when the signing keys cannot be fetched', async () => {
    const response = await fetch(`${unreachableKeys.url}/api/messages`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${await keys.sign()}` },
      body: JSON.stringify(teamsActivity({ text: 'report' })),
    });
    assert.equal(response.status, 503);
    assert.equal(response.headers.get('retry-after'), '30');
    await assertBotDidNotRun();
  });

  it('runs the bot for an activity carrying a valid token from the Teams channel', async () => {
    const answer = await postActivity(
      service.url,
      teamsActivity({ text: 'hello', extra: { serviceUrl: SERVICE_URL } }),
      { authorization: `Bearer ${await keys.sign()}` },
    );
    assert.equal(answer.status, 200);
    assert.ok(answer.replies.length > 0, 'the bot answered');
    assert.equal(await database.connection.collection('conversationReferences').countDocuments(), 1);
  });
});
