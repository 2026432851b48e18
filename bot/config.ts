import { config as loadDotenv } from 'dotenv';
import { z } from 'zod';
import { MAX_RETENTION_DAYS, MIN_RETENTION_DAYS } from '../models/core/retention';
import { OFFICER_ROLES, type OfficerRole } from '../models/core/roles';
import type { FailureCode } from '../models/core/errors';

/** Thrown when the environment does not describe a service that can start; lists every problem at once. */
export class ConfigError extends Error {
  readonly code = 'ConfigInvalid' satisfies FailureCode;
  constructor(readonly problems: readonly string[]) {
    super(`Invalid configuration:\n${problems.map((p) => `  - ${p}`).join('\n')}`);
    this.name = 'ConfigError';
  }
}

/** The environment with empty values left out: an empty value counts as unset, for every key. */
function withoutEmptyValues(
  source: Readonly<Record<string, string | undefined>>,
): Record<string, string | undefined> {
  return Object.fromEntries(Object.entries(source).filter(([, value]) => value !== ''));
}

const port = z.coerce.number().int().min(0).max(65535);
const positiveInt = z.coerce.number().int().positive();

const hostName = z
  .string()
  .regex(/^[a-z0-9.-]+(:\d+)?$/i, 'must be a host name such as reports.example.org (no scheme, no path)');
const booleanFlag = z.enum(['true', 'false']).transform((value) => value === 'true');

// Teams: the public host name (manifest, tab, SSO audience), the tenant check and the SSO token keys.
const teamsEnvironment = {
  PUBLIC_HOST: hostName.default('localhost:3978'),
  TEAMS_ALLOW_ALL_TENANTS: booleanFlag.default(false),
  TEAMS_SSO_AUDIENCE: z.string().min(1).optional(),
  ENTRA_JWKS_URL: z.url().default('https://login.microsoftonline.com/common/discovery/v2.0/keys'),
  TEAMS_FILE_HOSTS: z
    .string()
    .default('sharepoint.com')
    .transform((list) =>
      list
        .split(',')
        .map((host) => host.trim().toLowerCase())
        .filter(Boolean),
    )
    .pipe(z.array(z.string().regex(/^[a-z0-9.-]+$/, 'must be host names, comma-separated')).min(1)),
};

const GUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** Splits a comma-separated list, dropping the empty entries a trailing comma leaves. */
const commaList = (list: string): string[] =>
  list
    .split(',')
    .map((entry) => entry.trim())
    .filter(Boolean);

// `Shield.Officer=officer,0b1c...=supervisor`: an Entra app role value or group object id to a case API role.
// Every bad entry is reported, named, at once; group ids are kept in lower case, as tokens carry them.
const entraRoleMap = z.string().transform((list, context) => {
  const map = new Map<string, OfficerRole>();
  for (const entry of commaList(list)) {
    const match = /^([^=\s]+)=([^=\s]+)$/.exec(entry);
    if (!match) {
      context.addIssue({
        code: 'custom',
        message: `"${entry}" is not key=role (an app role value or group object id, then ${OFFICER_ROLES.join(', ')})`,
      });
      continue;
    }
    const key = GUID.test(match[1]) ? match[1].toLowerCase() : match[1];
    const role = OFFICER_ROLES.find((known) => known === match[2]);
    if (!role) {
      context.addIssue({
        code: 'custom',
        message: `"${key}" maps to the unknown role "${match[2]}" (known: ${OFFICER_ROLES.join(', ')})`,
      });
      continue;
    }
    const earlier = map.get(key);
    if (earlier !== undefined && earlier !== role) {
      context.addIssue({ code: 'custom', message: `"${key}" is mapped twice (${earlier} and ${role})` });
      continue;
    }
    map.set(key, role);
  }
  return map;
});

// Officers sign in to the Teams console with Entra ID tokens of these tenants, their roles mapped from the token.
const policeEnvironment = {
  POLICE_TENANT_IDS: z
    .string()
    .transform(commaList)
    .pipe(z.array(z.string().regex(GUID, 'each tenant id is a GUID').toLowerCase()))
    .default([]),
  ENTRA_ROLE_MAP: entraRoleMap.default(new Map<string, OfficerRole>()),
};

// The Shield network (bot/police/alerts): invitation codes' signing secret and the alert delivery's pace.
const alertsEnvironment = {
  INVITATION_SECRET: z.string().min(32, 'must be at least 32 characters (a random secret)').optional(),
  ALERT_TENANT_RATE: positiveInt.max(1000).default(50),
  ALERT_CONCURRENCY: positiveInt.max(1000).default(64),
};

const environmentSchema = z.object({
  NODE_ENV: z.enum(['development', 'test', 'production']).default('development'),
  PORT: port.default(3978),
  // Unset: 127.0.0.1 without a MicrosoftAppId (Emulator mode accepts unauthenticated requests), else 0.0.0.0.
  HOST: z.string().min(1).optional(),
  ALLOW_NETWORK_WITHOUT_APP_ID: booleanFlag.default(false),
  MONGODB_URI: z
    .string()
    .regex(/^mongodb(\+srv)?:\/\//, 'must start with mongodb:// or mongodb+srv://')
    .optional(),
  DATA_DIR: z.string().min(1).default('./data'),
  LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
  MAX_BODY_BYTES: positiveInt.default(256 * 1024),
  SHUTDOWN_GRACE_MS: positiveInt.default(10_000),
  // How far V8 lets the heap grow past what a full collection left alive, in percent (0: V8's own choice,
  // which under a flood grows it to four times); see bot/heap.ts.
  HEAP_GROWING_PERCENT: z.coerce.number().int().min(0).max(300).default(50),
  // Load shedding of new conversations and anonymous routes (see bot/http/admission.ts).
  SHED_EVENT_LOOP_LAG_MS: positiveInt.default(500),
  SHED_IN_FLIGHT: positiveInt.default(256),
  ANONYMOUS_REQUESTS_PER_SECOND: positiveInt.default(200),
  // Below the shedding thresholds, new web chat conversations must solve a proof of work (bot/http/proofOfWork.ts);
  // 0 asks it of every new conversation.
  PROOF_OF_WORK_LAG_MS: z.coerce.number().int().min(0).default(200),
  PROOF_OF_WORK_IN_FLIGHT: z.coerce.number().int().min(0).default(128),
  PROOF_OF_WORK_RATE: z.coerce.number().int().min(0).default(100),
  PROOF_OF_WORK_MAX_NUMBER: positiveInt.max(10_000_000).default(50_000),
  PROOF_OF_WORK_TTL_SECONDS: positiveInt.min(10).max(3600).default(300),
  LOGIN_CONCURRENCY: positiveInt.max(64).default(2),
  TRUST_PROXY_HOPS: z.coerce.number().int().min(0).default(0),
  TIME_ZONE: z
    .string()
    .refine((zone) => {
      try {
        new Intl.DateTimeFormat('en', { timeZone: zone });
        return true;
      } catch {
        return false;
      }
    }, 'must be an IANA time zone such as Europe/Brussels')
    .default('Europe/Brussels'),
  DRAFT_TTL_HOURS: positiveInt.max(24 * 30).default(24),
  RETENTION_DAYS: positiveInt.min(MIN_RETENTION_DAYS).max(MAX_RETENTION_DAYS).default(90),
  WEBCHAT_TOKEN_SECRET: z.string().min(32, 'must be at least 32 characters').optional(),
  WEBCHAT_TOKEN_TTL_SECONDS: positiveInt.min(60).max(86_400).default(1800),
  WEBCHAT_ALLOWED_ORIGINS: z
    .string()
    .transform((list) =>
      list
        .split(',')
        .map((origin) => origin.trim())
        .filter(Boolean),
    )
    .pipe(z.array(z.url().regex(/^https?:\/\/[^/]+$/, 'each origin is scheme://host[:port], no path')))
    .default([]),
  WEBCHAT_MAX_UPLOAD_BYTES: positiveInt.max(100 * 1024 * 1024).default(10 * 1024 * 1024),
  WEBCHAT_TOKENS_PER_MINUTE: positiveInt.default(20),
  WEBCHAT_ACTIVITIES_PER_MINUTE: positiveInt.default(60),
  WEBCHAT_MAX_ACTIVITIES: positiveInt.default(1000),
  DIRECT_LINE_SECRET: z.string().optional(),
  DIRECT_LINE_ENDPOINT: z.url().default('https://directline.botframework.com/v3/directline'),
  MicrosoftAppId: z.string().optional(),
  MicrosoftAppPassword: z.string().optional(),
  MicrosoftAppType: z.enum(['MultiTenant', 'SingleTenant', 'UserAssignedMSI']).default('MultiTenant'),
  MicrosoftAppTenantId: z.string().optional(),
  BOT_OPENID_METADATA_URL: z.url().optional(),
  CASE_TOKEN_SECRET: z.string().min(32, 'must be at least 32 characters (a random secret)').optional(),
  CASE_TOKEN_MINUTES: positiveInt.max(24 * 60).default(15),
  CASE_SESSION_IDLE_MINUTES: positiveInt.max(24 * 60).default(30),
  ...teamsEnvironment,
  ...policeEnvironment,
  ...alertsEnvironment,
});

type Environment = z.infer<typeof environmentSchema>;

/** Every key the service reads from the environment, as the schema declares them (README, .env.example). */
/** Keys only `npm run package:teams` reads (the service ignores them). */
const packagingOnlyEnvironment = {
  ALLOW_LOCAL_PACKAGE: z.enum(['0', '1']).default('0'),
};

export const CONFIG_KEYS: readonly string[] = Object.freeze([
  ...Object.keys(environmentSchema.shape),
  ...Object.keys(packagingOnlyEnvironment),
]);

/** The value a key takes when it is unset, as the schema declares it (undefined: no default). */
export function configDefault(key: string): unknown {
  const fields: Record<string, z.ZodType> = { ...environmentSchema.shape, ...packagingOnlyEnvironment };
  const field = fields[key];
  const parsed = field?.safeParse(undefined);
  return parsed?.success ? parsed.data : undefined;
}

/** The service's validated, read-only configuration (made by `configFrom`, the one mapping from keys). */
export type Config = ReturnType<typeof configFrom>;
/** The Shield network: partner invitations and police alerts. */
export type AlertsConfig = Config['alerts'];
/** Entra ID sign-in of officers to the case API (the Teams console); off while `tenantIds` is empty. */
export type PoliceEntraConfig = Config['policeEntra'];
/** Teams settings: where the service is reachable and whose tokens and tenants it accepts. */
export type TeamsConfig = Config['teams'];

// The keys the cross-field rules read; checked on their own too, so that a malformed PORT does not hide
// a missing app id (the start-up message lists every problem at once).
const crossFieldSchema = environmentSchema.pick({
  NODE_ENV: true,
  HOST: true,
  ALLOW_NETWORK_WITHOUT_APP_ID: true,
  MicrosoftAppId: true,
  MicrosoftAppPassword: true,
  MicrosoftAppType: true,
  MicrosoftAppTenantId: true,
  WEBCHAT_TOKEN_SECRET: true,
  CASE_TOKEN_SECRET: true,
});

/** Whether a listening address is reachable from this machine only. */
export function isLoopbackHost(host: string): boolean {
  return host === 'localhost' || host === '::1' || /^127\.\d{1,3}\.\d{1,3}\.\d{1,3}$/.test(host);
}

/** The address to listen on: HOST, or by default this machine only unless the bot has an app id. */
function listenHost(env: { HOST?: string | undefined; MicrosoftAppId?: string | undefined }): string {
  return env.HOST ?? (env.MicrosoftAppId ? '0.0.0.0' : '127.0.0.1');
}

function crossFieldProblems(env: z.infer<typeof crossFieldSchema>): string[] {
  const problems: string[] = [];
  const host = listenHost(env);
  if (!env.MicrosoftAppId && !isLoopbackHost(host) && !env.ALLOW_NETWORK_WITHOUT_APP_ID) {
    problems.push(
      `HOST: ${host} is reachable from the network, and without a MicrosoftAppId nothing authenticates the bot's callers; set MicrosoftAppId, listen on 127.0.0.1, or set ALLOW_NETWORK_WITHOUT_APP_ID=true (web chat on the network; /api/messages still answers this machine only)`,
    );
  }
  if (env.NODE_ENV === 'production' && !env.MicrosoftAppId) {
    problems.push(
      'MicrosoftAppId: required when NODE_ENV is production (an empty app id disables Bot Connector authentication)',
    );
  }
  if (env.NODE_ENV === 'production' && !env.CASE_TOKEN_SECRET) {
    problems.push('CASE_TOKEN_SECRET: required when NODE_ENV is production (signs the case console logins)');
  }
  if (env.MicrosoftAppId && env.MicrosoftAppType !== 'UserAssignedMSI' && !env.MicrosoftAppPassword) {
    problems.push('MicrosoftAppPassword: required when MicrosoftAppId is set');
  }
  if (env.MicrosoftAppType !== 'MultiTenant' && !env.MicrosoftAppTenantId) {
    problems.push(`MicrosoftAppTenantId: required when MicrosoftAppType is ${env.MicrosoftAppType}`);
  }
  if (env.NODE_ENV === 'production' && !env.WEBCHAT_TOKEN_SECRET) {
    problems.push(
      'WEBCHAT_TOKEN_SECRET: required when NODE_ENV is production (every instance must sign web chat tokens with the same secret)',
    );
  }
  return problems;
}

/** Validates an environment (a plain key/value map) into a frozen Config, or throws ConfigError listing every problem. */
export function loadConfig(environment: Readonly<Record<string, string | undefined>>): Config {
  const source = withoutEmptyValues(environment);
  const parsed = environmentSchema.safeParse(source);
  if (!parsed.success) {
    const problems = parsed.error.issues.map(
      (issue) => `${issue.path.join('.') || '(root)'}: ${issue.message}`,
    );
    const crossFields = crossFieldSchema.safeParse(source);
    if (crossFields.success) problems.push(...crossFieldProblems(crossFields.data));
    throw new ConfigError(problems);
  }
  const env = parsed.data;
  const problems = crossFieldProblems(env);
  if (env.POLICE_TENANT_IDS.length > 0 && env.ENTRA_ROLE_MAP.size === 0) {
    problems.push(
      'ENTRA_ROLE_MAP: required when POLICE_TENANT_IDS is set (without it no officer would have a role)',
    );
  }
  if (problems.length > 0) throw new ConfigError(problems);
  return configFrom(env);
}

/** A copy of a map, typed so that no one changes it. */
function readonlyCopy<K, V>(map: ReadonlyMap<K, V>): ReadonlyMap<K, V> {
  return new Map(map);
}

/** The configuration from a valid environment: where each key lands, and what it is for. */
function configFrom(env: Environment) {
  return Object.freeze({
    env: env.NODE_ENV,
    port: env.PORT,
    host: listenHost(env),
    mongodbUri: env.MONGODB_URI,
    dataDir: env.DATA_DIR,
    logLevel: env.LOG_LEVEL,
    maxBodyBytes: env.MAX_BODY_BYTES,
    shutdownGraceMs: env.SHUTDOWN_GRACE_MS,
    heapGrowingPercent: env.HEAP_GROWING_PERCENT,
    /** When new conversations and anonymous routes are refused (503) so that witnesses in progress go on. */
    admission: Object.freeze({
      eventLoopLagMs: env.SHED_EVENT_LOOP_LAG_MS,
      maxInFlight: env.SHED_IN_FLIGHT,
      anonymousPerSecond: env.ANONYMOUS_REQUESTS_PER_SECOND,
      /** Password checks (argon2) at once; more wait in a short queue, beyond it 503. */
      loginConcurrency: env.LOGIN_CONCURRENCY,
    }),
    /** When and how hard a new web chat conversation must prove some work first (below the shedding level). */
    proofOfWork: Object.freeze({
      eventLoopLagMs: env.PROOF_OF_WORK_LAG_MS,
      maxInFlight: env.PROOF_OF_WORK_IN_FLIGHT,
      anonymousPerSecond: env.PROOF_OF_WORK_RATE,
      /** The challenge's secret counter is drawn from 0 to this: the solver hashes half of it on average. */
      maxNumber: env.PROOF_OF_WORK_MAX_NUMBER,
      ttlSeconds: env.PROOF_OF_WORK_TTL_SECONDS,
    }),
    /** Reverse proxies in front of the service whose `X-Forwarded-For` entries are believed (0: none). */
    trustProxyHops: env.TRUST_PROXY_HOPS,
    /** The zone witnesses mean when they say "yesterday at 5pm". */
    timeZone: env.TIME_ZONE,
    /** Unfinished reports untouched for this long are discarded. */
    draftTtlHours: env.DRAFT_TTL_HOURS,
    /** Closed cases are deleted this many days after closing. */
    retentionDays: env.RETENTION_DAYS,
    webchat: Object.freeze({
      /** Signs web chat tokens; random per process when not configured (development only). */
      tokenSecret: env.WEBCHAT_TOKEN_SECRET,
      tokenTtlSeconds: env.WEBCHAT_TOKEN_TTL_SECONDS,
      /** Sites that may embed the widget (CORS and frame-ancestors); the service's own origin always may. */
      allowedOrigins: Object.freeze([...env.WEBCHAT_ALLOWED_ORIGINS]),
      maxUploadBytes: env.WEBCHAT_MAX_UPLOAD_BYTES,
      tokensPerMinute: env.WEBCHAT_TOKENS_PER_MINUTE,
      activitiesPerMinute: env.WEBCHAT_ACTIVITIES_PER_MINUTE,
      maxActivities: env.WEBCHAT_MAX_ACTIVITIES,
      /** With a secret, the page uses Azure's Direct Line through a server-side token exchange. */
      directLineSecret: env.DIRECT_LINE_SECRET,
      directLineEndpoint: env.DIRECT_LINE_ENDPOINT,
    }),
    /** Signs the case console's bearer tokens; unset outside production means a random per-process secret. */
    caseTokenSecret: env.CASE_TOKEN_SECRET,
    /** How long a case console login lasts. */
    caseTokenTtlMinutes: env.CASE_TOKEN_MINUTES,
    /** A console session that is not used for this long ends (its refresh token is refused). */
    caseSessionIdleMinutes: env.CASE_SESSION_IDLE_MINUTES,
    bot: Object.freeze({
      appId: env.MicrosoftAppId ?? '',
      appPassword: env.MicrosoftAppPassword ?? '',
      appType: env.MicrosoftAppType,
      appTenantId: env.MicrosoftAppTenantId ?? '',
      // Optional in the type, so that a test's bot settings may leave it out.
      ...({ openIdMetadataUrl: env.BOT_OPENID_METADATA_URL } as {
        /** Where the Bot Connector's signing keys are described; unset means Microsoft's public cloud. */
        readonly openIdMetadataUrl?: string | undefined;
      }),
    }),
    teams: Object.freeze({
      /** Public host name (and port) of the service, as Teams reaches it. */
      publicHost: env.PUBLIC_HOST,
      /** Accept messages from every Teams tenant, not only registered partner organisations. */
      allowAllTenants: env.TEAMS_ALLOW_ALL_TENANTS,
      /** The audience the tab's single sign-on tokens must carry. */
      ssoAudience: env.TEAMS_SSO_AUDIENCE ?? `api://${env.PUBLIC_HOST}/${env.MicrosoftAppId ?? ''}`,
      /** Where Entra ID publishes the keys that sign its tokens. */
      jwksUrl: env.ENTRA_JWKS_URL,
      /** Hosts (and their subdomains) that files sent in the Teams chat are downloaded from. */
      fileHosts: Object.freeze([...env.TEAMS_FILE_HOSTS]),
    }),
    policeEntra: Object.freeze({
      /** The police's own tenants, in lower case; partner organisations' tenants are never among them. */
      tenantIds: Object.freeze([...env.POLICE_TENANT_IDS]),
      /** App role value or group object id -> the case API role it grants; the highest granted role wins. */
      roleMap: readonlyCopy(env.ENTRA_ROLE_MAP),
    }),
    /** The Shield network: partner invitations and police alerts. */
    alerts: Object.freeze({
      /**
       * Signs invitation codes; when unset, a key derived from CASE_TOKEN_SECRET (required in production), and
       * without either a random one per process (development only).
       */
      invitationSecret: env.INVITATION_SECRET,
      /** Alert cards sent per second into one tenant (Teams allows about 50 per app per tenant). */
      tenantRate: env.ALERT_TENANT_RATE,
      /** Tenants one instance delivers to at the same time. */
      concurrency: env.ALERT_CONCURRENCY,
    }),
  });
}

/** Reads `.env` (if present, without overriding the real environment) and the process environment. */
export function readConfig(): Config {
  loadDotenv({ quiet: true });
  return loadConfig(process.env);
}

const packagingSchema = z.object({
  MicrosoftAppId: z.uuid("must be the bot's app id (a GUID) to build the Teams app package"),
  PUBLIC_HOST: teamsEnvironment.PUBLIC_HOST,
  ...packagingOnlyEnvironment,
});

/** What the Teams app packages need, validated; no secret is required. */
export interface PackagingConfig {
  appId: string;
  publicHost: string;
  /** False when PUBLIC_HOST was not set and `publicHost` is only the development default. */
  publicHostGiven: boolean;
  /** `ALLOW_LOCAL_PACKAGE=1`: a package for a local host may be built, for testing only. */
  allowLocalPackage: boolean;
}

/** What the Teams app package needs (bot app id and public host), validated. */
export function loadPackagingConfig(source: Readonly<Record<string, string | undefined>>): PackagingConfig {
  const given = withoutEmptyValues(source);
  const parsed = packagingSchema.safeParse(given);
  if (!parsed.success) {
    throw new ConfigError(
      parsed.error.issues.map((issue) => `${issue.path.join('.') || '(root)'}: ${issue.message}`),
    );
  }
  return {
    appId: parsed.data.MicrosoftAppId,
    publicHost: parsed.data.PUBLIC_HOST,
    publicHostGiven: given.PUBLIC_HOST !== undefined,
    allowLocalPackage: parsed.data.ALLOW_LOCAL_PACKAGE === '1',
  };
}

/** The packaging configuration from `.env` and the process environment. */
export function readPackagingConfig(): PackagingConfig {
  loadDotenv({ quiet: true });
  return loadPackagingConfig(process.env);
}
