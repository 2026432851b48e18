// The ports the core needs from the outside, as plain TypeScript: the stores in models/store implement
// them, and the conversation layer hands them to its framework (botbuilder's `Storage` has the same shape,
// so the bot state store passes where botbuilder asks for one without models/ naming botbuilder).

/** One stored state document; `eTag` is the store's version of it ('*' or absent: write regardless). */
export interface StateItem {
  eTag?: string;
  [field: string]: unknown;
}

/** State documents by key. */
export type StateItems = Record<string, StateItem>;

/** A key-value store of state documents with optimistic concurrency on `eTag`. */
export interface StateStore {
  read(keys: string[]): Promise<StateItems>;
  write(changes: StateItems): Promise<void>;
  delete(keys: string[]): Promise<void>;
}
