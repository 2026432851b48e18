import { readFile } from 'node:fs/promises';
import path from 'node:path';
import type { Request, Response, Server } from 'restify';

// Compiled to dist/bot/pages.js; the browser files stay in the source tree (bot/web) and the Web Chat
// bundle comes from the installed package, never from a CDN.
const ROOT = path.resolve(__dirname, '..', '..');
const WEB = path.join(ROOT, 'bot', 'web');
// The package exports no subpaths, so the bundle is found beside its entry point (lib/index.js).
const WEBCHAT_BUNDLE = path.join(
  path.dirname(require.resolve('botframework-webchat')),
  '..',
  'dist',
  'webchat.js',
);

const FILES: Record<string, { file: string; type: string; page?: boolean }> = {
  '/': { file: path.join(WEB, 'index.html'), type: 'text/html; charset=utf-8', page: true },
  '/embed.js': { file: path.join(WEB, 'embed.js'), type: 'text/javascript; charset=utf-8' },
  '/web/widget.js': { file: path.join(WEB, 'widget.js'), type: 'text/javascript; charset=utf-8' },
  '/web/widget.css': { file: path.join(WEB, 'widget.css'), type: 'text/css; charset=utf-8' },
  '/webchat/webchat.js': { file: WEBCHAT_BUNDLE, type: 'text/javascript; charset=utf-8' },
};

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

/** Serves the reporting page at `/`, the embed snippet and their assets. */
export function registerPages(server: Server, allowedOrigins: readonly string[]): void {
  const cache = new Map<string, Buffer>();
  const policy = pageSecurityPolicy(allowedOrigins);
  for (const [route, entry] of Object.entries(FILES)) {
    server.get(route, async (_req: Request, res: Response) => {
      let body = cache.get(entry.file);
      if (!body) {
        body = await readFile(entry.file);
        cache.set(entry.file, body);
      }
      res.setHeader('Content-Type', entry.type);
      res.setHeader('Cache-Control', entry.page ? 'no-store' : 'public, max-age=3600');
      res.setHeader('Content-Security-Policy', policy);
      // Framing is governed by frame-ancestors above, which lists the sites allowed to embed the page.
      res.removeHeader('X-Frame-Options');
      if (route === '/embed.js') res.setHeader('Cross-Origin-Resource-Policy', 'cross-origin');
      res.sendRaw(200, body);
    });
  }
}
