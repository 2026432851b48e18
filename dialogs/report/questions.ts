// The words of the questionnaire's questions, groups and choices in each language, from the entries or the
// locale catalogues (the look-ups by id are the core's: models/core/questionnaire.ts). Pure functions over
// the questionnaire as data (no botbuilder), so that any questionnaire can be asked.
import { LOCALES, messagesFor, type Locale, type Messages } from '../locales';
import {
  choiceOptions,
  isLoopSpec,
  type QuestionSpec,
  type QuestionTexts,
  type QuestionnaireSpec,
} from '../questionnaire';

type LoopTexts = Messages['loops'][keyof Messages['loops']];

/** The label of a choice option in a language: the catalogue's, or the option itself. */
export function choiceLabel(locale: Locale, list: string, option: string): string {
  const lists: Readonly<Record<string, Readonly<Record<string, string>> | undefined>> =
    messagesFor(locale).choices;
  return lists[list]?.[option] ?? option;
}

function catalogueTexts(locale: Locale, id: string): QuestionTexts | undefined {
  const questions: Readonly<Record<string, QuestionTexts | undefined>> = messagesFor(locale).questions;
  return questions[id];
}

function catalogueLoopTexts(locale: Locale, loop: string): LoopTexts | undefined {
  const loops: Readonly<Record<string, LoopTexts | undefined>> = messagesFor(locale).loops;
  return loops[loop];
}

/** A question's words in a language, the entry's own or the locale catalogue's under its id, if any. */
export function findQuestionTexts(
  question: Pick<QuestionSpec, 'id' | 'texts'>,
  locale: Locale,
): QuestionTexts | undefined {
  return question.texts?.[locale] ?? catalogueTexts(locale, question.id);
}

/** A question's words in a language: the entry's own, or the locale catalogue's under its id. */
export function questionTexts(question: QuestionSpec, locale: Locale): QuestionTexts {
  const texts = findQuestionTexts(question, locale);
  if (!texts) throw new Error(`question ${question.id} has no texts in ${locale}`);
  return texts;
}

/** A group's words in a language (gate, "another?", item names), from the locale catalogue. */
export function loopTexts(locale: Locale, loop: string): LoopTexts {
  const texts = catalogueLoopTexts(locale, loop);
  if (!texts) throw new Error(`loop ${loop} has no texts in ${locale}`);
  return texts;
}

/**
 * What the questionnaire lacks to be asked in every language: a question or group without words, a choice
 * question whose list is not there. Empty when it can be asked; the dialog refuses one that cannot.
 */
export function missingTexts(spec: QuestionnaireSpec): string[] {
  const missing: string[] = [];
  const check = (question: QuestionSpec) => {
    for (const locale of LOCALES)
      if (!findQuestionTexts(question, locale)) missing.push(`question ${question.id} in ${locale}`);
    if (question.kind.type === 'choice' && choiceOptions(spec, question.kind.list).length === 0)
      missing.push(`choice list ${question.kind.list}`);
  };
  for (const entry of spec.entries) {
    if (!isLoopSpec(entry)) {
      check(entry);
      continue;
    }
    for (const locale of LOCALES)
      if (!catalogueLoopTexts(locale, entry.loop)) missing.push(`loop ${entry.loop} in ${locale}`);
    entry.questions.forEach(check);
  }
  return missing;
}
