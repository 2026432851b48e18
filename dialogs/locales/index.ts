import { de } from './de';
import { en } from './en';
import { fr } from './fr';
import type { Messages } from './messages';
import { nl } from './nl';

export type { Messages } from './messages';

export const LOCALES = ['nl', 'fr', 'de', 'en'] as const;
export type Locale = (typeof LOCALES)[number];

const catalogue: Record<Locale, Messages> = { en, nl, fr, de };

/** Whether a value is one of the four supported locales. */
export function isLocale(value: unknown): value is Locale {
  return typeof value === 'string' && (LOCALES as readonly string[]).includes(value);
}

/** The supported locale for a channel locale such as "nl-BE" or "de_DE"; English for anything else. */
export function resolveLocale(channelLocale: string | undefined | null): Locale {
  const language = (channelLocale ?? '').trim().toLowerCase().split(/[-_]/)[0];
  return isLocale(language) ? language : 'en';
}

/** The messages of a locale. */
export function messagesFor(locale: Locale): Messages {
  return catalogue[locale];
}
