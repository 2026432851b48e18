import assert from 'node:assert/strict';
import { receiptCard, receiptCopyText } from '../../../dialogs/cards/receiptCard';
import { LOCALES, messagesFor } from '../../../dialogs/locales';

const CASE_NUMBER = 'SR-7K2QD-M4XPB';
const CODE = 'QY6D-AHAQ-09WD-ARZ5-SMCV';

interface Card {
  body: { text: string; fontType?: string }[];
  actions?: { type: string; title: string; data: unknown }[];
}
const contentOf = (attachment: { content?: unknown }) => attachment.content as Card;

describe('The receipt card', () => {
  for (const locale of LOCALES) {
    const m = messagesFor(locale);

    it(`on the web page, has one button that copies both codes with their labels (${locale})`, () => {
      const card = contentOf(receiptCard(m, CASE_NUMBER, CODE, { copyButton: true }));
      const copied = `${m.submit.caseNumberLabel}: ${CASE_NUMBER}\n${m.submit.receiptCodeLabel}: ${CODE}`;
      assert.deepEqual(card.actions, [
        { type: 'Action.Submit', title: m.submit.copyReceipt, data: { copy: copied } },
      ]);
      assert.equal(receiptCopyText(m, CASE_NUMBER, CODE), copied);
      assert.doesNotMatch(copied, /\u2011/, 'what is copied has plain hyphens, as typed');
    });

    it(`for Teams, has no copy button, whose data Teams would send to the bot (${locale})`, () => {
      const card = contentOf(receiptCard(m, CASE_NUMBER, CODE, { copyButton: false }));
      assert.equal(card.actions, undefined);
      assert.doesNotMatch(JSON.stringify(card), /"copy"/);
      const shown = card.body.filter((block) => block.fontType === 'Monospace').map((block) => block.text);
      assert.deepEqual(
        shown,
        [CASE_NUMBER, CODE].map((text) => text.replace(/-/g, '\u2011')),
      );
    });
  }
});
