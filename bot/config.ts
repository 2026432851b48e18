import { config as loadDotenv } from 'dotenv';
import { z } from 'zod';

/** Thrown when the environment does not describe a service that can start; lists every problem at once. */
export class ConfigError extends Error {
  readonly code = 'CONFIG_INVALID';
  constructor(readonly problems: readonly string[]) {
    super(`Invalid configuration:\n${problems.map((p) => `  - ${p}`).join('\n')}`);
    this.name = 'ConfigError';
  }
}

const emptyToUndefined = (value: unknown): unknown => (value === '' ? undefined : value);

const port = z.coerce.number().int().min(0).max(65535);
const positiveInt = z.coerce.number().int().positive();

const hostName = z
  .string()
  .regex(/^[a-z0-9.-]+(:\d+)?$/i, 'must be a host name such as reports.example.org (no scheme, no path)');
const booleanFlag = z.enum(['true', 'false']).transform((value) => value === 'true');

// Teams: the public host name (manifest, tab, SSO audience), the tenant check and the SSO token keys.
const teamsEnvironment = {
  PUBLIC_HOST: z.preprocess(emptyToUndefined, hostName.default('localhost:3978')),
  TEAMS_ALLOW_ALL_TENANTS: z.preprocess(emptyToUndefined, booleanFlag.default(false)),
  TEAMS_SSO_AUDIENCE: z.preprocess(emptyToUndefined, z.string().min(1).optional()),
  ENTRA_JWKS_URL: z.preprocess(
    emptyToUndefined,
    z.url().default('https://login.microsoftonline.com/common/discovery/v2.0/keys'),
  ),
};

const environmentSchema = z.object({
  NODE_ENV: z.enum(['development', 'test', 'production']).default('development'),
  PORT: z.preprocess(emptyToUndefined, port.default(3978)),
  HOST: z.preprocess(emptyToUndefined, z.string().min(1).default('0.0.0.0')),
  MONGODB_URI: z.preprocess(
    emptyToUndefined,
    z
      .string()
      .regex(/^mongodb(\+srv)?:\/\//, 'must start with mongodb:// or mongodb+srv://')
      .optional(),
  ),
  DATA_DIR: z.preprocess(emptyToUndefined, z.string().min(1).default('./data')),
  LOG_LEVEL: z.preprocess(
    emptyToUndefined,
    z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
  ),
  MAX_BODY_BYTES: z.preprocess(emptyToUndefined, positiveInt.default(256 * 1024)),
  SHUTDOWN_GRACE_MS: z.preprocess(emptyToUndefined, positiveInt.default(10_000)),
  TIME_ZONE: z.preprocess(
    emptyToUndefined,
    z
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
  ),
  DRAFT_TTL_HOURS: z.preprocess(emptyToUndefined, positiveInt.max(24 * 30).default(24)),
  RETENTION_DAYS: z.preprocess(emptyToUndefined, positiveInt.max(3650).default(90)),
  MicrosoftAppId: z.preprocess(emptyToUndefined, z.string().optional()),
  MicrosoftAppPassword: z.preprocess(emptyToUndefined, z.string().optional()),
  MicrosoftAppType: z.preprocess(
    emptyToUndefined,
    z.enum(['MultiTenant', 'SingleTenant', 'UserAssignedMSI']).default('MultiTenant'),
  ),
  MicrosoftAppTenantId: z.preprocess(emptyToUndefined, z.string().optional()),
  ...teamsEnvironment,
});

type Environment = z.infer<typeof environmentSchema>;

/** The service's validated, read-only configuration. */
export interface Config {
  readonly env: Environment['NODE_ENV'];
  readonly port: number;
  readonly host: string;
  readonly mongodbUri: string | undefined;
  readonly dataDir: string;
  readonly logLevel: Environment['LOG_LEVEL'];
  readonly maxBodyBytes: number;
  readonly shutdownGraceMs: number;
  /** The zone witnesses mean when they say "yesterday at 5pm". */
  readonly timeZone: string;
  /** Unfinished reports untouched for this long are discarded. */
  readonly draftTtlHours: number;
  /** Closed cases are deleted this many days after closing. */
  readonly retentionDays: number;
  readonly bot: {
    readonly appId: string;
    readonly appPassword: string;
    readonly appType: Environment['MicrosoftAppType'];
    readonly appTenantId: string;
  };
  readonly teams: TeamsConfig;
}

/** Teams settings: where the service is reachable and whose tokens and tenants it accepts. */
export interface TeamsConfig {
  /** Public host name (and port) of the service, as Teams reaches it. */
  readonly publicHost: string;
  /** Accept messages from every Teams tenant, not only registered partner organisations. */
  readonly allowAllTenants: boolean;
  /** The audience the tab's single sign-on tokens must carry. */
  readonly ssoAudience: string;
  /** Where Entra ID publishes the keys that sign its tokens. */
  readonly jwksUrl: string;
}

// The keys the cross-field rules read; checked on their own too, so that a malformed PORT does not hide
// a missing app id (the start-up message lists every problem at once).
const crossFieldSchema = environmentSchema.pick({
  NODE_ENV: true,
  MicrosoftAppId: true,
  MicrosoftAppPassword: true,
  MicrosoftAppType: true,
  MicrosoftAppTenantId: true,
});

function crossFieldProblems(env: z.infer<typeof crossFieldSchema>): string[] {
  const problems: string[] = [];
  if (env.NODE_ENV === 'production' && !env.MicrosoftAppId) {
    problems.push(
      'MicrosoftAppId: required when NODE_ENV is production (an empty app id disables Bot Connector authentication)',
    );
  }
  if (env.MicrosoftAppId && env.MicrosoftAppType !== 'UserAssignedMSI' && !env.MicrosoftAppPassword) {
    problems.push('MicrosoftAppPassword: required when MicrosoftAppId is set');
  }
  if (env.MicrosoftAppType !== 'MultiTenant' && !env.MicrosoftAppTenantId) {
    problems.push(`MicrosoftAppTenantId: required when MicrosoftAppType is ${env.MicrosoftAppType}`);
  }
  return problems;
}

/** Validates an environment (a plain key/value map) into a frozen Config, or throws ConfigError listing every problem. */
export function loadConfig(source: Readonly<Record<string, string | undefined>>): Config {
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
  if (problems.length > 0) throw new ConfigError(problems);
  return Object.freeze({
    env: env.NODE_ENV,
    port: env.PORT,
    host: env.HOST,
    mongodbUri: env.MONGODB_URI,
    dataDir: env.DATA_DIR,
    logLevel: env.LOG_LEVEL,
    maxBodyBytes: env.MAX_BODY_BYTES,
    shutdownGraceMs: env.SHUTDOWN_GRACE_MS,
    timeZone: env.TIME_ZONE,
    draftTtlHours: env.DRAFT_TTL_HOURS,
    retentionDays: env.RETENTION_DAYS,
    bot: Object.freeze({
      appId: env.MicrosoftAppId ?? '',
      appPassword: env.MicrosoftAppPassword ?? '',
      appType: env.MicrosoftAppType,
      appTenantId: env.MicrosoftAppTenantId ?? '',
    }),
    teams: Object.freeze({
      publicHost: env.PUBLIC_HOST,
      allowAllTenants: env.TEAMS_ALLOW_ALL_TENANTS,
      ssoAudience: env.TEAMS_SSO_AUDIENCE ?? `api://${env.PUBLIC_HOST}/${env.MicrosoftAppId ?? ''}`,
      jwksUrl: env.ENTRA_JWKS_URL,
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
});

/** What the Teams app package needs (bot app id and public host), validated; no secret is required. */
export function loadPackagingConfig(source: Readonly<Record<string, string | undefined>>): {
  appId: string;
  publicHost: string;
} {
  const parsed = packagingSchema.safeParse(source);
  if (!parsed.success) {
    throw new ConfigError(
      parsed.error.issues.map((issue) => `${issue.path.join('.') || '(root)'}: ${issue.message}`),
    );
  }
  return { appId: parsed.data.MicrosoftAppId, publicHost: parsed.data.PUBLIC_HOST };
}

/** The packaging configuration from `.env` and the process environment. */
export function readPackagingConfig(): { appId: string; publicHost: string } {
  loadDotenv({ quiet: true });
  return loadPackagingConfig(process.env);
}
