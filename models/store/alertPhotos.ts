import { createHash } from 'node:crypto';
import mongoose, { type Connection } from 'mongoose';

// A sibling of the evidence bucket: an alert's photo is the police's, public once the alert is, and never
// mixed with a witness's files (whose deletion follows the report's retention).
const BUCKET = 'alertPhotos';

/** An alert's photo as the alert keeps it. */
export interface AlertPhotoDescription {
  id: string;
  contentType: string;
  length: number;
  sha256: string;
}

/** The photos of alerts in MongoDB GridFS. */
export class AlertPhotos {
  constructor(private readonly connection: Connection) {}

  private bucket(): mongoose.mongo.GridFSBucket {
    const db = this.connection.db;
    if (!db) throw new Error('database not connected');
    return new mongoose.mongo.GridFSBucket(db, { bucketName: BUCKET });
  }

  /** Stores a photo of an alert and describes it. */
  async put(alertId: string, bytes: Buffer, contentType: string): Promise<AlertPhotoDescription> {
    const sha256 = createHash('sha256').update(bytes).digest('hex');
    const upload = this.bucket().openUploadStream(`alert-${alertId}`, {
      metadata: { alertId, contentType, sha256 },
    });
    await new Promise<void>((resolve, reject) => {
      upload.once('finish', () => resolve());
      upload.once('error', reject);
      upload.end(bytes);
    });
    return { id: upload.id.toString(), contentType, length: bytes.length, sha256 };
  }

  /** A photo's bytes, or undefined for an unknown id. */
  async bytes(id: string): Promise<Buffer | undefined> {
    if (!/^[0-9a-f]{24}$/.test(id)) return undefined;
    const _id = new mongoose.Types.ObjectId(id);
    const [file] = await this.bucket().find({ _id }).toArray();
    if (!file) return undefined;
    const chunks: Buffer[] = [];
    for await (const chunk of this.bucket().openDownloadStream(_id)) chunks.push(chunk as Buffer);
    return Buffer.concat(chunks);
  }

  /** Deletes a photo (one replaced by another); an unknown id is no error. */
  async delete(id: string): Promise<void> {
    if (!/^[0-9a-f]{24}$/.test(id)) return;
    await this.bucket()
      .delete(new mongoose.Types.ObjectId(id))
      .catch(() => undefined);
  }
}
