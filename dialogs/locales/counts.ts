/** The singular and plural of a noun, as a language's plural rules pick them ("one" or anything else). */
export interface NounForms {
  one: string;
  other: string;
}

const rules = new Map<string, Intl.PluralRules>();

/** "1 file", "3 files", "0 fichier": a count with its noun in the number the language uses for it. */
export function counted(locale: string, count: number, noun: NounForms): string {
  let pluralRules = rules.get(locale);
  if (!pluralRules) {
    pluralRules = new Intl.PluralRules(locale);
    rules.set(locale, pluralRules);
  }
  return `${count} ${pluralRules.select(count) === 'one' ? noun.one : noun.other}`;
}

/**
 * The counts that are not zero, joined the language's way ("1 file and 2 links", "2 bestanden"), or
 * `none` when every count is zero.
 */
export function countsOf(locale: string, counts: [number, NounForms][], none: string): string {
  const parts = counts.filter(([count]) => count > 0).map(([count, noun]) => counted(locale, count, noun));
  if (parts.length === 0) return none;
  return new Intl.ListFormat(locale, { type: 'conjunction' }).format(parts);
}
