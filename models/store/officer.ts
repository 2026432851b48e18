import argon2 from 'argon2';
import { Schema, Types, type Connection, type InferRawDocTypeFromSchema } from 'mongoose';
import { ServiceError } from '../core/errors';
import { idForKey, isDuplicateKeyError } from './storageKey';

import { OFFICER_ROLES, type OfficerRole } from '../core/roles';

export { OFFICER_ROLES, roleAtLeast, type OfficerRole } from '../core/roles';

/** Where an account comes from: a console password, or an Entra ID sign-in (Teams) that created it just in time. */
export const OFFICER_SOURCES = ['password', 'entra'] as const;

// Accounts stored before Entra sign-in existed have no source: they are password accounts.
function isPasswordAccount(this: { source?: string | null }): boolean {
  return this.source !== 'entra';
}

const officerSchema = new Schema(
  {
    // idForKey('officer', email): one account per e-mail address, enforced through _id; Entra accounts use
    // idForKey('entra-officer', tenant/object id), which no e-mail address can produce.
    _id: { type: Schema.Types.ObjectId, required: true },
    source: { type: String, enum: OFFICER_SOURCES, default: 'password' },
    /** For Entra accounts, the display address from the latest token, when the token carries one. */
    email: { type: String, required: isPasswordAccount, trim: true, lowercase: true, maxlength: 254 },
    role: { type: String, enum: OFFICER_ROLES, required: true },
    /** argon2id hash (memory-hard); the password itself is never stored. Entra accounts have none. */
    passwordHash: { type: String, required: isPasswordAccount, maxlength: 500 },
    /** Entra accounts: the user's tenant and object id, the identity the token vouches for. */
    tenantId: { type: String, maxlength: 100 },
    objectId: { type: String, maxlength: 100 },
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
export class OfficerError extends ServiceError {
  override readonly name = 'OfficerError';

  constructor(
    override readonly code: 'OfficerExists' | 'PasswordTooShort' | 'EmailInvalid',
    message?: string,
  ) {
    super(code, message);
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

/** The account id of an Entra ID user (stable across display-address changes). */
export function officerIdForEntra(tenantId: string, objectId: string): Types.ObjectId {
  return idForKey('entra-officer', `${tenantId.toLowerCase()}/${objectId.toLowerCase()}`);
}

/** What a verified Entra ID token says about a police officer. */
export interface EntraOfficer {
  readonly tenantId: string;
  readonly objectId: string;
  readonly email: string | undefined;
  readonly role: OfficerRole;
}

// OWASP's argon2id baseline (19 MiB, 2 iterations, 1 lane), so a login costs tens of milliseconds, not seconds.
const HASH_OPTIONS = { type: argon2.argon2id, memoryCost: 19_456, timeCost: 2, parallelism: 1 } as const;

/** Computes and checks password hashes (argon2id; tests count the checks through their own). */
export interface PasswordHasher {
  hash(password: string): Promise<string>;
  verify(hash: string, password: string): Promise<boolean>;
}

/** The service's hasher: argon2id with OWASP's baseline parameters. */
export const argon2Hasher: PasswordHasher = {
  hash: (password) => argon2.hash(password, HASH_OPTIONS),
  verify: (hash, password) => argon2.verify(hash, password),
};

// Verified when the e-mail address is unknown, so that an unknown account takes as long to refuse as a
// wrong password and timing does not reveal which addresses have accounts.
let decoyHash: Promise<string> | undefined;

/** Officer accounts: creation and password checks. */
export class OfficerAccounts {
  private readonly model: OfficerModel;

  constructor(
    connection: Connection,
    private readonly clock: () => Date = () => new Date(),
    private readonly passwords: PasswordHasher = argon2Hasher,
  ) {
    this.model = officerModel(connection);
  }

  /** Creates an account; throws OfficerError OfficerExists if the e-mail address already has one. */
  async add(email: string, role: OfficerRole, password: string): Promise<Officer> {
    const normalised = normaliseEmail(email);
    if (!EMAIL.test(normalised)) throw new OfficerError('EmailInvalid', 'That is not an e-mail address.');
    if (password.length < MIN_PASSWORD_LENGTH) {
      throw new OfficerError(
        'PasswordTooShort',
        `The password must be at least ${MIN_PASSWORD_LENGTH} characters long.`,
      );
    }
    const document = {
      _id: officerIdForEmail(normalised),
      email: normalised,
      role,
      passwordHash: await this.passwords.hash(password),
      disabled: false,
    };
    try {
      await this.model.create(document);
    } catch (error) {
      if (isDuplicateKeyError(error)) {
        throw new OfficerError('OfficerExists', 'An account with that e-mail address exists already.');
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

  /**
   * The just-in-time account of a police officer signed in with Entra ID (the Teams console): created at the
   * first sign-in, its role and display address then following the latest token. Undefined when disabled.
   */
  async signInWithEntra(user: EntraOfficer): Promise<Officer | undefined> {
    const id = officerIdForEntra(user.tenantId, user.objectId);
    const email = user.email === undefined ? undefined : normaliseEmail(user.email);
    const existing = await this.model.findById(id).lean<Officer>();
    if (!existing) {
      try {
        await this.model.create({
          _id: id,
          source: 'entra',
          tenantId: user.tenantId,
          objectId: user.objectId,
          email,
          role: user.role,
          disabled: false,
          lastLoginAt: this.clock(),
        });
      } catch (error) {
        // Two first requests at once: _id lets only one create the account; the other reads it back.
        if (!isDuplicateKeyError(error)) throw error;
      }
      const created = await this.model.findById(id).lean<Officer>();
      return created && !created.disabled ? created : undefined;
    }
    if (existing.disabled) return undefined;
    const changes = {
      ...(existing.role === user.role ? {} : { role: user.role }),
      ...(email === undefined || existing.email === email ? {} : { email }),
    };
    // Written only when the token says something new, so that an ordinary request costs one read.
    if (Object.keys(changes).length > 0) await this.model.updateOne({ _id: id }, { $set: changes });
    return { ...existing, ...changes };
  }

  /** The enabled account whose password this is, or undefined (same cost whether or not the account exists). */
  async authenticate(email: string, password: string): Promise<Officer | undefined> {
    const officer = await this.model.findById(officerIdForEmail(email)).lean<Officer>();
    decoyHash ??= argon2Hasher.hash('decoy password nobody has');
    const matches = await this.passwords.verify(officer?.passwordHash ?? (await decoyHash), password);
    // An Entra account has no password: its officer signs in through Entra ID only, never with the decoy's.
    if (!officer?.passwordHash || officer.source === 'entra' || !matches || officer.disabled)
      return undefined;
    await this.model.updateOne({ _id: officer._id }, { $set: { lastLoginAt: this.clock() } });
    return officer;
  }

  /** The collection's indexes. */
  async ensureIndexes(): Promise<void> {
    await this.model.createIndexes();
  }

  /** Display names (the e-mail address) of officer accounts, by id; an id without an account is left out. */
  async displayNames(ids: Iterable<string | null | undefined>): Promise<Record<string, string>> {
    const wanted = [...new Set([...ids].filter((id): id is string => !!id && /^[0-9a-f]{24}$/.test(id)))];
    if (wanted.length === 0) return {};
    const found = await this.model
      .find({ _id: { $in: wanted.map((id) => new Types.ObjectId(id)) } }, { email: 1 })
      .lean();
    return Object.fromEntries(
      found.map((officer) => [officer._id.toHexString(), officer.email ?? officer._id.toHexString()]),
    );
  }

  /** Every account (without password hashes), for assignment pickers. */
  async list(): Promise<{ id: string; email: string; role: OfficerRole }[]> {
    const officers = await this.model
      .find({ disabled: false }, { email: 1, role: 1, objectId: 1 })
      .sort({ email: 1 })
      .lean<Officer[]>();
    return officers.map((officer) => ({
      id: officer._id.toHexString(),
      // An Entra token without a display address leaves only the object id, which an administrator can look up.
      email: officer.email ?? `entra:${officer.objectId ?? ''}`,
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
  /** Null for an Entra ID account whose token carried no e-mail address. */
  email: string | null;
  role: OfficerRole;
  disabled: boolean;
  createdAt: Date | null;
  lastLoginAt: Date | null;
}

function officerSummary(officer: Omit<Officer, 'passwordHash'>): OfficerSummary {
  return {
    id: officer._id.toHexString(),
    email: officer.email ?? null,
    role: officer.role,
    disabled: officer.disabled,
    createdAt: (officer as { createdAt?: Date }).createdAt ?? null,
    lastLoginAt: officer.lastLoginAt ?? null,
  };
}
