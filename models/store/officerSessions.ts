import { createHash, randomBytes } from 'node:crypto';
import { Schema, type Connection, type InferRawDocTypeFromSchema, type Types } from 'mongoose';
import { idForKey } from './storageKey';
import type { Coded } from '../core/errors';

// A console session: a short access token (bot/police/cases/auth.ts) plus this refresh token, which renews
// it while the officer works. Only a hash of the refresh token is stored, so a copy of the database signs nobody in.
const sessionSchema = new Schema(
  {
    // idForKey('case-session', hash): one document per refresh token, enforced through _id.
    _id: { type: Schema.Types.ObjectId, required: true },
    tokenHash: { type: String, required: true, maxlength: 64 },
    officerId: { type: String, required: true, maxlength: 24 },
    /** Every token rotated from one login shares it: a reused old token revokes the whole family. */
    family: { type: String, required: true, maxlength: 64 },
    createdAt: { type: Date, required: true },
    /** The session ends if it is not used before this (the idle timeout, moved on by every renewal). */
    idleUntil: { type: Date, required: true },
    revokedAt: { type: Date },
  },
  { collection: 'caseSessions', versionKey: false },
);
sessionSchema.index({ family: 1 });
sessionSchema.index({ officerId: 1 });
// Production MongoDB removes ended sessions; the embedded database ignores TTL indexes (harmless leftovers).
sessionSchema.index({ idleUntil: 1 }, { expireAfterSeconds: 24 * 60 * 60 });

type SessionDocument = InferRawDocTypeFromSchema<typeof sessionSchema> & { _id: Types.ObjectId };

const createModel = (connection: Connection) => connection.model('CaseSession', sessionSchema);
type SessionModel = ReturnType<typeof createModel>;

function sessionModel(connection: Connection): SessionModel {
  return (connection.models.CaseSession as SessionModel | undefined) ?? createModel(connection);
}

const hashOf = (token: string): string => createHash('sha256').update(token).digest('hex');
const idOf = (hash: string): Types.ObjectId => idForKey('case-session', hash);

/** A refresh token handed to the console, and until when it may be used. */
export interface IssuedRefresh {
  readonly refreshToken: string;
  readonly idleUntil: Date;
}

/** Why a refresh was refused: unknown or ended, or an already used (rotated) token presented again. */
export type RefreshRefusal = Coded<'RefreshUnknown' | 'RefreshReused'>;

/** Revocable, rotating refresh tokens for the standalone console login, stored hashed in MongoDB. */
export class OfficerSessions {
  private readonly model: SessionModel;

  constructor(
    connection: Connection,
    private readonly idleMinutes: number,
    private readonly clock: () => Date = () => new Date(),
  ) {
    this.model = sessionModel(connection);
  }

  /** The collection's indexes. */
  async ensureIndexes(): Promise<void> {
    await this.model.createIndexes();
  }

  private idleUntil(): Date {
    return new Date(this.clock().getTime() + this.idleMinutes * 60_000);
  }

  private async create(officerId: string, family: string): Promise<IssuedRefresh> {
    const refreshToken = randomBytes(32).toString('base64url');
    const tokenHash = hashOf(refreshToken);
    const idleUntil = this.idleUntil();
    await this.model.create({
      _id: idOf(tokenHash),
      tokenHash,
      officerId,
      family,
      createdAt: this.clock(),
      idleUntil,
    });
    return { refreshToken, idleUntil };
  }

  /** Starts a session at login. */
  start(officerId: string): Promise<IssuedRefresh> {
    return this.create(officerId, randomBytes(16).toString('hex'));
  }

  /**
   * Exchanges a refresh token for a new one (rotation): the old one is spent. A spent token presented again
   * means it was copied, so every token of that login is revoked.
   */
  async rotate(
    refreshToken: string,
  ): Promise<{ officerId: string; refresh: IssuedRefresh } | { refused: RefreshRefusal }> {
    const now = this.clock();
    const id = idOf(hashOf(refreshToken));
    // Spent in one atomic step, so two concurrent renewals with one token cannot both succeed.
    const spent = await this.model
      .findOneAndUpdate(
        { _id: id, revokedAt: { $exists: false }, idleUntil: { $gt: now } },
        { $set: { revokedAt: now } },
      )
      .lean<SessionDocument>();
    if (!spent) {
      const known = await this.model.findById(id).lean<SessionDocument>();
      if (known?.revokedAt) {
        await this.revokeFamily(known.family);
        return { refused: 'RefreshReused' };
      }
      return { refused: 'RefreshUnknown' };
    }
    return { officerId: spent.officerId, refresh: await this.create(spent.officerId, spent.family) };
  }

  /** Ends the session a refresh token belongs to (log out); true if there was one to end. */
  async revoke(refreshToken: string): Promise<{ officerId: string } | undefined> {
    const found = await this.model.findById(idOf(hashOf(refreshToken))).lean<SessionDocument>();
    if (!found) return undefined;
    await this.revokeFamily(found.family);
    return { officerId: found.officerId };
  }

  /** Ends every session of an officer (a disabled account, a changed password). */
  async revokeOfficer(officerId: string): Promise<void> {
    await this.model.updateMany(
      { officerId, revokedAt: { $exists: false } },
      { $set: { revokedAt: this.clock() } },
    );
  }

  private async revokeFamily(family: string): Promise<void> {
    await this.model.updateMany(
      { family, revokedAt: { $exists: false } },
      { $set: { revokedAt: this.clock() } },
    );
  }
}
