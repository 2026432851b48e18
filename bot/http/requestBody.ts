import type { IncomingMessage } from 'node:http';
import { createGunzip, createInflate, type Gunzip, type Inflate } from 'node:zlib';
import { ServiceError } from '../../models/core/errors';

/** How much of a request body the service accepts, counted after decompression. */
export interface BodyLimits {
  /** Largest body, in bytes once decompressed (and the largest compressed body too). */
  maxBytes: number;
  /** Largest ratio of decompressed to compressed bytes, once past `INFLATE_FLOOR_BYTES`. */
  maxInflateRatio: number;
  /** Deepest nesting of arrays and objects in a JSON body. */
  maxJsonDepth: number;
}

/**
 * Below this many decompressed bytes the ratio is not checked: a short, repetitive body can compress very
 * well, and a few kilobytes cost nothing whatever the ratio.
 */
export const INFLATE_FLOOR_BYTES = 64 * 1024;

/** A body refused before any route sees it; the message is safe to show (it never echoes the body). */
export class BodyRefusal extends ServiceError {
  override readonly name = 'BodyRefusal';

  constructor(
    override readonly code: 'InvalidContent' | 'PayloadTooLarge' | 'UnsupportedMediaType',
    message: string,
  ) {
    super(code, message);
  }
}

/** The decoders of the content codings accepted; anything else is refused with 415. */
const DECODERS: Record<string, () => Gunzip | Inflate> = {
  gzip: () => createGunzip(),
  'x-gzip': () => createGunzip(),
  deflate: () => createInflate(),
};

/** The media type of a request without its parameters, lower-cased ('' when absent). */
export function mediaTypeOf(req: IncomingMessage): string {
  return (req.headers['content-type'] ?? '').split(';', 1)[0].trim().toLowerCase();
}

/** The content coding of a request, lower-cased ('identity' when absent). */
export function contentCodingOf(req: IncomingMessage): string {
  const header = req.headers['content-encoding'];
  const value = (typeof header === 'string' ? header : '').trim().toLowerCase();
  return value === '' ? 'identity' : value;
}

/** Whether a request announces a body (a length above zero, or chunks). */
export function announcesBody(req: IncomingMessage): boolean {
  return req.headers['transfer-encoding'] !== undefined || Number(req.headers['content-length'] ?? 0) > 0;
}

/** Refuses a content coding other than identity, gzip and deflate (one coding only, no chains). */
export function checkContentCoding(req: IncomingMessage, allowCompressed: boolean): void {
  const coding = contentCodingOf(req);
  if (coding === 'identity') return;
  if (!allowCompressed || !(coding in DECODERS)) {
    throw new BodyRefusal(
      'UnsupportedMediaType',
      allowCompressed
        ? 'Only gzip or deflate Content-Encoding (or none) is accepted.'
        : 'This operation accepts no Content-Encoding.',
    );
  }
}

function tooLarge(maxBytes: number): BodyRefusal {
  return new BodyRefusal('PayloadTooLarge', `The body may be at most ${maxBytes} bytes.`);
}

/**
 * Reads a request body into memory, decompressing gzip or deflate on the way. The limit counts decompressed
 * bytes; reading stops (and the decompressor is destroyed) as soon as the limit or the ratio is passed, so a
 * compression bomb never inflates further than that. Rejects with a BodyRefusal, or with the stream's error
 * when the client went away.
 */
export function readBody(req: IncomingMessage, limits: BodyLimits): Promise<Buffer> {
  checkContentCoding(req, true);
  const announced = Number(req.headers['content-length'] ?? 0);
  if (announced > limits.maxBytes) return Promise.reject(tooLarge(limits.maxBytes));
  const decoder = DECODERS[contentCodingOf(req)]?.();
  return new Promise<Buffer>((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    let compressed = 0;
    let settled = false;
    const settle = (error?: Error) => {
      if (settled) return;
      settled = true;
      if (decoder) {
        req.unpipe(decoder);
        decoder.destroy();
      }
      if (error) {
        req.pause();
        reject(error);
      } else resolve(Buffer.concat(chunks, size));
    };
    const source = decoder ?? req;
    if (decoder) {
      req.on('data', (chunk: Buffer) => {
        compressed += chunk.length;
        if (compressed > limits.maxBytes) settle(tooLarge(limits.maxBytes));
      });
      decoder.on('error', () =>
        settle(new BodyRefusal('InvalidContent', 'The body is not valid data in its Content-Encoding.')),
      );
      req.pipe(decoder);
    }
    source.on('data', (chunk: Buffer) => {
      if (settled) return;
      size += chunk.length;
      if (size > limits.maxBytes) {
        settle(tooLarge(limits.maxBytes));
        return;
      }
      if (decoder && size > INFLATE_FLOOR_BYTES && size > compressed * limits.maxInflateRatio) {
        settle(
          new BodyRefusal(
            'PayloadTooLarge',
            `The body decompresses more than ${limits.maxInflateRatio} times; send it less compressed.`,
          ),
        );
        return;
      }
      chunks.push(chunk);
    });
    source.on('end', () => settle());
    req.on('error', (error) => settle(error));
    // A client that disconnects mid-body ends the request without 'end' (and without 'error' on some paths).
    req.on('close', () => {
      if (!req.complete) settle(new Error('the client closed the connection before the body ended'));
    });
  });
}

/** Where the first nesting level past `maxDepth` starts, or -1; strings are skipped, so brackets in text don't count. */
function overDepth(text: string, maxDepth: number): number {
  let depth = 0;
  let inString = false;
  for (let index = 0; index < text.length; index += 1) {
    const char = text.charCodeAt(index);
    if (inString) {
      if (char === 0x5c) index += 1;
      else if (char === 0x22) inString = false;
    } else if (char === 0x22) inString = true;
    else if (char === 0x7b || char === 0x5b) {
      depth += 1;
      if (depth > maxDepth) return index;
    } else if (char === 0x7d || char === 0x5d) depth -= 1;
  }
  return -1;
}

/**
 * Parses a JSON body, refusing one nested deeper than `maxDepth`: such a value parses, but the code that
 * later walks it (validation, serialisation, storage) recurses and fails with a RangeError.
 */
export function parseJsonBody(text: string, maxDepth: number): unknown {
  if (overDepth(text, maxDepth) >= 0) {
    throw new BodyRefusal('InvalidContent', `JSON nested deeper than ${maxDepth} levels is not accepted.`);
  }
  try {
    return JSON.parse(text) as unknown;
  } catch {
    throw new BodyRefusal('InvalidContent', 'The body is not valid JSON.');
  }
}
