import { Schema, type Connection, type InferRawDocTypeFromSchema } from 'mongoose';
import { CASE_OUTCOMES, REPORT_STATUSES } from '../core/cases';
import { REPORT_CHANNELS } from '../core/channels';
import { LOCALES } from '../core/locales';
import type { ReportAnswers } from './questionnaireArchive';

const text = (maxlength: number) => ({ type: String, trim: true, maxlength });
const requiredText = (maxlength: number) => ({
  type: String,
  trim: true,
  maxlength,
  required: true as const,
});

/** Why a report is urgent: the witness said so, or their own account used words of danger. */
export const URGENT_SOURCES = ['question', 'account'] as const;

/** A question from an officer to the witness, answered through the chat. */
const questionSchema = new Schema({
  text: requiredText(2000),
  askedAt: { type: Date, required: true },
  /** The asking officer's account id: for the audit trail, never shown to the witness. */
  askedBy: requiredText(200),
  answer: text(4000),
  answeredAt: { type: Date },
});

const reportSchema = new Schema(
  {
    _id: { type: Schema.Types.ObjectId, required: true },
    /** The draft this report came from: the idempotency key of the submission. */
    draftId: requiredText(64),
    caseNumber: requiredText(32),
    /** scrypt hash of the receipt code; the code itself is shown once and never stored. */
    receiptHash: requiredText(300),
    /** The content hash of the questionnaire that asked the answers; its copy is in `questionnaires`. */
    questionnaireHash: requiredText(64),
    status: { type: String, enum: REPORT_STATUSES, required: true, default: 'new' },
    urgent: { type: Boolean, required: true },
    channel: { type: String, enum: REPORT_CHANNELS, required: true },
    locale: { type: String, enum: LOCALES, required: true },
    conversationId: requiredText(500),
    teams: {
      type: new Schema({ tenantId: text(100), aadObjectId: text(100), userId: text(500) }, { _id: false }),
      required: false,
    },
    /** The registered partner organisation (Teams tenant) the report came from, if any. */
    organisation: text(200),
    /** The police alert (Shield network) the witness reported from ("Report something related"), if any. */
    relatedAlertId: text(24),
    /**
     * The witness's answers keyed by question id, as the questionnaire `questionnaireHash` asked them
     * (validated against the schema derived from it, models/store/questionnaireArchive.ts `answersSchema`). An
     * answer skipped, unknown or not asked is left out.
     */
    answers: { type: Schema.Types.Mixed, required: true },
    /**
     * The answers the witness gave as "I don't know" (in any language: one value), by question id, and
     * `people.0.age` for an item of a group. The answer itself is then left out.
     */
    unknownAnswers: { type: [text(100)], default: [] },
    /** Why the report is urgent, so the officer sees it: the urgent question, or words in the account. */
    urgentReasons: {
      type: [
        new Schema(
          {
            source: { type: String, enum: URGENT_SOURCES, required: true },
            /** The words of danger found (weapons, explosives, "now", "here"), as the witness wrote them. */
            terms: { type: [text(100)], default: [] },
          },
          { _id: false },
        ),
      ],
      default: [],
    },
    /** What the witness added to a short answer ("yes, the bag is still there"), by question id. */
    answerNotes: {
      type: [new Schema({ question: requiredText(100), text: requiredText(1000) }, { _id: false })],
      default: [],
    },
    submittedAt: { type: Date, required: true },
    questions: { type: [questionSchema], default: [] },
    /** The officer account id the case is assigned to (case console). */
    assignee: text(200),
    outcome: { type: String, enum: CASE_OUTCOMES },
    /** When the case was closed; retention counts from here. */
    closedAt: { type: Date },
  },
  { collection: 'reports', timestamps: true, versionKey: false },
);
reportSchema.index({ status: 1, urgent: -1, createdAt: -1 });
reportSchema.index({ caseNumber: 1 });
reportSchema.index({ 'answers.category': 1 });
reportSchema.index({ 'teams.tenantId': 1, 'teams.aadObjectId': 1 });
reportSchema.index({ urgent: -1, submittedAt: -1, _id: -1 });
reportSchema.index({ assignee: 1, status: 1 });
reportSchema.index({ status: 1, closedAt: 1 });

type StoredFields = InferRawDocTypeFromSchema<typeof reportSchema>;
// Added after the first reports were stored: a report from before has none of them.
type LaterFields = 'unknownAnswers' | 'urgentReasons' | 'answerNotes';

/** A stored report, as plain data. */
export type Report = Omit<StoredFields, LaterFields | 'answers'> &
  Partial<Pick<StoredFields, LaterFields>> & { answers: ReportAnswers };

const createModel = (connection: Connection) => connection.model('Report', reportSchema);
export type ReportModel = ReturnType<typeof createModel>;

/** The Report model on a connection. */
export function reportModel(connection: Connection): ReportModel {
  return (connection.models.Report as ReportModel | undefined) ?? createModel(connection);
}
