import { createHash } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { brotliCompress, constants, gzip } from 'node:zlib';
import { promisify } from 'node:util';
import type { Request, Response } from 'restify';

const brotli = promisify(brotliCompress);
const gzipAsync = promisify(gzip);

/** The repository root (this file is compiled to dist/bot/http/webAssets.js). */
export const ROOT = path.resolve(__dirname, '..', '..', '..');
/** Where `npm run build` leaves the precompressed browser files. */
export const PRECOMPRESSED_DIR = path.join(ROOT, 'dist', 'web-assets');
// The package exports no subpaths, so the bundle is found beside its entry point (lib/index.js).
export const WEBCHAT_BUNDLE = path.join(
  path.dirname(require.resolve('botframework-webchat')),
  '..',
  'dist',
  'webchat.js',
);

/**
 * altcha-lib's browser-ready ES modules (the v2 solver and its Web Crypto SHA-256), served as they are to
 * the proof-of-work worker; found from the package's CommonJS entry (dist/cjs/v2/index.js).
 */
export const ALTCHA_BROWSER_DIR = path.join(
  path.dirname(require.resolve('altcha-lib')),
  '..',
  '..',
  'esm',
  'v2',
);

/** A browser file with its compressed forms, named by the hash of its content. */
export interface WebAsset {
  identity: Buffer;
  br: Buffer;
  gzip: Buffer;
  /** The first 12 hex digits of the SHA-256 of the uncompressed bytes (the versioned URL carries it). */
  version: string;
}

/** The content version of some bytes: changes whenever they do. */
export function versionOf(bytes: Buffer): string {
  return createHash('sha256').update(bytes).digest('hex').slice(0, 12);
}

/** Compresses with the strongest settings (the build step, where time is cheap). */
export async function compressForBuild(bytes: Buffer): Promise<{ br: Buffer; gzip: Buffer }> {
  const [br, gz] = await Promise.all([
    brotli(bytes, {
      params: {
        [constants.BROTLI_PARAM_QUALITY]: constants.BROTLI_MAX_QUALITY,
        [constants.BROTLI_PARAM_MODE]: constants.BROTLI_MODE_TEXT,
        [constants.BROTLI_PARAM_SIZE_HINT]: bytes.length,
      },
    }),
    gzipAsync(bytes, { level: 9 }),
  ]);
  return { br, gzip: gz };
}

/** The file name of a precompressed copy, e.g. `webchat.js.3f2a9c0e1b7d.br`. */
export function precompressedName(file: string, version: string, encoding: 'br' | 'gzip'): string {
  return `${path.basename(file)}.${version}.${encoding === 'br' ? 'br' : 'gz'}`;
}

/**
 * Loads a browser file with its compressed forms: the build's precompressed copies when they match the
 * file's current content, else compressed here once (quicker settings, so a server started without the
 * build step, as the tests do after a bare `tsc`, still answers the first request promptly).
 */
export async function loadAsset(file: string): Promise<WebAsset> {
  const identity = await readFile(file);
  const version = versionOf(identity);
  try {
    const [br, gz] = await Promise.all([
      readFile(path.join(PRECOMPRESSED_DIR, precompressedName(file, version, 'br'))),
      readFile(path.join(PRECOMPRESSED_DIR, precompressedName(file, version, 'gzip'))),
    ]);
    return { identity, br, gzip: gz, version };
  } catch {
    return assetOf(identity);
  }
}

/** A browser file made by the service itself (not on disk), compressed here once. */
export async function assetOf(identity: Buffer): Promise<WebAsset> {
  const [br, gz] = await Promise.all([
    brotli(identity, { params: { [constants.BROTLI_PARAM_QUALITY]: 5 } }),
    gzipAsync(identity, { level: 6 }),
  ]);
  return { identity, br, gzip: gz, version: versionOf(identity) };
}

/** The encoding to answer with for an Accept-Encoding header: brotli, then gzip, else none. */
export function chooseEncoding(acceptEncoding: string | undefined): 'br' | 'gzip' | undefined {
  const offered = new Map<string, number>();
  for (const part of (acceptEncoding ?? '').toLowerCase().split(',')) {
    const [name, ...params] = part.trim().split(';');
    if (!name) continue;
    const q = params.map((p) => /^\s*q=([0-9.]+)\s*$/.exec(p)?.[1]).find(Boolean);
    offered.set(name, q === undefined ? 1 : Number(q));
  }
  const weight = (name: string) => offered.get(name) ?? (offered.get('*') || 0);
  if (weight('br') > 0) return 'br';
  if (weight('gzip') > 0) return 'gzip';
  return undefined;
}

/** A browser file the service serves: on disk, or made by the service itself. */
export interface StaticFile {
  /** The file on disk, or (for `generated`) the name the cache knows it by. */
  readonly file: string;
  /** Made by the service instead of read from disk. */
  readonly generated?: () => Buffer;
  /** Its Content-Type. */
  readonly type: string;
}

/**
 * The one static file server of the service: the reporting page's assets (bot/witness/pages.ts), the case
 * console's (bot/police/cases/console.ts) and the Teams tabs' (bot/channels/teams/tabRoutes.ts). Each file is read once
 * with its compressed forms (the build's when they match), answered in the encoding the browser accepts,
 * with its content version as ETag (304 when the browser has it already), under the caller's headers: its
 * Content-Security-Policy and caching. A maintained library was not taken because none serves precompressed
 * brotli copies, generated files and per-route policies on restify together (see README, Dependencies).
 */
export class StaticFiles {
  private readonly loaded = new Map<string, Promise<WebAsset>>();

  /** Starts loading files now, so that the first request does not wait (a failure is retried then). */
  preload(files: Iterable<StaticFile>): void {
    for (const file of files) this.asset(file).catch(() => undefined);
  }

  /** A file with its compressed forms and content version, loaded once. */
  asset(entry: StaticFile): Promise<WebAsset> {
    let loaded = this.loaded.get(entry.file);
    if (!loaded) {
      loaded = entry.generated ? assetOf(entry.generated()) : loadAsset(entry.file);
      // A failed read is retried on the next request rather than remembered.
      loaded.catch(() => this.loaded.delete(entry.file));
      this.loaded.set(entry.file, loaded);
    }
    return loaded;
  }

  /**
   * Answers a file with `headers` (which replace any site-wide value, helmet's policy included), its type,
   * its ETag, and the encoding the browser accepts.
   */
  async send(
    req: Request,
    res: Response,
    entry: StaticFile,
    headers: Readonly<Record<string, string>> = {},
  ): Promise<void> {
    const found = await this.asset(entry);
    // Node's own setHeader: restify's header helpers would append to a site-wide value instead.
    for (const [name, value] of Object.entries(headers)) res.setHeader(name, value);
    res.setHeader('Content-Type', entry.type);
    res.setHeader('Vary', 'Accept-Encoding');
    res.setHeader('ETag', `"${found.version}"`);
    if (req.header('if-none-match') === `"${found.version}"`) {
      res.sendRaw(304, Buffer.alloc(0));
      return;
    }
    const encoding = chooseEncoding(req.header('accept-encoding'));
    if (encoding) res.setHeader('Content-Encoding', encoding);
    res.sendRaw(200, encoding ? found[encoding] : found.identity);
  }
}
