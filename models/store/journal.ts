// The embedded database's write-ahead journal: every write command is appended here, and fsynced, before
// the database sees it, so a write it acknowledged survives a kill -9. A segment file holds the records
// written since a snapshot; the snapshot names the last segment it contains.
import { crc32 } from 'node:zlib';
import { open, readdir, readFile, type FileHandle } from 'node:fs/promises';
import path from 'node:path';

const HEADER_BYTES = 8;
const SEGMENT_PATTERN = /^journal-(\d{10})\.log$/;

/** The file of journal segment `sequence` in `directory`. */
export function segmentPath(directory: string, sequence: number): string {
  return path.join(directory, `journal-${String(sequence).padStart(10, '0')}.log`);
}

/** The sequence numbers of the journal segments in `directory`, in order. */
export async function listSegments(directory: string): Promise<number[]> {
  const names = await readdir(directory);
  return names
    .map((name) => SEGMENT_PATTERN.exec(name))
    .filter((match): match is RegExpExecArray => match !== null)
    .map((match) => Number(match[1]))
    .sort((a, b) => a - b);
}

/** The records of one segment, and how many bytes at its end did not form a whole, intact record. */
export async function readSegment(file: string): Promise<{ records: Buffer[]; ignoredBytes: number }> {
  const content = await readFile(file);
  const records: Buffer[] = [];
  let offset = 0;
  while (offset + HEADER_BYTES <= content.length) {
    const length = content.readUInt32LE(offset);
    const checksum = content.readUInt32LE(offset + 4);
    const end = offset + HEADER_BYTES + length;
    if (end > content.length) break;
    const record = content.subarray(offset + HEADER_BYTES, end);
    // A record whose checksum does not match was torn by a crash while it was written (it was never
    // acknowledged: a write is answered only after its record is on disk); nothing after it is trusted.
    if (crc32(record) !== checksum) break;
    records.push(record);
    offset = end;
  }
  return { records, ignoredBytes: content.length - offset };
}

async function syncDirectory(directory: string): Promise<void> {
  const handle = await open(directory, 'r');
  try {
    await handle.sync();
  } finally {
    await handle.close();
  }
}

interface Pending {
  readonly bytes: Buffer;
  resolve(): void;
  reject(error: unknown): void;
}

/**
 * An append-only journal with group commit: records appended while a write and fsync are under way go to
 * disk together in the next one, so many concurrent writers share one fsync.
 */
export class Journal {
  private pending: Pending[] = [];
  private flushing: Promise<void> | undefined;
  private handle: FileHandle;
  private size: number;
  private sequenceNumber: number;

  private constructor(
    private readonly directory: string,
    sequence: number,
    handle: FileHandle,
    size: number,
  ) {
    this.sequenceNumber = sequence;
    this.handle = handle;
    this.size = size;
  }

  /** Opens (creating it if needed) segment `sequence` for appending. */
  static async open(directory: string, sequence: number): Promise<Journal> {
    const { handle, size } = await Journal.openSegment(directory, sequence);
    return new Journal(directory, sequence, handle, size);
  }

  private static async openSegment(
    directory: string,
    sequence: number,
  ): Promise<{ handle: FileHandle; size: number }> {
    const handle = await open(segmentPath(directory, sequence), 'a');
    try {
      const { size } = await handle.stat();
      // The new file's directory entry must be durable too, or the whole segment could vanish on a crash.
      await syncDirectory(directory);
      return { handle, size };
    } catch (error) {
      await handle.close();
      throw error;
    }
  }

  /** The segment being written. */
  get sequence(): number {
    return this.sequenceNumber;
  }

  /** Appends one record; resolves once it is on disk (fsynced), rejects if it could not be written. */
  append(record: Buffer): Promise<void> {
    const header = Buffer.alloc(HEADER_BYTES);
    header.writeUInt32LE(record.length, 0);
    header.writeUInt32LE(crc32(record), 4);
    return new Promise<void>((resolve, reject) => {
      this.pending.push({ bytes: Buffer.concat([header, record]), resolve, reject });
      this.flushing ??= this.flush();
    });
  }

  private async flush(): Promise<void> {
    while (this.pending.length > 0) {
      const batch = this.pending;
      this.pending = [];
      const bytes = Buffer.concat(batch.map((entry) => entry.bytes));
      try {
        const { bytesWritten } = await this.handle.write(bytes, 0, bytes.length, null);
        if (bytesWritten !== bytes.length) throw new Error(`short journal write (${bytesWritten} bytes)`);
        await this.handle.datasync();
        this.size += bytes.length;
        for (const entry of batch) entry.resolve();
      } catch (error) {
        // Cut a partly written batch off again, so records appended later do not follow a torn one.
        await this.handle.truncate(this.size).catch(() => undefined);
        for (const entry of batch) entry.reject(error);
      }
    }
    this.flushing = undefined;
  }

  /** Waits for appends under way, then continues in a new segment `sequence` (the old one stays). */
  async rotate(sequence: number): Promise<void> {
    while (this.flushing) await this.flushing;
    const next = await Journal.openSegment(this.directory, sequence);
    await this.handle.close();
    this.handle = next.handle;
    this.size = next.size;
    this.sequenceNumber = sequence;
  }

  /** Waits for appends under way and closes the file. */
  async close(): Promise<void> {
    while (this.flushing) await this.flushing;
    await this.handle.close();
  }
}
