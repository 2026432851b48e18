import { CardFactory, type Attachment } from 'botbuilder';
import { z } from 'zod';
import type { AlertLocale, AlertSeverity } from '../../models/store/alert';
import { alertMessagesFor } from '../locales/alertMessages';
import { messagesFor, type Locale } from '../locales';

/** An alert as a card shows it, in the languages it was written in. */
export interface AlertCardContent {
  alertId: string;
  title: Partial<Record<AlertLocale, string>>;
  text: Partial<Record<AlertLocale, string>>;
  originalLocale: AlertLocale;
  severity: AlertSeverity;
  expiresAt: Date;
  asksForSightings: boolean;
  withdrawn: boolean;
  /** The signed, absolute link to the alert's photo (Teams' servers fetch it); none without a photo. */
  photoUrl?: string;
}

/** What the alert card's buttons send back. */
export const alertSubmitSchema = z.strictObject({
  action: z.enum(['seen', 'related']),
  alertId: z.string().regex(/^[0-9a-f]{24}$/),
});
export type AlertSubmit = z.infer<typeof alertSubmitSchema>;

/** The alert card's submit data of an incoming activity's value, if it is one. */
export function parseAlertSubmit(value: unknown): AlertSubmit | undefined {
  if (typeof value !== 'object' || value === null) return undefined;
  const parsed = alertSubmitSchema.safeParse((value as { shieldAlert?: unknown }).shieldAlert);
  return parsed.success ? parsed.data : undefined;
}

const COLOURS: Record<AlertSeverity, string> = {
  information: 'Default',
  advisory: 'Accent',
  warning: 'Warning',
  urgent: 'Attention',
};

/** The alert's title and text in a member's language, else the original, with the language it is in. */
export function alertInLanguage(
  content: Pick<AlertCardContent, 'title' | 'text' | 'originalLocale'>,
  locale: Locale,
): { title: string; text: string; originalIn?: string } {
  const title = content.title[locale];
  const text = content.text[locale];
  if (title && text) return { title, text };
  const original = content.originalLocale;
  return {
    title: content.title[original] ?? '',
    text: content.text[original] ?? '',
    originalIn: messagesFor(original).languageName,
  };
}

/**
 * The proactive alert card (Adaptive Card 1.5): severity, title and text in the member's language (or the
 * original, named), validity, and "Seen" and (when the police ask for sightings) "Report something
 * related"; a withdrawn alert keeps its title and says it was withdrawn, without buttons.
 */
export function alertCard(content: AlertCardContent, locale: Locale, timeZone: string): Attachment {
  const m = alertMessagesFor(locale);
  const shown = alertInLanguage(content, locale);
  const until = new Intl.DateTimeFormat(locale === 'en' ? 'en-GB' : `${locale}-BE`, {
    dateStyle: 'medium',
    timeStyle: 'short',
    timeZone,
  }).format(content.expiresAt);
  const data = (action: AlertSubmit['action']) => ({ shieldAlert: { action, alertId: content.alertId } });
  return CardFactory.adaptiveCard({
    type: 'AdaptiveCard',
    $schema: 'http://adaptivecards.io/schemas/adaptive-card.json',
    version: '1.5',
    body: [
      { type: 'TextBlock', text: m.card.fromPolice, isSubtle: true, wrap: true, size: 'Small' },
      {
        type: 'TextBlock',
        text: m.severities[content.severity],
        weight: 'Bolder',
        color: COLOURS[content.severity],
        wrap: true,
      },
      { type: 'TextBlock', text: shown.title, weight: 'Bolder', size: 'Large', wrap: true },
      ...(content.withdrawn
        ? [{ type: 'TextBlock', text: m.card.withdrawn, color: 'Attention', weight: 'Bolder', wrap: true }]
        : [
            ...(shown.originalIn
              ? [{ type: 'TextBlock', text: m.card.originalIn(shown.originalIn), isSubtle: true, wrap: true }]
              : []),
            // The title is the photo's alternative text: the police's words, in the member's language.
            ...(content.photoUrl
              ? [{ type: 'Image', url: content.photoUrl, altText: shown.title, size: 'Stretch' }]
              : []),
            { type: 'TextBlock', text: shown.text, wrap: true },
            { type: 'TextBlock', text: m.card.validUntil(until), isSubtle: true, wrap: true, size: 'Small' },
          ]),
    ],
    actions: content.withdrawn
      ? []
      : [
          { type: 'Action.Submit', title: m.card.seen, data: data('seen') },
          ...(content.asksForSightings
            ? [{ type: 'Action.Submit', title: m.card.reportRelated, data: data('related') }]
            : []),
        ],
  });
}
