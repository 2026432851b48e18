import { createHash } from 'node:crypto';
import type { Readable } from 'node:stream';
import mongoose, { type Connection } from 'mongoose';

const BUCKET = 'evidence';

/** The type of a file recognised from its bytes (never its name), or undefined. */
export async function sniff(bytes: Buffer): Promise<string | undefined> {
  // file-type is an ES module; loaded when first needed.
  const { fileTypeFromBuffer } = await import('file-type');
  return (await fileTypeFromBuffer(bytes))?.mime;
}

/** What is kept with every stored file. */
export interface EvidenceMetadata {
  conversationId: string;
  contentType: string;
  sha256: string;
  /** True when location data was removed before storage. */
  locationStripped: boolean;
}

/** A stored file, described; its bytes are read from the database only when `download()` is consumed. */
export interface StoredEvidence {
  id: string;
  name: string;
  length: number;
  metadata: EvidenceMetadata;
  download(): Readable;
}

/** Evidence files (photos, PDFs) in MongoDB GridFS, linked to the web chat conversation they came from. */
export class EvidenceFiles {
  constructor(private readonly connection: Connection) {}

  private bucket(): mongoose.mongo.GridFSBucket {
    const db = this.connection.db;
    if (!db) throw new Error('database not connected');
    return new mongoose.mongo.GridFSBucket(db, { bucketName: BUCKET });
  }

  /** Stores a file and returns its id. */
  async put(name: string, bytes: Buffer, metadata: Omit<EvidenceMetadata, 'sha256'>): Promise<string> {
    const sha256 = createHash('sha256').update(bytes).digest('hex');
    const upload = this.bucket().openUploadStream(name, { metadata: { ...metadata, sha256 } });
    await new Promise<void>((resolve, reject) => {
      upload.once('finish', () => resolve());
      upload.once('error', reject);
      upload.end(bytes);
    });
    return upload.id.toString();
  }

  /** A stored file with its metadata, or undefined. */
  async get(id: string): Promise<{ name: string; bytes: Buffer; metadata: EvidenceMetadata } | undefined> {
    const file = await this.find(id);
    if (!file) return undefined;
    const chunks: Buffer[] = [];
    for await (const chunk of file.download()) chunks.push(chunk as Buffer);
    return { name: file.name, bytes: Buffer.concat(chunks), metadata: file.metadata };
  }

  /** A stored file's description, with a function that streams its bytes; undefined for an unknown id. */
  async find(id: string): Promise<StoredEvidence | undefined> {
    if (!/^[0-9a-f]{24}$/.test(id)) return undefined;
    const _id = new mongoose.Types.ObjectId(id);
    const [file] = await this.bucket().find({ _id }).toArray();
    if (!file) return undefined;
    return {
      id,
      name: file.filename,
      length: file.length,
      metadata: file.metadata as EvidenceMetadata,
      download: () => this.bucket().openDownloadStream(_id),
    };
  }

  /** Deletes every file of a conversation; returns how many. */
  async deleteForConversation(conversationId: string): Promise<number> {
    const files = await this.bucket().find({ 'metadata.conversationId': conversationId }).toArray();
    for (const file of files) await this.bucket().delete(file._id);
    return files.length;
  }
}
