import {
  conditionHolds,
  isLoopSpec,
  type QuestionSpec,
  type QuestionnaireSpec,
} from '../../../models/core/questionnaire';
import { messagesFor, type Locale } from '../../../dialogs/locales';
import { findQuestionTexts } from '../../../dialogs/report/questions';
import type { StoredReport } from '../../../models/store/caseFiles';

/** One answer as the console shows it: the question's label and the answer as plain text (never HTML). */
export interface AnswerView {
  id: string;
  label: string;
  value: string | null;
}

/** A repeated group (people, vehicles): each item with its own answers. */
export interface LoopView {
  id: string;
  label: string;
  /** What the witness added to their yes or no about the group ("yes, two men"). */
  note?: string;
  items: { title: string; answers: AnswerView[] }[];
}

function formatDate(value: Date, locale: Locale, timeZone: string, withTime = true): string {
  const style = withTime
    ? ({ dateStyle: 'medium', timeStyle: 'short' } as const)
    : ({ dateStyle: 'medium' } as const);
  return new Intl.DateTimeFormat(locale, { ...style, timeZone }).format(value);
}

interface WhenValue {
  start: Date;
  precision: 'minute' | 'day';
  approximate: boolean;
  asSaid?: string;
}

// A question's label: the words its entry carries, else the locale catalogue's; for a question that a later
// questionnaire dropped from the locales, its id stands in.
function questionLabel(locale: Locale, question: QuestionSpec): string {
  return findQuestionTexts(question, locale)?.label ?? question.id;
}

function formatAnswer(
  question: QuestionSpec,
  value: unknown,
  locale: Locale,
  timeZone: string,
): string | null {
  const messages = messagesFor(locale);
  if (value === undefined || value === null || value === '') return null;
  switch (question.kind.type) {
    case 'yesNo':
      if (value instanceof Date) return `${messages.review.yes} (${formatDate(value, locale, timeZone)})`;
      return value === true ? messages.review.yes : messages.review.no;
    case 'choice': {
      const lists: Partial<Record<string, Partial<Record<string, string>>>> = messages.choices;
      const labels = lists[question.kind.list] ?? {};
      return typeof value === 'string' ? (labels[value] ?? value) : JSON.stringify(value);
    }
    case 'when': {
      const when = value as WhenValue;
      const start = formatDate(when.start, locale, timeZone, when.precision !== 'day');
      const understood = `${when.approximate ? `${messages.engine.whenAround} ` : ''}${start}`;
      // The witness's own words beside what the dialog understood of them.
      return when.asSaid ? `${understood} (“${when.asSaid}”)` : understood;
    }
    case 'evidence': {
      const evidence = value as { attachments: { name: string }[]; links: string[] };
      if (evidence.attachments.length === 0 && evidence.links.length === 0) return null;
      return [...evidence.attachments.map((attachment) => attachment.name), ...evidence.links].join('\n');
    }
    default:
      return typeof value === 'string' ? value : JSON.stringify(value);
  }
}

// Why the report is urgent, after the urgent answer: "Yes – the account mentions: knife, now".
function urgentWhy(report: StoredReport, locale: Locale): string | undefined {
  const words = messagesFor(locale).caseView;
  const reasons = (report.urgentReasons ?? []).map((reason) =>
    reason.source === 'question' ? words.urgentByAnswer : words.urgentByWords(reason.terms.join(', ')),
  );
  return reasons.length > 0 ? reasons.join('; ') : undefined;
}

/**
 * The report's answers in the order of its own questionnaire (`spec`, the archived copy its hash names),
 * labelled in `locale`, with the loops' items: generated from the questionnaire, one rule per kind of answer.
 */
export function answersInOrder(
  report: StoredReport,
  spec: QuestionnaireSpec,
  locale: Locale,
  timeZone: string,
): (AnswerView | LoopView)[] {
  const messages = messagesFor(locale);
  const loopTexts: Partial<Record<string, { label: string; item(n: number): string }>> = messages.loops;
  const answers = report.answers;
  const top = (id: string): unknown => answers[id];
  const unknown = new Set(report.unknownAnswers ?? []);
  const notes = new Map((report.answerNotes ?? []).map((note) => [note.question, note.text]));
  // "I don't know" is shown as such; what the witness added to a short answer follows it.
  const shown = (key: string, value: string | null): string | null => {
    const answer = unknown.has(key) ? messages.review.unknown : value;
    const note = notes.get(key);
    return note ? `${answer ?? messages.review.skipped} – “${note}”` : answer;
  };
  const result: (AnswerView | LoopView)[] = [];
  for (const entry of spec.entries) {
    if (!isLoopSpec(entry)) {
      if (!conditionHolds(entry.condition, top)) continue;
      let value = shown(entry.id, formatAnswer(entry, top(entry.id), locale, timeZone));
      const why = entry.role === 'urgency' ? urgentWhy(report, locale) : undefined;
      if (why) value = `${messages.review.yes} – ${why}`;
      result.push({ id: entry.id, label: questionLabel(locale, entry), value });
      continue;
    }
    const stored = top(entry.loop);
    const items = Array.isArray(stored) ? (stored as Partial<Record<string, unknown>>[]) : [];
    const loopText = loopTexts[entry.loop];
    const note = notes.get(entry.loop);
    result.push({
      id: entry.loop,
      label: loopText?.label ?? entry.loop,
      ...(note ? { note } : {}),
      items: items.map((item, index) => ({
        title: loopText?.item(index + 1) ?? `${entry.loop} ${index + 1}`,
        answers: entry.questions.map((question) => ({
          id: question.id,
          label: questionLabel(locale, question),
          value: shown(
            `${entry.loop}.${index}.${question.id}`,
            formatAnswer(question, item[question.id], locale, timeZone),
          ),
        })),
      })),
    });
  }
  return result;
}
