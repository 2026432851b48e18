import { CloudAdapter, ConfigurationBotFrameworkAuthentication, type TurnContext } from 'botbuilder';
import { messagesFor, resolveLocale } from '../dialogs/locales';
import type { Config } from './config';
import type { Logger } from './logger';

function errorSummary(error: unknown): Record<string, unknown> {
  if (error instanceof Error) {
    return { name: error.name, code: (error as { code?: unknown }).code, stack: error.stack };
  }
  return { name: typeof error };
}

/** The Bot Framework adapter with the service's single turn-level error handler. */
export function createAdapter(config: Pick<Config, 'bot'>, logger: Logger): CloudAdapter {
  const authentication = new ConfigurationBotFrameworkAuthentication({
    MicrosoftAppId: config.bot.appId,
    MicrosoftAppPassword: config.bot.appPassword,
    MicrosoftAppType: config.bot.appType,
    MicrosoftAppTenantId: config.bot.appTenantId,
  });
  const adapter = new CloudAdapter(authentication);
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
