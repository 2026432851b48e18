import type { AddressInfo } from 'node:net';
import { ConversationState, UserState, type ActivityHandler, type Storage } from 'botbuilder';
import path from 'node:path';
import { MainDialog, PREFERENCES_PROPERTY, type ConversationPreferences } from '../dialogs/mainDialog';
import {
  answerCounter,
  bounded,
  isConnected,
  openDatabase,
  whenReachable,
  type Database,
} from '../models/store/db';
import { MongoStorage } from '../models/store/mongoStorage';
import { ResilientStorage } from '../models/store/resilientStorage';
import { RECEIPT_ATTEMPTS_COLLECTION, receiptGuard, WitnessFollowUp } from '../models/store/followUp';
import { ensureLimitIndexes } from '../models/store/rateLimits';
import { ReportRepository } from '../models/store/reportRepository';
import { QuestionnaireArchive } from '../models/store/questionnaireArchive';
import type { QuestionnaireSpec } from '../models/core/questionnaire';
import { migrateReports } from '../models/store/reportMigration';
import { activeOrganisationName } from '../models/store/organisation';
import { saveConversationReference } from '../models/store/conversationReference';
import {
  admitTeamsMessage,
  greetTeamsMembers,
  rememberingTenantLookup,
  type TeamsGateDeps,
} from './channels/teams/teamsGate';
import { withTeamsContact } from './channels/teams/teamsSubmission';
import type { TeamsFileDeps } from './channels/teams/teamsFiles';
import { EvidenceFiles } from '../models/store/evidenceFiles';
import { registerMyReportsRoute } from './channels/teams/myReportsRoute';
import { createSsoVerifier } from './channels/teams/ssoToken';
import { registerTabRoutes } from './channels/teams/tabRoutes';
import { registerConsoleTab } from './police/cases/console';
import { createAdapter } from './channels/adapter';
import { AdmissionControl, shedAnonymousWork } from './http/admission';
import { createWebchatChannel } from './channels/directLine';
import { registerPages } from './witness/pages';
import { createCaseApi } from './police/cases/routes';
import { retentionPeriodIn } from './police/cases/retention';
import { createEntraCaseVerifier } from './police/cases/entraVerifier';
import { OfficerAccounts, type PasswordHasher } from '../models/store/officer';
import { QuestionDelivery, restConnector } from './channels/teams/questionDelivery';
import { answerNoticeToOfficer } from './channels/teams/answerNotice';
import { ensureNetworkIndexes } from '../models/store/alert';
import { AlertDelivery } from './police/alerts/alertDelivery';
import { restAlertConnector } from './police/alerts/alertConnector';
import { registerAlertRoutes } from './police/alerts/alertRoutes';
import { AlertTurns } from './police/alerts/alertTurns';
import { admitWithAlerts, invitationSecret } from './police/alerts';
import { AlertPhotoLinks } from './police/alerts/alertPhotos';
import { AuditTrail } from '../models/store/audit';
import { InvitationCodes, Invitations } from '../models/store/invitation';
import type { Config } from './config';
import type { Logger } from './logger';
import { limitHeapGrowth } from './heap';
import { ReportBot } from './channels/reportBot';
import { createServer, type ShieldServer } from './http/server';

/** A running service: its address and how to stop it gracefully. */
export interface RunningService {
  readonly url: string;
  readonly database: Database;
  readonly http: ShieldServer;
  /** The background delivery of officers' questions to Teams witnesses. */
  readonly questionDelivery: QuestionDelivery;
  /** Refused unauthenticated requests, counted in memory and written every few seconds (and at stop). */
  readonly refusals: { flush(): Promise<void> };
  /** Load shedding of anonymous work (its figures: event-loop lag, refusals by reason). */
  readonly admission: AdmissionControl;
  /** The background delivery of police alerts to partner members (the Shield network). */
  readonly alertDelivery: AlertDelivery;
  /** Stops accepting, lets in-flight requests finish (up to the grace period), then closes the database. */
  stop(): Promise<void>;
}

export interface ServiceOptions {
  /** The service's clock (tests move it). */
  clock?: () => Date;
  /** Use this database instead of opening one from the configuration (tests). */
  database?: Database;
  /** How often web chat streams look for activities other instances appended (tests; default 1 s). */
  streamPollMs?: number;
  /** Override the bot state storage (tests). */
  storage?: Storage;
  /** Replace the report bot (the benchmark measures a bare echo bot on the same stack). */
  bot?: ActivityHandler;
  /** Database name when the service opens its own database (tests use a fresh one). */
  dbName?: string;
  /** How long a turn waits for one database operation before it falls back (default 2 s). */
  databaseTimeoutMs?: number;
  /** How often reports and conversation state kept during an outage are delivered (default 5 s). */
  outboxIntervalMs?: number;
  /** Checks officer passwords (tests count the checks); argon2id by default. */
  passwords?: PasswordHasher;
  /** The questionnaire witnesses are asked (tests ask a fixture); today's built-in one by default. */
  questionnaire?: QuestionnaireSpec;
}

const HOUR = 3_600_000;
/** After this long away, a witness is welcomed back before the open question is asked again. */
const RESUME_AFTER_MS = 30 * 60_000;
const OUTBOX_INTERVAL_MS = 5_000;
const DELIVERY_INTERVAL_MS = 1_000;

function every(ms: number, job: () => Promise<unknown>, logger: Logger, name: string): NodeJS.Timeout {
  let running = false;
  const timer = setInterval(() => {
    if (running) return;
    running = true;
    job()
      .catch((error: unknown) =>
        logger.warn({ job: name, err: { name: (error as Error).name } }, 'background job failed'),
      )
      .finally(() => {
        running = false;
      });
  }, ms);
  timer.unref();
  return timer;
}

function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}

/** The bot with its dialogs, state and report repository, on an open database. */
export function buildBot(
  config: Pick<Config, 'dataDir' | 'draftTtlHours' | 'timeZone' | 'retentionDays'> & {
    bot?: Pick<Config['bot'], 'appId'>;
    teams?: Pick<Config['teams'], 'allowAllTenants' | 'fileHosts' | 'publicHost'>;
    webchat?: Pick<Config['webchat'], 'maxUploadBytes'>;
    env?: Config['env'];
  },
  database: Pick<Database, 'connection'>,
  logger: Logger,
  options: {
    clock?: () => Date;
    storage?: Storage | undefined;
    databaseTimeoutMs?: number | undefined;
    /** Told when a witness answers an officer's question. */
    onAnswered?: (caseNumber: string, questionId: string) => Promise<unknown>;
    /** Partner invitations typed in Teams (the Shield network); a random signing key when not given. */
    invitations?: Invitations;
    /** The questionnaire witnesses are asked; today's built-in one by default. */
    questionnaire?: QuestionnaireSpec;
  } = {},
): {
  bot: ReportBot;
  reports: ReportRepository;
  draftTtlMs: number;
  /** Bot state kept in memory while the database was down (undefined when a test gave its own storage). */
  state: ResilientStorage | undefined;
} {
  const clock = options.clock ?? (() => new Date());
  const timeoutMs = options.databaseTimeoutMs ?? 2_000;
  // A database outage must not end a witness's conversation: state falls back to memory (write-behind).
  let state: ResilientStorage | undefined;
  let storage: Storage;
  if (options.storage) storage = options.storage;
  else {
    state = new ResilientStorage(new MongoStorage(database.connection, clock), {
      timeoutMs,
      answers: answerCounter(database.connection),
      onOutage: (operation, error) =>
        logger.warn(
          { operation, err: { name: (error as Error).name } },
          'bot state: database unavailable, kept in memory until it is back',
        ),
    });
    storage = state;
  }
  const conversationState = new ConversationState(storage);
  const reports = new ReportRepository(database.connection, path.join(config.dataDir, 'outbox'), clock, {
    databaseTimeoutMs: timeoutMs,
  });
  const draftTtlMs = config.draftTtlHours * HOUR;
  const followUp = new WitnessFollowUp(
    database.connection,
    receiptGuard(database.connection),
    clock,
    options.onAnswered,
  );
  // Bounded, and during an outage a recently admitted tenant stays admitted (a witness can finish a report).
  const tenantLookup = rememberingTenantLookup(
    (tenantId) => activeOrganisationName(database.connection, tenantId),
    { clock },
  );
  const dialog = new MainDialog({
    // Teams witnesses' identities go to the case contact, and never into an anonymous report.
    reports: withTeamsContact(reports, database.connection, logger),
    followUp,
    clock,
    timeZone: config.timeZone,
    draftTtlMs,
    resumeAfterMs: RESUME_AFTER_MS,
    retentionDays: config.retentionDays,
    // An administrator may change the period at run time; witnesses are told the one in force (or, while
    // the database cannot say, the configured one).
    currentRetentionDays: async () => {
      try {
        return (await bounded(retentionPeriodIn(database.connection, config.retentionDays), timeoutMs))
          .retentionDays;
      } catch {
        return config.retentionDays;
      }
    },
    preferences: conversationState.createProperty<ConversationPreferences>(PREFERENCES_PROPERTY),
    organisationForTenant: tenantLookup,
    ...(options.questionnaire ? { questionnaire: options.questionnaire } : {}),
  });
  const teamsFileDeps: TeamsFileDeps | undefined =
    config.teams && config.webchat
      ? {
          files: new EvidenceFiles(database.connection),
          maxBytes: config.webchat.maxUploadBytes,
          allowedHosts: config.teams.fileHosts,
          allowHttp: config.env !== 'production',
          publicBase: `${config.env === 'production' ? 'https' : 'http'}://${config.teams.publicHost}`,
        }
      : undefined;
  const gateDeps: TeamsGateDeps = {
    allowAllTenants: config.teams?.allowAllTenants ?? false,
    organisationForTenant: tenantLookup,
    saveReference: (user, reference, saveOptions) =>
      saveConversationReference(database.connection, user, reference, saveOptions),
    hasReports: async (user) => (await followUp.casesOfTeamsUser(user.tenantId, user.aadObjectId)).length > 0,
    botAppId: config.bot?.appId,
    files: teamsFileDeps,
  };
  const alertTurns = new AlertTurns({
    connection: database.connection,
    invitations:
      options.invitations ??
      new Invitations(
        database.connection,
        new InvitationCodes(invitationSecret({ caseTokenSecret: undefined }).secret),
        clock,
      ),
    audit: new AuditTrail(database.connection, clock),
    logger,
    clock,
    databaseTimeoutMs: timeoutMs,
  });
  const bot = new ReportBot(
    conversationState,
    new UserState(storage),
    dialog,
    (context, error) =>
      logger.warn(
        { conversationId: context.activity.conversation?.id, err: { name: (error as Error).name } },
        'conversation state not saved after the turn answered',
      ),
    (context) => admitWithAlerts(context, (turn) => admitTeamsMessage(turn, gateDeps), alertTurns),
    (context) => greetTeamsMembers(context, gateDeps),
  );
  return { bot, reports, draftTtlMs, state };
}

/** Opens the database, builds the bot and the HTTP server, and listens. */
export async function startService(
  config: Config,
  logger: Logger,
  options: ServiceOptions = {},
): Promise<RunningService> {
  limitHeapGrowth(config.heapGrowingPercent);
  const database =
    options.database ??
    (await openDatabase({
      uri: config.mongodbUri,
      dataDir: config.dataDir,
      dbName: options.dbName,
      // An unreachable MongoDB at start-up still gives a service that takes reports (into the outbox).
      tolerateUnreachable: true,
      logger,
    }));
  if (database.kind === 'embedded') {
    logger.warn(
      { dataDir: config.dataDir },
      'using the embedded DEVELOPMENT database (data kept in DATA_DIR); set MONGODB_URI to use a real MongoDB',
    );
  }
  if (!isConnected(database.connection)) {
    logger.error(
      'the database is unreachable: reports are kept in DATA_DIR/outbox until it answers (see /readyz)',
    );
  }
  const clock = options.clock ?? (() => new Date());
  const setupFailed = (error: unknown) =>
    logger.error({ err: { name: (error as Error).name } }, 'database set-up failed');
  await whenReachable(
    database.connection,
    () => ensureLimitIndexes(database.connection, RECEIPT_ATTEMPTS_COLLECTION),
    setupFailed,
  );
  // Reports stored before answers were keyed by question id are rewritten once (idempotent). A failure
  // does not stop the service: such reports still read correctly, and the next start tries again.
  await whenReachable(
    database.connection,
    () =>
      migrateReports(database.connection, new QuestionnaireArchive(database.connection)).then((rewritten) => {
        if (rewritten > 0) logger.info({ rewritten }, 'reports migrated to answers by question id');
      }, setupFailed),
    setupFailed,
  );
  // The adapter that tells officers of answers is made after the bot: the bot calls it through this holder.
  const answerNotice: { send?: (caseNumber: string, questionId: string) => Promise<unknown> } = {};
  const signing = invitationSecret(config);
  if (signing.source === 'random') {
    logger.warn('INVITATION_SECRET is not set: invitation codes are valid for this process only');
  }
  const invitations = new Invitations(database.connection, new InvitationCodes(signing.secret), clock);
  const built = buildBot(config, database, logger, {
    invitations,
    clock,
    storage: options.storage,
    databaseTimeoutMs: options.databaseTimeoutMs,
    onAnswered: (caseNumber, questionId) =>
      answerNotice.send ? answerNotice.send(caseNumber, questionId) : Promise.resolve(),
    questionnaire: options.questionnaire,
  });
  const { reports, draftTtlMs, state } = built;
  const bot = options.bot ?? built.bot;
  const adapter = createAdapter(config, logger);
  const http = createServer({ config, adapter, bot, database, logger, outbox: reports });
  // New conversations and anonymous routes are shed under pressure; witnesses in progress are not.
  // A little below shedding, new web chat conversations must first solve a proof of work.
  const admission = new AdmissionControl({
    ...config.admission,
    inFlight: () => http.inFlight(),
    pressure: config.proofOfWork,
  });
  shedAnonymousWork(http.gate, admission);
  const webchat = await createWebchatChannel(config, database, adapter, bot, logger, clock, {
    streamPollMs: options.streamPollMs,
    databaseTimeoutMs: options.databaseTimeoutMs,
  });
  webchat.register(http.server, { underPressure: () => admission.pressure() !== undefined, gate: http.gate });
  registerPages(http.server, config.webchat.allowedOrigins, {
    // The privacy notice states the period in force (the configured one while the database cannot say).
    retentionDays: () =>
      bounded(retentionPeriodIn(database.connection, config.retentionDays), 2_000).then(
        (period) => period.retentionDays,
        () => config.retentionDays,
      ),
    draftTtlHours: config.draftTtlHours,
  });
  const notifyOfficer = answerNoticeToOfficer({
    connection: database.connection,
    adapter,
    appId: config.bot.appId,
    publicBase: `${config.env === 'production' ? 'https' : 'http'}://${config.teams.publicHost}`,
    clock,
  });
  answerNotice.send = (caseNumber, questionId) =>
    notifyOfficer(caseNumber, questionId).catch((error: unknown) =>
      logger.warn({ caseNumber, err: { name: (error as Error).name } }, 'officer not told of an answer'),
    );
  const questionDelivery = new QuestionDelivery({
    connection: database.connection,
    connector: restConnector(adapter, config.bot.appId),
    logger,
    clock,
  });
  // Officers in the Teams console sign in with Entra ID once the police's tenants are configured.
  const entraVerifiers =
    config.policeEntra.tenantIds.length === 0
      ? []
      : [
          createEntraCaseVerifier({
            jwksUrl: config.teams.jwksUrl,
            audience: config.teams.ssoAudience,
            policeTenantIds: config.policeEntra.tenantIds,
            roleMap: config.policeEntra.roleMap,
            accounts: new OfficerAccounts(database.connection, clock),
            clock,
          }),
        ];
  const cases = await createCaseApi({
    connection: database.connection,
    config,
    logger,
    clock,
    verifiers: entraVerifiers,
    ...(options.passwords ? { passwords: options.passwords } : {}),
    // Only queued here: the officer gets the answer at once, and the case shows how delivery went.
    onQuestion: (caseNumber, questionId) => questionDelivery.enqueue(caseNumber, questionId),
    deliveries: questionDelivery.queue,
  });
  cases.register(http.server);
  const photoLinks = new AlertPhotoLinks(
    signing.secret,
    `${config.env === 'production' ? 'https' : 'http'}://${config.teams.publicHost}`,
  );
  const alertDelivery = new AlertDelivery({
    connection: database.connection,
    connector: restAlertConnector(adapter, config.bot.appId),
    logger,
    timeZone: config.timeZone,
    clock,
    tenantRate: config.alerts.tenantRate,
    photoUrl: (alert) => photoLinks.url(alert),
    concurrency: config.alerts.concurrency,
  });
  // The Shield network's indexes are built before the service answers, like the others (not in the middle
  // of the first requests).
  await whenReachable(database.connection, () => ensureNetworkIndexes(database.connection), setupFailed);
  registerAlertRoutes(http.server, {
    connection: database.connection,
    tools: cases.tools,
    invitations,
    deliveries: alertDelivery.queue,
    kick: () => alertDelivery.kick(),
    clock,
    botAppId: config.bot.appId,
    photoLinks,
  });
  // Outside production, a local test page may frame the tab too (the browser test's stand-in for Teams).
  const testFrameHosts = config.env === 'production' ? '' : 'http://localhost:* http://127.0.0.1:*';
  registerTabRoutes(http.server, testFrameHosts);
  registerConsoleTab(http.server, testFrameHosts);
  registerMyReportsRoute(http.server, {
    connection: database.connection,
    logger,
    verify: createSsoVerifier({
      jwksUrl: config.teams.jwksUrl,
      audience: config.teams.ssoAudience,
      allowAllTenants: config.teams.allowAllTenants,
      isPartnerTenant: async (tenantId) =>
        (await activeOrganisationName(database.connection, tenantId)) !== undefined,
    }),
  });
  const jobs = [
    // Reports not yet acknowledged by the database wait on disk, and conversation state written during an
    // outage in memory, until it is back.
    every(
      options.outboxIntervalMs ?? OUTBOX_INTERVAL_MS,
      async () => {
        await state?.flush();
        await webchat.transcripts.flush();
        const delivered = await reports.flushOutbox();
        if (delivered > 0) logger.info({ delivered }, 'queued reports delivered to the database');
      },
      logger,
      'outbox flush',
    ),
    // Unfinished drafts (conversation state) are not kept longer than the configured time.
    every(
      HOUR / 4,
      async () => {
        const expired = new Date(clock().getTime() - draftTtlMs);
        // A draft that old can no longer be confirmed, so its report's delivery mark is not needed either.
        await reports.pruneDeliveryMarks(expired);
        await new MongoStorage(database.connection).deleteUnchangedSince(expired);
      },
      logger,
      'draft retention',
    ),
    // Web chat transcripts hold witness words: kept as long as a case is (the period in force, which an
    // administrator may have changed), measured from the last activity.
    every(
      HOUR,
      async () => {
        const { retentionDays } = await cases.retention.period();
        return webchat.transcripts.deleteIdleSince(new Date(clock().getTime() - retentionDays * 24 * HOUR));
      },
      logger,
      'transcript retention',
    ),
    // Web chat conversations anyone can start are deleted an hour later unless the witness wrote in them.
    every(10 * 60_000, () => webchat.transcripts.deleteUnused(), logger, 'unused conversation retention'),
    // Officers' questions to Teams witnesses (retried with backoff while the connector refuses).
    every(
      DELIVERY_INTERVAL_MS,
      () => {
        questionDelivery.kick();
        return questionDelivery.idle();
      },
      logger,
      'question delivery',
    ),
    // Police alerts to partner members (paced per tenant, backed off while the connector refuses).
    every(
      DELIVERY_INTERVAL_MS,
      () => {
        alertDelivery.kick();
        return alertDelivery.idle();
      },
      logger,
      'alert delivery',
    ),
    // Closed cases are deleted after the retention period (RETENTION_DAYS unless an administrator set one).
    every(HOUR, () => cases.retention.run(), logger, 'case retention'),
    // Hourly counts of refused logins are kept REFUSAL_COUNT_DAYS (the embedded database runs no TTL index).
    every(HOUR, () => cases.refusals.purgeExpired(), logger, 'refusal count retention'),
  ];

  await new Promise<void>((resolve) => {
    http.server.listen(config.port, config.host, () => resolve());
  });
  const address: AddressInfo = http.server.address();
  const host = address.family === 'IPv6' ? `[${address.address}]` : address.address;
  const url = `http://${host === '0.0.0.0' || host === '[::]' ? '127.0.0.1' : host}:${address.port}`;
  webchat.setServiceUrl(url);
  logger.info({ port: address.port, database: database.kind }, 'listening');

  let stopping: Promise<void> | undefined;
  const stop = (): Promise<void> => {
    stopping ??= (async () => {
      for (const job of jobs) clearInterval(job);
      admission.close();
      await questionDelivery.idle();
      // Sends in flight finish; the tenants this instance held go back to the queue for the next one.
      await alertDelivery.stop();
      webchat.close();
      const closed = new Promise<void>((resolve) => http.server.server.close(() => resolve()));
      http.server.server.closeIdleConnections();
      const deadline = Date.now() + config.shutdownGraceMs;
      while (http.inFlight() > 0 && Date.now() < deadline) await sleep(20);
      http.server.server.closeAllConnections();
      await closed;
      await cases.refusals.flush().catch(() => undefined);
      if (!options.database) await database.close();
      logger.info('stopped');
    })();
    return stopping;
  };
  return {
    url,
    database,
    http,
    questionDelivery,
    alertDelivery,
    refusals: cases.refusals,
    admission,
    stop,
  };
}
