import { Schema, Types, type Connection, type InferRawDocTypeFromSchema, type UpdateQuery } from 'mongoose';
import { organisationModel } from './organisation';
import { invitationModel } from './invitation';
import { memberPreferenceModel, partnerProfileModel, SECTORS, type Sector } from './partner';
import type { AlertPhotoDescription } from './alertPhotos';
import {
  ALERT_LOCALES,
  ALERT_SEVERITIES,
  ALERT_STATES,
  mutedOut,
  type AlertLocale,
  type AlertSeverity,
} from '../core/alerts';
import type { FailureCode } from '../core/errors';

export { ALERT_LOCALES, ALERT_SEVERITIES, ALERT_STATES, type AlertLocale, type AlertSeverity };

const localisedSchema = new Schema(
  {
    nl: { type: String, maxlength: 4000 },
    fr: { type: String, maxlength: 4000 },
    de: { type: String, maxlength: 4000 },
    en: { type: String, maxlength: 4000 },
  },
  { _id: false },
);

const alertPhotoSchema = new Schema(
  {
    /** The GridFS file (models/store/alertPhotos.ts). */
    id: { type: String, required: true, maxlength: 24 },
    contentType: { type: String, required: true, maxlength: 100 },
    length: { type: Number, required: true },
    sha256: { type: String, required: true, maxlength: 64 },
  },
  { _id: false },
);

const alertSchema = new Schema(
  {
    title: { type: localisedSchema, required: true },
    text: { type: localisedSchema, required: true },
    /** The language it was written in: shown (named) to members whose language it lacks. */
    originalLocale: { type: String, enum: ALERT_LOCALES, required: true },
    severity: { type: String, enum: ALERT_SEVERITIES, required: true },
    /** Empty means every sector. */
    sectors: { type: [String], enum: SECTORS, default: [] },
    /** Postcodes or municipalities in lower case; empty means everywhere. */
    areas: { type: [String], default: [] },
    expiresAt: { type: Date, required: true },
    asksForSightings: { type: Boolean, required: true, default: false },
    public: { type: Boolean, required: true, default: false },
    state: { type: String, enum: ALERT_STATES, required: true, default: 'active' },
    /** Increases with every update or the withdrawal; delivered cards are brought to this version. */
    version: { type: Number, required: true, default: 1 },
    createdBy: { type: String, required: true, maxlength: 100 },
    withdrawnAt: { type: Date },
    /** The optional photo, shown in the card, the console and (when public) the appeal. */
    photo: { type: alertPhotoSchema },
  },
  { collection: 'alerts', timestamps: true, versionKey: false },
);
alertSchema.index({ createdAt: -1 });

export type Alert = InferRawDocTypeFromSchema<typeof alertSchema> & { _id: Types.ObjectId };

/** An alert's id as the store takes it (the outside reads it with `toHexString()`). */
export type AlertId = Alert['_id'];

/** The id of an alert written as in its links and cards (24 hex digits), undefined for anything else. */
export function alertIdFrom(value: unknown): AlertId | undefined {
  return typeof value === 'string' && /^[0-9a-f]{24}$/.test(value) ? new Types.ObjectId(value) : undefined;
}

export const MEMBER_DELIVERY_STATES = ['pending', 'delivered', 'failed', 'uninstalled', 'skipped'] as const;
export type MemberDeliveryState = (typeof MEMBER_DELIVERY_STATES)[number];

const memberDeliverySchema = new Schema(
  {
    aadObjectId: { type: String, required: true, maxlength: 100 },
    /** The member's personal chat with the bot when the alert was queued (opaque to this layer). */
    reference: { type: Schema.Types.Mixed, required: true },
    state: { type: String, enum: MEMBER_DELIVERY_STATES, required: true },
    attempts: { type: Number, required: true, default: 0 },
    /** The activity id of the delivered card, to update it later. */
    activityId: { type: String, maxlength: 200 },
    /** The alert version the delivered card shows. */
    version: { type: Number },
    /** A stable code (never message text or personal data). */
    reason: { type: String, maxlength: 200 },
    deliveredAt: { type: Date },
    seenAt: { type: Date },
  },
  { _id: false },
);

/**
 * The delivery of one alert to one tenant: a queue entry claimed as a whole (so that one instance at a
 * time sends into a tenant, at the tenant's rate), with each member's state inside. Per tenant rather than
 * per member: the embedded development database scans a collection per query, and Teams limits per tenant.
 */
const alertDeliverySchema = new Schema(
  {
    // idForKey-free: a fresh ObjectId; (alertId, tenantId) is unique by construction (one insert per pair).
    alertId: { type: Schema.Types.ObjectId, required: true },
    tenantId: { type: String, required: true, maxlength: 100 },
    state: { type: String, enum: ['queued', 'done'], required: true },
    /** When the next pass may run; a pass in progress pushes it forward (a lease held by `owner`). */
    nextAttemptAt: { type: Date, required: true },
    owner: { type: String, maxlength: 100 },
    /** The alert version every delivered card must show (updates and the withdrawal raise it). */
    targetVersion: { type: Number, required: true },
    members: { type: [memberDeliverySchema], default: [] },
  },
  { collection: 'alertDeliveries', timestamps: true, versionKey: false },
);
alertDeliverySchema.index({ state: 1, nextAttemptAt: 1 });
alertDeliverySchema.index({ alertId: 1, tenantId: 1 });

export type AlertDeliveryEntry = InferRawDocTypeFromSchema<typeof alertDeliverySchema> & {
  _id: Types.ObjectId;
};
export type MemberDelivery = AlertDeliveryEntry['members'][number];

const createAlertModel = (connection: Connection) => connection.model('Alert', alertSchema);
export type AlertModel = ReturnType<typeof createAlertModel>;
const createDeliveryModel = (connection: Connection) =>
  connection.model('AlertDelivery', alertDeliverySchema);
type AlertDeliveryModel = ReturnType<typeof createDeliveryModel>;

/** The alert model on a connection. */
export function alertModel(connection: Connection): AlertModel {
  return (connection.models.Alert as AlertModel | undefined) ?? createAlertModel(connection);
}

/** The alert delivery model on a connection. */
export function alertDeliveryModel(connection: Connection): AlertDeliveryModel {
  return (
    (connection.models.AlertDelivery as AlertDeliveryModel | undefined) ?? createDeliveryModel(connection)
  );
}

/** Builds the Shield network's indexes (alerts, their deliveries, partner profiles, preferences, invitations). */
export async function ensureNetworkIndexes(connection: Connection): Promise<void> {
  await Promise.all(
    [
      alertModel(connection),
      alertDeliveryModel(connection),
      partnerProfileModel(connection),
      memberPreferenceModel(connection),
      invitationModel(connection),
    ].map((model) => model.init()),
  );
}

/** Whom an alert is for. */
export interface AlertTarget {
  sectors: readonly Sector[];
  areas: readonly string[];
}

/** A member as an alert reaches them: who, and their personal chat with the bot. */
export interface TargetedMember {
  aadObjectId: string;
  reference: object;
}

interface StoredReference {
  tenantId: string;
  aadObjectId: string;
  personal: object;
}

/** The members an alert reaches, by tenant: active partners matching the target, minus opt-outs. */
export async function targetedMembers(
  connection: Connection,
  target: AlertTarget,
): Promise<Map<string, TargetedMember[]>> {
  const profileFilter = {
    ...(target.sectors.length > 0 ? { sectors: { $in: [...target.sectors] } } : {}),
    ...(target.areas.length > 0 ? { areas: { $in: [...target.areas] } } : {}),
  };
  const active = await organisationModel(connection).find({ active: true }, { tenantId: 1 }).lean();
  let tenants = new Set(active.map((organisation) => organisation.tenantId));
  const sectorsOf = new Map<string, string[]>();
  const profiles = await partnerProfileModel(connection)
    .find(profileFilter, { tenantId: 1, sectors: 1 })
    .lean();
  for (const profile of profiles) sectorsOf.set(profile.tenantId, profile.sectors);
  // With no target at all every active partner is reached, a profile or not.
  if (target.sectors.length > 0 || target.areas.length > 0) {
    tenants = new Set([...tenants].filter((tenant) => sectorsOf.has(tenant)));
  }
  if (tenants.size === 0) return new Map();
  // Members are the Teams users of those tenants with a personal chat with the bot (they have the app).
  const members = await connection
    .collection<StoredReference>('conversationReferences')
    .find(
      { tenantId: { $in: [...tenants] }, personal: { $exists: true } },
      { projection: { _id: 0, tenantId: 1, aadObjectId: 1, personal: 1 } },
    )
    .toArray();
  const preferences = await memberPreferenceModel(connection)
    .find({ tenantId: { $in: [...tenants] } })
    .lean();
  const optedOut = new Set<string>();
  for (const preference of preferences) {
    const key = `${preference.tenantId}:${preference.aadObjectId}`;
    if (preference.left || preference.uninstalledAt) {
      optedOut.add(key);
      continue;
    }
    const reach = {
      alertSectors: target.sectors,
      organisationSectors: sectorsOf.get(preference.tenantId) ?? [],
      mutedSectors: preference.mutedSectors,
    };
    if (mutedOut(reach)) optedOut.add(key);
  }
  const byTenant = new Map<string, TargetedMember[]>();
  for (const member of members) {
    if (optedOut.has(`${member.tenantId}:${member.aadObjectId}`)) continue;
    const list = byTenant.get(member.tenantId) ?? [];
    list.push({ aadObjectId: member.aadObjectId, reference: member.personal });
    byTenant.set(member.tenantId, list);
  }
  return byTenant;
}

/** A new alert as an officer wrote it, its target as stored (empty lists for "all"). */
export interface NewAlert {
  title: Partial<Record<AlertLocale, string>>;
  text: Partial<Record<AlertLocale, string>>;
  originalLocale: AlertLocale;
  severity: AlertSeverity;
  sectors: Sector[];
  areas: string[];
  expiresAt: Date;
  asksForSightings: boolean;
  public: boolean;
  /** The officer account id of the author. */
  createdBy: string;
}

/** What an update of an alert sets: title and text whole, severity and expiry when given. */
export interface AlertChange {
  title: Alert['title'];
  text: Alert['text'];
  severity?: AlertSeverity;
  expiresAt?: Date;
}

/** The alerts the console lists at most (the newest). */
const MAX_LISTED_ALERTS = 200;

/**
 * The alerts themselves: written by officers, read by the console, the delivery, the card buttons and
 * the public appeals. A change applies only to an active alert, and every change raises its version.
 */
export class Alerts {
  private readonly model: AlertModel;

  constructor(connection: Connection) {
    this.model = alertModel(connection);
  }

  /** Stores a new alert, active at version 1; returns its id. */
  async create(alert: NewAlert): Promise<AlertId> {
    const created = await this.model.create({ ...alert, state: 'active', version: 1 });
    return created._id;
  }

  /** The alert with that id, if there is one. */
  async byId(id: AlertId): Promise<Alert | undefined> {
    return (await this.model.findById(id).lean<Alert>()) ?? undefined;
  }

  /** The newest alerts, newest first, whatever their state. */
  async newest(): Promise<Alert[]> {
    return this.model.find({}).sort({ createdAt: -1 }).limit(MAX_LISTED_ALERTS).lean<Alert[]>();
  }

  /** The public alerts still active and unexpired at `now`, newest first, at most `limit`. */
  async publicAt(now: Date, limit: number): Promise<Alert[]> {
    return this.model
      .find({ public: true, state: 'active', expiresAt: { $gt: now } })
      .sort({ createdAt: -1 })
      .limit(limit)
      .lean<Alert[]>()
      .exec();
  }

  /** Updates an active alert; undefined when it is withdrawn (or gone). */
  change(id: AlertId, change: AlertChange): Promise<Alert | undefined> {
    return this.changeActive(id, {
      $set: {
        title: change.title,
        text: change.text,
        ...(change.severity ? { severity: change.severity } : {}),
        ...(change.expiresAt ? { expiresAt: change.expiresAt } : {}),
      },
      $inc: { version: 1 },
    });
  }

  /** Withdraws an active alert at `at`; undefined when it was withdrawn already (or is gone). */
  withdraw(id: AlertId, at: Date): Promise<Alert | undefined> {
    return this.changeActive(id, { $set: { state: 'withdrawn', withdrawnAt: at }, $inc: { version: 1 } });
  }

  /** Puts a stored photo on an active alert; undefined when it is withdrawn (or gone). */
  attachPhoto(id: AlertId, photo: AlertPhotoDescription): Promise<Alert | undefined> {
    return this.changeActive(id, { $set: { photo }, $inc: { version: 1 } });
  }

  private async changeActive(id: AlertId, update: UpdateQuery<Alert>): Promise<Alert | undefined> {
    const changed = await this.model
      .findOneAndUpdate({ _id: id, state: 'active' }, update, { returnDocument: 'after' })
      .lean<Alert>();
    return changed ?? undefined;
  }
}

/** A delivery entry claimed for one pass. */
export interface ClaimedAlertDelivery {
  id: Types.ObjectId;
  alertId: Types.ObjectId;
  tenantId: string;
  targetVersion: number;
  members: MemberDelivery[];
}

/** The durable queue of alert deliveries, shared by every instance of the service. */
export class AlertDeliveries {
  private readonly model: AlertDeliveryModel;

  constructor(
    connection: Connection,
    private readonly clock: () => Date = () => new Date(),
  ) {
    this.model = alertDeliveryModel(connection);
  }

  /** Queues an alert's delivery, one entry per tenant. */
  async enqueue(
    alertId: Types.ObjectId,
    version: number,
    byTenant: Map<string, TargetedMember[]>,
  ): Promise<number> {
    const now = this.clock();
    const entries = [...byTenant].map(([tenantId, members]) => ({
      alertId,
      tenantId,
      state: 'queued',
      nextAttemptAt: now,
      targetVersion: version,
      members: members.map((member) => ({ ...member, state: 'pending', attempts: 0 })),
    }));
    for (let start = 0; start < entries.length; start += 1000) {
      await this.model.insertMany(entries.slice(start, start + 1000), { ordered: false });
    }
    return entries.reduce((sum, entry) => sum + entry.members.length, 0);
  }

  /** Brings every entry of an alert to a new version (an update or the withdrawal): queued again now. */
  async requeue(alertId: Types.ObjectId, version: number): Promise<void> {
    await this.model.updateMany(
      { alertId },
      { $set: { state: 'queued', targetVersion: version, nextAttemptAt: this.clock() } },
    );
  }

  /**
   * Takes the next due entry for one pass, leased to `owner` for `leaseMs`: another instance takes it only
   * once the lease ran out (the holder crashed), and a holder that lost its lease stops (see `save`).
   */
  async claimDue(owner: string, leaseMs: number): Promise<ClaimedAlertDelivery | undefined> {
    const now = this.clock();
    const claimed = await this.model
      .findOneAndUpdate(
        { state: 'queued', nextAttemptAt: { $lte: now } },
        { $set: { nextAttemptAt: new Date(now.getTime() + leaseMs), owner } },
        { sort: { nextAttemptAt: 1 }, returnDocument: 'after' },
      )
      .lean<AlertDeliveryEntry>();
    if (!claimed) return undefined;
    return {
      id: claimed._id,
      alertId: claimed.alertId,
      tenantId: claimed.tenantId,
      targetVersion: claimed.targetVersion,
      members: claimed.members,
    };
  }

  /**
   * Stores one member's state and renews the lease; false when the lease was lost (another instance
   * took the entry over), so the caller stops sending.
   */
  async saveMember(
    entryId: Types.ObjectId,
    owner: string,
    index: number,
    member: MemberDelivery,
    leaseMs: number,
  ): Promise<boolean> {
    const result = await this.model.updateOne(
      { _id: entryId, owner },
      {
        $set: {
          [`members.${index}`]: member,
          nextAttemptAt: new Date(this.clock().getTime() + leaseMs),
        },
      },
    );
    return result.matchedCount === 1;
  }

  /** Ends a pass: done, or queued again at `retryAt`; the lease is given up. */
  async release(
    entryId: Types.ObjectId,
    owner: string,
    retryAt: Date | undefined,
    version: number,
  ): Promise<void> {
    // A newer version queued during the pass keeps the entry queued now.
    await this.model.updateOne(
      { _id: entryId, owner, targetVersion: { $gt: version } },
      { $set: { nextAttemptAt: this.clock() }, $unset: { owner: '' } },
    );
    await this.model.updateOne(
      { _id: entryId, owner, targetVersion: version },
      retryAt
        ? { $set: { nextAttemptAt: retryAt }, $unset: { owner: '' } }
        : { $set: { state: 'done' }, $unset: { owner: '' } },
    );
  }

  /** Records a member's "Seen"; false when the member was not targeted by that alert. */
  async markSeen(alertId: Types.ObjectId, tenantId: string, aadObjectId: string): Promise<boolean> {
    const entry = await this.model.findOne({ alertId, tenantId }, { members: 1 }).lean<AlertDeliveryEntry>();
    const index = entry?.members.findIndex((member) => member.aadObjectId === aadObjectId) ?? -1;
    if (!entry || index < 0) return false;
    if (entry.members[index].seenAt) return true;
    await this.model.updateOne(
      { _id: entry._id, [`members.${index}.aadObjectId`]: aadObjectId },
      { $set: { [`members.${index}.seenAt`]: this.clock() } },
    );
    return true;
  }

  /** An alert's delivery as the console shows it. */
  async summary(alertId: Types.ObjectId): Promise<DeliverySummary> {
    const entries = await this.model.find({ alertId }, { members: 1, state: 1 }).lean<AlertDeliveryEntry[]>();
    const summary: DeliverySummary = {
      tenants: entries.length,
      targeted: 0,
      pending: 0,
      delivered: 0,
      failed: 0,
      uninstalled: 0,
      seen: 0,
      failureReasons: {},
    };
    for (const entry of entries) {
      for (const member of entry.members) {
        summary.targeted += 1;
        if (member.seenAt) summary.seen += 1;
        if (member.state === 'pending') summary.pending += 1;
        else if (member.state === 'delivered') summary.delivered += 1;
        else if (member.state === 'uninstalled') summary.uninstalled += 1;
        else if (member.state === 'failed') {
          summary.failed += 1;
          const reason = member.reason ?? ('ReasonNotRecorded' satisfies FailureCode);
          summary.failureReasons[reason] = (summary.failureReasons[reason] ?? 0) + 1;
        }
      }
    }
    return summary;
  }
}

/** Counts of an alert's delivery. */
export interface DeliverySummary {
  tenants: number;
  targeted: number;
  pending: number;
  delivered: number;
  failed: number;
  uninstalled: number;
  seen: number;
  failureReasons: Record<string, number>;
}
