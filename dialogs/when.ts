import * as chrono from 'chrono-node';
import { DateTime } from 'luxon';
import type { WhenAnswer } from '../models/core/whenAnswer';
import type { Locale } from './locales';

export type WhenResult = { ok: true; value: WhenAnswer } | { ok: false; reason: 'unrecognised' | 'future' };

const parsers: Record<Locale, chrono.Chrono> = {
  en: chrono.en.GB,
  nl: chrono.nl.casual,
  fr: chrono.fr.casual,
  de: chrono.de.casual,
};

// The word each language uses for "at <time>", which the approximators are rewritten to: the parsers
// understand "gisteren om 17:00" but drop the time from "gisteren rond 17:00".
const AT: Record<Locale, string> = { en: 'at', nl: 'om', fr: 'à', de: 'um' };
const APPROXIMATORS: Record<Locale, RegExp> = {
  en: /\b(?:at\s+)?(?:around|about|approximately|approx\.?|roughly|circa|ca\.)(?=\s|$)/g,
  nl: /\b(?:om\s+)?(?:rond|rondom|omstreeks|ongeveer|circa|ca\.|tegen)(?=\s|$)/g,
  fr: /(?:\bà\s+)?(?:vers|environ|aux alentours de|autour de|à peu près)(?=\s|$)/g,
  de: /\b(?:um\s+)?(?:gegen|etwa|ungefähr|circa|ca\.)(?=\s|$)/g,
};

// A time counted back from now ("een half uur geleden", "il y a une heure", "vor zehn Minuten"): the
// parsers understand these with a number of units, so fractions are rewritten to minutes.
const RELATIVE: Record<Locale, RegExp> = {
  en: /\bago\b/,
  nl: /\bgeleden\b/,
  fr: /\bil y a\b/,
  de: /\bvor\s+(?:\d|einer?|zwei|drei|vier|fünf|zehn|zwanzig|dreißig|einigen|ein paar|etwa|ungefähr|circa|ca\.|knapp|gut)/,
};
const FRACTIONS: Record<Locale, [RegExp, string][]> = {
  en: [
    [/\b(?:a |one )?quarter of an hour\b/g, '15 minutes'],
    [/\bhalf an hour\b|\ba half hour\b/g, '30 minutes'],
    [/\b(?:an|one) hour and a half\b|\b(?:an|one) and a half hours?\b/g, '90 minutes'],
  ],
  nl: [
    [/\b(?:een )?kwartier\b/g, '15 minuten'],
    [/\b(?:een )?half uur(?:tje)?\b/g, '30 minuten'],
    [/\b(?:een |één )?(?:uur en een half|anderhalf uur)\b/g, '90 minuten'],
  ],
  fr: [
    [/\b(?:un )?quart d['’ ]heure\b/g, '15 minutes'],
    [/\b(?:une )?demi[- ]heure\b/g, '30 minutes'],
    [/\b(?:une )?heure et demie\b/g, '90 minutes'],
  ],
  de: [
    [/\b(?:einer |eine )?viertelstunde\b/g, '15 minuten'],
    [/\b(?:einer |eine )?halben? stunde\b/g, '30 minuten'],
    [/\b(?:eineinhalb|anderthalb) stunden\b/g, '90 minuten'],
  ],
};

/**
 * Rewrites phrasing the parsers miss: the Belgian "17u30" / "17u", "17h30" / "17h", "17 uur", fractions of
 * an hour in a time counted back ("il y a une demi-heure"), and approximators. Returns the rewritten text
 * and whether an approximator was found.
 */
export function normaliseWhen(text: string, locale: Locale): { text: string; approximate: boolean } {
  let normalised = text.trim().toLowerCase().replace(/\s+/g, ' ');
  let approximate = false;
  const relative = RELATIVE[locale].test(normalised);
  // "about half an hour ago": the approximator goes (the parsers drop the whole phrase around it) rather
  // than becoming "at", which only makes sense before a clock time.
  normalised = normalised.replace(APPROXIMATORS[locale], () => {
    approximate = true;
    return relative ? '' : AT[locale];
  });
  if (relative) {
    for (const [pattern, minutes] of FRACTIONS[locale]) normalised = normalised.replace(pattern, minutes);
  }
  normalised = normalised
    .replace(/\s+/g, ' ')
    .trim()
    .replace(/\b(\d{1,2})\s*[uh]\s*(\d{2})\b/g, '$1:$2')
    // "2 uur geleden" is two hours back, not two o'clock.
    .replace(/\b(\d{1,2})\s*(?:u|h|uur)(?=\s|$|[.,])(?!\s*geleden)/g, '$1:00')
    .replace(/~\s*/g, () => {
      approximate = true;
      return `${AT[locale]} `;
    });
  return { text: normalised, approximate };
}

interface WallClock {
  year: number;
  month: number;
  day: number;
  hour?: number;
  minute?: number;
}

function wallClock(components: chrono.ParsedComponents): WallClock {
  const known = components.isCertain('hour');
  return {
    year: components.get('year') ?? 0,
    month: components.get('month') ?? 1,
    day: components.get('day') ?? 1,
    ...(known ? { hour: components.get('hour') ?? 0, minute: components.get('minute') ?? 0 } : {}),
  };
}

function toUtc(clock: WallClock, zone: string): DateTime {
  return DateTime.fromObject(
    {
      year: clock.year,
      month: clock.month,
      day: clock.day,
      hour: clock.hour ?? 12,
      minute: clock.minute ?? 0,
    },
    { zone },
  ).toUTC();
}

const LANGUAGES: readonly Locale[] = ['en', 'nl', 'fr', 'de'];

function namesADay(result: chrono.ParsedResult): boolean {
  return result.start.isCertain('day') || result.start.isCertain('weekday');
}

function parseWith(parser: chrono.Chrono, text: string, reference: Date): chrono.ParsedResult[] {
  // The reference is the witness's wall clock expressed as if it were UTC, so the parser's results are
  // wall-clock values in the witness's zone; they are converted with the real zone rules afterwards.
  return parser.parse(text, { instant: reference, timezone: 0 }, { forwardDate: false });
}

/**
 * Understands a witness's "when" in their language ("gisteren rond 17u", "hier vers 17h",
 * "gestern gegen 17 Uhr", "yesterday around 5pm"), interpreted in `zone` and returned in UTC.
 * A time after `now` is refused.
 */
export function parseWhen(text: string, locale: Locale, now: Date, zone: string): WhenResult {
  const localNow = DateTime.fromJSDate(now).setZone(zone);
  const reference = new Date(
    Date.UTC(
      localNow.year,
      localNow.month - 1,
      localNow.day,
      localNow.hour,
      localNow.minute,
      localNow.second,
    ),
  );
  // The dialog's language first; a witness who writes in another of the four ("gisteren rond 17u" in an
  // English conversation) is understood too, as long as that reading names a day and the first does not.
  let results: chrono.ParsedResult[] = [];
  let approximate = false;
  for (const candidate of [locale, ...LANGUAGES.filter((other) => other !== locale)]) {
    const normalised = normaliseWhen(text, candidate);
    let found = parseWith(parsers[candidate], normalised.text, reference);
    // Numeric dates ("21/11 om 17:00") are day-first in all four languages; some parsers miss them.
    if (!found.some(namesADay)) {
      const numeric = parseWith(chrono.en.GB, normalised.text, reference);
      if (numeric.some(namesADay)) found = numeric;
    }
    if (results.length === 0 || (found.some(namesADay) && !results.some(namesADay))) {
      results = found;
      approximate = normalised.approximate;
    }
    if (results.some(namesADay)) break;
  }
  if (results.length === 0) return { ok: false, reason: 'unrecognised' };

  const dated = results.find(namesADay);
  const timed = results.find((result) => result.start.isCertain('hour'));
  const primary = dated ?? timed ?? results[0];
  const start = wallClock(primary.start);
  if (start.hour === undefined && timed && timed !== primary) {
    start.hour = timed.start.get('hour') ?? 0;
    start.minute = timed.start.get('minute') ?? 0;
  }
  const endSource = primary.end ?? (timed && timed !== primary ? timed.end : undefined);
  let end: WallClock | undefined;
  if (endSource) {
    end = { ...start, hour: endSource.get('hour') ?? start.hour, minute: endSource.get('minute') ?? 0 };
    if (endSource.isCertain('day')) {
      end = {
        ...end,
        year: endSource.get('year') ?? start.year,
        month: endSource.get('month') ?? start.month,
        day: endSource.get('day') ?? start.day,
      };
    }
  }

  const startUtc = toUtc(start, zone);
  if (!startUtc.isValid) return { ok: false, reason: 'unrecognised' };
  const precision = start.hour === undefined ? 'day' : 'minute';
  const nowUtc = DateTime.fromJSDate(now).toUTC();
  const tooLate =
    precision === 'day'
      ? startUtc.startOf('day') > nowUtc.startOf('day')
      : startUtc > nowUtc.plus({ minutes: 1 });
  if (tooLate) return { ok: false, reason: 'future' };

  const value: WhenAnswer = { start: startUtc.toISO() ?? '', precision, approximate };
  if (end) {
    const endUtc = toUtc(end, zone);
    if (endUtc.isValid && endUtc > startUtc) value.end = endUtc.toISO() ?? undefined;
  }
  return { ok: true, value };
}

/** The answer said back in the witness's language and zone ("zaterdag 21 november 2026, rond 17:00"). */
export function describeWhen(
  answer: WhenAnswer,
  locale: Locale,
  zone: string,
  words: { around: string; timeUnknown: string },
): string {
  const start = DateTime.fromISO(answer.start, { zone: 'utc' }).setZone(zone).setLocale(locale);
  const day = start.toLocaleString({ weekday: 'long', day: 'numeric', month: 'long', year: 'numeric' });
  if (answer.precision === 'day') return `${day} (${words.timeUnknown})`;
  const time = start.toLocaleString(DateTime.TIME_24_SIMPLE);
  const around = answer.approximate ? `${words.around} ` : '';
  if (!answer.end) return `${day}, ${around}${time}`;
  const end = DateTime.fromISO(answer.end, { zone: 'utc' }).setZone(zone).setLocale(locale);
  const endText = end.hasSame(start, 'day')
    ? end.toLocaleString(DateTime.TIME_24_SIMPLE)
    : end.toLocaleString({
        weekday: 'long',
        day: 'numeric',
        month: 'long',
        hour: '2-digit',
        minute: '2-digit',
      });
  return `${day}, ${around}${time} – ${endText}`;
}
