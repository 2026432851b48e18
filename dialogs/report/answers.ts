// Reading the witness's answer to the question the draft stands at: "I don't know" and "none", yes and no
// with what was added to them, choices by number or label in any language, texts, e-mail, phone, dates in
// the witness's words and evidence. Pure: no botbuilder, so it is unit-tested without a bot or a database.
import {
  UNKNOWN,
  type AnswerValue,
  type Attachment,
  type EvidenceAnswer,
  type Position,
  type ReportDraft,
} from '../../models/core/draft';
import { ACCEPTED_EVIDENCE_TYPES } from '../../models/core/evidenceTypes';
import { isWord } from '../commands';
import { LOCALES, messagesFor, type Locale, type Messages } from '../locales';
import { choiceOptions, questionOf, type QuestionSpec, type QuestionnaireSpec } from '../questionnaire';
import {
  cleanText,
  extractLinks,
  simplify,
  validateEmail,
  validatePhone,
  validatePlate,
  validateText,
} from '../validators';
import { parseWhen } from '../when';
import { choiceLabel } from './questions';

/** The longest account the witness may give (its first message and what they add to it together). */
export const ACCOUNT_LIMIT = 4000;
const AS_SAID_LIMIT = 500;

/**
 * What an answer was understood as. 'pending': the answer is taken in but the question stays open (a date
 * to confirm, evidence still coming); with a message that message is the reply, otherwise the question is
 * asked again. An accepted answer may carry what the witness added to it (`detail`) and a reply said
 * before the next question (`reply`).
 */
export type Interpretation =
  | { ok: true; value: AnswerValue; detail?: string; reply?: string }
  | { ok: false; message: string }
  | { ok: 'pending'; message?: string };

/** A file that came with the witness's message, as the channel describes it (nothing trusted yet). */
export interface IncomingFile {
  readonly name?: string;
  readonly contentType?: string;
  readonly contentUrl?: string;
}

/** What reading an answer needs besides the draft and the text. */
export interface AnswerContext {
  readonly questionnaire: QuestionnaireSpec;
  readonly now: Date;
  /** The zone witnesses mean when they give a time (IANA name). */
  readonly timeZone: string;
  /** The files that came with the message. */
  readonly files: readonly IncomingFile[];
}

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

/**
 * The witness's answer at a position, understood for the question asked there. May note on the draft what
 * stays open with the question (a date to confirm, evidence collected, a declined profile name).
 */
export function readAnswer(
  draft: ReportDraft,
  position: Position,
  text: string,
  context: AnswerContext,
): Interpretation {
  const m = messagesFor(draft.locale);
  if (position.at === 'gate' || position.at === 'more') {
    // Not knowing of anyone (or anything) more to describe: nothing is asked about it.
    if (isWord(text, 'unknown')) return { ok: true, value: false, reply: m.engine.unknownRecorded };
    return yesNo(m, text);
  }
  if (position.at === 'review') return { ok: false, message: m.engine.changeWhich };
  const question = questionOf(context.questionnaire, position.id);
  const optional = !question.required;
  if (position.at === 'question' && question.role === 'account' && draft.accountStart) {
    return accountAfterStart(m, draft.accountStart, text);
  }
  // "I don't know", in any of the four languages, is one answer: UNKNOWN. Evidence has "none" for it, and
  // a question about the witness's own choice or details cannot be answered that way.
  if (isWord(text, 'unknown') && question.kind.type !== 'evidence') {
    // A choice list with an "unknown" option of its own (sex) keeps that option, as its button gives.
    if (
      question.kind.type === 'choice' &&
      choiceOptions(context.questionnaire, question.kind.list).includes('unknown')
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
  return byKind(m, draft, question, text, context);
}

function byKind(
  m: Messages,
  draft: ReportDraft,
  question: QuestionSpec,
  text: string,
  context: AnswerContext,
): Interpretation {
  switch (question.kind.type) {
    case 'yesNo': {
      const answer = yesNo(m, text);
      if (question.kind.mustBeYes && answer.ok === true && answer.value !== true)
        return { ok: false, message: m.engine.consentRequired };
      return answer;
    }
    case 'choice':
      return choice(
        draft.locale,
        choiceOptions(context.questionnaire, question.kind.list),
        question.kind.list,
        text,
      );
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
        : { ok: false, message: invalidMessage(m, checked.reason, checked.limit, text) };
    }
    case 'email': {
      const checked = validateEmail(text);
      return checked.ok
        ? { ok: true, value: checked.value }
        : { ok: false, message: invalidMessage(m, checked.reason) };
    }
    case 'phone': {
      const checked = validatePhone(text);
      return checked.ok
        ? { ok: true, value: checked.value }
        : { ok: false, message: invalidMessage(m, checked.reason) };
    }
    case 'when':
      return when(m, draft, text, context);
    case 'evidence':
      return evidence(m, draft, context.files, text);
  }
}

function yesNo(m: Messages, text: string): Interpretation {
  if (isWord(text, 'yes')) return { ok: true, value: true };
  if (isWord(text, 'no')) return { ok: true, value: false };
  const withDetail = leadingYesNo(text);
  if (withDetail) return { ok: true, value: withDetail.value, detail: withDetail.detail };
  return { ok: false, message: m.engine.answerYesNo };
}

/** The account when the first message began it: "done" keeps it as it is, anything else is added. */
function accountAfterStart(m: Messages, start: string, text: string): Interpretation {
  if (isWord(text, 'done') || isWord(text, 'unknown') || isWord(text, 'none'))
    return { ok: true, value: start };
  const added = cleanText(text);
  if (!added) return { ok: false, message: m.engine.invalid.empty };
  const checked = validateText(`${start}\n${added}`, { maxLength: ACCOUNT_LIMIT });
  return checked.ok
    ? { ok: true, value: checked.value }
    : { ok: false, message: m.engine.invalid.tooLong(ACCOUNT_LIMIT, start.length + 1 + added.length) };
}

function choice(locale: Locale, options: readonly string[], list: string, text: string): Interpretation {
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

function when(m: Messages, draft: ReportDraft, text: string, context: AnswerContext): Interpretation {
  if (draft.pendingWhen) {
    if (isWord(text, 'yes')) return { ok: true, value: draft.pendingWhen };
    if (isWord(text, 'no')) {
      delete draft.pendingWhen;
      return { ok: 'pending', message: m.engine.whenRetry };
    }
  }
  const parsed = parseWhen(text, draft.locale, context.now, context.timeZone);
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

function evidence(
  m: Messages,
  draft: ReportDraft,
  files: readonly IncomingFile[],
  text: string,
): Interpretation {
  const collected: EvidenceAnswer = draft.pendingEvidence ?? { attachments: [], links: [] };
  if (isWord(text, 'done') || isWord(text, 'none') || isWord(text, 'unknown'))
    return { ok: true, value: collected };
  const accepted: Attachment[] = [];
  const refused: string[] = [];
  for (const file of files) {
    const name = cleanText(file.name ?? 'file').slice(0, 300) || 'file';
    const contentType = (file.contentType ?? '').toLowerCase();
    if (!file.contentUrl || !(ACCEPTED_EVIDENCE_TYPES as readonly string[]).includes(contentType)) {
      refused.push(name);
      continue;
    }
    accepted.push({ name, contentType, contentUrl: file.contentUrl });
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

function invalidMessage(
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
