import {
  CallerIdConstants,
  CloudAdapter,
  ConfigurationBotFrameworkAuthentication,
  type Activity,
  type InvokeResponse,
  type TurnContext,
} from 'botbuilder';
import { AuthenticationConstants, type AuthenticateRequestResult } from 'botframework-connector';
import { messagesFor, resolveLocale } from '../../dialogs/locales';
import { ServiceError } from '../../models/core/errors';
import type { Config } from '../config';
import type { Logger } from '../logger';

function errorSummary(error: unknown): Record<string, unknown> {
  if (error instanceof Error) {
    return { name: error.name, code: (error as { code?: unknown }).code, stack: error.stack };
  }
  return { name: typeof error };
}

/** A caller refused before any bot code runs, with the answer it gets (a stable code, no internals). */
export class CallerRefused extends ServiceError {
  override readonly name = 'CallerRefused';

  constructor(override readonly code: 'EmulatorLocalOnly' | 'ServiceUrlRefused') {
    super(code);
  }
}

/** Whether a socket peer address is this machine (127.0.0.0/8 or ::1, also IPv4-mapped). */
export function isLoopbackAddress(address: string | undefined): boolean {
  if (!address) return false;
  const plain = address.startsWith('::ffff:') ? address.slice('::ffff:'.length) : address;
  return plain === '::1' || /^127\.\d{1,3}\.\d{1,3}\.\d{1,3}$/.test(plain);
}

/** Whether a serviceUrl is an http(s) URL on this machine. */
export function isLoopbackUrl(serviceUrl: unknown): boolean {
  if (typeof serviceUrl !== 'string' || serviceUrl.length > 2000) return false;
  let url: URL;
  try {
    url = new URL(serviceUrl);
  } catch {
    return false;
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') return false;
  const host = url.hostname.toLowerCase();
  return host === 'localhost' || host === '[::1]' || isLoopbackAddress(host);
}

const NOT_LOCAL = new CallerRefused('EmulatorLocalOnly');
const SERVICE_URL_REFUSED = new CallerRefused('ServiceUrlRefused');

/** The `Authorization` header a connector client's credentials would put on a request, if any. */
export async function signedAuthorization(credentials: unknown): Promise<string | undefined> {
  const signer = credentials as
    | { signRequest?: (request: { headers: { set(name: string, value: string): void } }) => Promise<unknown> }
    | undefined;
  if (typeof signer?.signRequest !== 'function') return undefined;
  let authorization: string | undefined;
  await signer.signRequest({
    headers: {
      set(name: string, value: string) {
        if (name.toLowerCase() === 'authorization') authorization = value;
      },
    },
  });
  return authorization;
}

/** The adapter, which also lets the HTTP route check a caller before any bot code runs. */
export class ShieldAdapter extends CloudAdapter {
  constructor(
    authentication: ConfigurationBotFrameworkAuthentication,
    private readonly appId: string,
  ) {
    super(authentication);
  }

  /**
   * Checks who sent an inbound activity and where the reply would go, before any bot code runs; throws
   * CallerRefused, or `AuthenticationError` for a refused Bot Connector token.
   *
   * Without an app id nothing can be authenticated (Emulator mode), so the caller must be on this machine
   * (its socket address: no header is believed) and so must the serviceUrl the bot posts its replies to;
   * otherwise anyone on the network could make the bot send requests to any address (server-side request
   * forgery), or claim any identity. That also settles Teams-shaped activities: only the local Agents
   * Playground can send `msteams` ones unauthenticated. With an app id, the Bot Connector's token decides:
   * a channel's token names the serviceUrl it endorses, which must be the activity's (botbuilder checks
   * it); a token without one (the Emulator's, with the app's own credentials) may only name this machine.
   */
  async authenticate(
    activity: Partial<Activity>,
    authHeader: string,
    remoteAddress: string | undefined,
  ): Promise<AuthenticateRequestResult> {
    if (!this.appId) {
      if (!isLoopbackAddress(remoteAddress)) throw NOT_LOCAL;
      if (!isLoopbackUrl(activity.serviceUrl)) throw SERVICE_URL_REFUSED;
    } else if (typeof activity.serviceUrl !== 'string') {
      throw SERVICE_URL_REFUSED;
    }
    const result = await this.botFrameworkAuthentication.authenticateRequest(
      activity as Activity,
      authHeader,
    );
    if (this.appId) {
      const endorsed = result.claimsIdentity.getClaimValue(AuthenticationConstants.ServiceUrlClaim);
      if (endorsed ? endorsed !== activity.serviceUrl : !isLoopbackUrl(activity.serviceUrl)) {
        throw SERVICE_URL_REFUSED;
      }
    }
    return result;
  }

  /**
   * The `Authorization` header value of the bot's own connector token for a service URL (undefined in
   * Emulator mode, without an app id). For requests the service makes itself: the connector client's
   * pipeline retries 429 and 5xx on its own for up to minutes, which background delivery must control.
   */
  async connectorAuthorization(appId: string, serviceUrl: string): Promise<string | undefined> {
    const identity = this.createClaimsIdentity(appId);
    identity.claims.push({ type: AuthenticationConstants.ServiceUrlClaim, value: serviceUrl });
    const client = await this.botFrameworkAuthentication.createConnectorFactory(identity).create(serviceUrl);
    return signedAuthorization(client.credentials);
  }

  /** Runs a turn for an activity whose caller `authenticate` accepted; the answer for invoke/expectReplies. */
  runAuthenticated(
    authentication: AuthenticateRequestResult,
    activity: Activity,
    logic: (context: TurnContext) => Promise<void>,
  ): Promise<InvokeResponse | undefined> {
    return this.processActivity(authentication, activity, logic);
  }
}

/**
 * The public cloud's endpoints with only the key source replaced. botbuilder switches to these "parameterized"
 * settings as soon as one of them is given, so all of them are given, or the rest would be left undefined.
 */
function endpointsWithMetadata(openIdMetadataUrl: string | undefined): Record<string, string> {
  if (!openIdMetadataUrl) return {};
  return {
    ToBotFromChannelOpenIdMetadataUrl: openIdMetadataUrl,
    ToBotFromEmulatorOpenIdMetadataUrl: AuthenticationConstants.ToBotFromEmulatorOpenIdMetadataUrl,
    ToBotFromChannelTokenIssuer: AuthenticationConstants.ToBotFromChannelTokenIssuer,
    ToChannelFromBotLoginUrl: AuthenticationConstants.ToChannelFromBotLoginUrl,
    ToChannelFromBotOAuthScope: AuthenticationConstants.ToChannelFromBotOAuthScope,
    OAuthUrl: AuthenticationConstants.OAuthUrl,
    CallerId: CallerIdConstants.PublicAzureChannel,
  };
}

/** The Bot Framework adapter with the service's single turn-level error handler. */
export function createAdapter(config: Pick<Config, 'bot'>, logger: Logger): ShieldAdapter {
  const authentication = new ConfigurationBotFrameworkAuthentication({
    MicrosoftAppId: config.bot.appId,
    MicrosoftAppPassword: config.bot.appPassword,
    MicrosoftAppType: config.bot.appType,
    MicrosoftAppTenantId: config.bot.appTenantId,
    ...endpointsWithMetadata(config.bot.openIdMetadataUrl),
  });
  const adapter = new ShieldAdapter(authentication, config.bot.appId);
  adapter.onTurnError = async (context: TurnContext, error: unknown): Promise<void> => {
    // Ids only: the activity's text and the user's name never reach the log.
    logger.error(
      {
        err: errorSummary(error),
        conversationId: context.activity.conversation?.id,
        activityId: context.activity.id,
        channelId: context.activity.channelId,
      },
      'turn failed',
    );
    try {
      await context.sendActivity(messagesFor(resolveLocale(context.activity.locale)).errors.turnFailed);
    } catch (sendError) {
      logger.warn(
        { err: errorSummary(sendError), conversationId: context.activity.conversation?.id },
        'could not tell the user about a failed turn',
      );
    }
  };
  return adapter;
}
