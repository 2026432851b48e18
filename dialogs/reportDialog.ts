import { randomUUID } from 'node:crypto';
import { ActivityTypes } from 'botbuilder';
import { Dialog, type DialogContext, type DialogTurnResult } from 'botbuilder-dialogs';
import {
  currentPosition,
  focusNextQueued,
  isUnknown,
  itemPositions,
  newDraft,
  noteKey,
  recordAnswer,
  walk,
  type AnswerValue,
  type Position,
  type ReportDraft,
  type UrgentReason,
} from '../models/core/draft';
import { reviewTargets } from '../models/core/review';
import type { ReportSubmission, SubmitResult } from '../models/store/reportRepository';
import { parseCardSubmit } from './cards/cardSubmit';
import { replacedReviewCard } from './cards/reviewCard';
import type { UrgentAdvice } from './cards/urgentCard';
import { commandOf, isWord, languageNamed } from './commands';
import { dangerTerms } from './danger';
import { messagesFor, type Locale, type Messages } from './locales';
import {
  CURRENT_QUESTIONNAIRE,
  loopOf,
  questionOf,
  type QuestionSpec,
  type QuestionnaireSpec,
} from './questionnaire';
import { ACCOUNT_LIMIT, readAnswer } from './report/answers';
import { loopTexts, missingTexts } from './report/questions';
import {
  loopPrompt,
  plain,
  questionPrompt,
  receipt,
  reviewPrompt,
  showsCards,
  urgentAdvice,
  yesNoPrompt,
} from './report/prompts';
import { changeTarget, helpFor, reviewLines } from './report/review';
import { reportSubmission } from './report/submission';
import { teamsIdentity } from './teamsIdentity';
import { cleanText } from './validators';

export const REPORT_DIALOG = 'reportDialog';
/** Turn-state flag: this turn gave the witness a case number (the report is at least on disk, fsynced). */
export const REPORT_SUBMITTED = Symbol('reportSubmitted');

/** What the report dialog needs from the rest of the service. */
export interface ReportDialogDeps {
  reports: { submit(submission: ReportSubmission): Promise<SubmitResult> };
  clock: () => Date;
  /** The zone witnesses mean when they give a time (IANA name). */
  timeZone: string;
  /** A draft untouched for longer is discarded. */
  draftTtlMs: number;
  /** A draft untouched for longer gets a "welcome back" before the question is asked again. */
  resumeAfterMs: number;
  /** Shown in the consent text. */
  retentionDays: number;
  /** The period in force when an administrator may change it at run time; `retentionDays` otherwise. */
  currentRetentionDays?: () => Promise<number>;
  /** The registered organisation of a Teams tenant, if any. */
  organisationForTenant?: (tenantId: string) => Promise<string | undefined>;
  /** The questionnaire asked (today's built-in one unless given: tests ask a fixture). */
  questionnaire?: QuestionnaireSpec;
}

export interface ReportDialogOptions {
  locale: Locale;
  /** The message that started the conversation, when it already tells what happened. */
  firstMessage?: string;
  /** The police alert the witness reports about ("Report something related" on its card). */
  relatedAlertId?: string;
}

/** What the dialog returns when it ends. */
export interface ReportDialogResult {
  submittedDraftId?: string;
  locale: Locale;
}

interface ReportDialogState {
  draft: ReportDraft;
  /** The review card shown last, so that it is disabled when a newer one replaces it. */
  reviewActivityId?: string;
  relatedAlertId?: string;
}

const NOTE_LIMIT = 1000;
const HOUR = 3_600_000;

/**
 * The engine that walks the questionnaire: asks, validates, re-prompts, skips, loops, reviews and submits.
 * This class routes the turns; reading answers, the read-back, the prompts and the report handed over are
 * in dialogs/report/.
 */
export class ReportDialog extends Dialog<ReportDialogOptions> {
  private readonly questionnaire: QuestionnaireSpec;

  constructor(private readonly deps: ReportDialogDeps) {
    super(REPORT_DIALOG);
    this.questionnaire = deps.questionnaire ?? CURRENT_QUESTIONNAIRE;
    // A questionnaire that cannot be asked in every language fails at start-up, not in a witness's chat.
    const missing = missingTexts(this.questionnaire);
    if (missing.length > 0) throw new Error(`the questionnaire cannot be asked: no ${missing.join(', ')}`);
  }

  private newDraft(locale: Locale, now: Date, profileName: string | undefined): ReportDraft {
    return newDraft(randomUUID(), locale, now, profileName, this.questionnaire);
  }

  private question(position: Position): QuestionSpec | undefined {
    return position.at === 'question' || position.at === 'item'
      ? questionOf(this.questionnaire, position.id)
      : undefined;
  }

  override async beginDialog(dc: DialogContext, options?: ReportDialogOptions): Promise<DialogTurnResult> {
    const activity = dc.context.activity;
    const profileName = activity.channelId === 'msteams' ? cleanText(activity.from?.name ?? '') : '';
    const draft = this.newDraft(options?.locale ?? 'en', this.deps.clock(), profileName || undefined);
    const state: ReportDialogState = {
      draft,
      ...(options?.relatedAlertId ? { relatedAlertId: options.relatedAlertId } : {}),
    };
    dc.activeDialog!.state = state;
    const first = options?.firstMessage ? cleanText(options.firstMessage) : '';
    if (first && first.length <= ACCOUNT_LIMIT) {
      draft.accountStart = first;
      await dc.context.sendActivity(plain(messagesFor(draft.locale).engine.firstMessageKept(first)));
      await this.watchForDanger(dc, draft, first);
    }
    await this.ask(dc, draft);
    return Dialog.EndOfTurn;
  }

  /**
   * Words of danger in what the witness wrote: the report is marked urgent at once, with the words as the
   * reason, and the emergency card is shown (once: not again when the report is already urgent).
   */
  private async watchForDanger(dc: DialogContext, draft: ReportDraft, text: string): Promise<void> {
    const known = new Set((draft.urgentReasons ?? []).flatMap((reason) => reason.terms));
    const terms = dangerTerms(text, draft.locale).filter((term) => !known.has(term));
    if (terms.length === 0) return;
    const wasUrgent = draft.urgent;
    this.markUrgent(draft, { source: 'account', terms });
    if (!wasUrgent) {
      const m = messagesFor(draft.locale);
      await this.sendUrgentCard(dc, m, 'danger', m.urgent.wordsMarked);
    }
  }

  private markUrgent(draft: ReportDraft, reason: UrgentReason): void {
    draft.urgent = true;
    draft.urgentReasons = [...(draft.urgentReasons ?? []), reason];
  }

  private async sendUrgentCard(
    dc: DialogContext,
    m: Messages,
    advice: UrgentAdvice,
    text?: string,
  ): Promise<void> {
    await dc.context.sendActivity(urgentAdvice(m, advice, dc.context.activity.channelId, text));
  }

  override async continueDialog(dc: DialogContext): Promise<DialogTurnResult> {
    const state = dc.activeDialog!.state as ReportDialogState;
    const draft = state.draft;
    const activity = dc.context.activity;
    if (activity.type !== 'message') return Dialog.EndOfTurn;
    const m = messagesFor(draft.locale);
    const now = this.deps.clock();
    const idle = now.getTime() - Date.parse(draft.updatedAt);

    if (idle > this.deps.draftTtlMs) {
      await dc.context.sendActivity(m.engine.expired(Math.round(this.deps.draftTtlMs / HOUR)));
      state.draft = this.newDraft(draft.locale, now, draft.profileName);
      await this.ask(dc, state.draft);
      return Dialog.EndOfTurn;
    }
    draft.updatedAt = now.toISOString();
    if (idle > this.deps.resumeAfterMs) {
      await dc.context.sendActivity(m.engine.resumed);
      await this.ask(dc, draft);
      return Dialog.EndOfTurn;
    }

    const submit = parseCardSubmit(activity.value);
    if (activity.value !== undefined && !activity.text) {
      // A card submit: accepted only from the card that matches the draft as it is now.
      if (!submit || submit.draftId !== draft.draftId || submit.revision !== draft.revision) {
        await dc.context.sendActivity(m.engine.staleCard);
        await this.ask(dc, draft);
        return Dialog.EndOfTurn;
      }
      if (submit.action === 'confirm') return this.submit(dc, draft);
      // On the card a person or vehicle is one row: its Change goes through all of that row's answers.
      return this.changeAnswer(dc, draft, submit.target, { wholeItem: true });
    }

    const text = cleanText(activity.text ?? '');
    if (draft.confirming) return this.handleConfirmation(dc, draft, text);

    const command = commandOf(text);
    if (command !== undefined && typeof command === 'object') {
      draft.locale = command.language;
      await dc.context.sendActivity(messagesFor(draft.locale).engine.languageSwitched);
      await this.ask(dc, draft);
      return Dialog.EndOfTurn;
    }
    const position = currentPosition(draft, this.questionnaire);
    switch (command) {
      case 'help':
        await dc.context.sendActivity(helpFor(draft.locale, position, this.questionnaire));
        await this.ask(dc, draft);
        return Dialog.EndOfTurn;
      case 'back':
        return this.back(dc, draft);
      case 'skip':
        return this.skip(dc, draft, position);
      case 'cancel':
      case 'restart':
        draft.confirming = command;
        await dc.context.sendActivity(
          yesNoPrompt(m, command === 'cancel' ? m.engine.confirmCancel : m.engine.confirmRestart),
        );
        return Dialog.EndOfTurn;
      case undefined:
        break;
    }

    if (position.at === 'review') return this.handleReview(dc, draft, text);
    const result = readAnswer(draft, position, text, {
      questionnaire: this.questionnaire,
      now: this.deps.clock(),
      timeZone: this.deps.timeZone,
      files: activity.attachments ?? [],
    });
    if (result.ok === true) {
      if (result.reply) await dc.context.sendActivity(result.reply);
      const key = noteKey(position);
      if (result.detail && key) {
        draft.notes = { ...draft.notes, [key]: result.detail.slice(0, NOTE_LIMIT) };
        await dc.context.sendActivity(m.engine.detailKept);
        await this.watchForDanger(dc, draft, result.detail);
      } else if (key && draft.notes?.[key] !== undefined) {
        // A new answer replaces the old one, and what was added to the old one.
        const rest = { ...draft.notes };
        delete rest[key];
        draft.notes = rest;
      }
      if (
        position.at === 'question' &&
        this.question(position)?.role === 'account' &&
        typeof result.value === 'string'
      )
        await this.watchForDanger(dc, draft, result.value);
      return this.accept(dc, draft, position, result.value);
    }
    if (result.message) await dc.context.sendActivity(result.message);
    if (result.ok === false || !result.message) await this.ask(dc, draft);
    return Dialog.EndOfTurn;
  }

  private async accept(
    dc: DialogContext,
    draft: ReportDraft,
    position: Position,
    value: AnswerValue,
  ): Promise<DialogTurnResult> {
    const maxItems = position.at === 'more' ? loopOf(this.questionnaire, position.loop).maxItems : 0;
    const wasFull =
      position.at === 'more' && value === true && (draft.loops[position.loop]?.items.length ?? 0) >= maxItems;
    recordAnswer(draft, position, value, maxItems, this.questionnaire);
    draft.history.push(position);
    delete draft.focus;
    if (draft.editQueue) focusNextQueued(draft, this.questionnaire);
    delete draft.pendingWhen;
    delete draft.pendingEvidence;
    draft.revision += 1;
    const m = messagesFor(draft.locale);
    if (wasFull && position.at === 'more')
      await dc.context.sendActivity(loopTexts(draft.locale, position.loop).full);
    const role = position.at === 'question' ? this.question(position)?.role : undefined;
    if (role === 'urgency') {
      if (value === true) {
        // Once urgent, a report stays urgent (as before): a changed answer does not hide it again.
        if (!(draft.urgentReasons ?? []).some((reason) => reason.source === 'question'))
          this.markUrgent(draft, { source: 'question', terms: [] });
        await this.sendUrgentCard(dc, m, 'danger', m.urgent.marked);
      } else if (isUnknown(value)) {
        // Not knowing whether someone is in danger: the numbers are shown, the report is not marked.
        await this.sendUrgentCard(dc, m, 'danger');
      }
    }
    if (role === 'ongoing' && value === true) {
      await this.sendUrgentCard(dc, m, 'ongoing');
    }
    await this.ask(dc, draft);
    return Dialog.EndOfTurn;
  }

  private async back(dc: DialogContext, draft: ReportDraft): Promise<DialogTurnResult> {
    const previous = draft.history.pop();
    if (!previous) {
      await dc.context.sendActivity(messagesFor(draft.locale).engine.firstQuestion);
    } else {
      draft.focus = previous;
      delete draft.pendingWhen;
      delete draft.pendingEvidence;
      draft.revision += 1;
    }
    await this.ask(dc, draft);
    return Dialog.EndOfTurn;
  }

  private async skip(dc: DialogContext, draft: ReportDraft, position: Position): Promise<DialogTurnResult> {
    const m = messagesFor(draft.locale);
    const question = this.question(position);
    // Skipping while evidence is coming in keeps what has arrived.
    if (position.at === 'question' && question?.kind.type === 'evidence' && draft.pendingEvidence) {
      return this.accept(dc, draft, position, draft.pendingEvidence);
    }
    if (!question || question.required) {
      await dc.context.sendActivity(m.engine.required);
      await this.ask(dc, draft);
      return Dialog.EndOfTurn;
    }
    await dc.context.sendActivity(m.engine.skipped);
    return this.accept(dc, draft, position, null);
  }

  private async handleConfirmation(
    dc: DialogContext,
    draft: ReportDraft,
    text: string,
  ): Promise<DialogTurnResult> {
    const action = draft.confirming;
    // A language named here switches, as at every other step, and the question is asked again in it.
    const language = languageNamed(text);
    if (language) {
      draft.locale = language;
      await dc.context.sendActivity(messagesFor(language).engine.languageSwitched);
    }
    const m = messagesFor(draft.locale);
    if (isWord(text, 'yes')) {
      if (action === 'cancel') {
        await dc.context.sendActivity(m.engine.cancelled);
        const result: ReportDialogResult = { locale: draft.locale };
        return dc.endDialog(result);
      }
      const state = dc.activeDialog!.state as ReportDialogState;
      state.draft = this.newDraft(draft.locale, this.deps.clock(), draft.profileName);
      await this.ask(dc, state.draft);
      return Dialog.EndOfTurn;
    }
    if (isWord(text, 'no')) {
      delete draft.confirming;
      await dc.context.sendActivity(m.engine.carryOn);
      await this.ask(dc, draft);
      return Dialog.EndOfTurn;
    }
    await dc.context.sendActivity(
      yesNoPrompt(m, action === 'cancel' ? m.engine.confirmCancel : m.engine.confirmRestart),
    );
    return Dialog.EndOfTurn;
  }

  private async handleReview(dc: DialogContext, draft: ReportDraft, text: string): Promise<DialogTurnResult> {
    if (isWord(text, 'confirm') || isWord(text, 'yes')) return this.submit(dc, draft);
    const chosen = changeTarget(text, draft, this.questionnaire);
    if (chosen !== undefined) return this.changeAnswer(dc, draft, chosen);
    await dc.context.sendActivity(messagesFor(draft.locale).engine.changeWhich);
    await this.ask(dc, draft);
    return Dialog.EndOfTurn;
  }

  private async changeAnswer(
    dc: DialogContext,
    draft: ReportDraft,
    target: number,
    options: { wholeItem?: boolean } = {},
  ): Promise<DialogTurnResult> {
    const position = reviewTargets(draft, this.questionnaire)[target - 1];
    const m = messagesFor(draft.locale);
    if (!position) {
      await dc.context.sendActivity(m.engine.changeWhich);
      await this.ask(dc, draft);
      return Dialog.EndOfTurn;
    }
    const item =
      options.wholeItem && position.at === 'item'
        ? itemPositions(draft, position.loop, position.index, this.questionnaire)
        : [];
    if (item.length > 1 && position.at === 'item') {
      const [first, ...rest] = item;
      draft.focus = first!;
      draft.editQueue = rest;
      draft.revision += 1;
      await dc.context.sendActivity(
        m.engine.editingItem(loopTexts(draft.locale, position.loop).item(position.index + 1), item.length),
      );
      await this.ask(dc, draft);
      return Dialog.EndOfTurn;
    }
    draft.focus = position;
    delete draft.editQueue;
    draft.revision += 1;
    await dc.context.sendActivity(m.engine.editing);
    await this.ask(dc, draft);
    return Dialog.EndOfTurn;
  }

  private async submit(dc: DialogContext, draft: ReportDraft): Promise<DialogTurnResult> {
    const m = messagesFor(draft.locale);
    if (walk(draft, this.questionnaire).next.at !== 'review') {
      await this.ask(dc, draft);
      return Dialog.EndOfTurn;
    }
    // Resolves only once the report is durable (the outbox is fsynced before the database is tried).
    const result = await this.deps.reports.submit(await this.submission(dc, draft));
    if (result.status === 'duplicate') {
      await dc.context.sendActivity(plain(m.submit.alreadySubmitted(result.caseNumber)));
    } else {
      // The receipt code exists only in this turn's replies: nothing after them may fail the turn.
      dc.context.turnState.set(REPORT_SUBMITTED, true);
      if (result.status === 'queued') await dc.context.sendActivity(m.submit.queued);
      await dc.context.sendActivity(
        receipt(m, dc.context.activity.channelId, result.caseNumber, result.receiptCode),
      );
    }
    const ended: ReportDialogResult = { submittedDraftId: draft.draftId, locale: draft.locale };
    return dc.endDialog(ended);
  }

  private async submission(dc: DialogContext, draft: ReportDraft): Promise<ReportSubmission> {
    const activity = dc.context.activity;
    const teams = teamsIdentity(activity);
    const organisation =
      teams?.tenantId && this.deps.organisationForTenant
        ? await this.deps.organisationForTenant(teams.tenantId)
        : undefined;
    return reportSubmission(draft, this.questionnaire, this.deps.clock(), {
      channelId: activity.channelId,
      conversationId: activity.conversation.id,
      teams,
      organisation,
      relatedAlertId: (dc.activeDialog?.state as ReportDialogState | undefined)?.relatedAlertId,
    });
  }

  // --- asking ------------------------------------------------------------------------------------

  /**
   * Disables the review card shown before (its buttons removed), so only the newest card can be used:
   * a click on an old one would otherwise be refused as stale, which confuses more than it protects.
   */
  private async replaceEarlierReview(
    dc: DialogContext,
    m: Messages,
    state: ReportDialogState | undefined,
  ): Promise<void> {
    const id = state?.reviewActivityId;
    if (!id || dc.context.activity.channelId !== 'msteams') return;
    state.reviewActivityId = undefined;
    try {
      await dc.context.updateActivity({
        id,
        type: ActivityTypes.Message,
        conversation: dc.context.activity.conversation,
        attachments: [replacedReviewCard(m, m.teamsChat.reviewReplaced)],
      });
    } catch {
      // The old card stays as it was; its buttons are still refused as stale.
    }
  }

  private async ask(dc: DialogContext, draft: ReportDraft): Promise<void> {
    const position = currentPosition(draft, this.questionnaire);
    const channelId = dc.context.activity.channelId;
    switch (position.at) {
      case 'review': {
        const m = messagesFor(draft.locale);
        const lines = reviewLines(draft.locale, draft, {
          questionnaire: this.questionnaire,
          timeZone: this.deps.timeZone,
        });
        if (!showsCards(channelId)) {
          await dc.context.sendActivity(reviewPrompt(m, lines, draft, channelId));
          return;
        }
        const state = dc.activeDialog?.state as ReportDialogState | undefined;
        await this.replaceEarlierReview(dc, m, state);
        // Our own id, which a channel answering in the HTTP response (expectReplies) keeps.
        const sent = await dc.context.sendActivity(reviewPrompt(m, lines, draft, channelId));
        if (state && sent?.id) state.reviewActivityId = sent.id;
        return;
      }
      case 'gate':
      case 'more':
        await dc.context.sendActivity(loopPrompt(draft.locale, position));
        return;
      case 'question':
      case 'item':
        await dc.context.sendActivity(
          await questionPrompt(draft, position, {
            questionnaire: this.questionnaire,
            channelId,
            timeZone: this.deps.timeZone,
            draftHours: Math.round(this.deps.draftTtlMs / HOUR),
            retentionDays: () =>
              this.deps.currentRetentionDays?.() ?? Promise.resolve(this.deps.retentionDays),
          }),
        );
    }
  }
}
