import { CardFactory, type Attachment } from 'botbuilder';
import type { Messages } from '../locales';

/** Which advice the card gives: someone is in danger, or what to do while it is still going on. */
export type UrgentAdvice = 'danger' | 'ongoing';

function texts(messages: Messages, advice: UrgentAdvice): { title: string; body: string } {
  const { urgent } = messages;
  return advice === 'ongoing'
    ? { title: urgent.ongoingTitle, body: urgent.ongoingBody }
    : { title: urgent.title, body: urgent.body };
}

/**
 * The emergency card (Adaptive Card 1.5) with the 112 and 101 call buttons: shown at once when a witness
 * says someone is in danger, when their account has words of danger, or (with what to do) when it is
 * still going on.
 */
export function urgentCard(messages: Messages, advice: UrgentAdvice = 'danger'): Attachment {
  const { urgent } = messages;
  const { title, body } = texts(messages, advice);
  return CardFactory.adaptiveCard({
    type: 'AdaptiveCard',
    $schema: 'http://adaptivecards.io/schemas/adaptive-card.json',
    version: '1.5',
    speak: `${title}. ${advice === 'ongoing' ? `${body} ` : ''}${urgent.emergency}. ${urgent.police}.`,
    body: [
      { type: 'TextBlock', text: title, weight: 'Bolder', size: 'Large', color: 'Attention', wrap: true },
      ...(advice === 'ongoing' ? [{ type: 'TextBlock', text: body, wrap: true }] : []),
      { type: 'TextBlock', text: urgent.emergency, weight: 'Bolder', size: 'ExtraLarge', wrap: true },
      { type: 'TextBlock', text: urgent.police, size: 'Medium', wrap: true },
      ...(advice === 'danger' ? [{ type: 'TextBlock', text: body, wrap: true }] : []),
    ],
    actions: [
      { type: 'Action.OpenUrl', title: urgent.emergency, url: 'tel:112' },
      { type: 'Action.OpenUrl', title: urgent.police, url: 'tel:101' },
    ],
  });
}

/** The same as plain text, for channels without cards. */
export function urgentText(messages: Messages, advice: UrgentAdvice = 'danger'): string {
  const { urgent } = messages;
  const { title, body } = texts(messages, advice);
  return advice === 'ongoing'
    ? [title.toUpperCase(), body, urgent.emergency, urgent.police].join('\n')
    : [title.toUpperCase(), urgent.emergency, urgent.police, body].join('\n');
}
