import { Schema, type Connection, type InferRawDocTypeFromSchema } from 'mongoose';
import { idForKey } from './storageKey';

const organisationSchema = new Schema(
  {
    // idForKey('organisation', tenantId): one organisation per tenant, enforced by _id (see storageKey.ts).
    _id: { type: Schema.Types.ObjectId, required: true },
    name: { type: String, trim: true, maxlength: 200, required: true },
    /** The organisation's Microsoft Entra tenant id, as Teams sends it in channelData.tenant.id. */
    tenantId: { type: String, trim: true, maxlength: 100, required: true },
    active: { type: Boolean, required: true, default: true },
  },
  { collection: 'organisations', timestamps: true, versionKey: false },
);

/** A partner organisation, as plain data. */
export type Organisation = InferRawDocTypeFromSchema<typeof organisationSchema>;

const createModel = (connection: Connection) => connection.model('Organisation', organisationSchema);
export type OrganisationModel = ReturnType<typeof createModel>;

/** The Organisation model on a connection. */
export function organisationModel(connection: Connection): OrganisationModel {
  return (connection.models.Organisation as OrganisationModel | undefined) ?? createModel(connection);
}

/** Registers (or updates) a partner organisation by its tenant id. */
export async function registerOrganisation(
  connection: Connection,
  organisation: { name: string; tenantId: string; active?: boolean },
): Promise<void> {
  await organisationModel(connection).updateOne(
    { _id: idForKey('organisation', organisation.tenantId) },
    {
      $set: { name: organisation.name, tenantId: organisation.tenantId, active: organisation.active ?? true },
    },
    { upsert: true },
  );
}

/** The name of the active partner organisation for a tenant, if there is one. */
export async function activeOrganisationName(
  connection: Connection,
  tenantId: string,
): Promise<string | undefined> {
  const found = await organisationModel(connection)
    .findOne({ _id: idForKey('organisation', tenantId), active: true }, { name: 1 })
    .lean();
  return found?.name;
}
