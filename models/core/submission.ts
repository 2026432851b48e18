// What a confirmed draft hands over besides its answers (those are reportAnswers in draft.ts). Mapping the
// whole draft to the report the repository takes is the conversation's (dialogs/report/submission.ts): it
// adds where the report came from.
import { isUnknown, type ReportDraft } from './draft';
import { isLoopSpec, type QuestionnaireSpec } from './questionnaire';

/**
 * Every "I don't know" of a draft, by question id (`people.0.age` inside a group), in questionnaire order
 * for the groups.
 */
export function unknownAnswers(draft: ReportDraft, spec: QuestionnaireSpec): string[] {
  return [
    ...Object.entries(draft.answers)
      .filter(([, value]) => isUnknown(value))
      .map(([id]) => id),
    ...spec.entries.filter(isLoopSpec).flatMap((entry) =>
      (draft.loops[entry.loop]?.items ?? []).flatMap((item, index) =>
        Object.entries(item)
          .filter(([, value]) => isUnknown(value))
          .map(([id]) => `${entry.loop}.${index}.${id}`),
      ),
    ),
  ];
}
