import { createHash, createHmac, timingSafeEqual } from 'node:crypto';
import busboy from 'busboy';
import type { Request } from 'restify';
import type { Alert } from '../../../models/store/alert';
import { humanSize, PHOTO_TYPES } from '../../../models/core/evidenceTypes';
import { sniff } from '../../../models/store/evidenceFiles';
import { withoutLocation } from '../../../models/core/photoLocation';
import { ServiceError } from '../../../models/core/errors';

/**
 * The largest alert photo. A card's image is fetched by Teams and drawn on every member's phone, and the
 * appeal page loads it for every visitor: a photo resized for the screen is far below this.
 */
export const MAX_ALERT_PHOTO_BYTES = 2 * 1024 * 1024;

/** The public photo route; a link is valid only with its signature, and only while the alert is current. */
const PHOTO_ROUTE = '/api/public/alert-photos';

/**
 * Signed links to alert photos. Teams' servers fetch a card's image without any login, so the link itself
 * is the credential: an HMAC over the alert, the photo and the link's expiry (the alert's), keyed apart
 * from the invitation codes though derived from the same secret.
 */
export class AlertPhotoLinks {
  private readonly key: Buffer;

  constructor(
    secret: string,
    /** scheme://host the service is reached at from outside (Teams fetches card images from there). */
    private readonly publicBase: string,
  ) {
    this.key = createHash('sha256').update(`shield-alert-photos\u0000${secret}`).digest();
  }

  private signature(alertId: string, photoId: string, expiresMs: number): string {
    return createHmac('sha256', this.key).update(`${alertId}.${photoId}.${expiresMs}`).digest('base64url');
  }

  /** The page-relative link to an alert's photo (the console and the appeal), or undefined. */
  path(alert: Pick<Alert, '_id' | 'photo' | 'expiresAt' | 'state'>): string | undefined {
    if (!alert.photo?.id || alert.state !== 'active') return undefined;
    const alertId = alert._id.toHexString();
    const expiresMs = alert.expiresAt.getTime();
    const signature = this.signature(alertId, alert.photo.id, expiresMs);
    return `${PHOTO_ROUTE}/${alertId}/${alert.photo.id}?e=${expiresMs}&s=${signature}`;
  }

  /** The absolute link a card carries, or undefined. */
  url(alert: Pick<Alert, '_id' | 'photo' | 'expiresAt' | 'state'>): string | undefined {
    const path = this.path(alert);
    return path ? `${this.publicBase}${path}` : undefined;
  }

  /**
   * Checks a link's signature and expiry before any database work: a 403 PhotoLinkInvalid for a forged or
   * malformed link, a 410 PhotoLinkExpired for one past its expiry.
   */
  check(alertId: string, photoId: string, query: unknown, now: Date): void {
    const fields = (typeof query === 'object' && query !== null ? query : {}) as Record<string, unknown>;
    const { e, s } = fields;
    const ids = /^[0-9a-f]{24}$/;
    if (
      !ids.test(alertId) ||
      !ids.test(photoId) ||
      typeof e !== 'string' ||
      !/^\d{1,15}$/.test(e) ||
      typeof s !== 'string'
    ) {
      throw new ServiceError('PhotoLinkInvalid');
    }
    const expected = Buffer.from(this.signature(alertId, photoId, Number(e)));
    const given = Buffer.from(s);
    if (given.length !== expected.length || !timingSafeEqual(given, expected)) {
      throw new ServiceError('PhotoLinkInvalid');
    }
    if (Number(e) <= now.getTime()) throw new ServiceError('PhotoLinkExpired');
  }

  /** The route pattern of the public photo. */
  static readonly route = `${PHOTO_ROUTE}/:alertId/:photoId`;
}

/** A photo as the alert API gives it to the console. */
export function photoView(
  alert: Pick<Alert, '_id' | 'photo' | 'expiresAt' | 'state'>,
  links: AlertPhotoLinks,
): { url: string; contentType: string; length: number } | null {
  const url = links.path(alert);
  if (!url || !alert.photo) return null;
  return { url, contentType: alert.photo.contentType, length: alert.photo.length };
}

/** Reads the one `photo` part of a multipart upload, refusing (400/413) before keeping more than the limit. */
function readPhotoPart(req: Request, maxBytes: number): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    let parser: busboy.Busboy;
    try {
      parser = busboy({
        headers: req.headers,
        limits: { fileSize: maxBytes, files: 1, fields: 1, parts: 2 },
      });
    } catch {
      reject(new ServiceError('InvalidRequest', 'photo: send the photo as multipart/form-data'));
      return;
    }
    let photo: Buffer | undefined;
    let failure: ServiceError | undefined;
    parser.on('file', (field, stream) => {
      const chunks: Buffer[] = [];
      if (field !== 'photo') {
        failure ??= new ServiceError(
          'InvalidRequest',
          `${field}: unknown part (the photo is the part "photo")`,
        );
      }
      stream.on('data', (chunk: Buffer) => {
        if (!failure) chunks.push(chunk);
      });
      stream.on('limit', () => {
        failure ??= new ServiceError('FileTooLarge', `photo: at most ${humanSize(maxBytes)}`);
      });
      stream.on('end', () => {
        if (field === 'photo') photo = Buffer.concat(chunks);
      });
    });
    const tooMany = () => {
      failure ??= new ServiceError('InvalidRequest', 'photo: one photo, and nothing else, per upload');
    };
    // busboy announces a limit once it is reached, so a field at all, or a second file, is refused here.
    parser.on('field', tooMany);
    parser.on('filesLimit', tooMany);
    parser.on('error', () =>
      reject(new ServiceError('InvalidRequest', 'photo: the upload could not be read')),
    );
    parser.on('close', () => {
      if (failure) reject(failure);
      else if (!photo) reject(new ServiceError('InvalidRequest', 'photo: required'));
      else resolve(photo);
    });
    req.pipe(parser);
  });
}

/**
 * The photo of an upload, checked by its bytes against the evidence rules' photo types (a PDF, or text named
 * .jpg, is a 415) and without its location data (a photo the police publish carries no GPS of where it
 * was taken). Refusals name the field.
 */
export async function receivePhoto(
  req: Request,
  maxBytes = MAX_ALERT_PHOTO_BYTES,
): Promise<{ bytes: Buffer; contentType: string }> {
  const bytes = await readPhotoPart(req, maxBytes);
  if (bytes.length === 0) throw new ServiceError('InvalidRequest', 'photo: the file is empty');
  const contentType = await sniff(bytes);
  if (!contentType || !(PHOTO_TYPES as readonly string[]).includes(contentType)) {
    throw new ServiceError('UnsupportedMediaType', 'photo: only JPEG or PNG photos are accepted');
  }
  return { bytes: withoutLocation(bytes, contentType).bytes, contentType };
}
