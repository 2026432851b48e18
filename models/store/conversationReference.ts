import { Schema, type Connection } from 'mongoose';
import { idForKey } from './storageKey';

const conversationReferenceSchema = new Schema(
  {
    // idForKey('conversationReference', tenantId + ':' + aadObjectId): one document per Teams user.
    _id: { type: Schema.Types.ObjectId, required: true },
    tenantId: { type: String, required: true, maxlength: 100 },
    aadObjectId: { type: String, required: true, maxlength: 100 },
    /** The last place the user wrote to the bot (any conversation type), as the adapter gives it. */
    reference: { type: Schema.Types.Mixed, required: true },
    /**
     * The user's personal (1:1) chat with the bot. Kept apart from `reference`: police questions go only
     * here, never to a group chat or channel the user last wrote in, where colleagues would read them.
     */
    personal: { type: Schema.Types.Mixed },
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
  return idForKey('conversationReference', `${tenantId.toLowerCase()}:${aadObjectId.toLowerCase()}`);
}

/** A Teams user as the connector names them. */
export interface TeamsUser {
  tenantId: string;
  aadObjectId: string;
}

/**
 * Stores (or refreshes) where a Teams user last wrote; a reference from their personal chat is also kept
 * as the one place police questions may be delivered. The reference is opaque JSON to this layer.
 */
export async function saveConversationReference(
  connection: Connection,
  user: TeamsUser,
  reference: object,
  options: { personal: boolean } = { personal: false },
): Promise<void> {
  await model(connection).updateOne(
    { _id: referenceId(user.tenantId, user.aadObjectId) },
    {
      $set: {
        tenantId: user.tenantId.toLowerCase(),
        aadObjectId: user.aadObjectId.toLowerCase(),
        reference,
        ...(options.personal ? { personal: reference } : {}),
      },
    },
    { upsert: true },
  );
}

/** The reference of the user's personal chat with the bot, if one is known. */
export async function findPersonalReference(connection: Connection, user: TeamsUser): Promise<unknown> {
  const found = await model(connection)
    .findOne({ _id: referenceId(user.tenantId, user.aadObjectId) }, { personal: 1 })
    .lean();
  return found?.personal ?? undefined;
}

/** Forgets the personal chat (the connector said it no longer exists, e.g. the app was removed). */
export async function forgetPersonalReference(connection: Connection, user: TeamsUser): Promise<void> {
  await model(connection).updateOne(
    { _id: referenceId(user.tenantId, user.aadObjectId) },
    { $unset: { personal: '' } },
  );
}

/** The last place a Teams user wrote to the bot, if they ever did (any conversation type). */
export async function findConversationReference(connection: Connection, user: TeamsUser): Promise<unknown> {
  const found = await model(connection)
    .findOne({ _id: referenceId(user.tenantId, user.aadObjectId) }, { reference: 1 })
    .lean();
  return found?.reference;
}
