import { mkdir, open, readdir, readFile, rename, unlink } from 'node:fs/promises';
import path from 'node:path';
import mongoose from 'mongoose';

const { EJSON } = mongoose.mongo.BSON;

/**
 * A durable on-disk queue of documents that could not be written to MongoDB (the database was down when
 * a witness confirmed a report). Each entry is one EJSON file, written to a temporary name, flushed to disk
 * and renamed, so an entry is either complete or absent even if the process dies mid-write.
 */
export class Outbox<T extends { _id: mongoose.Types.ObjectId }> {
  constructor(private readonly directory: string) {}

  private fileFor(id: mongoose.Types.ObjectId): string {
    return path.join(this.directory, `${id.toHexString()}.ejson`);
  }

  /** Stores a document durably. */
  async put(document: T): Promise<void> {
    await mkdir(this.directory, { recursive: true });
    const target = this.fileFor(document._id);
    const temporary = `${target}.${process.pid}.tmp`;
    const handle = await open(temporary, 'w');
    try {
      await handle.writeFile(EJSON.stringify(document, { relaxed: false }));
      await handle.sync();
    } finally {
      await handle.close();
    }
    await rename(temporary, target);
  }

  /** The queued document with this id, if any. */
  async get(id: mongoose.Types.ObjectId): Promise<T | undefined> {
    try {
      return EJSON.parse(await readFile(this.fileFor(id), 'utf8'), { relaxed: false }) as T;
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
      throw error;
    }
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
      documents.push(
        EJSON.parse(await readFile(path.join(this.directory, name), 'utf8'), { relaxed: false }) as T,
      );
    }
    return documents;
  }

  /** Removes a document once it is safely in the database. */
  async remove(id: mongoose.Types.ObjectId): Promise<void> {
    try {
      await unlink(this.fileFor(id));
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'ENOENT') throw error;
    }
  }
}
