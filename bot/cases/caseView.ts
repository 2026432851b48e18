import {
  QUESTIONNAIRE,
  isLoop,
  type ChoiceListId,
  type Question,
  type QuestionId,
  type TopQuestionId,
} from '../../dialogs/questionnaire';
import { messagesFor, type Locale } from '../../dialogs/locales';
import type { Report } from '../../models/report';
import type { StoredReport } from './caseDesk';

/** One answer as the console shows it: the question's label and the answer as plain text (never HTML). */
export interface AnswerView {
  id: string;
  label: string;
  value: string | null;
}

/** A repeated group (people, vehicles): each item with its own answers. */
export interface LoopView {
  id: 'people' | 'vehicles';
  label: string;
  /** What the witness added to their yes or no about the group ("yes, two men"). */
  note?: string;
  items: { title: string; answers: AnswerView[] }[];
}

type Lookup = (id: QuestionId) => unknown;

function topLevelLookup(report: StoredReport): (id: TopQuestionId) => unknown {
  return (id) => {
    switch (id) {
      case 'urgent':
        return report.urgent;
      case 'category':
        return report.category;
      case 'account':
        return report.account;
      case 'when':
        return report.when;
      case 'ongoing':
        return report.ongoing;
      case 'place':
        return report.place;
      case 'placeDetail':
        return report.placeDetail;
      case 'suspicious':
        return report.suspicious;
      case 'evidence':
        return { attachments: report.attachments ?? [], links: report.links ?? [] };
      case 'witnesses':
        return report.witnesses;
      case 'anonymous':
        return report.reporter?.anonymous;
      case 'contactName':
        return report.reporter?.name;
      case 'contactPhone':
        return report.reporter?.phone;
      case 'contactEmail':
        return report.reporter?.email;
      case 'organisation':
        return report.reporter?.organisation;
      case 'preferredContact':
        return report.reporter?.preferredContact;
      case 'consent':
        return report.consentAt;
    }
  };
}

function formatDate(value: Date, locale: Locale, timeZone: string, withTime = true): string {
  const style = withTime
    ? ({ dateStyle: 'medium', timeStyle: 'short' } as const)
    : ({ dateStyle: 'medium' } as const);
  return new Intl.DateTimeFormat(locale, { ...style, timeZone }).format(value);
}

function formatAnswer(question: Question, value: unknown, locale: Locale, timeZone: string): string | null {
  const messages = messagesFor(locale);
  if (value === undefined || value === null || value === '') return null;
  switch (question.kind.type) {
    case 'yesNo':
      if (value instanceof Date) return `${messages.review.yes} (${formatDate(value, locale, timeZone)})`;
      return value === true ? messages.review.yes : messages.review.no;
    case 'choice': {
      const labels: Record<string, string> = messages.choices[question.kind.list satisfies ChoiceListId];
      return typeof value === 'string' ? (labels[value] ?? value) : JSON.stringify(value);
    }
    case 'when': {
      const when = value as NonNullable<Report['when']>;
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

/** The report's answers in questionnaire order, labelled in `locale`, with the loops' items. */
export function answersInOrder(
  report: StoredReport,
  locale: Locale,
  timeZone: string,
): (AnswerView | LoopView)[] {
  const messages = messagesFor(locale);
  const labelOf = (id: QuestionId): string => messages.questions[id].label;
  const top = topLevelLookup(report);
  const unknown = new Set(report.unknownAnswers ?? []);
  const notes = new Map((report.answerNotes ?? []).map((note) => [note.question, note.text]));
  // "I don't know" is shown as such; what the witness added to a short answer follows it.
  const shown = (key: string, value: string | null): string | null => {
    const answer = unknown.has(key) ? messages.review.unknown : value;
    const note = notes.get(key);
    return note ? `${answer ?? messages.review.skipped} – “${note}”` : answer;
  };
  const result: (AnswerView | LoopView)[] = [];
  for (const entry of QUESTIONNAIRE) {
    if (!isLoop(entry)) {
      if (entry.condition && !entry.condition(top)) continue;
      let value = shown(entry.id, formatAnswer(entry, top(entry.id), locale, timeZone));
      const why = entry.id === 'urgent' ? urgentWhy(report, locale) : undefined;
      if (why) value = `${messages.review.yes} – ${why}`;
      result.push({ id: entry.id, label: labelOf(entry.id), value });
      continue;
    }
    const items = (entry.loop === 'people' ? report.people : report.vehicles) ?? [];
    const loopText = messages.loops[entry.loop];
    const note = notes.get(entry.loop);
    result.push({
      id: entry.loop,
      label: loopText.label,
      ...(note ? { note } : {}),
      items: items.map((item, index) => {
        const lookup: Lookup = (id) => (item as Record<string, unknown>)[id];
        return {
          title: loopText.item(index + 1),
          answers: (entry.questions as readonly Question[]).map((question) => ({
            id: question.id,
            label: labelOf(question.id),
            value: shown(
              `${entry.loop}.${index}.${question.id}`,
              formatAnswer(question, lookup(question.id), locale, timeZone),
            ),
          })),
        };
      }),
    });
  }
  return result;
}
