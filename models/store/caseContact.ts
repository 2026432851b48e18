import { Schema, type Connection } from 'mongoose';
import { idForKey } from './storageKey';

/**
 * How to reach the Teams witness of a case, kept outside the report on purpose: an anonymous Teams report
 * must not carry the witness's Entra object id or tenant, and no officer view or export reads this
 * collection. Only the question delivery and the witness's own status check ("my reports") use it.
 */
const caseContactSchema = new Schema(
  {
    // idForKey('caseContact', caseNumber): one contact per case.
    _id: { type: Schema.Types.ObjectId, required: true },
    caseNumber: { type: String, required: true, maxlength: 32 },
    tenantId: { type: String, required: true, maxlength: 100 },
    aadObjectId: { type: String, required: true, maxlength: 100 },
    /** The witness's Teams user id (29:...), needed to open a personal chat if none is known. */
    userId: { type: String, required: true, maxlength: 500 },
    /** The connector endpoint of the witness's tenant, where a personal chat can be opened. */
    serviceUrl: { type: String, required: true, maxlength: 500 },
  },
  { collection: 'caseContacts', timestamps: true, versionKey: false },
);
caseContactSchema.index({ tenantId: 1, aadObjectId: 1 });

const createModel = (connection: Connection) => connection.model('CaseContact', caseContactSchema);
type CaseContactModel = ReturnType<typeof createModel>;

function model(connection: Connection): CaseContactModel {
  return (connection.models.CaseContact as CaseContactModel | undefined) ?? createModel(connection);
}

/** Where the Teams witness of a case can be reached. */
export interface CaseContact {
  caseNumber: string;
  tenantId: string;
  aadObjectId: string;
  userId: string;
  serviceUrl: string;
}

/** Records (idempotently) how to reach the Teams witness of a case. */
export async function saveCaseContact(connection: Connection, contact: CaseContact): Promise<void> {
  await model(connection).updateOne(
    { _id: idForKey('caseContact', contact.caseNumber) },
    {
      $set: {
        ...contact,
        tenantId: contact.tenantId.toLowerCase(),
        aadObjectId: contact.aadObjectId.toLowerCase(),
      },
    },
    { upsert: true },
  );
}

/** The contact of a case's Teams witness, if the report came from Teams. */
export async function findCaseContact(
  connection: Connection,
  caseNumber: string,
): Promise<CaseContact | undefined> {
  const found = await model(connection)
    .findOne({ _id: idForKey('caseContact', caseNumber) }, { _id: 0, createdAt: 0, updatedAt: 0 })
    .lean<CaseContact>();
  return found ?? undefined;
}

/** The case numbers a Teams user reported (anonymous reports included: the witness may follow their own). */
export async function caseNumbersOfTeamsUser(
  connection: Connection,
  user: { tenantId: string; aadObjectId: string },
): Promise<string[]> {
  const found = await model(connection)
    .find(
      { tenantId: user.tenantId.toLowerCase(), aadObjectId: user.aadObjectId.toLowerCase() },
      { caseNumber: 1 },
    )
    .lean();
  return found.map((contact) => contact.caseNumber);
}

/** Deletes the contact with its case (retention). */
export async function deleteCaseContact(connection: Connection, caseNumber: string): Promise<number> {
  return (await model(connection).deleteOne({ _id: idForKey('caseContact', caseNumber) })).deletedCount;
}
