import { CardFactory, type Attachment } from 'botbuilder';
import type { Messages } from '../locales';
import { submitData } from './cardSubmit';

/** One numbered line of the read-back. */
export interface ReviewLine {
  number: number;
  label: string;
  value: string;
  /** The person or vehicle the line belongs to ("Person 2"): the card shows each as one row. */
  group?: string;
}

/**
 * Teams refuses a message above about 100 KB, counted in UTF-16 (two bytes per JSON character); at the
 * questionnaire's maxima (ten people, ten vehicles, every answer at its longest) the full read-back is
 * several times that, and the witness could never send the report. The card stays below this budget,
 * leaving room for the activity around it.
 */
export const REVIEW_CARD_BUDGET_BYTES = 80_000;

/** The size Teams counts for a card: its JSON in UTF-16. */
export function cardBytes(card: Attachment): number {
  return JSON.stringify(card).length * 2;
}

// Longest text shown per answer row and per person or vehicle row, before the budget shrinks them.
const ANSWER_CHARS = 1_500;
const GROUP_CHARS = 300;

function shorten(text: string, limit: number): string {
  return text.length <= limit ? text : `${text.slice(0, Math.max(1, limit - 1)).trimEnd()}…`;
}

interface CardRow {
  number: number;
  label: string;
  value: string;
}

/** One row per answer, and one per person or vehicle: its numbered answers summarised. */
function rowsOf(lines: ReviewLine[], answerChars: number, groupChars: number): CardRow[] {
  const rows: CardRow[] = [];
  const groups = new Map<string, CardRow>();
  for (const line of lines) {
    if (!line.group) {
      rows.push({ number: line.number, label: line.label, value: shorten(line.value, answerChars) });
      continue;
    }
    const part = `${line.number}. ${line.label}: ${line.value}`;
    const row = groups.get(line.group);
    if (row) {
      row.value = `${row.value} · ${part}`;
    } else {
      // The row's Change re-asks all of the group's answers; each keeps its number for "change N".
      const created = { number: line.number, label: line.group, value: part };
      groups.set(line.group, created);
      rows.push(created);
    }
  }
  for (const [group, row] of groups) {
    const last = lines.filter((line) => line.group === group).at(-1)?.number ?? row.number;
    row.label = `${group} (${row.number}–${last})`;
    row.value = shorten(row.value, groupChars);
  }
  return rows;
}

function buildCard(messages: Messages, rows: CardRow[], draftId: string, revision: number): Attachment {
  const { review } = messages;
  return CardFactory.adaptiveCard({
    type: 'AdaptiveCard',
    $schema: 'http://adaptivecards.io/schemas/adaptive-card.json',
    version: '1.5',
    body: [
      { type: 'TextBlock', text: review.title, weight: 'Bolder', size: 'Medium', wrap: true },
      ...rows.map((row) => ({
        type: 'ColumnSet',
        separator: true,
        columns: [
          {
            type: 'Column',
            width: 'stretch',
            items: [
              {
                type: 'RichTextBlock',
                inlines: [{ type: 'TextRun', text: `${row.number}. ${row.label}`, weight: 'Bolder' }],
              },
              { type: 'RichTextBlock', inlines: [{ type: 'TextRun', text: row.value }] },
            ],
          },
          {
            type: 'Column',
            width: 'auto',
            verticalContentAlignment: 'Center',
            items: [
              {
                type: 'ActionSet',
                actions: [
                  {
                    type: 'Action.Submit',
                    title: review.changeButton,
                    // The page announces each button by its tooltip ("Change: Person 1 – Height").
                    tooltip: `${review.changeButton}: ${row.label}`,
                    data: submitData({ action: 'change', draftId, revision, target: row.number }),
                  },
                ],
              },
            ],
          },
        ],
      })),
    ],
    actions: [
      {
        type: 'Action.Submit',
        title: review.confirmButton,
        style: 'positive',
        data: submitData({ action: 'confirm', draftId, revision }),
      },
    ],
  });
}

/**
 * The read-back as an Adaptive Card (schema 1.5, which Teams renders), never above
 * REVIEW_CARD_BUDGET_BYTES: people and vehicles are one row each with its own Change, and long answers are
 * shortened on the card (the witness typed them; "change N" shows nothing less). Witness text goes into
 * TextRun elements, which Adaptive Cards never interpret as markdown, so it is always shown as typed.
 */
export function reviewCard(
  messages: Messages,
  lines: ReviewLine[],
  draftId: string,
  revision: number,
): Attachment {
  let answerChars = ANSWER_CHARS;
  let groupChars = GROUP_CHARS;
  for (;;) {
    const card = buildCard(messages, rowsOf(lines, answerChars, groupChars), draftId, revision);
    if (cardBytes(card) <= REVIEW_CARD_BUDGET_BYTES || answerChars <= 40) return card;
    answerChars = Math.floor(answerChars / 2);
    groupChars = Math.max(40, Math.floor(groupChars / 2));
  }
}

/** An earlier review card, replaced by a newer one: the same title, no buttons, a line saying so. */
export function replacedReviewCard(messages: Messages, note: string): Attachment {
  return CardFactory.adaptiveCard({
    type: 'AdaptiveCard',
    $schema: 'http://adaptivecards.io/schemas/adaptive-card.json',
    version: '1.5',
    body: [
      { type: 'TextBlock', text: messages.review.title, weight: 'Bolder', size: 'Medium', wrap: true },
      { type: 'TextBlock', text: note, wrap: true, isSubtle: true },
    ],
  });
}

/** The read-back as plain numbered text, for channels without cards. */
export function reviewText(messages: Messages, lines: ReviewLine[]): string {
  return [
    messages.review.title,
    ...lines.map(
      (line) => `${line.number}. ${line.group ? `${line.group} – ` : ''}${line.label}: ${line.value}`,
    ),
    messages.review.intro,
  ].join('\n');
}
