import argon2 from 'argon2';
import { Schema, type Connection, type InferRawDocTypeFromSchema, type Types } from 'mongoose';
import { idForKey } from './storageKey';

/** What an account may do, each role including the ones before it. */
export const OFFICER_ROLES = ['officer', 'supervisor', 'admin'] as const;
export type OfficerRole = (typeof OFFICER_ROLES)[number];

/** Whether `role` includes the rights of `needed` (admin ⊇ supervisor ⊇ officer). */
export function roleAtLeast(role: OfficerRole, needed: OfficerRole): boolean {
  return OFFICER_ROLES.indexOf(role) >= OFFICER_ROLES.indexOf(needed);
}

const officerSchema = new Schema(
  {
    // idForKey('officer', email): one account per e-mail address, enforced through _id.
    _id: { type: Schema.Types.ObjectId, required: true },
    email: { type: String, required: true, trim: true, lowercase: true, maxlength: 254 },
    role: { type: String, enum: OFFICER_ROLES, required: true },
    /** argon2id hash (memory-hard); the password itself is never stored. */
    passwordHash: { type: String, required: true, maxlength: 500 },
    disabled: { type: Boolean, required: true, default: false },
    lastLoginAt: { type: Date },
  },
  { collection: 'officers', timestamps: true, versionKey: false },
);
officerSchema.index({ email: 1 });

/** A stored officer account, as plain data. */
export type Officer = InferRawDocTypeFromSchema<typeof officerSchema> & { _id: Types.ObjectId };

const createModel = (connection: Connection) => connection.model('Officer', officerSchema);
export type OfficerModel = ReturnType<typeof createModel>;

/** The Officer model on a connection. */
export function officerModel(connection: Connection): OfficerModel {
  return (connection.models.Officer as OfficerModel | undefined) ?? createModel(connection);
}

/** An expected failure when managing accounts, with a stable code. */
export class OfficerError extends Error {
  constructor(
    readonly code: 'OFFICER_EXISTS' | 'PASSWORD_TOO_SHORT' | 'EMAIL_INVALID',
    message: string,
  ) {
    super(message);
    this.name = 'OfficerError';
  }
}

export const MIN_PASSWORD_LENGTH = 12;
const EMAIL = /^[^\s@]{1,64}@[^\s@]{1,188}\.[^\s@]{2,63}$/;

/** The normalised form of an e-mail address used as the account key. */
export function normaliseEmail(email: string): string {
  return email.trim().toLowerCase();
}

/** The account id for an e-mail address. */
export function officerIdForEmail(email: string): Types.ObjectId {
  return idForKey('officer', normaliseEmail(email));
}

// OWASP's argon2id baseline (19 MiB, 2 iterations, 1 lane), so a login costs tens of milliseconds, not seconds.
const HASH_OPTIONS = { type: argon2.argon2id, memoryCost: 19_456, timeCost: 2, parallelism: 1 } as const;

// Verified when the e-mail address is unknown, so that an unknown account takes as long to refuse as a
// wrong password and timing does not reveal which addresses have accounts.
let decoyHash: Promise<string> | undefined;

/** Officer accounts: creation and password checks. */
export class OfficerAccounts {
  private readonly model: OfficerModel;

  constructor(
    connection: Connection,
    private readonly clock: () => Date = () => new Date(),
  ) {
    this.model = officerModel(connection);
  }

  /** Creates an account; throws OfficerError OFFICER_EXISTS if the e-mail address already has one. */
  async add(email: string, role: OfficerRole, password: string): Promise<Officer> {
    const normalised = normaliseEmail(email);
    if (!EMAIL.test(normalised)) throw new OfficerError('EMAIL_INVALID', 'That is not an e-mail address.');
    if (password.length < MIN_PASSWORD_LENGTH) {
      throw new OfficerError(
        'PASSWORD_TOO_SHORT',
        `The password must be at least ${MIN_PASSWORD_LENGTH} characters long.`,
      );
    }
    const document = {
      _id: officerIdForEmail(normalised),
      email: normalised,
      role,
      passwordHash: await argon2.hash(password, HASH_OPTIONS),
      disabled: false,
    };
    try {
      await this.model.create(document);
    } catch (error) {
      if ((error as { code?: unknown }).code === 11000) {
        throw new OfficerError('OFFICER_EXISTS', 'An account with that e-mail address exists already.');
      }
      throw error;
    }
    return (await this.byId(document._id.toHexString())) as Officer;
  }

  /** The account for an id, if it exists. */
  async byId(id: string): Promise<Officer | undefined> {
    if (!/^[0-9a-f]{24}$/.test(id)) return undefined;
    return (await this.model.findById(id).lean<Officer>()) ?? undefined;
  }

  /** The enabled account whose password this is, or undefined (same cost whether or not the account exists). */
  async authenticate(email: string, password: string): Promise<Officer | undefined> {
    const officer = await this.model.findById(officerIdForEmail(email)).lean<Officer>();
    decoyHash ??= argon2.hash('decoy password nobody has', HASH_OPTIONS);
    const matches = await argon2.verify(officer?.passwordHash ?? (await decoyHash), password);
    if (!officer || !matches || officer.disabled) return undefined;
    await this.model.updateOne({ _id: officer._id }, { $set: { lastLoginAt: this.clock() } });
    return officer;
  }

  /** Every account (without password hashes), for assignment pickers. */
  async list(): Promise<{ id: string; email: string; role: OfficerRole }[]> {
    const officers = await this.model
      .find({ disabled: false }, { email: 1, role: 1 })
      .sort({ email: 1 })
      .lean<Officer[]>();
    return officers.map((officer) => ({
      id: officer._id.toHexString(),
      email: officer.email,
      role: officer.role,
    }));
  }

  /** Every account, disabled ones included, for administration (never the password hash). */
  async listForAdmin(): Promise<OfficerSummary[]> {
    const officers = await this.model
      .find({}, { passwordHash: 0 })
      .sort({ email: 1 })
      .limit(10_000)
      .lean<Officer[]>();
    return officers.map(officerSummary);
  }

  /** The account for an id without its password hash, if it exists. */
  async summary(id: string): Promise<OfficerSummary | undefined> {
    const officer = await this.byId(id);
    return officer ? officerSummary(officer) : undefined;
  }

  /** Changes an account's role or disabled flag; returns it before and after, or undefined if there is none. */
  async change(
    id: string,
    changes: { role?: OfficerRole | undefined; disabled?: boolean | undefined },
  ): Promise<{ before: OfficerSummary; after: OfficerSummary } | undefined> {
    if (!/^[0-9a-f]{24}$/.test(id)) return undefined;
    const set: { role?: OfficerRole; disabled?: boolean } = {};
    if (changes.role !== undefined) set.role = changes.role;
    if (changes.disabled !== undefined) set.disabled = changes.disabled;
    const before = await this.model
      .findOneAndUpdate({ _id: id }, { $set: set }, { projection: { passwordHash: 0 } })
      .lean<Officer>();
    if (!before) return undefined;
    return { before: officerSummary(before), after: officerSummary({ ...before, ...set }) };
  }
}

/** An account as administrators see it: everything but the password hash. */
export interface OfficerSummary {
  id: string;
  email: string;
  role: OfficerRole;
  disabled: boolean;
  createdAt: Date | null;
  lastLoginAt: Date | null;
}

function officerSummary(officer: Omit<Officer, 'passwordHash'>): OfficerSummary {
  return {
    id: officer._id.toHexString(),
    email: officer.email,
    role: officer.role,
    disabled: officer.disabled,
    createdAt: (officer as { createdAt?: Date }).createdAt ?? null,
    lastLoginAt: officer.lastLoginAt ?? null,
  };
}
