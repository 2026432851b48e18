import { CardFactory, type Attachment } from 'botbuilder';
import type { Messages } from '../locales';

/**
 * The mark on the receipt message (`channelData.shieldReporter.kind`), so that a page can style it, and
 * the Direct Line channel knows to keep only `storedAs` in the transcript.
 */
export const RECEIPT_KIND = 'receipt';

// U+2011, a hyphen that never breaks the line: the code stays on one line (or wraps as a whole) on a
// phone. A code copied with it is still accepted, since only letters and digits count when it is read.
const NON_BREAKING_HYPHEN = '\u2011';

function unbreakable(code: string): string {
  return code.replace(/-/g, NON_BREAKING_HYPHEN);
}

function labelled(label: string, value: string) {
  return [
    { type: 'TextBlock', text: label, weight: 'Bolder', spacing: 'Medium', wrap: true },
    {
      type: 'TextBlock',
      text: unbreakable(value),
      fontType: 'Monospace',
      size: 'Large',
      weight: 'Bolder',
      spacing: 'None',
      wrap: true,
    },
  ];
}

/** What a receipt card offers besides the codes. */
export interface ReceiptCardOptions {
  /**
   * A button that copies both codes. Only for the web chat page, which handles an `Action.Submit` whose
   * data is `{ copy }` itself and sends nothing (bot/web/README.md); elsewhere (Teams) it would be sent
   * to the bot as a submit, with the receipt code in it.
   */
  copyButton: boolean;
}

/** The text the copy button puts on the clipboard: both codes with their labels, with plain hyphens. */
export function receiptCopyText(messages: Messages, caseNumber: string, receiptCode: string): string {
  const { submit } = messages;
  return `${submit.caseNumberLabel}: ${caseNumber}\n${submit.receiptCodeLabel}: ${receiptCode}`;
}

/**
 * The case number and receipt code in a card of their own (Adaptive Card 1.5): each in a monospace block
 * that does not break inside the code, so it can be read, copied or written down in Teams and on the web.
 */
export function receiptCard(
  messages: Messages,
  caseNumber: string,
  receiptCode: string,
  options: ReceiptCardOptions,
): Attachment {
  const { submit } = messages;
  const actions = options.copyButton
    ? [
        {
          type: 'Action.Submit',
          title: submit.copyReceipt,
          data: { copy: receiptCopyText(messages, caseNumber, receiptCode) },
        },
      ]
    : undefined;
  return CardFactory.adaptiveCard({
    type: 'AdaptiveCard',
    $schema: 'http://adaptivecards.io/schemas/adaptive-card.json',
    version: '1.5',
    speak: `${submit.caseNumberLabel}: ${caseNumber}. ${submit.receiptCodeLabel}: ${receiptCode}.`,
    body: [
      { type: 'TextBlock', text: submit.receiptTitle, weight: 'Bolder', size: 'Medium', wrap: true },
      ...labelled(submit.caseNumberLabel, caseNumber),
      ...labelled(submit.receiptCodeLabel, receiptCode),
      { type: 'TextBlock', text: submit.receiptKeep, wrap: true, spacing: 'Medium' },
    ],
    ...(actions ? { actions } : {}),
  });
}

/** What the transcript keeps of the receipt: the case number, and that the code was shown once. */
export function receiptShownCard(messages: Messages, caseNumber: string): Attachment {
  const { submit } = messages;
  return CardFactory.adaptiveCard({
    type: 'AdaptiveCard',
    $schema: 'http://adaptivecards.io/schemas/adaptive-card.json',
    version: '1.5',
    body: [
      { type: 'TextBlock', text: submit.receiptTitle, weight: 'Bolder', size: 'Medium', wrap: true },
      ...labelled(submit.caseNumberLabel, caseNumber),
      { type: 'TextBlock', text: submit.receiptShown, wrap: true, spacing: 'Medium' },
    ],
  });
}

/** The receipt as plain text, for channels without cards. */
export function receiptText(messages: Messages, caseNumber: string, receiptCode: string): string {
  const { submit } = messages;
  return [
    `${submit.caseNumberLabel}: ${caseNumber}`,
    `${submit.receiptCodeLabel}: ${receiptCode}`,
    submit.receiptKeep,
  ].join('\n');
}
