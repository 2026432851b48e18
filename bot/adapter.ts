import {
  CallerIdConstants,
  CloudAdapter,
  ConfigurationBotFrameworkAuthentication,
  type Activity,
  type InvokeResponse,
  type TurnContext,
} from 'botbuilder';
import { AuthenticationConstants, type AuthenticateRequestResult } from 'botframework-connector';
import { messagesFor, resolveLocale } from '../dialogs/locales';
import type { Config } from './config';
import type { Logger } from './logger';

function errorSummary(error: unknown): Record<string, unknown> {
  if (error instanceof Error) {
    return { name: error.name, code: (error as { code?: unknown }).code, stack: error.stack };
  }
  return { name: typeof error };
}

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
  /** Validates the Bot Connector token of an inbound activity; throws `AuthenticationError` when it is not. */
  authenticate(activity: Partial<Activity>, authHeader: string): Promise<AuthenticateRequestResult> {
    return this.botFrameworkAuthentication.authenticateRequest(activity as Activity, authHeader);
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
  const adapter = new ShieldAdapter(authentication);
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
