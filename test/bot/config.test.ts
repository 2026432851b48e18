import assert from 'node:assert/strict';
import { ConfigError, loadConfig } from '../../bot/config';
import { spawnService } from '../helpers/process';
import { temporaryDirectoryPerTest } from '../helpers/tempDir';
import { MAX_RETENTION_DAYS, MIN_RETENTION_DAYS } from '../../models/core/retention';
import { retentionDaysSchema } from '../../bot/police/cases/retention';

const GUID = '00000000-0000-4000-8000-000000000001';

function problemsOf(environment: Record<string, string>): readonly string[] {
  try {
    loadConfig(environment);
  } catch (error) {
    if (error instanceof ConfigError) return error.problems;
    throw error;
  }
  assert.fail(`expected the configuration ${JSON.stringify(Object.keys(environment))} to be refused`);
}

describe('loadConfig', () => {
  it('gives the documented defaults for an empty environment', () => {
    const config = loadConfig({});
    assert.deepEqual(
      {
        env: config.env,
        port: config.port,
        host: config.host,
        mongodbUri: config.mongodbUri,
        dataDir: config.dataDir,
        logLevel: config.logLevel,
        maxBodyBytes: config.maxBodyBytes,
        shutdownGraceMs: config.shutdownGraceMs,
        trustProxyHops: config.trustProxyHops,
        bot: config.bot,
      },
      {
        env: 'development',
        port: 3978,
        host: '127.0.0.1',
        mongodbUri: undefined,
        dataDir: './data',
        logLevel: 'info',
        maxBodyBytes: 262144,
        shutdownGraceMs: 10000,
        trustProxyHops: 0,
        bot: {
          appId: '',
          appPassword: '',
          appType: 'MultiTenant',
          appTenantId: '',
          openIdMetadataUrl: undefined,
        },
      },
    );
  });

  it('reads every key of a full production environment', () => {
    const config = loadConfig({
      NODE_ENV: 'production',
      PORT: '8080',
      HOST: '127.0.0.1',
      MONGODB_URI: 'mongodb+srv://reporter:secret@cluster0.example.net/?retryWrites=true',
      DATA_DIR: '/var/lib/shield',
      LOG_LEVEL: 'warn',
      MAX_BODY_BYTES: '1000',
      SHUTDOWN_GRACE_MS: '500',
      TRUST_PROXY_HOPS: '1',
      MicrosoftAppId: GUID,
      MicrosoftAppPassword: 'not-a-real-password',
      MicrosoftAppType: 'SingleTenant',
      MicrosoftAppTenantId: '00000000-0000-4000-8000-000000000002',
      BOT_OPENID_METADATA_URL: 'https://keys.example.gov/.well-known/openidconfiguration',
      WEBCHAT_TOKEN_SECRET: 'an-invented-secret-of-at-least-32-characters',
      CASE_TOKEN_SECRET: 'another-invented-secret-of-32-or-more-characters',
      CASE_TOKEN_MINUTES: '10',
    });
    assert.equal(config.env, 'production');
    assert.equal(config.webchat.tokenSecret, 'an-invented-secret-of-at-least-32-characters');
    assert.equal(config.caseTokenSecret, 'another-invented-secret-of-32-or-more-characters');
    assert.equal(config.caseTokenTtlMinutes, 10);
    assert.equal(config.port, 8080);
    assert.equal(config.host, '127.0.0.1');
    assert.equal(config.mongodbUri, 'mongodb+srv://reporter:secret@cluster0.example.net/?retryWrites=true');
    assert.equal(config.dataDir, '/var/lib/shield');
    assert.equal(config.logLevel, 'warn');
    assert.equal(config.maxBodyBytes, 1000);
    assert.equal(config.shutdownGraceMs, 500);
    assert.equal(config.trustProxyHops, 1);
    assert.deepEqual(config.bot, {
      appId: GUID,
      appPassword: 'not-a-real-password',
      appType: 'SingleTenant',
      appTenantId: '00000000-0000-4000-8000-000000000002',
      openIdMetadataUrl: 'https://keys.example.gov/.well-known/openidconfiguration',
    });
  });

  it('treats empty values as unset, as a copied .env.example leaves them', () => {
    const config = loadConfig({ PORT: '', MONGODB_URI: '', MicrosoftAppId: '', MicrosoftAppPassword: '' });
    assert.equal(config.port, 3978);
    assert.equal(config.mongodbUri, undefined);
    assert.equal(config.bot.appId, '');
  });

  it('treats an empty value as unset for every key, NODE_ENV included', () => {
    const config = loadConfig({ NODE_ENV: '', LOG_LEVEL: '', TEAMS_FILE_HOSTS: '', RETENTION_DAYS: '' });
    assert.equal(config.env, 'development');
    assert.equal(config.logLevel, 'info');
    assert.deepEqual(config.teams.fileHosts, ['sharepoint.com']);
    assert.equal(config.retentionDays, 90);
  });

  it('takes RETENTION_DAYS in the range the admin API allows, a week to ten years', () => {
    assert.equal(
      loadConfig({ RETENTION_DAYS: String(MIN_RETENTION_DAYS) }).retentionDays,
      MIN_RETENTION_DAYS,
    );
    assert.equal(
      loadConfig({ RETENTION_DAYS: String(MAX_RETENTION_DAYS) }).retentionDays,
      MAX_RETENTION_DAYS,
    );
    assert.throws(() => loadConfig({ RETENTION_DAYS: String(MIN_RETENTION_DAYS - 1) }), /RETENTION_DAYS/);
    assert.throws(() => loadConfig({ RETENTION_DAYS: String(MAX_RETENTION_DAYS + 1) }), /RETENTION_DAYS/);
    assert.equal(
      retentionDaysSchema.safeParse(MIN_RETENTION_DAYS - 1).success,
      false,
      'the admin API agrees',
    );
    assert.equal(retentionDaysSchema.safeParse(MAX_RETENTION_DAYS).success, true, 'the admin API agrees');
  });

  it('returns a frozen configuration', () => {
    const config = loadConfig({});
    assert.ok(Object.isFrozen(config), 'config is frozen');
    assert.ok(Object.isFrozen(config.bot), 'config.bot is frozen');
  });

  const invalid: { what: string; environment: Record<string, string>; key: string }[] = [
    {
      what: 'a BOT_OPENID_METADATA_URL that is not a URL',
      environment: { BOT_OPENID_METADATA_URL: 'keys' },
      key: 'BOT_OPENID_METADATA_URL',
    },
    { what: 'a PORT that is not a number', environment: { PORT: 'eighty' }, key: 'PORT' },
    { what: 'a PORT out of range', environment: { PORT: '70000' }, key: 'PORT' },
    { what: 'a fractional PORT', environment: { PORT: '80.5' }, key: 'PORT' },
    {
      what: 'a MONGODB_URI with another scheme',
      environment: { MONGODB_URI: 'postgres://db.example.net/shield' },
      key: 'MONGODB_URI',
    },
    { what: 'an unknown NODE_ENV', environment: { NODE_ENV: 'staging' }, key: 'NODE_ENV' },
    { what: 'an unknown LOG_LEVEL', environment: { LOG_LEVEL: 'loud' }, key: 'LOG_LEVEL' },
    {
      what: 'an unknown MicrosoftAppType',
      environment: { MicrosoftAppType: 'Anonymous' },
      key: 'MicrosoftAppType',
    },
    { what: 'a zero MAX_BODY_BYTES', environment: { MAX_BODY_BYTES: '0' }, key: 'MAX_BODY_BYTES' },
    {
      what: 'a negative SHUTDOWN_GRACE_MS',
      environment: { SHUTDOWN_GRACE_MS: '-1' },
      key: 'SHUTDOWN_GRACE_MS',
    },
    {
      what: 'a negative HEAP_GROWING_PERCENT',
      environment: { HEAP_GROWING_PERCENT: '-1' },
      key: 'HEAP_GROWING_PERCENT',
    },
    {
      what: 'a HEAP_GROWING_PERCENT over 300',
      environment: { HEAP_GROWING_PERCENT: '400' },
      key: 'HEAP_GROWING_PERCENT',
    },
    {
      what: 'a HEAP_GROWING_PERCENT that is not a number',
      environment: { HEAP_GROWING_PERCENT: 'lean' },
      key: 'HEAP_GROWING_PERCENT',
    },
    { what: 'a negative TRUST_PROXY_HOPS', environment: { TRUST_PROXY_HOPS: '-1' }, key: 'TRUST_PROXY_HOPS' },
    {
      what: 'a fractional TRUST_PROXY_HOPS',
      environment: { TRUST_PROXY_HOPS: '1.5' },
      key: 'TRUST_PROXY_HOPS',
    },
    {
      what: 'a TRUST_PROXY_HOPS that is not a number',
      environment: { TRUST_PROXY_HOPS: 'all' },
      key: 'TRUST_PROXY_HOPS',
    },
  ];
  for (const { what, environment, key } of invalid) {
    it(`refuses ${what}, naming ${key}`, () => {
      const problems = problemsOf(environment);
      assert.equal(problems.length, 1, `one problem expected, got ${JSON.stringify(problems)}`);
      assert.match(problems[0], new RegExp(`^${key}: `));
    });
  }

  it('lists every problem at once', () => {
    const problems = problemsOf({ PORT: 'x', MONGODB_URI: 'http://db', LOG_LEVEL: 'loud', NODE_ENV: 'prod' });
    assert.deepEqual(problems.map((problem) => problem.split(':')[0]).sort(), [
      'LOG_LEVEL',
      'MONGODB_URI',
      'NODE_ENV',
      'PORT',
    ]);
    const error = new ConfigError(problems);
    assert.equal(error.message.split('\n').length, 5, 'a heading and one line per problem');
  });

  it('lists a cross-field problem together with malformed keys', () => {
    const problems = problemsOf({ NODE_ENV: 'production', PORT: 'x' });
    assert.deepEqual(problems.map((problem) => problem.split(':')[0]).sort(), [
      'CASE_TOKEN_SECRET',
      'MicrosoftAppId',
      'PORT',
      'WEBCHAT_TOKEN_SECRET',
    ]);
  });

  it('refuses production without a MicrosoftAppId or a web chat token secret', () => {
    const problems = problemsOf({
      NODE_ENV: 'production',
      CASE_TOKEN_SECRET: 'an-invented-secret-of-at-least-32-characters',
    });
    assert.equal(problems.length, 2);
    assert.match(problems[0], /^MicrosoftAppId: required when NODE_ENV is production/);
    assert.match(problems[1], /^WEBCHAT_TOKEN_SECRET: required when NODE_ENV is production/);
  });

  it('refuses a short web chat token secret and an embedding origin with a path', () => {
    const problems = problemsOf({
      WEBCHAT_TOKEN_SECRET: 'short',
      WEBCHAT_ALLOWED_ORIGINS: 'https://police.example.org, https://city.example.org/page',
    });
    assert.deepEqual(problems.map((problem) => problem.split(':')[0]).sort(), [
      'WEBCHAT_ALLOWED_ORIGINS.1',
      'WEBCHAT_TOKEN_SECRET',
    ]);
  });

  it('refuses production without a CASE_TOKEN_SECRET, and a short one anywhere', () => {
    const missing = problemsOf({
      NODE_ENV: 'production',
      MicrosoftAppId: GUID,
      MicrosoftAppPassword: 'x',
      WEBCHAT_TOKEN_SECRET: 'an-invented-secret-of-at-least-32-characters',
    });
    assert.deepEqual(
      missing.map((problem) => problem.split(':')[0]),
      ['CASE_TOKEN_SECRET'],
    );
    const short = problemsOf({ CASE_TOKEN_SECRET: 'too-short' });
    assert.deepEqual(
      short.map((problem) => problem.split(':')[0]),
      ['CASE_TOKEN_SECRET'],
    );
  });

  it('allows an empty MicrosoftAppId outside production (Emulator mode)', () => {
    for (const NODE_ENV of ['development', 'test']) {
      assert.equal(loadConfig({ NODE_ENV }).bot.appId, '', `NODE_ENV=${NODE_ENV}`);
    }
  });

  it('listens on this machine only by default without a MicrosoftAppId, on every address with one', () => {
    assert.equal(loadConfig({}).host, '127.0.0.1');
    const withAppId = loadConfig({ MicrosoftAppId: GUID, MicrosoftAppPassword: 'an-invented-secret' });
    assert.equal(withAppId.host, '0.0.0.0');
  });

  it('refuses a network HOST without a MicrosoftAppId unless ALLOW_NETWORK_WITHOUT_APP_ID says so', () => {
    const [problem] = problemsOf({ HOST: '0.0.0.0' });
    assert.match(problem, /^HOST: 0\.0\.0\.0 is reachable from the network/);
    assert.match(problem, /ALLOW_NETWORK_WITHOUT_APP_ID=true/);
    assert.equal(loadConfig({ HOST: '0.0.0.0', ALLOW_NETWORK_WITHOUT_APP_ID: 'true' }).host, '0.0.0.0');
    assert.equal(loadConfig({ HOST: '127.0.0.2' }).host, '127.0.0.2', 'any loopback address is fine');
  });

  it('refuses a MicrosoftAppId without a MicrosoftAppPassword', () => {
    const problems = problemsOf({ MicrosoftAppId: GUID });
    assert.deepEqual(problems, ['MicrosoftAppPassword: required when MicrosoftAppId is set']);
  });

  it('accepts a user-assigned managed identity without a password', () => {
    const config = loadConfig({
      MicrosoftAppId: GUID,
      MicrosoftAppType: 'UserAssignedMSI',
      MicrosoftAppTenantId: '00000000-0000-4000-8000-000000000002',
    });
    assert.equal(config.bot.appType, 'UserAssignedMSI');
  });

  it('refuses a single-tenant app without a MicrosoftAppTenantId', () => {
    const problems = problemsOf({
      MicrosoftAppId: GUID,
      MicrosoftAppPassword: 'p',
      MicrosoftAppType: 'SingleTenant',
    });
    assert.deepEqual(problems, ['MicrosoftAppTenantId: required when MicrosoftAppType is SingleTenant']);
  });

  describe('Entra ID sign-in of officers (POLICE_TENANT_IDS, ENTRA_ROLE_MAP)', () => {
    const GROUP = '0B1C2D3E-4F50-4A6B-8C7D-9E0F1A2B3C4D';

    it('is off by default', () => {
      const config = loadConfig({});
      assert.deepEqual(config.policeEntra.tenantIds, []);
      assert.equal(config.policeEntra.roleMap.size, 0);
    });

    it('reads the tenants and the role map, group ids and tenants in lower case', () => {
      const config = loadConfig({
        POLICE_TENANT_IDS: ` ${GUID.toUpperCase()} , 00000000-0000-4000-8000-000000000002,`,
        ENTRA_ROLE_MAP: `Shield.Officer=officer, Shield.Supervisor=supervisor,Shield.Admin=admin,${GROUP}=supervisor`,
      });
      assert.deepEqual(config.policeEntra.tenantIds, [GUID, '00000000-0000-4000-8000-000000000002']);
      assert.deepEqual(
        [...config.policeEntra.roleMap],
        [
          ['Shield.Officer', 'officer'],
          ['Shield.Supervisor', 'supervisor'],
          ['Shield.Admin', 'admin'],
          [GROUP.toLowerCase(), 'supervisor'],
        ],
      );
    });

    const refused: { what: string; environment: Record<string, string>; problem: RegExp }[] = [
      {
        what: 'a tenant id that is not a GUID',
        environment: { POLICE_TENANT_IDS: `${GUID},police.example`, ENTRA_ROLE_MAP: 'A=officer' },
        problem: /^POLICE_TENANT_IDS\.1: each tenant id is a GUID$/,
      },
      {
        what: 'an unknown role, naming the entry',
        environment: { ENTRA_ROLE_MAP: 'Shield.Officer=officer,Shield.Chief=chief' },
        problem: /^ENTRA_ROLE_MAP: "Shield\.Chief" maps to the unknown role "chief"/,
      },
      {
        what: 'an entry without a role',
        environment: { ENTRA_ROLE_MAP: 'Shield.Officer' },
        problem: /^ENTRA_ROLE_MAP: "Shield\.Officer" is not key=role/,
      },
      {
        what: 'an entry with an empty key',
        environment: { ENTRA_ROLE_MAP: '=admin' },
        problem: /^ENTRA_ROLE_MAP: "=admin" is not key=role/,
      },
      {
        what: 'a key mapped to two roles',
        environment: { ENTRA_ROLE_MAP: `${GROUP}=officer,${GROUP.toLowerCase()}=admin` },
        problem:
          /^ENTRA_ROLE_MAP: "0b1c2d3e-4f50-4a6b-8c7d-9e0f1a2b3c4d" is mapped twice \(officer and admin\)$/,
      },
      {
        what: 'police tenants without a role map',
        environment: { POLICE_TENANT_IDS: GUID },
        problem: /^ENTRA_ROLE_MAP: required when POLICE_TENANT_IDS is set/,
      },
    ];
    for (const { what, environment, problem } of refused) {
      it(`refuses ${what}`, () => {
        const problems = problemsOf(environment);
        assert.equal(problems.length, 1, `one problem expected, got ${JSON.stringify(problems)}`);
        assert.match(problems[0], problem);
      });
    }

    it('lists every bad entry of the role map at once', () => {
      const problems = problemsOf({ ENTRA_ROLE_MAP: 'A=chief,B,C=officer,D=boss' });
      assert.equal(problems.length, 3, JSON.stringify(problems));
      assert.ok(
        problems.every((problem) => problem.startsWith('ENTRA_ROLE_MAP: ')),
        JSON.stringify(problems),
      );
    });
  });
});

describe('bot/index (start-up with a bad configuration)', () => {
  // An empty working directory, so that a developer's own .env cannot change the outcome.
  const workDir = temporaryDirectoryPerTest('shield-config');

  it('exits non-zero with a readable list of every problem', async () => {
    const service = spawnService(workDir(), {
      NODE_ENV: 'production',
      PORT: 'eighty',
      MONGODB_URI: 'http://db.example.net',
    });
    const code = await service.exited;
    const stderr = service.stderr();
    assert.equal(code, 1, `exit code; stderr was:\n${stderr}`);
    const lines = stderr.trim().split('\n');
    assert.equal(lines[0], 'Invalid configuration:');
    assert.deepEqual(
      lines
        .slice(1)
        .map((line) => /^ {2}- (\w+): /.exec(line)?.[1])
        .sort(),
      ['CASE_TOKEN_SECRET', 'MONGODB_URI', 'MicrosoftAppId', 'PORT', 'WEBCHAT_TOKEN_SECRET'],
    );
    assert.equal(service.stdout(), '', 'nothing started, nothing printed on stdout');
  });

  it('names the missing app id when production starts without one', async () => {
    const service = spawnService(workDir(), { NODE_ENV: 'production' });
    assert.equal(await service.exited, 1);
    assert.match(service.stderr(), /- MicrosoftAppId: required when NODE_ENV is production/);
  });
});
