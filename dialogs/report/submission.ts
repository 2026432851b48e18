// A confirmed draft as the report it hands over: the answers keyed by question id, the questionnaire that
// asked them, what the witness did not know and what they added to short answers, and where the report
// came from. Pure (no botbuilder): the dialog reads the channel and passes what it found.
import { reportChannelOf } from '../../models/core/channels';
import { reportAnswers, type ReportDraft } from '../../models/core/draft';
import { unknownAnswers } from '../../models/core/submission';
import type { ReportSubmission } from '../../models/store/reportRepository';
import type { QuestionnaireSpec } from '../questionnaire';
import type { TeamsIdentity } from '../teamsIdentity';

/** Where a report came from, as the channel told the dialog. */
export interface ReportOrigin {
  readonly channelId: string;
  readonly conversationId: string;
  /** The sender's Teams identity, in Teams. */
  readonly teams?: TeamsIdentity;
  /** The registered organisation of that Teams tenant, if any. */
  readonly organisation?: string;
  /** The police alert the witness reports about. */
  readonly relatedAlertId?: string;
}

/** The report a confirmed draft hands over to the report repository. */
export function reportSubmission(
  draft: ReportDraft,
  spec: QuestionnaireSpec,
  now: Date,
  origin: ReportOrigin,
): ReportSubmission {
  const answerNotes = Object.entries(draft.notes ?? {}).map(([question, note]) => ({
    question,
    text: note,
  }));
  return {
    draftId: draft.draftId,
    questionnaire: spec,
    urgent: draft.urgent,
    channel: reportChannelOf(origin.channelId),
    locale: draft.locale,
    conversationId: origin.conversationId,
    teams: origin.teams,
    organisation: origin.organisation,
    relatedAlertId: origin.relatedAlertId,
    answers: reportAnswers(draft, now, spec),
    unknownAnswers: unknownAnswers(draft, spec),
    urgentReasons: draft.urgentReasons ?? [],
    answerNotes,
  };
}
