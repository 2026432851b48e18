import { MessageFactory, type StatePropertyAccessor } from 'botbuilder';
import {
  ComponentDialog,
  Dialog,
  DialogTurnStatus,
  type DialogContext,
  type DialogTurnResult,
} from 'botbuilder-dialogs';
import { parseCardSubmit } from './cards/cardSubmit';
import { commandOf, isLanguageMenu, isWord, type WordKind } from './commands';
import { LOCALES, messagesFor, resolveLocale, type Locale } from './locales';
import { REPORT_DIALOG, ReportDialog, type ReportDialogDeps, type ReportDialogResult } from './reportDialog';
import { STATUS_DIALOG, StatusDialog, type StatusDialogDeps } from './statusDialog';
import { alertMessagesFor } from './locales/alertMessages';
import { RELATED_ALERT, type RelatedAlert } from './relatedAlert';
import { cleanText, simplify } from './validators';
import { welcomeText } from './welcome';

export const MAIN_DIALOG = 'mainDialog';

const NOT_AN_ACCOUNT: readonly WordKind[] = ['report', 'greeting', 'yes', 'no', 'none', 'unknown', 'done'];

/**
 * Whether a message that starts a report already tells what happened ("Er staat een verdachte tas in het
 * station"), rather than being a greeting or the word "report": then it begins the witness's account.
 */
export function tellsWhatHappened(text: string): boolean {
  if (NOT_AN_ACCOUNT.some((kind) => isWord(text, kind))) return false;
  return simplify(text).split(' ').filter(Boolean).length >= 3;
}

/**
 * Turn-state flag set by a channel gate: this user may only follow up their own reports (their Teams
 * organisation is no longer a partner). The value is the sentence that explains it.
 */
export const FOLLOW_UP_ONLY = Symbol('followUpOnly');
/** The conversation-state property that holds ConversationPreferences. */
export const PREFERENCES_PROPERTY = 'Preferences';

/** What a conversation remembers outside a report. */
export interface ConversationPreferences {
  locale?: Locale;
  /** The welcome was shown (on joining, or before the first answer). */
  welcomed?: boolean;
  /** The last report sent from this conversation, so a repeated "confirm" is answered, not restarted. */
  lastSubmittedDraftId?: string;
}

export interface MainDialogDeps extends ReportDialogDeps, StatusDialogDeps {
  reports: ReportDialogDeps['reports'] & { caseNumberForDraft(draftId: string): Promise<string | undefined> };
  preferences: StatePropertyAccessor<ConversationPreferences>;
}

/** Routes a conversation: help and language outside a report, repeated submits, and starting a report. */
export class MainDialog extends ComponentDialog {
  constructor(private readonly deps: MainDialogDeps) {
    super(MAIN_DIALOG);
    this.addDialog(new ReportDialog(deps));
    this.addDialog(new StatusDialog(deps));
  }

  // The main dialog never ends: it stays on the stack and routes every message of the conversation.
  protected override async onBeginDialog(innerDc: DialogContext): Promise<DialogTurnResult> {
    return this.route(innerDc);
  }

  protected override async onContinueDialog(innerDc: DialogContext): Promise<DialogTurnResult> {
    if (!innerDc.activeDialog) return this.route(innerDc);
    if (innerDc.context.turnState.get(RELATED_ALERT)) {
      // "Report something related" while another report is open: that one is finished first.
      const preferences = await this.deps.preferences.get(innerDc.context, {});
      const locale = preferences.locale ?? resolveLocale(innerDc.context.activity.locale);
      await innerDc.context.sendActivity(alertMessagesFor(locale).replies.finishReportFirst);
      return Dialog.EndOfTurn;
    }
    // The Teams "language" command works at any point; the open question stays open.
    if (await this.offerLanguages(innerDc)) return Dialog.EndOfTurn;
    const result = await innerDc.continueDialog();
    if (result.status === DialogTurnStatus.complete) {
      const ended = result.result as ReportDialogResult | undefined;
      const preferences = await this.deps.preferences.get(innerDc.context, {});
      if (ended?.locale) preferences.locale = ended.locale;
      if (ended?.submittedDraftId) preferences.lastSubmittedDraftId = ended.submittedDraftId;
    }
    return Dialog.EndOfTurn;
  }

  private async route(innerDc: DialogContext): Promise<DialogTurnResult> {
    const context = innerDc.context;
    const activity = context.activity;
    if (activity.type !== 'message') return Dialog.EndOfTurn;
    const preferences = await this.deps.preferences.get(context, {});
    const locale = preferences.locale ?? resolveLocale(activity.locale);
    const m = messagesFor(locale);

    const related = context.turnState.get<RelatedAlert | undefined>(RELATED_ALERT);
    if (related) {
      await context.sendActivity({
        type: 'message',
        text: alertMessagesFor(locale).replies.relatedStarts(related.title),
        textFormat: 'plain',
      });
      return innerDc.beginDialog(REPORT_DIALOG, { locale, relatedAlertId: related.alertId });
    }
    if (activity.value !== undefined && !activity.text) {
      // A card from a report that is no longer open: the review's "send" clicked twice, or an old card.
      const submit = parseCardSubmit(activity.value);
      const caseNumber = submit ? await this.deps.reports.caseNumberForDraft(submit.draftId) : undefined;
      await context.sendActivity(caseNumber ? m.submit.alreadySubmitted(caseNumber) : m.main.staleCard);
      return Dialog.EndOfTurn;
    }

    const text = cleanText(activity.text ?? '');
    const command = commandOf(text);
    if (typeof command === 'object') {
      preferences.locale = command.language;
      await context.sendActivity(messagesFor(command.language).main.languageSet);
      return Dialog.EndOfTurn;
    }
    if (command === 'help') {
      await context.sendActivity(m.main.help);
      return Dialog.EndOfTurn;
    }
    if (await this.offerLanguages(innerDc)) return Dialog.EndOfTurn;
    if (isWord(text, 'status')) return innerDc.beginDialog(STATUS_DIALOG, { locale });
    const followUpOnly = context.turnState.get<string | undefined>(FOLLOW_UP_ONLY);
    if (followUpOnly) {
      await context.sendActivity(followUpOnly);
      return Dialog.EndOfTurn;
    }
    if (isWord(text, 'confirm') && preferences.lastSubmittedDraftId) {
      const caseNumber = await this.deps.reports.caseNumberForDraft(preferences.lastSubmittedDraftId);
      if (caseNumber) {
        await context.sendActivity(m.submit.alreadySubmitted(caseNumber));
        return Dialog.EndOfTurn;
      }
    }
    if (!preferences.welcomed) {
      // Channels that never announce a new member (or an Emulator without one) still get the welcome.
      preferences.welcomed = true;
      await context.sendActivity(welcomeText(locale));
    }
    return innerDc.beginDialog(REPORT_DIALOG, {
      locale,
      ...(tellsWhatHappened(text) ? { firstMessage: text } : {}),
    });
  }

  /** Answers "language" (a Teams command) with the four languages to choose from; false for other text. */
  private async offerLanguages(innerDc: DialogContext): Promise<boolean> {
    const { context } = innerDc;
    if (context.activity.type !== 'message' || !isLanguageMenu(cleanText(context.activity.text ?? ''))) {
      return false;
    }
    const preferences = await this.deps.preferences.get(context, {});
    const m = messagesFor(preferences.locale ?? resolveLocale(context.activity.locale));
    await context.sendActivity(
      MessageFactory.suggestedActions(
        LOCALES.map((locale) => messagesFor(locale).languageName),
        m.teamsChat.chooseLanguage,
      ),
    );
    return true;
  }
}
