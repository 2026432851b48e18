import { readFileSync } from 'node:fs';
import path from 'node:path';
import type { Request, Response, Server } from 'restify';
import { sendCode } from '../httpErrors';
import { StaticFiles, type StaticFile } from '../webAssets';

// The console's files are plain browser code kept in bot/web/console (not compiled); from dist/bot/cases
// and from bot/cases alike that is three levels up from this module, then into bot/web/console.
const WEB_DIR = path.resolve(
  __dirname,
  '..',
  '..',
  __dirname.includes(`${path.sep}dist${path.sep}`) ? '..' : '.',
  'bot',
  'web',
);
const CONSOLE_DIR = path.join(WEB_DIR, 'console');

const JAVASCRIPT = 'text/javascript; charset=utf-8';
const FILES: Record<string, StaticFile> = {
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

/** The hosts Teams shows tabs from (the web client, the Microsoft 365 app, Outlook): both tabs use this list. */
export const TEAMS_FRAME_ANCESTORS =
  'https://teams.microsoft.com https://*.teams.microsoft.com https://*.cloud.microsoft https://*.office.com';

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

/** The console's files on disk, which `npm run build` precompresses. */
export const CONSOLE_FILES: readonly string[] = Object.values(FILES).map((entry) => entry.file);

/** The console's content security policy as served at /console. */
export const CONSOLE_CSP = consoleCsp();

const ATTRIBUTE_ESCAPES: Record<string, string> = { '&': '&amp;', '"': '&quot;', '<': '&lt;', '>': '&gt;' };

/**
 * A page for a Teams tab with its `shield-test-hosts` meta tag filled in: the local test hosts
 * (`http://localhost:*`) whose messages teams-js may accept besides Teams' own. Empty in production.
 */
export function withTestHosts(page: string, testHosts: string): Buffer {
  const escaped = testHosts.replace(/[&"<>]/g, (character) => ATTRIBUTE_ESCAPES[character] ?? character);
  return Buffer.from(page.replace('{{TEST_HOSTS}}', escaped));
}

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

/** A case number's form (SR-7KQ2M-X9D4T, models/reportRepository.ts), for the routes and the console. */
export const CASE_NUMBER_PATTERN = 'SR-[0-9A-Z]{5}-[0-9A-Z]{5}';
/** A whole case number. */
export const CASE_NUMBER = new RegExp(`^${CASE_NUMBER_PATTERN}$`);
const ALERT_VIEW = /^(new|invitations|partners|[0-9a-f]{24})$/;

/** Serves the case console at /console, and at /console/cases/:caseNumber (each case's own address). */
export function registerConsole(server: Server): void {
  const files = new StaticFiles();
  const page: StaticFile = {
    file: 'generated:/console',
    generated: () => consolePage(),
    type: 'text/html; charset=utf-8',
  };
  files.preload([page, ...Object.values(FILES)]);

  const servePage = async (req: Request, res: Response) => {
    // The site-wide X-Frame-Options: SAMEORIGIN would contradict frame-ancestors, which lets Teams frame it.
    res.removeHeader('x-frame-options');
    await files.send(req, res, page, consoleHeaders(page.type));
  };
  server.get('/console', servePage);
  server.get('/console/cases/:caseNumber', async (req: Request, res: Response) => {
    // The page itself asks the API for the case (with the officer's token); here only the form is checked.
    const caseNumber = (req.params as Record<string, unknown>).caseNumber;
    if (typeof caseNumber !== 'string' || !CASE_NUMBER.test(caseNumber)) {
      sendCode(res, 'NotFound', 'No such page.');
      return;
    }
    await servePage(req, res);
  });
  // The alerts to partners (console/alerts.js): the list, a new alert, invitations, registrations, one alert.
  server.get('/console/alerts', servePage);
  server.get('/console/alerts/:view', async (req: Request, res: Response) => {
    const view = (req.params as Record<string, unknown>).view;
    if (typeof view !== 'string' || !ALERT_VIEW.test(view)) {
      sendCode(res, 'NotFound', 'No such page.');
      return;
    }
    await servePage(req, res);
  });
  server.get('/console/:file', async (req: Request, res: Response) => {
    const name = (req.params as Record<string, unknown>).file;
    const found = typeof name === 'string' && Object.hasOwn(FILES, name) ? FILES[name] : undefined;
    if (!found) sendCode(res, 'NotFound', 'No such file.');
    else await files.send(req, res, found, consoleHeaders(found.type));
  });
}
