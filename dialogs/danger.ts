// Words in a witness's own account that mean there may be danger right now: weapons, explosives, and
// "now" / "here" (it is happening where the witness is). Any of them marks the report urgent at once and
// shows the emergency numbers; the officer sees which words did it. Matching is on the accent-free,
// lower-case form, in the dialog's language only: "mes" is a knife in Dutch but "my" in French.
import type { Locale } from './locales';
import { simplify } from './validators';

interface DangerWords {
  /** Whole words (and their listed plurals). */
  words: readonly string[];
  /** Phrases of several words. */
  phrases: readonly string[];
  /** German compounds end with the word ("Küchenmesser", "Sprengsatz"): these match as word endings. */
  endings: readonly string[];
}

const DANGER: Record<Locale, DangerWords> = {
  en: {
    words: [
      'knife',
      'knives',
      'gun',
      'guns',
      'pistol',
      'rifle',
      'firearm',
      'weapon',
      'weapons',
      'machete',
      'axe',
      'bomb',
      'bombs',
      'explosive',
      'explosives',
      'grenade',
      'detonator',
      'now',
      'here',
    ],
    phrases: ['right now', 'at the moment', 'going on now'],
    endings: [],
  },
  nl: {
    words: [
      'mes',
      'messen',
      'pistool',
      'geweer',
      'wapen',
      'wapens',
      'vuurwapen',
      'machete',
      'bijl',
      'bom',
      'bommen',
      'explosief',
      'explosieven',
      'springstof',
      'granaat',
      'ontsteker',
      'nu',
      'hier',
    ],
    phrases: ['op dit moment', 'nu meteen'],
    endings: [],
  },
  fr: {
    words: [
      'couteau',
      'couteaux',
      'pistolet',
      'fusil',
      'arme',
      'armes',
      'machette',
      'hache',
      'bombe',
      'bombes',
      'explosif',
      'explosifs',
      'grenade',
      'detonateur',
      'maintenant',
      'ici',
    ],
    phrases: ['en ce moment', 'a l instant', 'tout de suite'],
    endings: [],
  },
  de: {
    words: ['pistole', 'gewehr', 'machete', 'axt', 'bombe', 'granate', 'zunder', 'jetzt', 'hier'],
    phrases: ['in diesem moment', 'gerade eben'],
    endings: ['messer', 'waffe', 'waffen', 'sprengstoff', 'sprengsatz', 'bombe', 'bomben'],
  },
};

/** The words of danger in a text, in the order found, each once (accent-free, lower case). */
export function dangerTerms(text: string, locale: Locale): string[] {
  const simple = simplify(text);
  const found: string[] = [];
  const add = (term: string) => {
    if (!found.includes(term)) found.push(term);
  };
  const { words, phrases, endings } = DANGER[locale];
  for (const word of simple.split(' ')) {
    if (words.includes(word)) add(word);
    else if (endings.some((ending) => word.endsWith(ending))) add(word);
  }
  const padded = ` ${simple} `;
  for (const phrase of phrases) if (padded.includes(` ${phrase} `)) add(phrase);
  return found;
}
