import { isLocale, type Locale } from '../../models/core/locales';
import { de } from './de';
import { en } from './en';
import { fr } from './fr';
import type { Messages } from './messages';
import { nl } from './nl';

export type { Messages } from './messages';
// The language list is the domain's (models/core/locales.ts); the conversation's modules read it from here.
export { LOCALES, isLocale, type Locale } from '../../models/core/locales';

const catalogue: Record<Locale, Messages> = { en, nl, fr, de };

/** The supported locale for a channel locale such as "nl-BE" or "de_DE"; English for anything else. */
export function resolveLocale(channelLocale: string | undefined | null): Locale {
  const language = (channelLocale ?? '').trim().toLowerCase().split(/[-_]/)[0];
  return isLocale(language) ? language : 'en';
}

/** The messages of a locale. */
export function messagesFor(locale: Locale): Messages {
  return catalogue[locale];
}
