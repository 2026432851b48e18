import { Schema, type Connection } from 'mongoose';
import { idForKey } from './storageKey';

const conversationReferenceSchema = new Schema(
  {
    // idForKey('conversationReference', tenantId + ':' + aadObjectId): one reference per Teams user.
    _id: { type: Schema.Types.ObjectId, required: true },
    tenantId: { type: String, required: true, maxlength: 100 },
    aadObjectId: { type: String, required: true, maxlength: 100 },
    /** The Bot Framework conversation reference, as the adapter gives it (plain JSON). */
    reference: { type: Schema.Types.Mixed, required: true },
  },
  { collection: 'conversationReferences', timestamps: true, versionKey: false },
);

const createModel = (connection: Connection) =>
  connection.model('ConversationReference', conversationReferenceSchema);
type ConversationReferenceModel = ReturnType<typeof createModel>;

function model(connection: Connection): ConversationReferenceModel {
  return (
    (connection.models.ConversationReference as ConversationReferenceModel | undefined) ??
    createModel(connection)
  );
}

function referenceId(tenantId: string, aadObjectId: string) {
  return idForKey('conversationReference', `${tenantId}:${aadObjectId}`);
}

/** Stores (or refreshes) where a Teams user can be reached; the reference is opaque JSON to this layer. */
export async function saveConversationReference(
  connection: Connection,
  user: { tenantId: string; aadObjectId: string },
  reference: object,
): Promise<void> {
  await model(connection).updateOne(
    { _id: referenceId(user.tenantId, user.aadObjectId) },
    { $set: { tenantId: user.tenantId, aadObjectId: user.aadObjectId, reference } },
    { upsert: true },
  );
}

/** The stored reference of a Teams user, if the user has talked to the bot. */
export async function findConversationReference(
  connection: Connection,
  user: { tenantId: string; aadObjectId: string },
): Promise<unknown> {
  const found = await model(connection)
    .findOne({ _id: referenceId(user.tenantId, user.aadObjectId) }, { reference: 1 })
    .lean();
  return found?.reference;
}
