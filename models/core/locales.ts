// The languages the service speaks: a witness is asked, and an alert written, in one of these. Their words
// (the message catalogues) are the conversation's and live in dialogs/locales.

/** The supported languages, in the order they are offered. */
export const LOCALES = ['nl', 'fr', 'de', 'en'] as const;
export type Locale = (typeof LOCALES)[number];

/** Whether a value is one of the four supported locales. */
export function isLocale(value: unknown): value is Locale {
  return typeof value === 'string' && (LOCALES as readonly string[]).includes(value);
}
