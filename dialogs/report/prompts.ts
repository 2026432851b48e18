// What the report dialog sends, as botbuilder activities: the prompt for the open question (with its
// buttons), the review as a card or as text, the emergency advice and the receipt. Channels that render
// Adaptive Cards get cards; the others the same content as plain text.
import { ActivityTypes, MessageFactory, type Activity } from 'botbuilder';
import { RECEIPT_KIND, receiptCard, receiptShownCard, receiptText } from '../cards/receiptCard';
import { reviewCard, reviewText, type ReviewLine } from '../cards/reviewCard';
import { urgentCard, urgentText, type UrgentAdvice } from '../cards/urgentCard';
import type { Position, ReportDraft } from '../../models/core/draft';
import { messagesFor, type Locale, type Messages } from '../locales';
import { choiceOptions, loopOf, questionOf, type QuestionnaireSpec } from '../questionnaire';
import { describeWhen } from '../when';
import { choiceLabel, loopTexts, questionTexts } from './questions';

// Channels that render Adaptive Cards; others get the same content as plain text.
const CARD_CHANNELS = new Set(['msteams', 'webchat', 'directline', 'emulator']);

/** Whether a channel renders Adaptive Cards. */
export function showsCards(channelId: string): boolean {
  return CARD_CHANNELS.has(channelId);
}

/** Replies that contain witness text are sent as plain text, so no channel renders them as markdown. */
export function plain(text: string): Partial<Activity> {
  return { type: ActivityTypes.Message, text, textFormat: 'plain' };
}

/** A yes/no question with its two buttons. */
export function yesNoPrompt(m: Messages, text: string): Partial<Activity> {
  return MessageFactory.suggestedActions([m.review.yes, m.review.no], text);
}

function fill(text: string, values: Record<string, string | number>): string {
  return text.replace(/\{(\w+)\}/g, (whole, key: string) => (key in values ? String(values[key]) : whole));
}

/** What a question's prompt needs besides the draft. */
export interface PromptContext {
  readonly questionnaire: QuestionnaireSpec;
  readonly channelId: string;
  /** The zone times are shown in (IANA name). */
  readonly timeZone: string;
  /** How long a draft is kept, in hours (shown in the consent text). */
  readonly draftHours: number;
  /** The retention period in force, read only when the prompt shows it. */
  readonly retentionDays: () => Promise<number>;
}

function choicePrompt(
  locale: Locale,
  options: readonly string[],
  list: string,
  prompt: string,
): Partial<Activity> {
  const labels = options.map((option) => choiceLabel(locale, list, option));
  const numbered = labels.map((label, index) => `${index + 1}. ${label}`).join('\n');
  return MessageFactory.suggestedActions(labels, `${prompt}\n${numbered}`);
}

/** The prompt at a gate or "another?" of a group. */
export function loopPrompt(locale: Locale, position: Position & { at: 'gate' | 'more' }): Partial<Activity> {
  const texts = loopTexts(locale, position.loop);
  return yesNoPrompt(messagesFor(locale), position.at === 'gate' ? texts.gate : texts.more);
}

/**
 * The prompt for the question at a position: a date to confirm, the Teams profile name to accept, the
 * account to go on with, or the question itself (with buttons for yes/no and choices).
 */
export async function questionPrompt(
  draft: ReportDraft,
  position: Position & { at: 'question' | 'item' },
  context: PromptContext,
): Promise<Partial<Activity> | string> {
  const m = messagesFor(draft.locale);
  const question = questionOf(context.questionnaire, position.id);
  const texts = questionTexts(question, draft.locale);
  if (position.at === 'question' && question.role === 'account' && draft.accountStart)
    return plain(m.engine.accountContinue(draft.accountStart));
  if (draft.pendingWhen) {
    const understood = describeWhen(draft.pendingWhen, draft.locale, context.timeZone, {
      around: m.engine.whenAround,
      timeUnknown: m.engine.whenTimeUnknown,
    });
    return yesNoPrompt(m, m.engine.whenConfirm(understood));
  }
  if (question.offerProfileName && draft.profileName && !draft.profileNameDeclined)
    return { ...yesNoPrompt(m, m.engine.profileNameOffer(draft.profileName)), textFormat: 'plain' };
  // The first question about a person or vehicle names which one it is ("Person 2").
  const prefix =
    position.at === 'item' && position.id === loopOf(context.questionnaire, position.loop).questions[0]?.id
      ? `${loopTexts(draft.locale, position.loop).item(position.index + 1)}\n`
      : '';
  // In Teams the witness is told what an anonymous report still carries there (the organisation).
  const teamsNote =
    question.role === 'anonymity' && context.channelId === 'msteams'
      ? `\n\n${m.teamsChat.anonymousNote}`
      : '';
  const prompt =
    prefix +
    fill(texts.prompt, {
      // Read only where the text says it: the witness is told the period that will really apply.
      retentionDays: texts.prompt.includes('{retentionDays}') ? await context.retentionDays() : '',
      draftHours: context.draftHours,
    }) +
    teamsNote;
  switch (question.kind.type) {
    case 'yesNo':
      return yesNoPrompt(m, prompt);
    case 'choice':
      return choicePrompt(
        draft.locale,
        choiceOptions(context.questionnaire, question.kind.list),
        question.kind.list,
        prompt,
      );
    default:
      return prompt;
  }
}

/** The review: a card with its own id (kept by channels that answer in the HTTP response), or text. */
export function reviewPrompt(
  m: Messages,
  lines: ReviewLine[],
  draft: ReportDraft,
  channelId: string,
): Partial<Activity> {
  if (!showsCards(channelId)) return plain(reviewText(m, lines));
  return {
    type: ActivityTypes.Message,
    id: `review-${draft.draftId}-${draft.revision}`,
    text: m.review.intro,
    attachments: [reviewCard(m, lines, draft.draftId, draft.revision)],
  };
}

/** The emergency advice (danger, or something still going on), with a sentence before it. */
export function urgentAdvice(
  m: Messages,
  advice: UrgentAdvice,
  channelId: string,
  text?: string,
): Partial<Activity> | string {
  return showsCards(channelId)
    ? { type: ActivityTypes.Message, attachments: [urgentCard(m, advice)], ...(text ? { text } : {}) }
    : [urgentText(m, advice), ...(text ? [text] : [])].join('\n\n');
}

/**
 * The receipt: the case number and the code in a card of their own. The code is shown only this once: on
 * the web chat the message carries what the transcript keeps instead (`storedAs`: the case number, and
 * that the code was given), and the Direct Line channel stores only that (bot/channels/directLine/channel.ts).
 */
export function receipt(
  m: Messages,
  channelId: string,
  caseNumber: string,
  receiptCode: string,
): Partial<Activity> {
  if (!showsCards(channelId)) return plain(`${m.submit.saved}\n${receiptText(m, caseNumber, receiptCode)}`);
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
