import { CardFactory, type Attachment } from 'botbuilder';
import type { Messages } from '../locales';
import { submitData } from './cardSubmit';

/** One numbered line of the read-back. */
export interface ReviewLine {
  number: number;
  label: string;
  value: string;
}

/**
 * The read-back as an Adaptive Card (schema 1.5, which Teams renders). Witness text goes into TextRun
 * elements, which Adaptive Cards never interpret as markdown, so it is always shown as typed.
 */
export function reviewCard(
  messages: Messages,
  lines: ReviewLine[],
  draftId: string,
  revision: number,
): Attachment {
  const { review } = messages;
  return CardFactory.adaptiveCard({
    type: 'AdaptiveCard',
    $schema: 'http://adaptivecards.io/schemas/adaptive-card.json',
    version: '1.5',
    body: [
      { type: 'TextBlock', text: review.title, weight: 'Bolder', size: 'Medium', wrap: true },
      ...lines.map((line) => ({
        type: 'ColumnSet',
        separator: true,
        columns: [
          {
            type: 'Column',
            width: 'stretch',
            items: [
              {
                type: 'RichTextBlock',
                inlines: [{ type: 'TextRun', text: `${line.number}. ${line.label}`, weight: 'Bolder' }],
              },
              { type: 'RichTextBlock', inlines: [{ type: 'TextRun', text: line.value }] },
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
                    tooltip: `${review.changeButton}: ${line.label}`,
                    data: submitData({ action: 'change', draftId, revision, target: line.number }),
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

/** The read-back as plain numbered text, for channels without cards. */
export function reviewText(messages: Messages, lines: ReviewLine[]): string {
  return [
    messages.review.title,
    ...lines.map((line) => `${line.number}. ${line.label}: ${line.value}`),
    messages.review.intro,
  ].join('\n');
}
