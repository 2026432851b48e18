import { createHmac, randomBytes, timingSafeEqual } from 'node:crypto';
import { Schema, type Connection, type InferRawDocTypeFromSchema, Types } from 'mongoose';
import { organisationModel, registerOrganisation } from './organisation';
import { PartnerNetwork, SECTORS, type Sector } from './partner';
import { idForKey } from './storageKey';
import type { Coded } from '../core/errors';

// Crockford's base 32 (no I, L, O, U): codes are read aloud and typed by hand.
const ALPHABET = '0123456789ABCDEFGHJKMNPQRSTVWXYZ';
const ID_BYTES = 6;
const MAC_BYTES = 8;
const DAY_MS = 86_400_000;
/** Expiry days are counted from here, so that two bytes reach well past 2150. */
const EPOCH = Date.UTC(2020, 0, 1);
export const INVITATION_PREFIX = 'SHLD';

function base32(bytes: Buffer): string {
  let bits = 0;
  let value = 0;
  let out = '';
  for (const byte of bytes) {
    value = (value << 8) | byte;
    bits += 8;
    while (bits >= 5) {
      out += ALPHABET[(value >>> (bits - 5)) & 31];
      bits -= 5;
    }
  }
  if (bits > 0) out += ALPHABET[(value << (5 - bits)) & 31];
  return out;
}

function fromBase32(text: string, length: number): Buffer | undefined {
  let bits = 0;
  let value = 0;
  const out: number[] = [];
  for (const character of text) {
    const digit = ALPHABET.indexOf(character);
    if (digit < 0) return undefined;
    value = ((value << 5) | digit) & 0xffff;
    bits += 5;
    if (bits >= 8) {
      out.push((value >>> (bits - 8)) & 255);
      bits -= 8;
    }
  }
  // The bits left over after the last whole byte are padding: only zeros, so that each code has one spelling
  // (otherwise the last character could be changed without changing the code).
  if (bits >= 5 || (value & ((1 << bits) - 1)) !== 0) return undefined;
  return out.length === length ? Buffer.from(out) : undefined;
}

/** What a genuine code says, before the database is asked anything. */
export interface VerifiedCode {
  /** The invitation's id (hex), its key in the database. */
  id: string;
  expiresAt: Date;
}

/** Why a typed code is refused without looking anything up. */
export type CodeRefusal = Coded<'InvitationMalformed' | 'InvitationForged' | 'InvitationExpired'>;

/**
 * Signs and checks invitation codes: an id and an expiry day, with a truncated HMAC-SHA256 over both, so
 * that a flood of made-up codes is refused by arithmetic alone (no database work), and so is an expired one.
 */
export class InvitationCodes {
  private readonly key: Buffer;

  constructor(secret: string) {
    this.key = Buffer.from(secret, 'utf8');
  }

  private mac(payload: Buffer): Buffer {
    return createHmac('sha256', this.key)
      .update('shield-invitation\u0000')
      .update(payload)
      .digest()
      .subarray(0, MAC_BYTES);
  }

  /** A new code for an invitation expiring at the end of `expiresAt`'s day (UTC). */
  issue(expiresAt: Date): { code: string; id: string; expiresAt: Date } {
    const id = randomBytes(ID_BYTES);
    const day = Math.ceil((expiresAt.getTime() - EPOCH) / DAY_MS);
    const payload = Buffer.alloc(ID_BYTES + 2);
    id.copy(payload);
    payload.writeUInt16BE(day, ID_BYTES);
    const body = base32(Buffer.concat([payload, this.mac(payload)]));
    const groups = body.match(/.{1,5}/g) ?? [body];
    return {
      code: [INVITATION_PREFIX, ...groups].join('-'),
      id: id.toString('hex'),
      expiresAt: new Date(EPOCH + day * DAY_MS),
    };
  }

  /** Checks a typed code: its shape, its signature and its expiry, in constant time for the signature. */
  verify(text: string, now: Date): VerifiedCode | CodeRefusal {
    const cleaned = text.toUpperCase().replace(/[\s-]/g, '');
    if (!cleaned.startsWith(INVITATION_PREFIX)) return 'InvitationMalformed';
    // Letters read for digits (Crockford): I and L for 1, O for 0.
    const body = cleaned.slice(INVITATION_PREFIX.length).replace(/[IL]/g, '1').replace(/O/g, '0');
    const bytes = fromBase32(body, ID_BYTES + 2 + MAC_BYTES);
    if (!bytes) return 'InvitationMalformed';
    const payload = bytes.subarray(0, ID_BYTES + 2);
    if (!timingSafeEqual(bytes.subarray(ID_BYTES + 2), this.mac(payload))) return 'InvitationForged';
    const expiresAt = new Date(EPOCH + payload.readUInt16BE(ID_BYTES) * DAY_MS);
    if (expiresAt.getTime() <= now.getTime()) return 'InvitationExpired';
    return { id: payload.subarray(0, ID_BYTES).toString('hex'), expiresAt };
  }
}

/** Whether a message looks like an invitation code at all (so that only those reach the check). */
export function looksLikeInvitation(text: string): boolean {
  return /^\s*shld[\s-]*[0-9a-z][0-9a-z\s-]{20,40}$/i.test(text);
}

export const ACTIVATIONS = ['pending', 'active'] as const;
export type Activation = (typeof ACTIVATIONS)[number];

const invitationSchema = new Schema(
  {
    // idForKey('invitation', id): the code's id is the key, so a code is found (and claimed) by _id.
    _id: { type: Schema.Types.ObjectId, required: true },
    batchId: { type: Schema.Types.ObjectId, required: true },
    name: { type: String, required: true, maxlength: 200 },
    sectors: { type: [String], enum: SECTORS, default: [] },
    areas: { type: [String], default: [] },
    /** Whether the organisation is active at once or waits for the police (pending). */
    activation: { type: String, enum: ACTIVATIONS, required: true },
    expiresAt: { type: Date, required: true },
    createdBy: { type: String, required: true, maxlength: 100 },
    redeemedAt: { type: Date },
    tenantId: { type: String, maxlength: 100 },
  },
  { collection: 'invitations', timestamps: true, versionKey: false },
);
invitationSchema.index({ batchId: 1 });

export type Invitation = InferRawDocTypeFromSchema<typeof invitationSchema>;

const createModel = (connection: Connection) => connection.model('Invitation', invitationSchema);
type InvitationModel = ReturnType<typeof createModel>;

/** The invitation model on a connection. */
export function invitationModel(connection: Connection): InvitationModel {
  return (connection.models.Invitation as InvitationModel | undefined) ?? createModel(connection);
}

/** One organisation to invite. */
export interface InvitationRequest {
  name: string;
  sectors: Sector[];
  areas: string[];
}

/** How a redemption ended. */
export type Redemption =
  | { status: 'registered'; name: string; activation: Activation }
  | {
      status: 'refused';
      reason: CodeRefusal | Coded<'InvitationUnknown' | 'InvitationUsed' | 'AlreadyPartner'>;
    };

/** Invitations: created in bulk by the police, each redeemed once by the tenant that types it. */
export class Invitations {
  private readonly model: InvitationModel;

  constructor(
    private readonly connection: Connection,
    readonly codes: InvitationCodes,
    private readonly clock: () => Date = () => new Date(),
  ) {
    this.model = invitationModel(connection);
  }

  /** Creates one invitation per organisation; returns the batch id and each code (shown once, never stored). */
  async createBatch(
    requests: readonly InvitationRequest[],
    options: { activation: Activation; expiresAt: Date; createdBy: string },
  ): Promise<{ batchId: string; expiresAt: Date; invitations: { name: string; code: string }[] }> {
    const batchId = new Types.ObjectId();
    const issued = requests.map((request) => ({ request, ...this.codes.issue(options.expiresAt) }));
    for (let start = 0; start < issued.length; start += 1000) {
      await this.model.insertMany(
        issued.slice(start, start + 1000).map(({ request, id, expiresAt }) => ({
          _id: idForKey('invitation', id),
          batchId,
          name: request.name,
          sectors: request.sectors,
          areas: request.areas,
          activation: options.activation,
          expiresAt,
          createdBy: options.createdBy,
        })),
      );
    }
    return {
      batchId: batchId.toHexString(),
      expiresAt: issued[0]?.expiresAt ?? options.expiresAt,
      invitations: issued.map(({ request, code }) => ({ name: request.name, code })),
    };
  }

  /** A batch's invitations and whether each was used (the codes themselves are not kept). */
  async batch(batchId: string): Promise<{ name: string; redeemed: boolean; tenantId: string | null }[]> {
    const found = await this.model
      .find({ batchId: new Types.ObjectId(batchId) }, { name: 1, redeemedAt: 1, tenantId: 1 })
      .lean();
    return found.map((invitation) => ({
      name: invitation.name,
      redeemed: invitation.redeemedAt !== undefined && invitation.redeemedAt !== null,
      tenantId: invitation.tenantId ?? null,
    }));
  }

  /**
   * Registers the tenant of whoever typed a genuine, unexpired, unused code: the organisation is created
   * pending or active (as the batch says) with the invitation's sectors and areas. The signature is checked
   * before any database work; the code is claimed atomically, so it serves one tenant only.
   */
  async redeem(text: string, tenantId: string): Promise<Redemption> {
    const now = this.clock();
    const verified = this.codes.verify(text, now);
    if (typeof verified === 'string') return { status: 'refused', reason: verified };
    const tenant = tenantId.toLowerCase();
    const existing = await organisationModel(this.connection)
      .findOne({ _id: idForKey('organisation', tenant) }, { _id: 1 })
      .lean();
    if (existing) return { status: 'refused', reason: 'AlreadyPartner' };
    const _id = idForKey('invitation', verified.id);
    const claimed = await this.model
      .findOneAndUpdate(
        { _id, redeemedAt: { $exists: false }, expiresAt: { $gt: now } },
        { $set: { redeemedAt: now, tenantId: tenant } },
        { returnDocument: 'after' },
      )
      .lean();
    if (!claimed) {
      const known = await this.model.findOne({ _id }, { _id: 1 }).lean();
      return { status: 'refused', reason: known ? 'InvitationUsed' : 'InvitationUnknown' };
    }
    await registerOrganisation(this.connection, {
      name: claimed.name,
      tenantId: tenant,
      active: claimed.activation === 'active',
    });
    await new PartnerNetwork(this.connection).setProfile(tenant, {
      sectors: claimed.sectors,
      areas: claimed.areas,
      contacts: [],
    });
    return { status: 'registered', name: claimed.name, activation: claimed.activation };
  }
}
