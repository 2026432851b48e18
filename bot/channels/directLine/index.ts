import type { ActivityHandler, CloudAdapter } from 'botbuilder';
import { RateLimiterMemory } from 'rate-limiter-flexible';
import type { Server } from 'restify';
import { whenReachable, type Database } from '../../../models/store/db';
import { ensureLimitIndexes, SharedCounterLimiter } from '../../../models/store/rateLimits';
import { EvidenceFiles } from '../../../models/store/evidenceFiles';
import { ResilientTranscripts } from '../../../models/store/resilientTranscript';
import type { Config } from '../../config';
import type { Logger } from '../../logger';
import { ProofOfWork } from '../../http/proofOfWork';
import type { FrontGate } from '../../http/frontGate';
import { ReportBot, welcomeFor } from '../reportBot';
import { DirectLineChannel } from './channel';
import { registerDirectLine, screenTokens } from './routes';
import { DirectLineTokens } from './tokens';
import { registerUpload } from './upload';

const LIMITS_COLLECTION = 'webchatLimits';

/** The web chat channel, ready to register on a server; `serviceUrl` is set once the server listens. */
export interface WebchatChannel {
  channel: DirectLineChannel;
  transcripts: ResilientTranscripts;
  /** The proof of work new conversations show under pressure (its counts are read by the benchmarks). */
  proofOfWork: ProofOfWork;
  /**
   * With `underPressure`, new conversations must solve a proof of work while it says so; with `gate`, the
   * refusals that need only the headers (no token, a forged one) are answered there, before restify.
   */
  register(server: Server, options?: { underPressure?: () => boolean; gate?: FrontGate }): void;
  /** Ends the open WebSocket streams. */
  close(): void;
  setServiceUrl(url: string): void;
}

/** Builds the self-hosted Direct Line channel on the service's database, adapter and bot. */
export async function createWebchatChannel(
  config: Pick<Config, 'webchat' | 'bot' | 'trustProxyHops' | 'proofOfWork' | 'admission'>,
  database: Pick<Database, 'connection'>,
  adapter: CloudAdapter,
  bot: ActivityHandler,
  logger: Logger,
  clock: () => Date,
  options: { streamPollMs?: number | undefined; databaseTimeoutMs?: number | undefined } = {},
): Promise<WebchatChannel> {
  if (!config.webchat.tokenSecret) {
    logger.warn(
      'WEBCHAT_TOKEN_SECRET is not set: web chat tokens are signed with a random key and end with this process',
    );
  }
  // Index set-up waits for a database that is unreachable at start-up instead of failing the start.
  await whenReachable(database.connection, () => ensureLimitIndexes(database.connection, LIMITS_COLLECTION));
  const tokens = new DirectLineTokens(config.webchat.tokenSecret, config.webchat.tokenTtlSeconds, clock);
  // During a database outage a conversation already under way goes on in memory (see resilientTranscript).
  const transcripts = new ResilientTranscripts(database.connection, {
    clock,
    ...(options.databaseTimeoutMs ? { timeoutMs: options.databaseTimeoutMs } : {}),
    onOutage: (operation, error) =>
      logger.warn(
        { operation, err: { name: (error as Error).name } },
        'web chat transcript: database unavailable',
      ),
  });
  // Counted in this instance's memory per message and shared through MongoDB about once a second (no round
  // trip per message; during an outage the counts wait in memory, so a witness's message is never an error).
  const activityLimiter = new SharedCounterLimiter(database.connection, {
    collection: LIMITS_COLLECTION,
    keyPrefix: 'activity',
    points: config.webchat.activitiesPerMinute,
    durationSeconds: 60,
    onSyncFailed: (error) =>
      logger.warn({ err: { name: (error as Error).name } }, 'web chat message counters not shared yet'),
  });
  let serviceUrl = '';
  let closeStreams: () => void = () => undefined;
  const channel = new DirectLineChannel({
    transcripts,
    tokens,
    adapter,
    bot,
    appId: config.bot.appId,
    serviceUrl: () => serviceUrl,
    activityLimiter,
    maxActivities: config.webchat.maxActivities,
    // The report bot's welcome is shown from the token until the conversation is stored (another bot, as
    // the benchmark's echo bot, shows nothing until then).
    welcome: bot instanceof ReportBot ? (locale) => [welcomeFor(locale)] : () => [],
    logger,
    clock,
    ...(options.streamPollMs ? { streamPollMs: options.streamPollMs } : {}),
  });
  const proofOfWork = new ProofOfWork({
    secret: config.webchat.tokenSecret,
    maxNumber: config.proofOfWork.maxNumber,
    ttlSeconds: config.proofOfWork.ttlSeconds,
    // Every solution accepted during its challenge's lifetime is remembered while the instance admits
    // no more anonymous requests than its global rate (capped, about 150 bytes an entry).
    replayMemory: Math.min(100_000, config.admission.anonymousPerSecond * config.proofOfWork.ttlSeconds),
    clock,
  });
  return {
    channel,
    transcripts,
    proofOfWork,
    register(server, options = {}) {
      if (options.gate) screenTokens(options.gate, tokens, config.webchat.allowedOrigins);
      closeStreams = registerDirectLine(server, {
        channel,
        transcripts,
        tokens,
        // In this instance's memory: a token costs no database round trip, so a flood of token requests
        // (which is anonymous work) never reaches the database. Each instance counts its own requests.
        tokenLimiter: new RateLimiterMemory({
          keyPrefix: 'token',
          points: config.webchat.tokensPerMinute,
          duration: 60,
        }),
        trustProxyHops: config.trustProxyHops,
        allowedOrigins: config.webchat.allowedOrigins,
        ...(options.underPressure
          ? { proofOfWork: { check: proofOfWork, underPressure: options.underPressure } }
          : {}),
        ...(config.webchat.directLineSecret
          ? {
              azure: { secret: config.webchat.directLineSecret, endpoint: config.webchat.directLineEndpoint },
            }
          : {}),
        logger,
      });
      registerUpload(server, {
        channel,
        transcripts,
        files: new EvidenceFiles(database.connection),
        tokens,
        maxBytes: config.webchat.maxUploadBytes,
      });
    },
    close() {
      channel.close();
      activityLimiter.close();
      closeStreams();
    },
    setServiceUrl(url) {
      serviceUrl = `${url}/connector`;
    },
  };
}
