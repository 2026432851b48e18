import { Schema, type Connection } from 'mongoose';
import { idForKey, isDuplicateKeyError } from './storageKey';
import type { FailureCode } from '../core/errors';

// One document per web chat conversation: who owns it, and the counter that hands out watermarks.
const conversationSchema = new Schema(
  {
    _id: { type: Schema.Types.ObjectId, required: true },
    conversationId: { type: String, required: true },
    userId: { type: String, required: true },
    nextWatermark: { type: Number, required: true, default: 0 },
    shareLocation: { type: Boolean, required: true, default: false },
    locale: { type: String, maxlength: 20 },
    /** Set once the bot has been told the conversation started (its welcome). */
    started: { type: Boolean, required: true, default: false },
    /**
     * Conversations stored by earlier versions when they started (before any message) expire at this time
     * unless the witness writes: deleted by the service's job, and on MongoDB by the TTL index too. A
     * conversation is now stored with its first message, and never has one.
     */
    expiresAt: { type: Date },
    createdAt: { type: Date, required: true },
    updatedAt: { type: Date, required: true },
  },
  { collection: 'webchatConversations', versionKey: false },
);
conversationSchema.index({ updatedAt: 1 });
conversationSchema.index({ expiresAt: 1 }, { expireAfterSeconds: 0 });

// One document per activity, in order of its watermark. The activity is kept as JSON text: cards carry
// keys such as "$schema" that MongoDB does not accept as field names.
const activitySchema = new Schema(
  {
    _id: { type: Schema.Types.ObjectId, required: true },
    conversationId: { type: String, required: true },
    watermark: { type: Number, required: true },
    activity: { type: String, required: true },
    createdAt: { type: Date, required: true },
  },
  { collection: 'webchatActivities', versionKey: false },
);
activitySchema.index({ conversationId: 1, watermark: 1 });
activitySchema.index({ createdAt: 1 });

const createConversations = (connection: Connection) =>
  connection.model('WebchatConversation', conversationSchema);
const createActivities = (connection: Connection) => connection.model('WebchatActivity', activitySchema);
type ConversationModel = ReturnType<typeof createConversations>;
type ActivityModel = ReturnType<typeof createActivities>;

/**
 * How long a conversation may wait for its first message: until then it exists only in its signed token
 * (nothing is stored), and after it a token for a conversation the store does not hold is refused (404).
 */
export const UNUSED_CONVERSATION_MS = 60 * 60_000;

/** Appending to a conversation that does not exist (deleted, or never created). */
export class UnknownConversationError extends Error {
  readonly code = 'UnknownConversation' satisfies FailureCode;
  constructor(readonly conversationId: string) {
    super('unknown conversation');
    this.name = 'UnknownConversationError';
  }
}

/** What the channel needs to know of a conversation. */
export interface ConversationRecord {
  userId: string;
  /** Activities so far (the next watermark). */
  count: number;
  shareLocation: boolean;
  /** Whether the witness has sent a message (until then the conversation expires). */
  carriesMessage: boolean;
  locale?: string;
}

function recordOf(found: {
  userId: string;
  nextWatermark: number;
  shareLocation: boolean;
  expiresAt?: Date | null | undefined;
  locale?: string | null | undefined;
}): ConversationRecord {
  return {
    userId: found.userId,
    count: found.nextWatermark,
    shareLocation: found.shareLocation,
    carriesMessage: !found.expiresAt,
    ...(found.locale ? { locale: found.locale } : {}),
  };
}

/** A stored activity: the Direct Line activity JSON and its position. */
export interface StoredActivity {
  watermark: number;
  activity: Record<string, unknown>;
}

/** Web chat conversations and their activities (the transcript) in MongoDB, shared by every instance. */
export class TranscriptStore {
  private readonly conversations: ConversationModel;
  private readonly activities: ActivityModel;

  constructor(
    connection: Connection,
    private readonly clock: () => Date = () => new Date(),
  ) {
    this.conversations =
      (connection.models.WebchatConversation as ConversationModel | undefined) ??
      createConversations(connection);
    this.activities =
      (connection.models.WebchatActivity as ActivityModel | undefined) ?? createActivities(connection);
  }

  /**
   * Stores a conversation owned by a user, as it gets its first message; true only for the call that
   * created it (nothing happens if it exists).
   */
  async create(conversationId: string, userId: string, locale?: string): Promise<boolean> {
    const now = this.clock();
    try {
      await this.conversations.create({
        _id: idForKey('webchatConversation', conversationId),
        conversationId,
        userId,
        locale,
        started: true,
        createdAt: now,
        updatedAt: now,
      });
      return true;
    } catch (error) {
      // Two first messages at once (two tabs, two instances): _id lets only one create it.
      if (!isDuplicateKeyError(error)) throw error;
      return false;
    }
  }

  /** Keeps a conversation past its expiry: it now carries a message from the witness. */
  async keep(conversationId: string): Promise<void> {
    await this.conversations.updateOne(
      { _id: idForKey('webchatConversation', conversationId), expiresAt: { $exists: true } },
      { $unset: { expiresAt: 1 } },
    );
  }

  /** Deletes the conversations that expired without a message from the witness; returns how many. */
  async deleteUnused(): Promise<number> {
    return this.deleteWhere({ expiresAt: { $lte: this.clock() } });
  }

  /** The conversation, if it exists. */
  async find(conversationId: string): Promise<ConversationRecord | undefined> {
    const found = await this.conversations.findById(idForKey('webchatConversation', conversationId)).lean();
    return found ? recordOf(found) : undefined;
  }

  /** How many activities each of these conversations has (those stored), in one query. */
  async counts(conversationIds: string[]): Promise<Map<string, number>> {
    const found = await this.conversations
      .find(
        { _id: { $in: conversationIds.map((id) => idForKey('webchatConversation', id)) } },
        { conversationId: 1, nextWatermark: 1 },
      )
      .lean();
    return new Map(found.map((entry) => [entry.conversationId, entry.nextWatermark]));
  }

  /** Records whether photos may keep their location. */
  async setShareLocation(conversationId: string, shareLocation: boolean): Promise<void> {
    await this.conversations.updateOne(
      { _id: idForKey('webchatConversation', conversationId) },
      { $set: { shareLocation, updatedAt: this.clock() } },
    );
  }

  /**
   * Appends an activity and returns its watermark. The watermark comes from an atomic increment on the
   * conversation document, so instances writing to one conversation never hand out the same one.
   */
  async append(
    conversationId: string,
    build: (watermark: number) => Record<string, unknown>,
  ): Promise<number> {
    const counter = await this.conversations.findOneAndUpdate(
      { _id: idForKey('webchatConversation', conversationId) },
      { $inc: { nextWatermark: 1 }, $set: { updatedAt: this.clock() } },
      { returnDocument: 'after', projection: { nextWatermark: 1 } },
    );
    if (!counter) throw new UnknownConversationError(conversationId);
    const watermark = counter.nextWatermark - 1;
    await this.activities.create({
      _id: idForKey('webchatActivity', `${conversationId}\u0000${watermark}`),
      conversationId,
      watermark,
      activity: JSON.stringify(build(watermark)),
      createdAt: this.clock(),
    });
    return watermark;
  }

  /**
   * Hands out the next watermark of a conversation below its size limit, and `reserve` more after it for
   * activities to come (the bot's reply), in one round trip that also returns the conversation's record.
   * Nothing is inserted: the caller stores the activities at their places with insertActivities. A
   * reserved place left unused is a gap in the watermarks, which readers (`after`) skip.
   */
  async allocate(
    conversationId: string,
    maxActivities: number,
    reserve: number,
  ): Promise<{ watermark: number; record: ConversationRecord } | 'full'> {
    const _id = idForKey('webchatConversation', conversationId);
    const found = await this.conversations
      .findOneAndUpdate(
        { _id, nextWatermark: { $lt: maxActivities } },
        { $inc: { nextWatermark: 1 + reserve }, $set: { updatedAt: this.clock() } },
        { returnDocument: 'after' },
      )
      .lean();
    if (!found) {
      // Rare: refused by the size limit, or gone; a second read says which.
      if (await this.conversations.exists({ _id })) return 'full';
      throw new UnknownConversationError(conversationId);
    }
    return { watermark: found.nextWatermark - 1 - reserve, record: recordOf(found) };
  }

  /** Stores activities at watermarks handed out by allocate, in one round trip. */
  async insertActivities(conversationId: string, entries: StoredActivity[]): Promise<void> {
    if (entries.length === 0) return;
    const createdAt = this.clock();
    await this.activities.insertMany(
      entries.map((entry) => ({
        _id: idForKey('webchatActivity', `${conversationId}\u0000${entry.watermark}`),
        conversationId,
        watermark: entry.watermark,
        activity: JSON.stringify(entry.activity),
        createdAt,
      })),
    );
  }

  /**
   * Stores an activity whose watermark was handed out elsewhere (during an outage, see resilientTranscript):
   * the counter is raised past it, and a second write of the same activity is ignored.
   */
  async writeKept(conversationId: string, stored: StoredActivity): Promise<void> {
    await this.conversations.updateOne(
      { _id: idForKey('webchatConversation', conversationId) },
      { $max: { nextWatermark: stored.watermark + 1 }, $set: { updatedAt: this.clock() } },
    );
    try {
      await this.activities.create({
        _id: idForKey('webchatActivity', `${conversationId}\u0000${stored.watermark}`),
        conversationId,
        watermark: stored.watermark,
        activity: JSON.stringify(stored.activity),
        createdAt: this.clock(),
      });
    } catch (error) {
      if (!isDuplicateKeyError(error)) throw error;
    }
  }

  /** The activities after a watermark (all with none), in order, at most `limit`. */
  async after(conversationId: string, watermark: number | undefined, limit = 100): Promise<StoredActivity[]> {
    const found = await this.activities
      .find({ conversationId, watermark: { $gt: watermark ?? -1 } }, { watermark: 1, activity: 1 })
      .sort({ watermark: 1 })
      .limit(limit)
      .lean();
    return found.map((entry) => ({
      watermark: entry.watermark,
      activity: JSON.parse(entry.activity) as Record<string, unknown>,
    }));
  }

  /** Deletes one conversation and its activities; returns how many activities went. */
  async deleteConversation(conversationId: string): Promise<number> {
    const deleted = await this.activities.deleteMany({ conversationId });
    await this.conversations.deleteOne({ _id: idForKey('webchatConversation', conversationId) });
    return deleted.deletedCount;
  }

  /** Deletes conversations (and their activities) untouched since a date; returns how many. */
  async deleteIdleSince(cutoff: Date): Promise<number> {
    return this.deleteWhere({ updatedAt: { $lt: cutoff } });
  }

  private async deleteWhere(filter: Record<string, unknown>): Promise<number> {
    const idle = await this.conversations.find(filter, { conversationId: 1 }).limit(10_000).lean();
    const ids = idle.map((entry) => entry.conversationId);
    if (ids.length === 0) return 0;
    await this.activities.deleteMany({ conversationId: { $in: ids } });
    await this.conversations.deleteMany({ conversationId: { $in: ids } });
    return ids.length;
  }
}
