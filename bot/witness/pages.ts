import { readFile } from 'node:fs/promises';
import path from 'node:path';
import type { Next, Request, Response, Server } from 'restify';
import {
  LEGAL_LANGUAGES,
  negotiateLanguage,
  renderLegalPage,
  type LegalLanguage,
  type LegalPage,
} from './legalPages';
import { pageSharedScript } from './pageShared';
import {
  ALTCHA_BROWSER_DIR,
  ROOT,
  StaticFiles,
  versionOf,
  WEBCHAT_BUNDLE,
  type StaticFile,
} from '../http/webAssets';

// Compiled to dist/bot/pages.js; the browser files stay in the source tree (bot/web) and the Web Chat
// bundle comes from the installed package, never from a CDN.
const WEB = path.join(ROOT, 'bot', 'web');

interface Entry extends StaticFile {
  /** Referenced by the page with `?v=<content version>`: that URL may be cached for a year. */
  readonly versioned?: boolean;
}

const ASSETS: Record<string, Entry> = {
  '/embed.js': { file: path.join(WEB, 'embed.js'), type: 'text/javascript; charset=utf-8' },
  '/web/shared.js': {
    file: 'generated:/web/shared.js',
    generated: pageSharedScript,
    type: 'text/javascript; charset=utf-8',
    versioned: true,
  },
  '/web/widget.js': {
    file: path.join(WEB, 'widget.js'),
    type: 'text/javascript; charset=utf-8',
    versioned: true,
  },
  '/web/widget.css': { file: path.join(WEB, 'widget.css'), type: 'text/css; charset=utf-8', versioned: true },
  // Public appeals of the police (issue 16), beside the widget: bot/web/appeal.js.
  '/web/appeal.js': {
    file: path.join(WEB, 'appeal.js'),
    type: 'text/javascript; charset=utf-8',
    versioned: true,
  },
  '/web/appeal.css': { file: path.join(WEB, 'appeal.css'), type: 'text/css; charset=utf-8', versioned: true },
  '/web/favicon.svg': { file: path.join(WEB, 'favicon.svg'), type: 'image/svg+xml', versioned: true },
  '/webchat/webchat.js': { file: WEBCHAT_BUNDLE, type: 'text/javascript; charset=utf-8', versioned: true },
  // The proof-of-work worker and the parts of altcha-lib it imports (relative imports, so unversioned);
  // the page loads them only when the service answers a token request with a challenge.
  '/web/proofOfWork.js': { file: path.join(WEB, 'proofOfWork.js'), type: 'text/javascript; charset=utf-8' },
  ...Object.fromEntries(
    ['pow.js', 'helpers.js', 'types.js', 'algorithms/web/sha.js'].map((file): [string, Entry] => [
      `/web/altcha/${file}`,
      { file: path.join(ALTCHA_BROWSER_DIR, file), type: 'text/javascript; charset=utf-8' },
    ]),
  ),
};
const PAGE = path.join(WEB, 'index.html');

/** The browser files `npm run build` precompresses. */
export const COMPRESSED_FILES: readonly string[] = Object.values(ASSETS)
  .filter((entry) => !entry.generated)
  .map((entry) => entry.file);

const YEAR_SECONDS = 365 * 24 * 60 * 60;

/** The Content-Security-Policy of the reporting page: own scripts only; framed only by the allowed sites. */
export function pageSecurityPolicy(allowedOrigins: readonly string[]): string {
  return [
    "default-src 'self'",
    "script-src 'self'",
    // Web Chat styles itself with generated <style> elements.
    "style-src 'self' 'unsafe-inline'",
    "img-src 'self' data: blob:",
    "media-src 'self' blob:",
    "font-src 'self' data:",
    // Web Chat reads a chosen file through a blob: URL and makes its thumbnail in a blob: worker.
    "connect-src 'self' blob:",
    "worker-src 'self' blob:",
    "object-src 'none'",
    "base-uri 'none'",
    "form-action 'none'",
    `frame-ancestors 'self'${allowedOrigins.map((origin) => ` ${origin}`).join('')}`,
  ].join('; ');
}

/** The page with each versioned asset's URL carrying its content version. */
export function versionedPage(html: string, versions: ReadonlyMap<string, string>): string {
  let page = html;
  for (const [route, version] of versions) page = page.split(`"${route}"`).join(`"${route}?v=${version}"`);
  return page;
}

/** What the privacy notice states: the periods the service applies. */
export interface LegalPageFacts {
  /** The retention period in force (an administrator may change it at run time). */
  retentionDays: () => Promise<number>;
  draftTtlHours: number;
}

/**
 * Serves the reporting page at `/`, the embed snippet and their assets: compressed (brotli or gzip, as the
 * browser accepts, precompressed by the build), and cached for a year under their versioned URL; and the
 * privacy notice and terms of use the Teams manifests link to.
 */
export function registerPages(
  server: Server,
  allowedOrigins: readonly string[],
  legal?: LegalPageFacts,
): void {
  const policy = pageSecurityPolicy(allowedOrigins);
  const files = new StaticFiles();
  const asset = (entry: Entry) => files.asset(entry);
  let page: Promise<Buffer> | undefined;
  const loadPage = async (): Promise<Buffer> => {
    const versions = new Map<string, string>();
    for (const [route, entry] of Object.entries(ASSETS))
      if (entry.versioned) versions.set(route, (await asset(entry)).version);
    return Buffer.from(versionedPage(await readFile(PAGE, 'utf8'), versions));
  };

  const common = (res: Response): void => {
    res.setHeader('Content-Security-Policy', policy);
    // Framing is governed by frame-ancestors above, which lists the sites allowed to embed the page.
    res.removeHeader('X-Frame-Options');
  };

  server.get('/', async (_req: Request, res: Response) => {
    page ??= loadPage();
    page.catch(() => (page = undefined));
    const body = await page;
    common(res);
    res.setHeader('Content-Type', 'text/html; charset=utf-8');
    res.setHeader('Cache-Control', 'no-store');
    res.setHeader('ETag', `"${versionOf(body)}"`);
    res.sendRaw(200, body);
  });

  for (const [route, entry] of Object.entries(ASSETS)) {
    server.get(route, async (req: Request, res: Response) => {
      const query = req.query as Record<string, unknown> | undefined;
      const current = entry.versioned === true && query?.v === (await asset(entry)).version;
      common(res);
      await files.send(req, res, entry, {
        // The versioned URL never changes content; any other URL (embed.js, which other sites load by a
        // fixed address, or an old version) is cached for an hour.
        'Cache-Control': current ? `public, max-age=${YEAR_SECONDS}, immutable` : 'public, max-age=3600',
        ...(route === '/embed.js' ? { 'Cross-Origin-Resource-Policy': 'cross-origin' } : {}),
      });
    });
  }
  // Browsers ask for /favicon.ico on their own; the page links the SVG above.
  server.get('/favicon.ico', async (req: Request, res: Response) => {
    await files.send(req, res, ASSETS['/web/favicon.svg'], { 'Cache-Control': 'public, max-age=86400' });
  });

  if (legal) {
    // `/privacy` and `/terms` (the manifests' links) answer in the browser's language; each language also
    // has its own address, which the pages link to.
    const serveLegal = (page: LegalPage, fixed?: LegalLanguage) => async (req: Request, res: Response) => {
      const language = fixed ?? negotiateLanguage(req.header('accept-language'));
      const body = renderLegalPage(page, language, {
        retentionDays: await legal.retentionDays(),
        draftHours: legal.draftTtlHours,
      });
      common(res);
      res.setHeader('Content-Type', 'text/html; charset=utf-8');
      res.setHeader('Content-Language', language);
      // The retention period may change at run time.
      res.setHeader('Cache-Control', 'no-cache');
      if (!fixed) res.setHeader('Vary', 'Accept-Language');
      res.sendRaw(200, Buffer.from(body));
    };
    for (const page of ['privacy', 'terms'] as const) {
      server.get(`/${page}`, serveLegal(page));
      for (const language of LEGAL_LANGUAGES) server.get(`/${page}/${language}`, serveLegal(page, language));
    }
  }

  // embed.js asks before it opens the frame, so a site that may not frame the page gets an explanation
  // instead of a browser's broken-frame icon. Whether a site is allowed is no secret: any site may ask.
  server.get('/embed/allowed', (req: Request, res: Response, next: Next) => {
    const origin = req.header('origin');
    const own = `${req.isSecure() || req.header('x-forwarded-proto') === 'https' ? 'https' : 'http'}://${req.header('host')}`;
    res.setHeader('Access-Control-Allow-Origin', '*');
    res.setHeader('Cache-Control', 'no-store');
    res.send(200, { allowed: origin === undefined || origin === own || allowedOrigins.includes(origin) });
    next();
  });
}
