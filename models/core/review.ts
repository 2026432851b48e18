// What the read-back of a draft lists, before any words: the answers the witness may change, numbered in
// questionnaire order, and which of them are read back. Their labels and values in the witness's language
// are the conversation's (dialogs/report/review.ts).
import { walk, type Position, type ReportDraft } from './draft';
import { questionOf, type QuestionnaireSpec } from './questionnaire';

/** The answerable lines of the review, in questionnaire order; their numbers are what "change N" uses. */
export function reviewTargets(draft: ReportDraft, spec: QuestionnaireSpec): Position[] {
  return walk(draft, spec).visited.filter(
    (position) =>
      position.at === 'question' ||
      position.at === 'item' ||
      (position.at === 'gate' && draft.loops[position.loop]?.answer === false),
  );
}

/** Whether the review reads a line back: a declaration the witness must make (consent) is not. */
export function readBack(position: Position, spec: QuestionnaireSpec): boolean {
  if (position.at !== 'question') return true;
  const { kind } = questionOf(spec, position.id);
  return !(kind.type === 'yesNo' && kind.mustBeYes);
}
