import { stringify } from 'csv-stringify/sync';
import type { Locale } from '../../../dialogs/locales';
import type { QuestionnaireSpec } from '../../../models/core/questionnaire';
import { answersInOrder, type AnswerView, type LoopView } from './caseView';
import type { StoredReport } from '../../../models/store/caseFiles';

// Excel reads a CSV file as the machine's legacy code page unless it starts with a byte order mark; with it,
// "Brüssel" stays "Brüssel" instead of "BrÃ¼ssel".
const UTF8_BOM = '\uFEFF';

// A spreadsheet runs a cell that starts with one of these as a formula (CSV injection): prefix a quote.
const FORMULA_START = /^[=+\-@\t\r]/;
/** A CSV cell that a spreadsheet shows as text, never evaluates. */
export function safeCell(value: unknown): string {
  if (value === null || value === undefined) return '';
  const text =
    value instanceof Date
      ? value.toISOString()
      : typeof value === 'string' || typeof value === 'number' || typeof value === 'boolean'
        ? String(value)
        : JSON.stringify(value);
  return FORMULA_START.test(text) ? `'${text}` : text;
}

/** A date and time as people read it, in the service's zone: "2026-11-22 13:00". */
export function readableTime(value: Date | null | undefined, timeZone: string): string {
  if (!value) return '';
  const parts = new Intl.DateTimeFormat('en-CA', {
    timeZone,
    year: 'numeric',
    month: '2-digit',
    day: '2-digit',
    hour: '2-digit',
    minute: '2-digit',
    hourCycle: 'h23',
  }).formatToParts(value);
  const part = (type: string) => parts.find((candidate) => candidate.type === type)?.value ?? '';
  return `${part('year')}-${part('month')}-${part('day')} ${part('hour')}:${part('minute')}`;
}

/** A repeated group as one readable cell: "Person 1: Clothing: red coat; Marks: —" per line. */
function loopText(loop: LoopView): string {
  return loop.items
    .map((item) => {
      const answers = item.answers
        .filter((answer) => answer.value !== null)
        .map((answer) => `${answer.label}: ${answer.value}`);
      return `${item.title}: ${answers.join('; ')}`;
    })
    .join('\n');
}

/** Names for officer account ids (their e-mail address); an unknown id stays as it is. */
export type OfficerNames = (id: string | null | undefined) => string;

/**
 * The list export's header and rows: fixed case columns, then one column per question of the reports'
 * questionnaires (each report read against its own), labelled in `locale`.
 */
export function listCsv(
  reports: { report: StoredReport; questionnaire: QuestionnaireSpec }[],
  locale: Locale,
  timeZone: string,
  nameOf: OfficerNames,
): string {
  const fixed = ['Case', 'Status', 'Urgent', 'Category', 'Channel', 'Language', 'Received', 'Assigned to'];
  const closing = ['Outcome', 'Closed', 'Open questions'];
  const answered = reports.map(({ report, questionnaire }) => ({
    report,
    answers: answersInOrder(report, questionnaire, locale, timeZone),
  }));
  // The questions of every version, in the order first met; a question a report's version lacks stays empty.
  const questionColumns = new Map<string, string>();
  for (const { answers } of answered)
    for (const answer of answers)
      if (!questionColumns.has(answer.id)) questionColumns.set(answer.id, answer.label);
  const rows = answered.map(({ report, answers }) => {
    const byId = new Map<string, AnswerView | LoopView>(answers.map((answer) => [answer.id, answer]));
    const category = report.answers.category;
    return [
      report.caseNumber,
      report.status.replace('_', ' '),
      report.urgent ? 'yes' : 'no',
      typeof category === 'string' ? category : '',
      report.channel,
      report.locale,
      readableTime(report.submittedAt, timeZone),
      nameOf(report.assignee),
      report.outcome?.replaceAll('_', ' ') ?? '',
      readableTime(report.closedAt, timeZone),
      String((report.questions ?? []).filter((question) => !question.answer).length),
      ...[...questionColumns.keys()].map((id) => {
        const answer = byId.get(id);
        if (!answer) return '';
        return 'items' in answer ? loopText(answer) : (answer.value ?? '');
      }),
    ];
  });
  const header = [...fixed, ...closing, ...questionColumns.values()];
  return csvText(header, rows);
}

/** What a single-case export contains besides the report. */
export interface CaseExtras {
  notes: { at: Date; author: string; text: string }[];
  questions: {
    askedAt: Date;
    askedBy: string;
    text: string;
    answer: string | null;
    answeredAt: Date | null;
  }[];
}

/** One case as a readable sheet: section, field, value and when, with the answers, questions and notes. */
export function caseCsv(
  report: StoredReport,
  questionnaire: QuestionnaireSpec,
  extras: CaseExtras,
  locale: Locale,
  timeZone: string,
  nameOf: OfficerNames,
): string {
  const rows: string[][] = [
    ['Case', 'Case', report.caseNumber, readableTime(report.submittedAt, timeZone)],
    ['Case', 'Status', report.status.replace('_', ' '), ''],
    ['Case', 'Urgent', report.urgent ? 'yes' : 'no', ''],
    ['Case', 'Channel', report.channel, ''],
    ['Case', 'Language', report.locale, ''],
    ['Case', 'Assigned to', nameOf(report.assignee), ''],
  ];
  if (report.outcome) {
    rows.push([
      'Case',
      'Outcome',
      report.outcome.replaceAll('_', ' '),
      readableTime(report.closedAt, timeZone),
    ]);
  }
  for (const answer of answersInOrder(report, questionnaire, locale, timeZone)) {
    rows.push(['Answer', answer.label, 'items' in answer ? loopText(answer) : (answer.value ?? ''), '']);
  }
  for (const question of extras.questions) {
    rows.push([
      'Question',
      nameOf(question.askedBy),
      question.text,
      readableTime(question.askedAt, timeZone),
    ]);
    if (question.answer !== null) {
      rows.push([
        'Answer from the witness',
        '',
        question.answer,
        readableTime(question.answeredAt, timeZone),
      ]);
    }
  }
  for (const note of extras.notes) {
    rows.push(['Note', nameOf(note.author), note.text, readableTime(note.at, timeZone)]);
  }
  return csvText(['Section', 'Field', 'Value', 'When'], rows);
}

function csvText(header: string[], rows: string[][]): string {
  const body = stringify(
    rows.map((row) => row.map(safeCell)),
    { header: true, columns: header.map(safeCell), quoted_string: true, record_delimiter: 'windows' },
  );
  return `${UTF8_BOM}${body}`;
}
