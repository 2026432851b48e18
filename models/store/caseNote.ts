import { Schema, type Connection, type InferRawDocTypeFromSchema, type Types } from 'mongoose';
import { escapeRegExp } from '../core/caseDesk';

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

/** An internal note as the case view shows it. */
export interface CaseNoteView {
  id: string;
  text: string;
  author: string;
  at: Date;
}

const noteView = (note: CaseNote): CaseNoteView => ({
  id: note._id.toHexString(),
  text: note.text,
  author: note.author,
  at: note.at,
});

/** Officers' internal notes on cases. */
export class CaseNotes {
  private readonly model: CaseNoteModel;

  constructor(connection: Connection) {
    this.model = caseNoteModel(connection);
  }

  /** The collection's indexes. */
  async ensureIndexes(): Promise<void> {
    await this.model.createIndexes();
  }

  /** Adds a note; returns it as stored (trimmed). */
  async add(note: { caseNumber: string; text: string; author: string; at: Date }): Promise<CaseNoteView> {
    const created = await this.model.create(note);
    return noteView(created);
  }

  /** A case's notes, oldest first. */
  async forCase(caseNumber: string): Promise<CaseNoteView[]> {
    const notes = await this.model.find({ caseNumber }).sort({ at: 1, _id: 1 }).lean<CaseNote[]>();
    return notes.map(noteView);
  }

  /** The cases whose notes contain the text (literally, any case), for the free-text search. */
  async casesMentioning(text: string, limit = 1000): Promise<string[]> {
    const literal = new RegExp(escapeRegExp(text), 'i');
    const found = await this.model.find({ text: literal }, { caseNumber: 1 }).limit(limit).lean();
    return [...new Set(found.map((note) => note.caseNumber))];
  }

  /** Deletes a case's notes (the case is deleted); returns how many went. */
  async deleteForCase(caseNumber: string): Promise<number> {
    return (await this.model.deleteMany({ caseNumber })).deletedCount;
  }
}
