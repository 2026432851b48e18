import { CardFactory, type Attachment } from 'botbuilder';
import type { Messages } from '../locales';

/** The emergency card shown at once when a witness says someone is in danger (Adaptive Card 1.5). */
export function urgentCard(messages: Messages): Attachment {
  const { urgent } = messages;
  return CardFactory.adaptiveCard({
    type: 'AdaptiveCard',
    $schema: 'http://adaptivecards.io/schemas/adaptive-card.json',
    version: '1.5',
    speak: `${urgent.title}. ${urgent.emergency}. ${urgent.police}.`,
    body: [
      {
        type: 'TextBlock',
        text: urgent.title,
        weight: 'Bolder',
        size: 'Large',
        color: 'Attention',
        wrap: true,
      },
      { type: 'TextBlock', text: urgent.emergency, weight: 'Bolder', size: 'ExtraLarge', wrap: true },
      { type: 'TextBlock', text: urgent.police, size: 'Medium', wrap: true },
      { type: 'TextBlock', text: urgent.body, wrap: true },
    ],
    actions: [
      { type: 'Action.OpenUrl', title: urgent.emergency, url: 'tel:112' },
      { type: 'Action.OpenUrl', title: urgent.police, url: 'tel:101' },
    ],
  });
}

/** The same as plain text, for channels without cards. */
export function urgentText(messages: Messages): string {
  const { urgent } = messages;
  return [urgent.title.toUpperCase(), urgent.emergency, urgent.police, urgent.body].join('\n');
}
