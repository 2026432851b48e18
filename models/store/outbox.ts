import { randomUUID } from 'node:crypto';
import { mkdir, open, readdir, readFile, rename, stat, unlink } from 'node:fs/promises';
import path from 'node:path';
import mongoose from 'mongoose';

const { EJSON } = mongoose.mongo.BSON;

const DELIVERED = 'delivered';

/** What stays on disk once a queued document is in the database: enough to answer a repeated submit. */
export interface DeliveryMark {
  caseNumber: string;
}

async function writeDurably(file: string, text: string): Promise<void> {
  // Unique per write: two deliveries of one document (a late insert and the flush job) may overlap.
  const temporary = `${file}.${randomUUID()}.tmp`;
  const handle = await open(temporary, 'w');
  try {
    await handle.writeFile(text);
    await handle.sync();
  } finally {
    await handle.close();
  }
  await rename(temporary, file);
  // The rename itself is only durable once the directory is flushed too.
  const directory = await open(path.dirname(file), 'r');
  try {
    await directory.sync();
  } finally {
    await directory.close();
  }
}

async function readIfPresent(file: string): Promise<string | undefined> {
  try {
    return await readFile(file, 'utf8');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
    throw error;
  }
}

async function unlinkIfPresent(file: string): Promise<void> {
  try {
    await unlink(file);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'ENOENT') throw error;
  }
}

/**
 * A durable on-disk queue of documents on their way to MongoDB. A confirmed report is put here before
 * anything else, so it survives a crash or a database outage from the moment the witness is told its case
 * number. Each entry is one EJSON file, written to a temporary name, flushed to disk and renamed (and the
 * directory flushed), so an entry is either complete or absent even if the process dies mid-write. Once a
 * document is in the database its entry is replaced by a small delivery mark (its case number only), so
 * a repeated submit is recognised even while the database cannot be asked.
 */
export class Outbox<T extends { _id: mongoose.Types.ObjectId; caseNumber: string }> {
  constructor(private readonly directory: string) {}

  private fileFor(id: mongoose.Types.ObjectId): string {
    return path.join(this.directory, `${id.toHexString()}.ejson`);
  }

  private markFor(id: mongoose.Types.ObjectId): string {
    return path.join(this.directory, DELIVERED, `${id.toHexString()}.json`);
  }

  /** Stores a document durably (flushed to disk when this resolves). */
  async put(document: T): Promise<void> {
    await mkdir(this.directory, { recursive: true });
    await writeDurably(this.fileFor(document._id), EJSON.stringify(document, { relaxed: false }));
  }

  /** The queued document with this id, if any. */
  async get(id: mongoose.Types.ObjectId): Promise<T | undefined> {
    const text = await readIfPresent(this.fileFor(id));
    return text === undefined ? undefined : (EJSON.parse(text, { relaxed: false }) as T);
  }

  /** Every queued document. */
  async list(): Promise<T[]> {
    let names: string[];
    try {
      names = await readdir(this.directory);
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === 'ENOENT') return [];
      throw error;
    }
    const documents: T[] = [];
    for (const name of names.filter((candidate) => candidate.endsWith('.ejson')).sort()) {
      const text = await readIfPresent(path.join(this.directory, name));
      if (text !== undefined) documents.push(EJSON.parse(text, { relaxed: false }) as T);
    }
    return documents;
  }

  /** Replaces a queued document by its delivery mark, once the database has acknowledged it. */
  async settle(id: mongoose.Types.ObjectId, caseNumber: string): Promise<void> {
    await mkdir(path.join(this.directory, DELIVERED), { recursive: true });
    const mark: DeliveryMark = { caseNumber };
    await writeDurably(this.markFor(id), JSON.stringify(mark));
    await unlinkIfPresent(this.fileFor(id));
  }

  /** The delivery mark of a document that was queued here and is now in the database, if any. */
  async delivered(id: mongoose.Types.ObjectId): Promise<DeliveryMark | undefined> {
    const text = await readIfPresent(this.markFor(id));
    return text === undefined ? undefined : (JSON.parse(text) as DeliveryMark);
  }

  /** Deletes delivery marks older than `before` (a draft older than that can no longer be submitted). */
  async pruneDelivered(before: Date): Promise<number> {
    let names: string[];
    try {
      names = await readdir(path.join(this.directory, DELIVERED));
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === 'ENOENT') return 0;
      throw error;
    }
    let pruned = 0;
    for (const name of names.filter((candidate) => candidate.endsWith('.json'))) {
      const file = path.join(this.directory, DELIVERED, name);
      const { mtime } = await stat(file);
      if (mtime < before) {
        await unlinkIfPresent(file);
        pruned += 1;
      }
    }
    return pruned;
  }

  /** Removes a queued document without a mark (it could never be stored). */
  async remove(id: mongoose.Types.ObjectId): Promise<void> {
    await unlinkIfPresent(this.fileFor(id));
  }
}
