import { Schema, type Connection, type InferRawDocTypeFromSchema } from 'mongoose';
import { idForKey } from './storageKey';

/**
 * The sectors a partner organisation can belong to (the Shield network's list), as data: ids are stable
 * (stored with organisations and alerts), names are in the locales.
 */
export const SECTORS = [
  'portMaritime',
  'chemical',
  'diamondJewellery',
  'energyUtilities',
  'transportLogistics',
  'retail',
  'hospitalityEvents',
  'education',
  'health',
  'religiousSites',
  'culture',
  'finance',
  'government',
  'realEstateFacility',
  'media',
  'other',
] as const;
export type Sector = (typeof SECTORS)[number];

/** A Belgian postcode (4 digits) or a municipality name, as an organisation's area and an alert's target. */
export const AREA_SHAPE = /^(\d{4}|[\p{L}][\p{L} '.-]{0,79})$/u;

/** Areas are compared in lower case, without surrounding spaces. */
export function normaliseArea(area: string): string {
  return area.trim().toLowerCase();
}

const contactSchema = new Schema(
  {
    name: { type: String, required: true, maxlength: 200 },
    email: { type: String, required: true, maxlength: 254 },
    phone: { type: String, maxlength: 40 },
  },
  { _id: false },
);

// Kept beside the organisation (models/store/organisation.ts), keyed by the same tenant id, so that the
// organisation's own document and its admin routes stay as they are.
const partnerProfileSchema = new Schema(
  {
    // idForKey('partnerProfile', tenantId)
    _id: { type: Schema.Types.ObjectId, required: true },
    tenantId: { type: String, required: true, maxlength: 100 },
    sectors: { type: [String], enum: SECTORS, default: [] },
    areas: { type: [String], default: [] },
    /** The security managers who receive alerts (by e-mail outside Teams; not sent by this service yet). */
    contacts: { type: [contactSchema], default: [] },
  },
  { collection: 'partnerProfiles', timestamps: true, versionKey: false },
);
partnerProfileSchema.index({ sectors: 1 });

export type PartnerProfile = InferRawDocTypeFromSchema<typeof partnerProfileSchema>;

// One document per Teams user who opted out of something; absent means "all alerts".
const memberPreferenceSchema = new Schema(
  {
    // idForKey('partnerMember', tenantId + ':' + aadObjectId)
    _id: { type: Schema.Types.ObjectId, required: true },
    tenantId: { type: String, required: true, maxlength: 100 },
    aadObjectId: { type: String, required: true, maxlength: 100 },
    mutedSectors: { type: [String], enum: SECTORS, default: [] },
    /** The member left the alerts (they may still report). */
    left: { type: Boolean, required: true, default: false },
    /** The connector said the app is gone from their Teams (403/404): not targeted until they write again. */
    uninstalledAt: { type: Date },
  },
  { collection: 'partnerMembers', timestamps: true, versionKey: false },
);
memberPreferenceSchema.index({ tenantId: 1 });

const createProfileModel = (connection: Connection) =>
  connection.model('PartnerProfile', partnerProfileSchema);
type PartnerProfileModel = ReturnType<typeof createProfileModel>;
const createMemberModel = (connection: Connection) =>
  connection.model('PartnerMember', memberPreferenceSchema);
type MemberPreferenceModel = ReturnType<typeof createMemberModel>;

/** The partner profile model on a connection. */
export function partnerProfileModel(connection: Connection): PartnerProfileModel {
  return (
    (connection.models.PartnerProfile as PartnerProfileModel | undefined) ?? createProfileModel(connection)
  );
}

/** The member preference model on a connection. */
export function memberPreferenceModel(connection: Connection): MemberPreferenceModel {
  return (
    (connection.models.PartnerMember as MemberPreferenceModel | undefined) ?? createMemberModel(connection)
  );
}

/** What an administrator sets on a partner organisation. */
export interface PartnerSettings {
  sectors: Sector[];
  areas: string[];
  contacts: { name: string; email: string; phone?: string | undefined }[];
}

/** A partner's profile as the admin API shows it. */
export interface PartnerProfileSummary extends PartnerSettings {
  tenantId: string;
}

function memberId(tenantId: string, aadObjectId: string) {
  return idForKey('partnerMember', `${tenantId.toLowerCase()}:${aadObjectId.toLowerCase()}`);
}

/** A member's own alert settings. */
export interface MemberSettings {
  mutedSectors: Sector[];
  left: boolean;
}

/** Partner profiles (sectors, areas, contacts) and members' own alert settings. */
export class PartnerNetwork {
  constructor(private readonly connection: Connection) {}

  /** Sets an organisation's sectors, areas and contacts (all three replaced). */
  async setProfile(tenantId: string, settings: PartnerSettings): Promise<PartnerProfileSummary> {
    const tenant = tenantId.toLowerCase();
    const areas = [...new Set(settings.areas.map(normaliseArea))];
    const sectors = [...new Set(settings.sectors)];
    await partnerProfileModel(this.connection).updateOne(
      { _id: idForKey('partnerProfile', tenant) },
      { $set: { tenantId: tenant, sectors, areas, contacts: settings.contacts } },
      { upsert: true },
    );
    return { tenantId: tenant, sectors, areas, contacts: settings.contacts };
  }

  /** An organisation's profile; empty lists when none was set. */
  async profile(tenantId: string): Promise<PartnerProfileSummary> {
    const tenant = tenantId.toLowerCase();
    const found = await partnerProfileModel(this.connection)
      .findOne({ _id: idForKey('partnerProfile', tenant) })
      .lean();
    return {
      tenantId: tenant,
      sectors: found?.sectors ?? [],
      areas: found?.areas ?? [],
      contacts: (found?.contacts ?? []).map((contact) => ({
        name: contact.name,
        email: contact.email,
        ...(contact.phone ? { phone: contact.phone } : {}),
      })),
    };
  }

  /** A member's own settings (all alerts when they never changed them). */
  async memberSettings(tenantId: string, aadObjectId: string): Promise<MemberSettings> {
    const found = await memberPreferenceModel(this.connection)
      .findOne({ _id: memberId(tenantId, aadObjectId) })
      .lean();
    return { mutedSectors: found?.mutedSectors ?? [], left: found?.left ?? false };
  }

  private async changeMember(
    tenantId: string,
    aadObjectId: string,
    update: Record<string, unknown>,
  ): Promise<MemberSettings> {
    await memberPreferenceModel(this.connection).updateOne(
      { _id: memberId(tenantId, aadObjectId) },
      {
        ...update,
        $setOnInsert: { tenantId: tenantId.toLowerCase(), aadObjectId: aadObjectId.toLowerCase() },
      },
      { upsert: true },
    );
    return this.memberSettings(tenantId, aadObjectId);
  }

  /** Stops alerts of one sector for a member. */
  mute(tenantId: string, aadObjectId: string, sector: Sector): Promise<MemberSettings> {
    return this.changeMember(tenantId, aadObjectId, { $addToSet: { mutedSectors: sector } });
  }

  /** Lets alerts of a sector through again. */
  unmute(tenantId: string, aadObjectId: string, sector: Sector): Promise<MemberSettings> {
    return this.changeMember(tenantId, aadObjectId, { $pull: { mutedSectors: sector } });
  }

  /** Leaves (true) or rejoins (false) the alerts. */
  setLeft(tenantId: string, aadObjectId: string, left: boolean): Promise<MemberSettings> {
    return this.changeMember(tenantId, aadObjectId, { $set: { left } });
  }

  /** Marks a member whose app is gone; they are targeted again once they write to the bot. */
  async markUninstalled(tenantId: string, aadObjectId: string, at: Date): Promise<void> {
    await this.changeMember(tenantId, aadObjectId, { $set: { uninstalledAt: at } });
  }

  /** Clears the uninstalled mark (the member wrote from their personal chat again). */
  async markPresent(tenantId: string, aadObjectId: string): Promise<void> {
    await memberPreferenceModel(this.connection).updateOne(
      { _id: memberId(tenantId, aadObjectId), uninstalledAt: { $exists: true } },
      { $unset: { uninstalledAt: '' } },
    );
  }
}
