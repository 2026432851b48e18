import { readFileSync } from 'node:fs';
import path from 'node:path';
import type { Request, Response, Server } from 'restify';

// The console's files are plain browser code kept in bot/web/console (not compiled); from dist/bot/cases
// and from bot/cases alike that is three levels up from this module, then into bot/web/console.
const CONSOLE_DIR = path.resolve(
  __dirname,
  '..',
  '..',
  __dirname.includes(`${path.sep}dist${path.sep}`) ? '..' : '.',
  'bot',
  'web',
  'console',
);

const FILES: Record<string, { file: string; type: string }> = {
  'app.js': { file: 'app.js', type: 'text/javascript; charset=utf-8' },
  'app.css': { file: 'app.css', type: 'text/css; charset=utf-8' },
};

/**
 * No inline script or style, nothing from elsewhere: even if witness text reached the DOM as HTML, the
 * browser would run none of it. Framing is limited to Teams for the future tab.
 */
export const CONSOLE_CSP = [
  "default-src 'none'",
  "script-src 'self'",
  "style-src 'self'",
  "connect-src 'self'",
  // Evidence photos are fetched with the officer's token and shown from a blob: URL of this page.
  "img-src 'self' blob:",
  "form-action 'self'",
  "base-uri 'none'",
  "frame-ancestors 'self' https://teams.microsoft.com https://*.teams.microsoft.com https://*.cloud.microsoft",
].join('; ');

/** Serves the case console at /console. */
export function registerConsole(server: Server, directory: string = CONSOLE_DIR): void {
  const read = (name: string): Buffer => readFileSync(path.join(directory, name));
  const page = read('index.html');
  const files = Object.fromEntries(
    Object.entries(FILES).map(([name, { file, type }]) => [name, { body: read(file), type }]),
  );
  const headers = (type: string): Record<string, string> => ({
    'Content-Type': type,
    'Content-Security-Policy': CONSOLE_CSP,
    'Cache-Control': 'no-store',
    'Referrer-Policy': 'no-referrer',
  });

  server.get('/console', (_req: Request, res: Response, next: () => void) => {
    res.sendRaw(200, page, headers('text/html; charset=utf-8'));
    next();
  });
  server.get('/console/:file', (req: Request, res: Response, next: () => void) => {
    const name = (req.params as Record<string, unknown>).file;
    const found = typeof name === 'string' ? files[name] : undefined;
    if (!found) res.send(404, { code: 'NotFound', message: 'No such file.' });
    else res.sendRaw(200, found.body, headers(found.type));
    next();
  });
}
