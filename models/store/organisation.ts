import { Schema, type Connection, type InferRawDocTypeFromSchema } from 'mongoose';
import { ServiceError } from '../core/errors';
import { idForKey, isDuplicateKeyError } from './storageKey';

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

/**
 * A tenant id as Entra and the Teams emulators send it: the GUID shape, loosely (the Microsoft 365 Agents
 * Playground's default has 13 digits in its last group, and version digit 0). Compared in lower case.
 */
export const TENANT_ID_SHAPE = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12,16}$/i;

/** Registers (or updates) a partner organisation by its tenant id. */
export async function registerOrganisation(
  connection: Connection,
  organisation: { name: string; tenantId: string; active?: boolean },
): Promise<void> {
  const tenantId = organisation.tenantId.toLowerCase();
  await organisationModel(connection).updateOne(
    { _id: idForKey('organisation', tenantId) },
    {
      $set: { name: organisation.name, tenantId, active: organisation.active ?? true },
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
    .findOne({ _id: idForKey('organisation', tenantId.toLowerCase()), active: true }, { name: 1 })
    .lean();
  return found?.name;
}

/** A partner organisation as administrators see it. */
export interface OrganisationSummary {
  tenantId: string;
  name: string;
  active: boolean;
  createdAt: Date | null;
  updatedAt: Date | null;
}

/** An expected failure when managing partner organisations, with a stable code. */
export class OrganisationError extends ServiceError {
  override readonly name = 'OrganisationError';

  constructor(
    override readonly code: 'OrganisationExists',
    message?: string,
  ) {
    super(code, message);
  }
}

function organisationSummary(organisation: Organisation): OrganisationSummary {
  const times = organisation as { createdAt?: Date; updatedAt?: Date };
  return {
    tenantId: organisation.tenantId,
    name: organisation.name,
    active: organisation.active,
    createdAt: times.createdAt ?? null,
    updatedAt: times.updatedAt ?? null,
  };
}

/** Partner organisations, managed by administrators: listed, added and changed, never deleted. */
export class PartnerOrganisations {
  private readonly model: OrganisationModel;

  constructor(connection: Connection) {
    this.model = organisationModel(connection);
  }

  /** Every organisation, inactive ones included, by name. */
  async list(): Promise<OrganisationSummary[]> {
    const found = await this.model.find({}).sort({ name: 1 }).limit(10_000).lean<Organisation[]>();
    return found.map(organisationSummary);
  }

  /** Adds an active organisation; throws OrganisationExists if the tenant has one already. */
  async add(tenantId: string, name: string): Promise<OrganisationSummary> {
    const _id = idForKey('organisation', tenantId);
    try {
      await this.model.create({ _id, tenantId, name, active: true });
    } catch (error) {
      if (isDuplicateKeyError(error)) {
        throw new OrganisationError('OrganisationExists', 'That tenant is a partner organisation already.');
      }
      throw error;
    }
    return organisationSummary((await this.model.findById(_id).lean<Organisation>()) as Organisation);
  }

  /** Changes an organisation's name or active flag; returns it as it is now, or undefined if there is none. */
  async change(
    tenantId: string,
    changes: { name?: string | undefined; active?: boolean | undefined },
  ): Promise<{ before: OrganisationSummary; after: OrganisationSummary } | undefined> {
    const set: { name?: string; active?: boolean } = {};
    if (changes.name !== undefined) set.name = changes.name;
    if (changes.active !== undefined) set.active = changes.active;
    const before = await this.model
      .findOneAndUpdate({ _id: idForKey('organisation', tenantId) }, { $set: set })
      .lean<Organisation>();
    if (!before) return undefined;
    const after = await this.model.findById(before._id).lean<Organisation>();
    return {
      before: organisationSummary(before),
      after: organisationSummary(after ?? { ...before, ...set }),
    };
  }
}
