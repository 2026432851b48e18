import {
  TeamsActivityHandler,
  type Activity,
  type ConversationState,
  type TurnContext,
  type UserState,
} from 'botbuilder';
import { DialogSet, DialogTurnStatus, type Dialog, type DialogState } from 'botbuilder-dialogs';
import { isLocale, messagesFor, resolveLocale, type Locale } from '../../dialogs/locales';
import { REPORT_SUBMITTED } from '../../dialogs/reportDialog';
import { PREFERENCES_PROPERTY, type ConversationPreferences } from '../../dialogs/mainDialog';
import { welcomeActivity } from '../../dialogs/welcome';

/** Whether the channel's locale is one the bot speaks (a missing locale counts as English). */
function speaksLocale(channelLocale: string | undefined): boolean {
  return !channelLocale || isLocale(channelLocale.trim().toLowerCase().split(/[-_]/)[0]);
}

/**
 * The welcome a member joining a conversation gets, in the language chosen already or else the channel's
 * (the web chat channel shows it before the conversation is stored, so it must be this and only this).
 */
export function welcomeFor(channelLocale: string | undefined, chosen?: Locale): Partial<Activity> {
  const locale = chosen ?? resolveLocale(channelLocale);
  return welcomeActivity(
    locale,
    speaksLocale(channelLocale) ? undefined : messagesFor(locale).welcome.otherLanguages,
  );
}

/** The bot: welcomes new members and runs the main dialog on every message, with state saved each turn. */
export class ReportBot extends TeamsActivityHandler {
  private readonly dialogs: DialogSet;

  constructor(
    private readonly conversationState: ConversationState,
    private readonly userState: UserState,
    private readonly dialog: Dialog,
    private readonly onStateNotSaved?: (context: TurnContext, error: unknown) => void,
    /** Channel checks before the dialogs (the Teams tenant check); false means the turn is answered. */
    admit: (context: TurnContext) => Promise<boolean> = () => Promise.resolve(true),
    /** Channel greetings in place of the welcome (Teams: group chats, unknown tenants); true if answered. */
    greet: (context: TurnContext) => Promise<boolean> = () => Promise.resolve(false),
  ) {
    super();
    this.dialogs = new DialogSet(conversationState.createProperty<DialogState>('DialogState'));
    this.dialogs.add(dialog);

    const preferences = conversationState.createProperty<ConversationPreferences>(PREFERENCES_PROPERTY);
    this.onMembersAdded(async (context, next) => {
      if (await greet(context)) return next();
      const members = context.activity.membersAdded ?? [];
      const state = await preferences.get(context, {});
      for (const member of members) {
        if (member.id !== context.activity.recipient?.id) {
          await context.sendActivity(welcomeFor(context.activity.locale, state.locale));
          state.welcomed = true;
        }
      }
      await next();
    });

    this.onMessage(async (context, next) => {
      if (!(await admit(context))) return next();
      const dialogContext = await this.dialogs.createContext(context);
      const result = await dialogContext.continueDialog();
      if (result.status === DialogTurnStatus.empty) {
        await dialogContext.beginDialog(this.dialog.id);
      }
      await next();
    });
  }

  override async run(context: TurnContext): Promise<void> {
    await super.run(context);
    try {
      await this.conversationState.saveChanges(context, false);
      await this.userState.saveChanges(context, false);
    } catch (error) {
      // A report confirmed in this turn is durable and the witness has its case number and receipt code:
      // "something went wrong" would be false. Any other unsaved turn is an error (the next answer would
      // otherwise land on the wrong question) and goes to the turn error handler.
      if (context.turnState.get(REPORT_SUBMITTED) !== true) throw error;
      this.onStateNotSaved?.(context, error);
    }
  }
}
