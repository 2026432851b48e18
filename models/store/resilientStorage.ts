import { randomUUID } from 'node:crypto';
import type { StateItem, StateItems, StateStore } from '../core/ports';
import { bounded, patientlyBounded } from './db';
import { ETagConflictError, type MongoStorage } from './mongoStorage';

export interface ResilientStorageOptions {
  /** How long one read or write waits for the database before the local copy is used (default 2 s). */
  timeoutMs?: number;
  /**
   * With `answers`: how long a read or write is waited for in all while the database is slow but answers
   * other operations (default 30 s), instead of taking a loaded database for a down one.
   */
  patienceMs?: number;
  /** The database's answers so far (`answerCounter` of the connection); without it, only `timeoutMs`. */
  answers?: () => number;
  /** How many conversations' last known state are remembered for an outage (default 10,000). */
  maxRemembered?: number;
  /** Told when the database failed or did not answer in time (ids only reach the log). */
  onOutage?: (operation: 'read' | 'write' | 'delete' | 'flush', error: unknown) => void;
}

// `state` undefined: with `pending`, a delete not yet in the database; without, a key whose state could
// not be read (the database was down and nothing was remembered).
interface Entry {
  state: string | undefined;
  eTag: string;
  pending: boolean;
  /** Written during an outage without knowing what the database holds: never overwrites it. */
  createOnly: boolean;
}

function isConflict(error: unknown): boolean {
  return error instanceof ETagConflictError;
}

/**
 * Bot state that survives a database outage, so a witness can finish a report (and see the case number and
 * receipt code) while MongoDB is down, slow or hung. Every read and write goes to the database first,
 * bounded by a short timeout. The last state read or written for each recent conversation is remembered in
 * memory; when the database does not answer, reads are served from there and writes are kept there
 * (write-behind) until `flush` delivers them. Limits, by design: the write-behind lives in this process's
 * memory (a crash during the outage returns the conversation to its last stored state; a confirmed report
 * is in the report outbox regardless), and a conversation this process does not remember starts afresh
 * during the outage, without overwriting the stored draft afterwards.
 */
export class ResilientStorage implements StateStore {
  private readonly entries = new Map<string, Entry>();
  private readonly timeoutMs: number;
  private readonly maxRemembered: number;
  private flushing: Promise<number> | undefined;

  constructor(
    private readonly inner: MongoStorage,
    private readonly options: ResilientStorageOptions = {},
  ) {
    this.timeoutMs = options.timeoutMs ?? 2_000;
    this.maxRemembered = options.maxRemembered ?? 10_000;
  }

  // Slow is not down: with a count of the database's answers, waited for while it answers others.
  private bounded<T>(work: Promise<T>): Promise<T> {
    const { answers } = this.options;
    if (!answers) return bounded(work, this.timeoutMs);
    return patientlyBounded(
      work,
      this.timeoutMs,
      Math.max(this.timeoutMs, this.options.patienceMs ?? 30_000),
      answers,
    );
  }

  /** How many keys have changes that are not in the database yet. */
  get pendingCount(): number {
    let count = 0;
    for (const entry of this.entries.values()) if (entry.pending) count += 1;
    return count;
  }

  async read(keys: string[]): Promise<StateItems> {
    if (keys.length === 0) return {};
    let found: StateItems;
    try {
      found = await this.bounded(this.inner.read(keys));
    } catch (error) {
      this.options.onOutage?.('read', error);
      return this.remembered(keys);
    }
    const items: StateItems = {};
    for (const key of keys) {
      const entry = this.entries.get(key);
      if (entry?.pending) {
        // Newer than the database: written here during an outage and not flushed yet.
        if (entry.state !== undefined) items[key] = this.itemOf(entry);
        continue;
      }
      const item = found[key] as StateItem | undefined;
      if (item) {
        const { eTag, ...state } = item;
        this.remember(key, {
          state: JSON.stringify(state),
          eTag: typeof eTag === 'string' ? eTag : '*',
          pending: false,
          createOnly: false,
        });
        items[key] = item;
      } else {
        this.entries.delete(key);
      }
    }
    return items;
  }

  async write(changes: StateItems): Promise<void> {
    const keys = Object.keys(changes);
    for (const key of keys) {
      const entry = this.entries.get(key);
      const expected = changes[key].eTag;
      // A change based on a version that only this process holds is checked against that version.
      if (entry?.pending && typeof expected === 'string' && expected !== '*' && expected !== entry.eTag)
        throw new ETagConflictError(key);
    }
    if (keys.every((key) => this.entries.get(key)?.createOnly !== true)) {
      // Keys with changes still waiting are written whole ('*'): this process holds their latest version.
      const outgoing: StateItems = {};
      for (const key of keys) {
        outgoing[key] = this.entries.get(key)?.pending ? { ...changes[key], eTag: '*' } : changes[key];
      }
      try {
        const eTags = await this.bounded(this.inner.writeItems(outgoing));
        for (const key of keys) this.remember(key, this.entryFor(changes[key], eTags[key], false, false));
        return;
      } catch (error) {
        if (isConflict(error)) throw error;
        this.options.onOutage?.('write', error);
      }
    }
    for (const key of keys) {
      const createOnly = this.entries.get(key)?.createOnly ?? false;
      this.remember(key, this.entryFor(changes[key], randomUUID(), true, createOnly));
    }
  }

  async delete(keys: string[]): Promise<void> {
    if (keys.length === 0) return;
    try {
      await this.bounded(this.inner.delete(keys));
      for (const key of keys) this.entries.delete(key);
    } catch (error) {
      this.options.onOutage?.('delete', error);
      for (const key of keys)
        this.remember(key, { state: undefined, eTag: randomUUID(), pending: true, createOnly: false });
    }
  }

  /**
   * Writes the changes kept during an outage to the database; returns how many keys were delivered.
   * Stops at the first failure (the database is still down). Safe to call concurrently.
   */
  flush(): Promise<number> {
    this.flushing ??= (async () => {
      let delivered = 0;
      try {
        for (const [key, entry] of [...this.entries]) {
          if (!entry.pending) continue;
          try {
            if (entry.state === undefined) {
              await bounded(this.inner.delete([key]), this.timeoutMs);
              if (this.entries.get(key) === entry) this.entries.delete(key);
            } else {
              // Create-only: an expected eTag no stored version can have.
              const eTag = entry.createOnly ? `local-${entry.eTag}` : '*';
              const eTags = await bounded(
                this.inner.writeItems({ [key]: { ...(JSON.parse(entry.state) as object), eTag } }),
                this.timeoutMs,
              );
              if (this.entries.get(key) === entry)
                this.remember(key, { ...entry, eTag: eTags[key], pending: false, createOnly: false });
            }
            delivered += 1;
          } catch (error) {
            if (!isConflict(error)) {
              this.options.onOutage?.('flush', error);
              break;
            }
            // The database holds state this process never saw: it wins over the outage's fresh start.
            if (this.entries.get(key) === entry) this.entries.delete(key);
          }
        }
      } finally {
        this.flushing = undefined;
      }
      return delivered;
    })();
    return this.flushing;
  }

  private remembered(keys: string[]): StateItems {
    const items: StateItems = {};
    const unknown: string[] = [];
    for (const key of keys) {
      const entry = this.entries.get(key);
      if (!entry) {
        unknown.push(key);
        continue;
      }
      this.touch(key, entry);
      if (entry.state !== undefined) items[key] = this.itemOf(entry);
    }
    // Nothing known: the conversation starts afresh, and whatever it writes never replaces the stored
    // state once the database is back.
    for (const key of unknown)
      this.remember(key, { state: undefined, eTag: '', pending: false, createOnly: true });
    return items;
  }

  // A copy each time: botbuilder changes the state object it is given.
  private itemOf(entry: Entry): StateItem {
    return { ...(JSON.parse(entry.state ?? '{}') as object), eTag: entry.eTag };
  }

  private entryFor(change: unknown, eTag: string, pending: boolean, createOnly: boolean): Entry {
    const { eTag: ignored, ...state } = change as StateItem;
    void ignored;
    return { state: JSON.stringify(state), eTag, pending, createOnly };
  }

  private touch(key: string, entry: Entry): void {
    this.entries.delete(key);
    this.entries.set(key, entry);
  }

  // Most recently used last; only entries that are safely in the database are forgotten.
  private remember(key: string, entry: Entry): void {
    this.touch(key, entry);
    if (this.entries.size <= this.maxRemembered) return;
    for (const [oldKey, oldEntry] of this.entries) {
      if (this.entries.size <= this.maxRemembered) break;
      if (!oldEntry.pending) this.entries.delete(oldKey);
    }
  }
}
