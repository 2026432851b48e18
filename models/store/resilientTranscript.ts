import type { Connection } from 'mongoose';
import { answerCounter, bounded, patientlyBounded } from './db';
import {
  TranscriptStore,
  UnknownConversationError,
  type ConversationRecord,
  type StoredActivity,
} from './transcript';

export interface ResilientTranscriptOptions {
  /**
   * How long one database operation waits for an answer before memory is used (default 2 s), as long as
   * the database answers nothing else meanwhile (hung or stopped).
   */
  timeoutMs?: number;
  /**
   * How long an operation is waited for in all while the database is slow but answering other operations
   * (default 30 s): a loaded database is not taken for a down one, so a witness's turn waits instead of
   * being refused with 503.
   */
  patienceMs?: number;
  /** The database's answers so far (default: counted on the connection's pool). */
  answers?: () => number;
  /** After a failure, how long operations go straight to memory before the database is tried again. */
  retryAfterMs?: number;
  /** How many conversations are remembered (default 2,000) and activities per conversation (default 200). */
  maxConversations?: number;
  maxActivities?: number;
  /** Told when the database failed or did not answer in time. */
  onOutage?: (operation: string, error: unknown) => void;
  clock?: () => Date;
}

/** A new conversation cannot be stored while the database is down: the HTTP layer answers 503. */
export class TranscriptUnavailableError extends Error {
  readonly code = 'TranscriptUnavailable';
  constructor() {
    super('The conversation store is unavailable');
    this.name = 'TranscriptUnavailableError';
  }
}

interface Remembered {
  record: ConversationRecord;
  /** Recent activities, in watermark order (those read or appended here). */
  tail: StoredActivity[];
  /** Appended during an outage, not in the database yet. */
  pending: StoredActivity[];
  /** The witness's first message arrived during an outage: the expiry is still to be removed. */
  keepPending: boolean;
}

/**
 * Web chat transcripts that survive a database outage in a conversation that already exists. Every
 * operation goes to MongoDB first, bounded by a short timeout; recent conversations (their record and last
 * activities) are remembered in memory. When the database fails or hangs, a remembered conversation goes on
 * in memory: appends take the next watermark from the remembered count and are kept (write-behind) until
 * `flush` writes them, reads are served from the remembered activities. Limits, by design: the write-behind
 * lives in this process's memory (a crash during the outage loses those transcript lines; a confirmed
 * report is in the report outbox regardless), a conversation must be served by one instance during the
 * outage (watermarks are handed out here), and a conversation this process does not remember, or a new one,
 * is refused with TranscriptUnavailableError until the database is back.
 */
export class ResilientTranscripts extends TranscriptStore {
  private readonly remembered = new Map<string, Remembered>();
  private readonly timeoutMs: number;
  private readonly patienceMs: number;
  private readonly answers: () => number;
  private readonly retryAfterMs: number;
  private readonly maxConversations: number;
  private readonly maxActivities: number;
  private readonly now: () => number;
  private downUntil = 0;
  private flushing: Promise<number> | undefined;

  constructor(
    connection: Connection,
    private readonly options: ResilientTranscriptOptions = {},
  ) {
    super(connection, options.clock);
    this.timeoutMs = options.timeoutMs ?? 2_000;
    this.patienceMs = Math.max(this.timeoutMs, options.patienceMs ?? 30_000);
    this.answers = options.answers ?? answerCounter(connection);
    this.retryAfterMs = options.retryAfterMs ?? 5_000;
    this.maxConversations = options.maxConversations ?? 2_000;
    this.maxActivities = options.maxActivities ?? 200;
    const clock = options.clock ?? (() => new Date());
    this.now = () => clock().getTime();
  }

  /** How many activities wait to be written to the database. */
  get pendingCount(): number {
    let count = 0;
    for (const entry of this.remembered.values()) count += entry.pending.length;
    return count;
  }

  // The database, unless it failed a moment ago (then the caller's fallback at once, not after a timeout).
  private async attempt<T>(operation: string, work: () => Promise<T>): Promise<T> {
    if (this.now() < this.downUntil) throw new TranscriptUnavailableError();
    try {
      // Slow is not down: waited for while the database answers other operations.
      return await patientlyBounded(work(), this.timeoutMs, this.patienceMs, this.answers);
    } catch (error) {
      if (error instanceof UnknownConversationError) throw error;
      this.downUntil = this.now() + this.retryAfterMs;
      this.options.onOutage?.(operation, error);
      throw new TranscriptUnavailableError();
    }
  }

  private remember(conversationId: string, record: ConversationRecord): Remembered {
    const existing = this.remembered.get(conversationId);
    if (existing) {
      // The database's count may lag what was appended here during an outage.
      const count = Math.max(record.count, existing.record.count);
      existing.record = {
        ...record,
        count,
        carriesMessage: record.carriesMessage || existing.record.carriesMessage,
      };
      this.remembered.delete(conversationId);
      this.remembered.set(conversationId, existing);
      return existing;
    }
    const entry: Remembered = { record, tail: [], pending: [], keepPending: false };
    this.remembered.set(conversationId, entry);
    if (this.remembered.size > this.maxConversations) {
      // Forget the oldest conversation with nothing left to write.
      for (const [key, value] of this.remembered) {
        if (value.pending.length === 0 && !value.keepPending) {
          this.remembered.delete(key);
          break;
        }
      }
    }
    return entry;
  }

  private addToTail(entry: Remembered, activity: StoredActivity): void {
    if (entry.tail.some((known) => known.watermark === activity.watermark)) return;
    entry.tail.push(activity);
    entry.tail.sort((a, b) => a.watermark - b.watermark);
    if (entry.tail.length > this.maxActivities) entry.tail.splice(0, entry.tail.length - this.maxActivities);
  }

  override async create(conversationId: string, userId: string, locale?: string): Promise<boolean> {
    return this.attempt('create', () => super.create(conversationId, userId, locale));
  }

  override async find(conversationId: string): Promise<ConversationRecord | undefined> {
    try {
      const found = await this.attempt('find', () => super.find(conversationId));
      if (!found) return undefined;
      return { ...this.remember(conversationId, found).record };
    } catch (error) {
      const entry = this.remembered.get(conversationId);
      if (entry && error instanceof TranscriptUnavailableError) return { ...entry.record };
      throw error;
    }
  }

  override async counts(conversationIds: string[]): Promise<Map<string, number>> {
    return this.attempt('counts', () => super.counts(conversationIds));
  }

  override async keep(conversationId: string): Promise<void> {
    try {
      await this.attempt('keep', () => super.keep(conversationId));
    } catch (error) {
      const entry = this.remembered.get(conversationId);
      if (!entry || !(error instanceof TranscriptUnavailableError)) throw error;
      entry.keepPending = true;
    }
    const entry = this.remembered.get(conversationId);
    if (entry) entry.record = { ...entry.record, carriesMessage: true };
  }

  override async append(
    conversationId: string,
    build: (watermark: number) => Record<string, unknown>,
  ): Promise<number> {
    let abandoned = false;
    let allocated: number | undefined;
    let built: Record<string, unknown> | undefined;
    const guardedBuild = (watermark: number) => {
      // An append given up on (timed out) must not insert its activity later: it is kept here instead.
      if (abandoned) throw new TranscriptUnavailableError();
      allocated = watermark;
      built = build(watermark);
      return built;
    };
    try {
      const watermark = await this.attempt('append', () => super.append(conversationId, guardedBuild));
      const entry = this.remembered.get(conversationId);
      if (entry && built) {
        entry.record = { ...entry.record, count: Math.max(entry.record.count, watermark + 1) };
        this.addToTail(entry, { watermark, activity: JSON.parse(JSON.stringify(built)) as never });
      }
      return watermark;
    } catch (error) {
      abandoned = true;
      const entry = this.remembered.get(conversationId);
      if (!entry || !(error instanceof TranscriptUnavailableError)) throw error;
      // The watermark the database handed out, if it did before hanging (the late insert then has the same
      // _id as the one written later, so it is stored once), otherwise the next one remembered here.
      const watermark = allocated ?? entry.record.count;
      const activity = JSON.parse(JSON.stringify(built ?? build(watermark))) as Record<string, unknown>;
      const stored = { watermark, activity };
      entry.pending.push(stored);
      this.addToTail(entry, stored);
      entry.record = { ...entry.record, count: Math.max(entry.record.count, watermark + 1) };
      return watermark;
    }
  }

  override async allocate(
    conversationId: string,
    maxActivities: number,
    reserve: number,
  ): Promise<{ watermark: number; record: ConversationRecord } | 'full'> {
    try {
      const allocated = await this.attempt('append', () =>
        super.allocate(conversationId, maxActivities, reserve),
      );
      if (allocated === 'full') return allocated;
      const entry = this.remember(conversationId, allocated.record);
      return { watermark: allocated.watermark, record: { ...entry.record } };
    } catch (error) {
      const entry = this.remembered.get(conversationId);
      if (!entry || !(error instanceof TranscriptUnavailableError)) throw error;
      // The next places remembered here (a late answer of the database only leaves a gap).
      if (entry.record.count >= maxActivities) return 'full';
      const watermark = entry.record.count;
      entry.record = { ...entry.record, count: watermark + 1 + reserve };
      return { watermark, record: { ...entry.record } };
    }
  }

  override async insertActivities(conversationId: string, entries: StoredActivity[]): Promise<void> {
    if (entries.length === 0) return;
    // Copies: what is remembered must not change with the caller's objects.
    const copies = entries.map((entry) => ({
      watermark: entry.watermark,
      activity: JSON.parse(JSON.stringify(entry.activity)) as Record<string, unknown>,
    }));
    try {
      await this.attempt('append', () => super.insertActivities(conversationId, copies));
    } catch (error) {
      const entry = this.remembered.get(conversationId);
      if (!entry || !(error instanceof TranscriptUnavailableError)) throw error;
      // Kept until flush writes them (a late insert of the same places is ignored there, same _id).
      for (const copy of copies) {
        entry.pending.push(copy);
        this.addToTail(entry, copy);
        entry.record = { ...entry.record, count: Math.max(entry.record.count, copy.watermark + 1) };
      }
      return;
    }
    const entry = this.remembered.get(conversationId);
    if (entry) for (const copy of copies) this.addToTail(entry, copy);
  }

  override async after(
    conversationId: string,
    watermark: number | undefined,
    limit = 100,
  ): Promise<StoredActivity[]> {
    const entry = this.remembered.get(conversationId);
    let found: StoredActivity[];
    try {
      found = await this.attempt('after', () => super.after(conversationId, watermark, limit));
    } catch (error) {
      if (!entry || !(error instanceof TranscriptUnavailableError)) throw error;
      found = [];
    }
    if (!entry) return found;
    for (const activity of found) this.addToTail(entry, activity);
    // Not in the database yet (appended during the outage), or remembered while it cannot be read.
    const known = new Set(found.map((activity) => activity.watermark));
    const extra = entry.tail.filter(
      (activity) => activity.watermark > (watermark ?? -1) && !known.has(activity.watermark),
    );
    if (extra.length === 0) return found;
    return [...found, ...extra].sort((a, b) => a.watermark - b.watermark).slice(0, limit);
  }

  /** Writes what was kept during an outage; returns how many activities were written. */
  flush(): Promise<number> {
    this.flushing ??= this.flushAll().finally(() => {
      this.flushing = undefined;
    });
    return this.flushing;
  }

  private async flushAll(): Promise<number> {
    let written = 0;
    for (const [conversationId, entry] of this.remembered) {
      if (entry.keepPending) {
        await bounded(super.keep(conversationId), this.timeoutMs);
        entry.keepPending = false;
      }
      while (entry.pending.length > 0) {
        const next = entry.pending[0];
        if (!next) break;
        await bounded(this.writeKept(conversationId, next), this.timeoutMs);
        entry.pending.shift();
        written += 1;
      }
    }
    this.downUntil = 0;
    return written;
  }
}
