import { randomUUID } from 'node:crypto';
import { ActivityTypes, MessageFactory, type Activity, type Attachment as BotAttachment } from 'botbuilder';
import { Dialog, type DialogContext, type DialogTurnResult } from 'botbuilder-dialogs';
import type { ReportSubmission, SubmitResult } from '../models/store/reportRepository';
import { ACCEPTED_EVIDENCE_TYPES } from '../models/core/evidenceTypes';
import { parseCardSubmit } from './cards/cardSubmit';
import { RECEIPT_KIND, receiptCard, receiptShownCard, receiptText } from './cards/receiptCard';
import { replacedReviewCard, reviewCard, reviewText, type ReviewLine } from './cards/reviewCard';
import { urgentCard, urgentText, type UrgentAdvice } from './cards/urgentCard';
import { commandOf, isWord, languageNamed } from './commands';
import { dangerTerms } from './danger';
import {
  UNKNOWN,
  answerAt,
  currentPosition,
  focusNextQueued,
  isUnknown,
  itemPositions,
  newDraft,
  noteKey,
  questionAt,
  recordAnswer,
  reportAnswers,
  samePosition,
  walk,
  type AnswerValue,
  type Attachment,
  type EvidenceAnswer,
  type LoopItem,
  type Position,
  type ReportDraft,
  type UrgentReason,
} from './draft';
import { LOCALES, messagesFor, type Locale, type Messages } from './locales';
import {
  CHOICE_LISTS,
  CURRENT_QUESTIONNAIRE,
  loopDefinition,
  questionDefinition,
  type ChoiceListId,
  type Question,
} from './questionnaire';
import {
  cleanText,
  extractLinks,
  simplify,
  validateEmail,
  validatePhone,
  validatePlate,
  validateText,
} from './validators';
import { describeWhen, parseWhen } from './when';
import { teamsIdentity } from './teamsIdentity';

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

// 'pending': the answer is taken in but the question stays open (a date to confirm, evidence still
// coming); with a message that message is the reply, otherwise the question is asked again.
// An accepted answer may carry what the witness added to it (`detail`) and a reply said before the next
// question (`reply`).
type Interpretation =
  | { ok: true; value: AnswerValue; detail?: string; reply?: string }
  | { ok: false; message: string }
  | { ok: 'pending'; message?: string };

// Channels that render Adaptive Cards; others get the same content as plain text.
const CARD_CHANNELS = new Set(['msteams', 'webchat', 'directline', 'emulator']);
const ACCOUNT_LIMIT = 4000;
const NOTE_LIMIT = 1000;
const AS_SAID_LIMIT = 500;

/** "ja, de tas staat er nog": a yes or no word first (up to three words), then what the witness added. */
export function leadingYesNo(text: string): { value: boolean; detail: string } | undefined {
  const words = text.trim().split(/\s+/);
  for (let count = Math.min(3, words.length - 1); count >= 1; count -= 1) {
    const head = words.slice(0, count).join(' ');
    const detail = words
      .slice(count)
      .join(' ')
      .replace(/^[\s,.;:!?–—-]+/, '')
      .trim();
    if (!detail) continue;
    if (isWord(head, 'yes')) return { value: true, detail };
    if (isWord(head, 'no')) return { value: false, detail };
  }
  return undefined;
}

/** Replies that contain witness text are sent as plain text, so no channel renders them as markdown. */
function plain(text: string): Partial<Activity> {
  return { type: ActivityTypes.Message, text, textFormat: 'plain' };
}

function fill(text: string, values: Record<string, string | number>): string {
  return text.replace(/\{(\w+)\}/g, (whole, key: string) => (key in values ? String(values[key]) : whole));
}

/** The engine that walks the questionnaire: asks, validates, re-prompts, skips, loops, reviews and submits. */
export class ReportDialog extends Dialog<ReportDialogOptions> {
  constructor(private readonly deps: ReportDialogDeps) {
    super(REPORT_DIALOG);
  }

  override async beginDialog(dc: DialogContext, options?: ReportDialogOptions): Promise<DialogTurnResult> {
    const activity = dc.context.activity;
    const profileName = activity.channelId === 'msteams' ? cleanText(activity.from?.name ?? '') : '';
    const draft = newDraft(
      randomUUID(),
      options?.locale ?? 'en',
      this.deps.clock(),
      profileName || undefined,
    );
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
    await dc.context.sendActivity(
      CARD_CHANNELS.has(dc.context.activity.channelId)
        ? { type: ActivityTypes.Message, attachments: [urgentCard(m, advice)], ...(text ? { text } : {}) }
        : [urgentText(m, advice), ...(text ? [text] : [])].join('\n\n'),
    );
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
      await dc.context.sendActivity(m.engine.expired(Math.round(this.deps.draftTtlMs / 3_600_000)));
      state.draft = newDraft(randomUUID(), draft.locale, now, draft.profileName);
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
    const position = currentPosition(draft);
    switch (command) {
      case 'help':
        await dc.context.sendActivity(this.helpFor(m, position));
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
          MessageFactory.suggestedActions(
            [m.review.yes, m.review.no],
            command === 'cancel' ? m.engine.confirmCancel : m.engine.confirmRestart,
          ),
        );
        return Dialog.EndOfTurn;
      case undefined:
        break;
    }

    if (position.at === 'review') return this.handleReview(dc, draft, text);
    const result = this.interpret(dc, draft, position, text);
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
      if (position.at === 'question' && position.id === 'account' && typeof result.value === 'string')
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
    const maxItems = position.at === 'more' ? loopDefinition(position.loop).maxItems : 0;
    const wasFull =
      position.at === 'more' && value === true && draft.loops[position.loop].items.length >= maxItems;
    recordAnswer(draft, position, value, maxItems);
    draft.history.push(position);
    delete draft.focus;
    if (draft.editQueue) focusNextQueued(draft);
    delete draft.pendingWhen;
    delete draft.pendingEvidence;
    draft.revision += 1;
    const m = messagesFor(draft.locale);
    if (wasFull && position.at === 'more') await dc.context.sendActivity(m.loops[position.loop].full);
    if (position.at === 'question' && position.id === 'urgent') {
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
    if (position.at === 'question' && position.id === 'ongoing' && value === true) {
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
    const id = questionAt(position);
    if (position.at === 'question' && id === 'evidence' && draft.pendingEvidence) {
      return this.accept(dc, draft, position, draft.pendingEvidence);
    }
    if (!id || questionDefinition(id).required) {
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
      state.draft = newDraft(randomUUID(), draft.locale, this.deps.clock(), draft.profileName);
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
      MessageFactory.suggestedActions(
        [m.review.yes, m.review.no],
        action === 'cancel' ? m.engine.confirmCancel : m.engine.confirmRestart,
      ),
    );
    return Dialog.EndOfTurn;
  }

  private async handleReview(dc: DialogContext, draft: ReportDraft, text: string): Promise<DialogTurnResult> {
    const m = messagesFor(draft.locale);
    if (isWord(text, 'confirm') || isWord(text, 'yes')) return this.submit(dc, draft);
    const simple = simplify(text);
    const words = simple.split(' ');
    if (words.length > 1 && isWord(words[0], 'change')) {
      const target = words.slice(1).join(' ');
      const lines = this.reviewTargets(draft);
      const number = Number.parseInt(target, 10);
      const byNumber = Number.isInteger(number) && String(number) === target ? number : undefined;
      const byLabel = lines.find((line) => this.labelMatches(line.position, target));
      const chosen = byNumber ?? (byLabel ? lines.indexOf(byLabel) + 1 : undefined);
      if (chosen !== undefined) return this.changeAnswer(dc, draft, chosen);
    }
    await dc.context.sendActivity(m.engine.changeWhich);
    await this.ask(dc, draft);
    return Dialog.EndOfTurn;
  }

  private labelMatches(position: Position, target: string): boolean {
    const cleaned = target.replace(
      /^(the|my|de|het|mijn|la|le|les|l|ma|mon|die|der|das|den|meine|mein)\s+/,
      '',
    );
    return LOCALES.some((locale) => {
      const label = simplify(this.labelFor(messagesFor(locale), position));
      return label === cleaned || label.split(' ').includes(cleaned);
    });
  }

  private async changeAnswer(
    dc: DialogContext,
    draft: ReportDraft,
    target: number,
    options: { wholeItem?: boolean } = {},
  ): Promise<DialogTurnResult> {
    const line = this.reviewTargets(draft)[target - 1];
    const m = messagesFor(draft.locale);
    if (!line) {
      await dc.context.sendActivity(m.engine.changeWhich);
      await this.ask(dc, draft);
      return Dialog.EndOfTurn;
    }
    const { position } = line;
    const item =
      options.wholeItem && position.at === 'item' ? itemPositions(draft, position.loop, position.index) : [];
    if (item.length > 1 && position.at === 'item') {
      const [first, ...rest] = item;
      draft.focus = first!;
      draft.editQueue = rest;
      draft.revision += 1;
      await dc.context.sendActivity(
        m.engine.editingItem(m.loops[position.loop].item(position.index + 1), item.length),
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
    if (walk(draft).next.at !== 'review') {
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
      await dc.context.sendActivity(this.receipt(dc, m, result.caseNumber, result.receiptCode));
    }
    const ended: ReportDialogResult = { submittedDraftId: draft.draftId, locale: draft.locale };
    return dc.endDialog(ended);
  }

  /**
   * The receipt: the case number and the code in a card of their own. The code is shown only this once: on
   * the web chat the message carries what the transcript keeps instead (`storedAs`: the case number, and
   * that the code was given), and the Direct Line channel stores only that (bot/directLine/channel.ts).
   */
  private receipt(
    dc: DialogContext,
    m: Messages,
    caseNumber: string,
    receiptCode: string,
  ): Partial<Activity> {
    const channelId = dc.context.activity.channelId;
    if (!CARD_CHANNELS.has(channelId))
      return plain(`${m.submit.saved}\n${receiptText(m, caseNumber, receiptCode)}`);
    const storedAs =
      channelId === 'webchat'
        ? { text: m.submit.saved, attachments: [receiptShownCard(m, caseNumber)] }
        : undefined;
    return {
      type: ActivityTypes.Message,
      text: m.submit.saved,
      attachments: [receiptCard(m, caseNumber, receiptCode, { copyButton: channelId === 'webchat' })],
      channelData: { shieldReporter: { kind: RECEIPT_KIND, caseNumber, ...(storedAs ? { storedAs } : {}) } },
    };
  }

  private async submission(dc: DialogContext, draft: ReportDraft): Promise<ReportSubmission> {
    const activity = dc.context.activity;
    const a = draft.answers;
    const teams = teamsIdentity(activity);
    const organisation =
      teams?.tenantId && this.deps.organisationForTenant
        ? await this.deps.organisationForTenant(teams.tenantId)
        : undefined;
    // One list of "I don't know" answers, by question id (and `people.0.age` inside a group).
    const unknownAnswers = [
      ...Object.entries(a)
        .filter(([, value]) => isUnknown(value))
        .map(([id]) => id),
      ...(['people', 'vehicles'] as const).flatMap((loop) =>
        draft.loops[loop].items.flatMap((item: LoopItem, index) =>
          Object.entries(item)
            .filter(([, value]) => isUnknown(value))
            .map(([id]) => `${loop}.${index}.${id}`),
        ),
      ),
    ];
    const answerNotes = Object.entries(draft.notes ?? {}).map(([question, note]) => ({
      question,
      text: note,
    }));
    const answers = reportAnswers(draft, this.deps.clock(), CURRENT_QUESTIONNAIRE);
    // The category routes the report, so "I don't know" files it under "other" (and is listed as unknown).
    if (isUnknown(a.category)) answers.category = 'other';
    return {
      draftId: draft.draftId,
      questionnaire: CURRENT_QUESTIONNAIRE,
      urgent: draft.urgent,
      channel: activity.channelId === 'msteams' ? 'msteams' : 'webchat',
      locale: draft.locale,
      conversationId: activity.conversation.id,
      teams,
      organisation,
      relatedAlertId: (dc.activeDialog?.state as ReportDialogState | undefined)?.relatedAlertId,
      answers,
      unknownAnswers,
      urgentReasons: draft.urgentReasons ?? [],
      answerNotes,
    };
  }

  // --- understanding answers -------------------------------------------------------------------

  private interpret(dc: DialogContext, draft: ReportDraft, position: Position, text: string): Interpretation {
    const m = messagesFor(draft.locale);
    if (position.at === 'gate' || position.at === 'more') {
      // Not knowing of anyone (or anything) more to describe: nothing is asked about it.
      if (isWord(text, 'unknown')) return { ok: true, value: false, reply: m.engine.unknownRecorded };
      return this.yesNo(m, text);
    }
    if (position.at === 'review') return { ok: false, message: m.engine.changeWhich };
    const question = questionDefinition(position.id);
    const optional = !question.required;
    if (position.at === 'question' && position.id === 'account' && draft.accountStart) {
      return this.accountAfterStart(m, draft.accountStart, text);
    }
    // "I don't know", in any of the four languages, is one answer: UNKNOWN. Evidence has "none" for it, and
    // a question about the witness's own choice or details cannot be answered that way.
    if (isWord(text, 'unknown') && question.kind.type !== 'evidence') {
      // A choice list with an "unknown" option of its own (sex) keeps that option, as its button gives.
      if (
        question.kind.type === 'choice' &&
        (CHOICE_LISTS[question.kind.list] as readonly string[]).includes('unknown')
      )
        return { ok: true, value: 'unknown' };
      if (!question.decision) return { ok: true, value: UNKNOWN, reply: m.engine.unknownRecorded };
      if (optional) return { ok: true, value: null, reply: m.engine.skipped };
      return { ok: false, message: m.engine.unknownYourChoice };
    }
    if (
      optional &&
      question.kind.type !== 'evidence' &&
      question.kind.type !== 'yesNo' &&
      isWord(text, 'none')
    ) {
      return { ok: true, value: null };
    }
    switch (question.kind.type) {
      case 'yesNo': {
        const answer = this.yesNo(m, text);
        if (question.kind.mustBeYes && answer.ok === true && answer.value !== true)
          return { ok: false, message: m.engine.consentRequired };
        return answer;
      }
      case 'choice':
        return this.choice(draft.locale, question.kind.list, text);
      case 'text': {
        if (question.offerProfileName && draft.profileName && !draft.profileNameDeclined) {
          if (isWord(text, 'yes')) return { ok: true, value: draft.profileName };
          if (isWord(text, 'no')) {
            draft.profileNameDeclined = true;
            return { ok: 'pending' };
          }
        }
        const checked =
          question.kind.format === 'plate' ? validatePlate(text) : validateText(text, question.kind);
        return checked.ok
          ? { ok: true, value: checked.value }
          : { ok: false, message: this.invalidMessage(m, checked.reason, checked.limit, text) };
      }
      case 'email': {
        const checked = validateEmail(text);
        return checked.ok
          ? { ok: true, value: checked.value }
          : { ok: false, message: this.invalidMessage(m, checked.reason) };
      }
      case 'phone': {
        const checked = validatePhone(text);
        return checked.ok
          ? { ok: true, value: checked.value }
          : { ok: false, message: this.invalidMessage(m, checked.reason) };
      }
      case 'when':
        return this.when(m, draft, text);
      case 'evidence':
        return this.evidence(m, draft, dc.context.activity, text);
    }
  }

  private yesNo(m: Messages, text: string): Interpretation {
    if (isWord(text, 'yes')) return { ok: true, value: true };
    if (isWord(text, 'no')) return { ok: true, value: false };
    const withDetail = leadingYesNo(text);
    if (withDetail) return { ok: true, value: withDetail.value, detail: withDetail.detail };
    return { ok: false, message: m.engine.answerYesNo };
  }

  /** The account when the first message began it: "done" keeps it as it is, anything else is added. */
  private accountAfterStart(m: Messages, start: string, text: string): Interpretation {
    if (isWord(text, 'done') || isWord(text, 'unknown') || isWord(text, 'none'))
      return { ok: true, value: start };
    const added = cleanText(text);
    if (!added) return { ok: false, message: m.engine.invalid.empty };
    const checked = validateText(`${start}\n${added}`, { maxLength: ACCOUNT_LIMIT });
    return checked.ok
      ? { ok: true, value: checked.value }
      : { ok: false, message: m.engine.invalid.tooLong(ACCOUNT_LIMIT, start.length + 1 + added.length) };
  }

  private choice(locale: Locale, list: ChoiceListId, text: string): Interpretation {
    const options = CHOICE_LISTS[list] as readonly string[];
    const simple = simplify(text);
    const number = Number.parseInt(simple, 10);
    if (String(number) === simple && number >= 1 && number <= options.length)
      return { ok: true, value: options[number - 1] };
    const exact = options.find(
      (option) =>
        simplify(option) === simple ||
        LOCALES.some((other) => simplify(choiceLabel(other, list, option)) === simple),
    );
    if (exact) return { ok: true, value: exact };
    // "vehicle" for "Suspicious vehicle": a part of one label in the dialog's language is enough.
    const partial = options.filter(
      (option) => simple.length >= 3 && simplify(choiceLabel(locale, list, option)).includes(simple),
    );
    if (partial.length === 1) return { ok: true, value: partial[0] };
    return { ok: false, message: messagesFor(locale).engine.chooseOption };
  }

  private when(m: Messages, draft: ReportDraft, text: string): Interpretation {
    if (draft.pendingWhen) {
      if (isWord(text, 'yes')) return { ok: true, value: draft.pendingWhen };
      if (isWord(text, 'no')) {
        delete draft.pendingWhen;
        return { ok: 'pending', message: m.engine.whenRetry };
      }
    }
    const parsed = parseWhen(text, draft.locale, this.deps.clock(), this.deps.timeZone);
    if (parsed.ok) parsed.value.asSaid = cleanText(text).slice(0, AS_SAID_LIMIT);
    if (!parsed.ok) {
      delete draft.pendingWhen;
      return {
        ok: false,
        message: parsed.reason === 'future' ? m.engine.whenFuture : m.engine.whenUnrecognised,
      };
    }
    draft.pendingWhen = parsed.value;
    return { ok: 'pending' };
  }

  private evidence(m: Messages, draft: ReportDraft, activity: Activity, text: string): Interpretation {
    const collected: EvidenceAnswer = draft.pendingEvidence ?? { attachments: [], links: [] };
    if (isWord(text, 'done') || isWord(text, 'none') || isWord(text, 'unknown'))
      return { ok: true, value: collected };
    const accepted: Attachment[] = [];
    const refused: string[] = [];
    for (const attachment of activity.attachments ?? []) {
      const name = cleanText(attachment.name ?? 'file').slice(0, 300) || 'file';
      const contentType = (attachment.contentType ?? '').toLowerCase();
      if (!attachment.contentUrl || !(ACCEPTED_EVIDENCE_TYPES as readonly string[]).includes(contentType)) {
        refused.push(name);
        continue;
      }
      accepted.push({
        name,
        contentType: attachment.contentType.toLowerCase(),
        contentUrl: attachment.contentUrl,
      });
    }
    const links = extractLinks(text);
    if (accepted.length === 0 && links.length === 0) {
      return {
        ok: false,
        message:
          refused.length > 0 ? m.engine.evidenceUnsupported(refused.join(', ')) : m.engine.evidenceNothing,
      };
    }
    collected.attachments.push(...accepted);
    for (const link of links) if (!collected.links.includes(link)) collected.links.push(link);
    draft.pendingEvidence = collected;
    draft.revision += 1;
    const refusal = refused.length > 0 ? `${m.engine.evidenceUnsupported(refused.join(', '))}\n` : '';
    return {
      ok: 'pending',
      message: `${refusal}${m.engine.evidenceReceived(collected.attachments.length, collected.links.length)}`,
    };
  }

  private invalidMessage(
    m: Messages,
    reason: keyof Messages['engine']['invalid'],
    limit?: number,
    text?: string,
  ): string {
    switch (reason) {
      case 'tooLong':
        return m.engine.invalid.tooLong(limit ?? 0, cleanText(text ?? '').length);
      case 'tooShort':
        return m.engine.invalid.tooShort(limit ?? 0);
      default:
        return m.engine.invalid[reason];
    }
  }

  // --- asking ------------------------------------------------------------------------------------

  private helpFor(m: Messages, position: Position): string {
    if (position.at === 'gate' || position.at === 'more') return m.loops[position.loop].gateHelp;
    const id = questionAt(position);
    return id ? m.questions[id].help : m.review.intro;
  }

  private labelFor(m: Messages, position: Position): string {
    switch (position.at) {
      case 'question':
        return m.questions[position.id].label;
      case 'item':
        return `${m.loops[position.loop].item(position.index + 1)} – ${m.questions[position.id].label}`;
      case 'gate':
      case 'more':
        return m.loops[position.loop].label;
      case 'review':
        return m.review.title;
    }
  }

  private formatAnswer(m: Messages, draft: ReportDraft, position: Position): string {
    const key = noteKey(position);
    const note = key ? draft.notes?.[key] : undefined;
    const answer = this.formatBareAnswer(m, draft, position);
    return note ? `${answer} – “${note}”` : answer;
  }

  private formatBareAnswer(m: Messages, draft: ReportDraft, position: Position): string {
    const value = answerAt(draft, position);
    if (position.at === 'gate') return value === false ? m.loops[position.loop].none : m.review.yes;
    if (value === null || value === undefined) return m.review.skipped;
    if (isUnknown(value)) return m.review.unknown;
    if (typeof value === 'boolean') return value ? m.review.yes : m.review.no;
    const id = questionAt(position);
    const kind = id ? questionDefinition(id).kind : undefined;
    if (typeof value === 'string') {
      if (kind?.type === 'choice') return (m.choices[kind.list] as Record<string, string>)[value] ?? value;
      return value;
    }
    if ('attachments' in value) {
      const names = value.attachments.map((attachment) => attachment.name);
      return [m.review.evidence(value.attachments.length, value.links.length), ...names, ...value.links].join(
        '\n',
      );
    }
    return describeWhen(value, draft.locale, this.deps.timeZone, {
      around: m.engine.whenAround,
      timeUnknown: m.engine.whenTimeUnknown,
    });
  }

  /** The answerable lines of the review, in questionnaire order; their numbers are what "change N" uses. */
  private reviewTargets(draft: ReportDraft): { position: Position }[] {
    return walk(draft)
      .visited.filter(
        (position) =>
          position.at === 'question' ||
          position.at === 'item' ||
          (position.at === 'gate' && draft.loops[position.loop].answer === false),
      )
      .map((position) => ({ position }));
  }

  private reviewLines(m: Messages, draft: ReportDraft): ReviewLine[] {
    return this.reviewTargets(draft)
      .filter(({ position }) => !(position.at === 'question' && position.id === 'consent'))
      .map(({ position }) => ({
        number: this.reviewTargets(draft).findIndex((target) => samePosition(target.position, position)) + 1,
        label: position.at === 'item' ? m.questions[position.id].label : this.labelFor(m, position),
        value: this.formatAnswer(m, draft, position),
        // A person or vehicle is one row of the card (which must stay within Teams' message size).
        ...(position.at === 'item' ? { group: m.loops[position.loop].item(position.index + 1) } : {}),
      }));
  }

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

  private choicePrompt(locale: Locale, list: ChoiceListId, prompt: string): Partial<Activity> {
    const labels = (CHOICE_LISTS[list] as readonly string[]).map((option) =>
      choiceLabel(locale, list, option),
    );
    const numbered = labels.map((label, index) => `${index + 1}. ${label}`).join('\n');
    return MessageFactory.suggestedActions(labels, `${prompt}\n${numbered}`);
  }

  private async ask(dc: DialogContext, draft: ReportDraft): Promise<void> {
    const m = messagesFor(draft.locale);
    const position = currentPosition(draft);
    const yesNo = [m.review.yes, m.review.no];
    switch (position.at) {
      case 'review': {
        const lines = this.reviewLines(m, draft);
        if (CARD_CHANNELS.has(dc.context.activity.channelId)) {
          const card: BotAttachment = reviewCard(m, lines, draft.draftId, draft.revision);
          const state = dc.activeDialog?.state as ReportDialogState | undefined;
          await this.replaceEarlierReview(dc, m, state);
          const sent = await dc.context.sendActivity({
            type: ActivityTypes.Message,
            // Our own id, which a channel answering in the HTTP response (expectReplies) keeps.
            id: `review-${draft.draftId}-${draft.revision}`,
            text: m.review.intro,
            attachments: [card],
          });
          if (state && sent?.id) state.reviewActivityId = sent.id;
        } else {
          await dc.context.sendActivity(plain(reviewText(m, lines)));
        }
        return;
      }
      case 'gate':
        await dc.context.sendActivity(MessageFactory.suggestedActions(yesNo, m.loops[position.loop].gate));
        return;
      case 'more':
        await dc.context.sendActivity(MessageFactory.suggestedActions(yesNo, m.loops[position.loop].more));
        return;
      case 'question':
      case 'item':
        break;
    }
    const question: Question = questionDefinition(position.id);
    const texts = m.questions[position.id];
    const prefix =
      position.at === 'item' && position.id === loopDefinition(position.loop).questions[0].id
        ? `${m.loops[position.loop].item(position.index + 1)}\n`
        : '';
    // Read only where the text says it: the witness is told the period that will really apply.
    const retentionDays =
      texts.prompt.includes('{retentionDays}') && this.deps.currentRetentionDays
        ? await this.deps.currentRetentionDays()
        : this.deps.retentionDays;
    // In Teams the witness is told what an anonymous report still carries there (the organisation).
    const teamsNote =
      position.id === 'anonymous' && dc.context.activity.channelId === 'msteams'
        ? `\n\n${m.teamsChat.anonymousNote}`
        : '';
    const prompt =
      prefix +
      fill(texts.prompt, {
        retentionDays,
        draftHours: Math.round(this.deps.draftTtlMs / 3_600_000),
      }) +
      teamsNote;
    if (position.at === 'question' && position.id === 'account' && draft.accountStart) {
      await dc.context.sendActivity(plain(m.engine.accountContinue(draft.accountStart)));
      return;
    }
    if (draft.pendingWhen) {
      const understood = describeWhen(draft.pendingWhen, draft.locale, this.deps.timeZone, {
        around: m.engine.whenAround,
        timeUnknown: m.engine.whenTimeUnknown,
      });
      await dc.context.sendActivity(MessageFactory.suggestedActions(yesNo, m.engine.whenConfirm(understood)));
      return;
    }
    if (question.offerProfileName && draft.profileName && !draft.profileNameDeclined) {
      await dc.context.sendActivity({
        ...MessageFactory.suggestedActions(yesNo, m.engine.profileNameOffer(draft.profileName)),
        textFormat: 'plain',
      });
      return;
    }
    switch (question.kind.type) {
      case 'yesNo':
        await dc.context.sendActivity(MessageFactory.suggestedActions(yesNo, prompt));
        return;
      case 'choice':
        await dc.context.sendActivity(this.choicePrompt(draft.locale, question.kind.list, prompt));
        return;
      default:
        await dc.context.sendActivity(prompt);
    }
  }
}

function choiceLabel(locale: Locale, list: ChoiceListId, option: string): string {
  return (messagesFor(locale).choices[list] as Record<string, string>)[option] ?? option;
}
