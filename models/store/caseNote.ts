import { Schema, type Connection, type InferRawDocTypeFromSchema, type Types } from 'mongoose';

export const MAX_NOTE_LENGTH = 4000;

// Internal notes live in their own collection rather than inside the report, so that the witness side,
// which reads reports, cannot show them by mistake.
const caseNoteSchema = new Schema(
  {
    caseNumber: { type: String, required: true, maxlength: 32 },
    text: { type: String, required: true, trim: true, maxlength: MAX_NOTE_LENGTH },
    /** The writing officer's account id. */
    author: { type: String, required: true, maxlength: 200 },
    at: { type: Date, required: true },
  },
  { collection: 'caseNotes', versionKey: false },
);
caseNoteSchema.index({ caseNumber: 1, at: 1 });

/** An internal note on a case, as plain data. */
export type CaseNote = InferRawDocTypeFromSchema<typeof caseNoteSchema> & { _id: Types.ObjectId };

const createModel = (connection: Connection) => connection.model('CaseNote', caseNoteSchema);
export type CaseNoteModel = ReturnType<typeof createModel>;

/** The CaseNote model on a connection. */
export function caseNoteModel(connection: Connection): CaseNoteModel {
  return (connection.models.CaseNote as CaseNoteModel | undefined) ?? createModel(connection);
}
