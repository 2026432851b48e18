import { randomUUID } from 'node:crypto';
import type { StateItems, StateStore } from '../core/ports';
import { Schema, type Connection } from 'mongoose';
import { idForKey, isDuplicateKeyError } from './storageKey';
import type { FailureCode } from '../core/errors';

const stateSchema = new Schema(
  {
    _id: { type: Schema.Types.ObjectId, required: true },
    key: { type: String, required: true },
    // Stored as JSON text, exactly as botbuilder's MemoryStorage round-trips it: bot state may contain
    // keys with dots or dollar signs that MongoDB field names cannot hold.
    state: { type: String, required: true },
    eTag: { type: String, required: true },
    updatedAt: { type: Date, required: true },
  },
  { collection: 'botState', versionKey: false },
);
stateSchema.index({ updatedAt: 1 });

const createModel = (connection: Connection) => connection.model('BotState', stateSchema);
export type BotStateModel = ReturnType<typeof createModel>;

/** Typed error for an optimistic-concurrency conflict (someone else wrote the item since it was read). */
export class ETagConflictError extends Error {
  readonly code = 'StateWriteConflict' satisfies FailureCode;
  constructor(readonly key: string) {
    super(`Storage: eTag conflict writing key ${key}`);
    this.name = 'ETagConflictError';
  }
}

const NAMESPACE = 'botState';

/** The model for bot state documents on a connection. */
export function botStateModel(connection: Connection): BotStateModel {
  return (connection.models.BotState as BotStateModel | undefined) ?? createModel(connection);
}

/** botbuilder Storage on MongoDB with eTag optimistic concurrency; each key is one document. */
export class MongoStorage implements StateStore {
  private readonly model: BotStateModel;

  constructor(
    connection: Connection,
    private readonly clock: () => Date = () => new Date(),
  ) {
    this.model = botStateModel(connection);
  }

  async read(keys: string[]): Promise<StateItems> {
    if (keys.length === 0) return {};
    const ids = keys.map((key) => idForKey(NAMESPACE, key));
    const documents = await this.model.find({ _id: { $in: ids } }).lean();
    const items: StateItems = {};
    for (const document of documents) {
      const state = JSON.parse(document.state) as Record<string, unknown>;
      items[document.key] = { ...state, eTag: document.eTag };
    }
    return items;
  }

  async write(changes: StateItems): Promise<void> {
    await this.writeItems(changes);
  }

  /** Writes like `write` and returns the new eTag of every key written. */
  async writeItems(changes: StateItems): Promise<Record<string, string>> {
    const written: Record<string, string> = {};
    for (const [key, change] of Object.entries(changes) as [string, Record<string, unknown>][]) {
      const { eTag: expected, ...rest } = change;
      const _id = idForKey(NAMESPACE, key);
      const next = { key, state: JSON.stringify(rest), eTag: randomUUID(), updatedAt: this.clock() };
      written[key] = next.eTag;
      if (typeof expected !== 'string' || expected === '' || expected === '*') {
        await this.model.updateOne({ _id }, { $set: next }, { upsert: true });
        continue;
      }
      const updated = await this.model.updateOne({ _id, eTag: expected }, { $set: next });
      if (updated.matchedCount === 1) continue;
      // No document with that eTag: either it never existed (a first write, allowed) or it changed.
      try {
        await this.model.create({ _id, ...next });
      } catch (error) {
        if (isDuplicateKeyError(error)) throw new ETagConflictError(key);
        throw error;
      }
    }
    return written;
  }

  /** Deletes the state not written since `before` (unfinished drafts past their keeping time). */
  async deleteUnchangedSince(before: Date): Promise<void> {
    await this.model.deleteMany({ updatedAt: { $lt: before } });
  }

  async delete(keys: string[]): Promise<void> {
    if (keys.length === 0) return;
    await this.model.deleteMany({ _id: { $in: keys.map((key) => idForKey(NAMESPACE, key)) } });
  }
}
