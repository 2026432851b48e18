import { Schema, type Connection, type Types } from 'mongoose';
import { idForKey } from './storageKey';

// Per officer and case: when the officer last opened the case, so that the list can mark witness answers
// that came in since. Ids only, never text.
const caseReadSchema = new Schema(
  {
    // idForKey('case-read', officerId/caseNumber): one document per officer and case, enforced through _id.
    _id: { type: Schema.Types.ObjectId, required: true },
    officerId: { type: String, required: true, maxlength: 24 },
    caseNumber: { type: String, required: true, maxlength: 32 },
    seenAt: { type: Date, required: true },
  },
  { collection: 'caseReads', versionKey: false },
);
caseReadSchema.index({ officerId: 1, caseNumber: 1 });

const createModel = (connection: Connection) => connection.model('CaseRead', caseReadSchema);
type CaseReadModel = ReturnType<typeof createModel>;

function caseReadModel(connection: Connection): CaseReadModel {
  return (connection.models.CaseRead as CaseReadModel | undefined) ?? createModel(connection);
}

const idOf = (officerId: string, caseNumber: string): Types.ObjectId =>
  idForKey('case-read', `${officerId}/${caseNumber}`);

/** Each officer's read state of the cases (when each case was last opened). */
export class CaseReads {
  private readonly model: CaseReadModel;

  constructor(connection: Connection) {
    this.model = caseReadModel(connection);
  }

  /** Records that the officer has seen the case as it is at `at`. */
  async markSeen(officerId: string, caseNumber: string, at: Date): Promise<void> {
    await this.model.updateOne(
      { _id: idOf(officerId, caseNumber) },
      { $set: { officerId, caseNumber, seenAt: at } },
      { upsert: true },
    );
  }

  /** When the officer last saw each of these cases (absent: never). */
  async seenAt(officerId: string, caseNumbers: string[]): Promise<Map<string, Date>> {
    const found = await this.model
      .find({ _id: { $in: caseNumbers.map((caseNumber) => idOf(officerId, caseNumber)) } })
      .lean();
    return new Map(found.map((entry) => [entry.caseNumber, entry.seenAt]));
  }

  /** Forgets every officer's read state of a case (the case is deleted). Returns how many were removed. */
  async forgetCase(caseNumber: string): Promise<number> {
    return (await this.model.deleteMany({ caseNumber })).deletedCount;
  }
}
