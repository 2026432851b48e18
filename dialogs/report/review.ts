// The read-back of a draft in words: its numbered lines (which they are is the core's:
// models/core/review.ts), each answer in the witness's language, the labels the witness may name in
// "change …", and the help for the open question. Pure (no botbuilder): the card and the plain-text review
// are drawn from these lines by dialogs/report/prompts.ts.
import type { ReviewLine } from '../cards/reviewCard';
import { isWord } from '../commands';
import {
  answerAt,
  isUnknown,
  noteKey,
  samePosition,
  type Position,
  type ReportDraft,
} from '../../models/core/draft';
import { readBack, reviewTargets } from '../../models/core/review';
import { LOCALES, messagesFor, type Locale } from '../locales';
import { questionOf, type QuestionnaireSpec } from '../questionnaire';
import { simplify } from '../validators';
import { describeWhen } from '../when';
import { choiceLabel, loopTexts, questionTexts } from './questions';

/** What the read-back needs besides the draft. */
export interface ReviewContext {
  readonly questionnaire: QuestionnaireSpec;
  /** The zone times are shown in (IANA name). */
  readonly timeZone: string;
}

/** The help for the question at a position ("help"); the review's introduction at the review. */
export function helpFor(locale: Locale, position: Position, spec: QuestionnaireSpec): string {
  if (position.at === 'gate' || position.at === 'more') return loopTexts(locale, position.loop).gateHelp;
  if (position.at === 'review') return messagesFor(locale).review.intro;
  return questionTexts(questionOf(spec, position.id), locale).help;
}

/** The label of a position in the review ("Person 2 – Age" for a person's answer). */
export function labelFor(locale: Locale, position: Position, spec: QuestionnaireSpec): string {
  switch (position.at) {
    case 'question':
      return questionTexts(questionOf(spec, position.id), locale).label;
    case 'item': {
      const item = loopTexts(locale, position.loop).item(position.index + 1);
      return `${item} – ${questionTexts(questionOf(spec, position.id), locale).label}`;
    }
    case 'gate':
    case 'more':
      return loopTexts(locale, position.loop).label;
    case 'review':
      return messagesFor(locale).review.title;
  }
}

/** The answer at a position as the review shows it, with what the witness added to it. */
export function formatAnswer(
  locale: Locale,
  draft: ReportDraft,
  position: Position,
  context: ReviewContext,
): string {
  const key = noteKey(position);
  const note = key ? draft.notes?.[key] : undefined;
  const answer = formatBareAnswer(locale, draft, position, context);
  return note ? `${answer} – “${note}”` : answer;
}

function formatBareAnswer(
  locale: Locale,
  draft: ReportDraft,
  position: Position,
  context: ReviewContext,
): string {
  const m = messagesFor(locale);
  const value = answerAt(draft, position);
  if (position.at === 'gate') return value === false ? loopTexts(locale, position.loop).none : m.review.yes;
  if (value === null || value === undefined) return m.review.skipped;
  if (isUnknown(value)) return m.review.unknown;
  if (typeof value === 'boolean') return value ? m.review.yes : m.review.no;
  if (typeof value === 'string') {
    const kind =
      position.at === 'question' || position.at === 'item'
        ? questionOf(context.questionnaire, position.id).kind
        : undefined;
    return kind?.type === 'choice' ? choiceLabel(locale, kind.list, value) : value;
  }
  if ('attachments' in value) {
    const names = value.attachments.map((attachment) => attachment.name);
    return [m.review.evidence(value.attachments.length, value.links.length), ...names, ...value.links].join(
      '\n',
    );
  }
  return describeWhen(value, draft.locale, context.timeZone, {
    around: m.engine.whenAround,
    timeUnknown: m.engine.whenTimeUnknown,
  });
}

/** The lines of the review as the witness sees them (a declaration they must make is not read back). */
export function reviewLines(locale: Locale, draft: ReportDraft, context: ReviewContext): ReviewLine[] {
  const spec = context.questionnaire;
  const targets = reviewTargets(draft, spec);
  return targets
    .filter((position) => readBack(position, spec))
    .map((position) => ({
      number: targets.findIndex((target) => samePosition(target, position)) + 1,
      label:
        position.at === 'item'
          ? questionTexts(questionOf(spec, position.id), locale).label
          : labelFor(locale, position, spec),
      value: formatAnswer(locale, draft, position, context),
      // A person or vehicle is one row of the card (which must stay within Teams' message size).
      ...(position.at === 'item' ? { group: loopTexts(locale, position.loop).item(position.index + 1) } : {}),
    }));
}

// Whether the witness named this line ("change the place", "wijzig plaats"), in any language.
function labelMatches(position: Position, target: string, spec: QuestionnaireSpec): boolean {
  const cleaned = target.replace(
    /^(the|my|de|het|mijn|la|le|les|l|ma|mon|die|der|das|den|meine|mein)\s+/,
    '',
  );
  return LOCALES.some((locale) => {
    const label = simplify(labelFor(locale, position, spec));
    return label === cleaned || label.split(' ').includes(cleaned);
  });
}

/** The review line "change 6" or "change place" names (numbered from 1); undefined for anything else. */
export function changeTarget(text: string, draft: ReportDraft, spec: QuestionnaireSpec): number | undefined {
  const words = simplify(text).split(' ');
  if (words.length < 2 || !isWord(words[0], 'change')) return undefined;
  const target = words.slice(1).join(' ');
  const lines = reviewTargets(draft, spec);
  const number = Number.parseInt(target, 10);
  if (Number.isInteger(number) && String(number) === target) return number;
  const byLabel = lines.findIndex((line) => labelMatches(line, target, spec));
  return byLabel >= 0 ? byLabel + 1 : undefined;
}
