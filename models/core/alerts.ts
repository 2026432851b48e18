import { LOCALES, type Locale } from './locales';

/** The languages an alert can be written in (the service's), in the order the console and the cards list them. */
export const ALERT_LOCALES = LOCALES;
export type AlertLocale = Locale;
/** How serious an alert is, from the least to the most. */
export const ALERT_SEVERITIES = ['information', 'advisory', 'warning', 'urgent'] as const;
export type AlertSeverity = (typeof ALERT_SEVERITIES)[number];
/** An alert is active until it is withdrawn; an update keeps it active. */
export const ALERT_STATES = ['active', 'withdrawn'] as const;
export type AlertState = (typeof ALERT_STATES)[number];

/** An alert's title or text by language, as stored (a language not written is absent, null or empty). */
export type LocalisedText = Partial<Record<AlertLocale, string | null | undefined>>;

/** The languages a title or text is written in, in ALERT_LOCALES order. */
export function languagesOf(value: LocalisedText): AlertLocale[] {
  return ALERT_LOCALES.filter((locale) => typeof value[locale] === 'string' && value[locale] !== '');
}

/** Only the languages written, as an alert shows them (console, card, appeal). */
export function writtenTexts(value: LocalisedText): Partial<Record<AlertLocale, string>> {
  return Object.fromEntries(languagesOf(value).map((locale) => [locale, value[locale] as string]));
}

/** Whom an alert is for, as an officer writes it: "all", or a list. */
export type TargetChoice<T extends string> = 'all' | readonly T[];

/** A target as stored: "all" is the empty list, a list keeps each entry once. */
export function storedTarget<T extends string>(choice: TargetChoice<T>): T[] {
  return choice === 'all' ? [] : [...new Set(choice)];
}

/** A stored target as the console shows it: the empty list is "all". */
export function shownTarget<T extends string>(stored: readonly T[]): TargetChoice<T> {
  return stored.length === 0 ? 'all' : stored;
}

/** Whether an alert is still current at `now`: not withdrawn, not expired. Members may act on it only then. */
export function isCurrent(alert: { state: AlertState; expiresAt: Date }, now: Date): boolean {
  return alert.state === 'active' && alert.expiresAt.getTime() > now.getTime();
}

/**
 * Whether a member muted every sector through which an alert reaches their organisation. An alert to
 * every sector (no sectors) reaches through all of the organisation's sectors; an organisation without
 * sectors cannot be muted by sector.
 */
export function mutedOut(reach: {
  alertSectors: readonly string[];
  organisationSectors: readonly string[];
  mutedSectors: readonly string[];
}): boolean {
  const reaching =
    reach.alertSectors.length > 0
      ? reach.organisationSectors.filter((sector) => reach.alertSectors.includes(sector))
      : reach.organisationSectors;
  return reaching.length > 0 && reaching.every((sector) => reach.mutedSectors.includes(sector));
}
