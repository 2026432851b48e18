import exifr from 'exifr';
import { PREVIEW_TYPES } from '../../../models/core/evidenceTypes';
import { EvidenceFiles, type StoredEvidence } from '../../../models/store/evidenceFiles';
import { attachmentsIn } from '../../../models/core/questionnaire';
import { CaseFiles } from '../../../models/store/caseFiles';
import type { DatabaseConnection } from '../../../models/store/db';
import { storedFileId } from '../../../models/core/attachmentUrl';
import { ServiceError } from '../../../models/core/errors';

// The extension follows the type recognised from the bytes at upload, never the witness's file name, so
// a saved file opens in a viewer for what it really is.
const EXTENSIONS: Record<string, string> = {
  'image/jpeg': '.jpg',
  'image/png': '.png',
  'application/pdf': '.pdf',
};
const MAX_STEM_LENGTH = 100;

/**
 * A file name that is safe on every system and in a header: the witness's name reduced to letters,
 * digits, spaces, hyphens and underscores (no path, quote, control or bidi character), with the extension
 * of its real type.
 */
export function safeFileName(name: string, contentType: string): string {
  const stem = name
    .normalize('NFC')
    .replace(/\.[^.]*$/, '')
    .replace(/[^\p{L}\p{N} _-]+/gu, '_')
    .replace(/_{2,}/g, '_')
    .slice(0, MAX_STEM_LENGTH)
    .replace(/^[_ ]+|[_ ]+$/g, '');
  return `${stem || 'evidence'}${EXTENSIONS[contentType] ?? '.bin'}`;
}

/**
 * The headers of an evidence download: the stored type, never sniffed, never run (a sandbox with nothing
 * allowed, even if a file were opened as a page), never cached, and saved rather than shown unless it is
 * a photo. The name goes as ASCII for old clients and as UTF-8 (RFC 6266) for the rest.
 */
export function evidenceHeaders(file: StoredEvidence): Record<string, string> {
  const contentType = file.metadata.contentType;
  const name = safeFileName(file.name, contentType);
  const ascii = name.replace(/[^\x20-\x7e]/g, '_');
  const disposition = PREVIEW_TYPES.includes(contentType) ? 'inline' : 'attachment';
  return {
    'Content-Type': contentType,
    'Content-Length': String(file.length),
    'Content-Disposition': `${disposition}; filename="${ascii}"; filename*=UTF-8''${encodeURIComponent(name)}`,
    'X-Content-Type-Options': 'nosniff',
    'Content-Security-Policy': "sandbox; default-src 'none'",
    'Cache-Control': 'no-store',
  };
}

/** Degrees from an EXIF [degrees, minutes, seconds] triple and its hemisphere ("S" or "W" negative). */
function coordinate(value: unknown, reference: unknown, negative: 'S' | 'W'): number | null {
  if (!Array.isArray(value) || value.length !== 3 || !value.every((part) => typeof part === 'number')) {
    return null;
  }
  const [degrees, minutes, seconds] = value as [number, number, number];
  const total = degrees + minutes / 60 + seconds / 3600;
  if (!Number.isFinite(total) || total > 180) return null;
  return Number((reference === negative ? -total : total).toFixed(6));
}

/** The evidence files a case may show: those its report links, stored by the report's own conversation. */
export class CaseEvidence {
  private readonly cases: CaseFiles;
  private readonly files: EvidenceFiles;

  constructor(connection: DatabaseConnection) {
    this.cases = new CaseFiles(connection);
    this.files = new EvidenceFiles(connection);
  }

  /** The case's file with that id; a ServiceError 404 for an unknown case or a file that is not the case's. */
  async find(caseNumber: string, fileId: string): Promise<StoredEvidence> {
    const report = await this.cases.evidenceOwner(caseNumber);
    if (!report) throw new ServiceError('CaseNotFound', 'There is no case with that number.');
    const linked = attachmentsIn(report.answers).some(
      (attachment) => storedFileId(attachment.contentUrl) === fileId,
    );
    const file = linked ? await this.files.find(fileId) : undefined;
    // A link alone is not proof: an attachment URL arrives with a message (Teams gives its own), so only a
    // file that the report's own web chat conversation stored is the case's.
    if (!file || file.metadata.conversationId !== report.conversationId) {
      throw new ServiceError('AttachmentNotFound', 'This case has no such attachment.');
    }
    return file;
  }

  /**
   * The place a photo records, when the witness chose to keep it (the upload then leaves the GPS in the
   * file); undefined when it was removed, the file has none, or it is not a photo.
   */
  async keptLocation(
    caseNumber: string,
    fileId: string,
  ): Promise<{ latitude: number; longitude: number | null } | undefined> {
    const file = await this.find(caseNumber, fileId);
    if (file.metadata.locationStripped || !PREVIEW_TYPES.includes(file.metadata.contentType))
      return undefined;
    const chunks: Buffer[] = [];
    for await (const chunk of file.download()) chunks.push(chunk as Buffer);
    // The raw tags, not exifr.gps(): that one gives nothing unless both coordinates are there, and a
    // witness's phone may have written only one.
    const tags = (await exifr
      .parse(Buffer.concat(chunks), { gps: true, tiff: true })
      .catch(() => undefined)) as Record<string, unknown> | undefined;
    const latitude = coordinate(tags?.GPSLatitude, tags?.GPSLatitudeRef, 'S');
    if (latitude === null) return undefined;
    return { latitude, longitude: coordinate(tags?.GPSLongitude, tags?.GPSLongitudeRef, 'W') };
  }
}
