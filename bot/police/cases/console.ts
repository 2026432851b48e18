import { readFileSync } from 'node:fs';
import path from 'node:path';
import type { Request, Response, Server } from 'restify';
import { sendCode } from '../../http/httpErrors';
import { TEAMS_FRAME_ANCESTORS, withTestHosts } from '../../http/framing';
import { ROOT } from '../../http/webAssets';

// The console's files are plain browser code kept in bot/web/console (not compiled).
const WEB_DIR = path.join(ROOT, 'bot', 'web');
const CONSOLE_DIR = path.join(WEB_DIR, 'console');

const JAVASCRIPT = 'text/javascript; charset=utf-8';
const FILES: Record<string, { file: string; type: string }> = {
  'app.js': { file: path.join(CONSOLE_DIR, 'app.js'), type: JAVASCRIPT },
  'i18n.js': { file: path.join(CONSOLE_DIR, 'i18n.js'), type: JAVASCRIPT },
  'app.css': { file: path.join(CONSOLE_DIR, 'app.css'), type: 'text/css; charset=utf-8' },
  'alerts.js': { file: path.join(CONSOLE_DIR, 'alerts.js'), type: JAVASCRIPT },
  'alertsText.js': { file: path.join(CONSOLE_DIR, 'alertsText.js'), type: JAVASCRIPT },
  'alerts.css': { file: path.join(CONSOLE_DIR, 'alerts.css'), type: 'text/css; charset=utf-8' },
  // In a Teams tab the console signs in with Teams; teams-js comes from the installed package, never a CDN.
  'teams-js.js': {
    file: require.resolve('@microsoft/teams-js/dist/umd/MicrosoftTeams.min.js'),
    type: JAVASCRIPT,
  },
  'teams-start.js': { file: path.join(WEB_DIR, 'teams', 'teamsStart.js'), type: JAVASCRIPT },
};

// Read once at start-up: the console's files never change while the service runs.
const INDEX_HTML = readFileSync(path.join(CONSOLE_DIR, 'index.html'), 'utf8');

/**
 * No inline script or style, nothing from elsewhere: even if witness text reached the DOM as HTML, the
 * browser would run none of it. Only Teams may frame it (it is also the police's Teams tab), and outside
 * production the local test hosts in `extraFrameAncestors`.
 */
export function consoleCsp(extraFrameAncestors = ''): string {
  return [
    "default-src 'none'",
    "script-src 'self'",
    "style-src 'self'",
    "connect-src 'self'",
    // Evidence photos are fetched with the officer's token and shown from a blob: URL of this page.
    "img-src 'self' blob:",
    "form-action 'self'",
    "base-uri 'none'",
    `frame-ancestors 'self' ${TEAMS_FRAME_ANCESTORS} ${extraFrameAncestors}`.trim(),
  ].join('; ');
}

/** The console's content security policy as served at /console. */
export const CONSOLE_CSP = consoleCsp();

/** The console page; `testHosts` as for withTestHosts. */
export function consolePage(testHosts = ''): Buffer {
  return withTestHosts(INDEX_HTML, testHosts);
}

/** Headers of every console response: its own policy, no caching, no referrer. */
export function consoleHeaders(type: string, extraFrameAncestors = ''): Record<string, string> {
  return {
    'Content-Type': type,
    'Content-Security-Policy': consoleCsp(extraFrameAncestors),
    'Cache-Control': 'no-store',
    'Referrer-Policy': 'no-referrer',
  };
}

const CASE_NUMBER = /^SR-[0-9A-Z]{5}-[0-9A-Z]{5}$/;
const ALERT_VIEW = /^(new|invitations|partners|[0-9a-f]{24})$/;

/** Serves the case console at /console, and at /console/cases/:caseNumber (each case's own address). */
export function registerConsole(server: Server): void {
  const page = consolePage();
  const files = Object.fromEntries(
    Object.entries(FILES).map(([name, { file, type }]) => [name, { body: readFileSync(file), type }]),
  );

  const servePage = (_req: Request, res: Response, next: () => void) => {
    // The site-wide X-Frame-Options: SAMEORIGIN would contradict frame-ancestors, which lets Teams frame it.
    res.removeHeader('x-frame-options');
    res.sendRaw(200, page, consoleHeaders('text/html; charset=utf-8'));
    next();
  };
  server.get('/console', servePage);
  server.get('/console/cases/:caseNumber', (req: Request, res: Response, next: () => void) => {
    // The page itself asks the API for the case (with the officer's token); here only the form is checked.
    const caseNumber = (req.params as Record<string, unknown>).caseNumber;
    if (typeof caseNumber !== 'string' || !CASE_NUMBER.test(caseNumber)) {
      sendCode(res, 'NotFound', 'No such page.');
      next();
      return;
    }
    servePage(req, res, next);
  });
  // The alerts to partners (console/alerts.js): the list, a new alert, invitations, registrations, one alert.
  server.get('/console/alerts', servePage);
  server.get('/console/alerts/:view', (req: Request, res: Response, next: () => void) => {
    const view = (req.params as Record<string, unknown>).view;
    if (typeof view !== 'string' || !ALERT_VIEW.test(view)) {
      sendCode(res, 'NotFound', 'No such page.');
      next();
      return;
    }
    servePage(req, res, next);
  });
  server.get('/console/:file', (req: Request, res: Response, next: () => void) => {
    const name = (req.params as Record<string, unknown>).file;
    const found = typeof name === 'string' ? files[name] : undefined;
    if (!found) sendCode(res, 'NotFound', 'No such file.');
    else res.sendRaw(200, found.body, consoleHeaders(found.type));
    next();
  });
}

/**
 * The police's Teams tab: the case console's page (its scripts stay under /console), framed by Teams and,
 * outside production, by the local test hosts in `extraFrameAncestors`, which teams-js in it may then
 * also accept.
 */
export function registerConsoleTab(server: Server, extraFrameAncestors = ''): void {
  const page = consolePage(extraFrameAncestors);
  // eslint-disable-next-line @typescript-eslint/require-await -- restify needs an async handler here
  const serve = async (_req: Request, res: Response): Promise<void> => {
    res.removeHeader('x-frame-options');
    res.removeHeader('content-security-policy');
    res.writeHead(200, consoleHeaders('text/html; charset=utf-8', extraFrameAncestors));
    res.end(page);
  };
  server.get('/teams/console', serve);
  // Each case's own address inside the tab (the page reads the case number from the path).
  server.get('/teams/console/cases/:caseNumber', serve);
}
