import { LOCALES, messagesFor, type Locale, type Messages } from './locales';
import { simplify } from './validators';

export type WordKind = keyof Messages['words'];

// Every language's words are understood whatever language the dialog is in: a Dutch speaker who types
// "help" or "cancel" is understood too.
const WORDS = new Map<WordKind, Set<string>>();
for (const locale of LOCALES) {
  for (const [kind, words] of Object.entries(messagesFor(locale).words) as [WordKind, string[]][]) {
    const known = WORDS.get(kind) ?? new Set<string>();
    for (const word of words) if (simplify(word)) known.add(simplify(word));
    WORDS.set(kind, known);
  }
}

/** The names that switch the language (simplified: lower case, no accents), in every language. */
export const LANGUAGE_NAMES: Readonly<Record<Locale, readonly string[]>> = {
  en: ['english', 'engels', 'anglais', 'englisch', 'in english'],
  nl: ['nederlands', 'dutch', 'vlaams', 'flemish', 'neerlandais', 'niederlandisch', 'in het nederlands'],
  fr: ['francais', 'french', 'frans', 'franzosisch', 'en francais'],
  de: ['deutsch', 'german', 'duits', 'allemand', 'auf deutsch'],
};

/** Whether a short answer is one of the words of a kind ("yes", "ja", "oui"...), in any language. */
export function isWord(text: string, kind: WordKind): boolean {
  const simple = simplify(text);
  // A lone "?" asks for help; any other message without letters or digits (an attachment) is no word.
  if (!simple) return kind === 'help' && text.trim() === '?';
  return WORDS.get(kind)?.has(simple) ?? false;
}

/** The language a message names ("Nederlands", "français", "Deutsch", "English"), if it is only that. */
export function languageNamed(text: string): Locale | undefined {
  const simple = simplify(text);
  return LOCALES.find((locale) => LANGUAGE_NAMES[locale].includes(simple));
}

export type Command = 'help' | 'back' | 'skip' | 'cancel' | 'restart';
const COMMANDS: readonly Command[] = ['help', 'back', 'skip', 'cancel', 'restart'];

/** The command a message is, if it is one: the whole message must be the command word. */
export function commandOf(text: string): Command | { language: Locale } | undefined {
  const language = languageNamed(text);
  if (language) return { language };
  return COMMANDS.find((command) => isWord(text, command));
}

// The Teams app's "language" command (and its localised titles in manifest/{nl,fr,de}.json).
const LANGUAGE_MENU = new Set(['language', 'languages', 'taal', 'talen', 'langue', 'langues', 'sprache']);

/** Whether a message asks which languages the bot speaks (the "language" command), in any language. */
export function isLanguageMenu(text: string): boolean {
  return LANGUAGE_MENU.has(simplify(text));
}
