// The questionnaire the dialog is given, looked up by id, and the words of its questions in each language.
// Pure functions over the questionnaire as data (no botbuilder), so that any questionnaire can be asked.
import { LOCALES, messagesFor, type Locale, type Messages } from '../locales';
import {
  isLoopSpec,
  type LoopSpec,
  type QuestionSpec,
  type QuestionTexts,
  type QuestionnaireSpec,
} from '../questionnaire';

type LoopTexts = Messages['loops'][keyof Messages['loops']];

/** The question with this id, at the top level or inside a group; undefined if the questionnaire has none. */
export function findQuestion(spec: QuestionnaireSpec, id: string): QuestionSpec | undefined {
  for (const entry of spec.entries) {
    if (!isLoopSpec(entry)) {
      if (entry.id === id) return entry;
      continue;
    }
    const found = entry.questions.find((question) => question.id === id);
    if (found) return found;
  }
  return undefined;
}

/** The question with this id (a position the walk gave always names one). */
export function questionOf(spec: QuestionnaireSpec, id: string): QuestionSpec {
  const question = findQuestion(spec, id);
  if (!question) throw new Error(`questionnaire has no question ${id}`);
  return question;
}

/** The repeated group with this id. */
export function loopOf(spec: QuestionnaireSpec, loop: string): LoopSpec {
  const entry = spec.entries.find((candidate) => isLoopSpec(candidate) && candidate.loop === loop);
  if (!entry || !isLoopSpec(entry)) throw new Error(`questionnaire has no loop ${loop}`);
  return entry;
}

/** The options of a choice list, in the order they are offered. */
export function choiceOptions(spec: QuestionnaireSpec, list: string): readonly string[] {
  return spec.choiceLists[list] ?? [];
}

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
