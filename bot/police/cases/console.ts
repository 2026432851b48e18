import { readFileSync } from 'node:fs';
import path from 'node:path';
import type { Request, Response, Server } from 'restify';
import { CASE_NUMBER } from '../../../models/core/cases';
import { TEAMS_FRAME_ANCESTORS, withTestHosts } from '../../http/framing';
import { sendCode } from '../../http/httpErrors';
import { ROOT, StaticFiles, type StaticFile } from '../../http/webAssets';

// The console's files are plain browser code kept in bot/web/console (not compiled).
const WEB_DIR = path.join(ROOT, 'bot', 'web');
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

/**
 * The police's Teams tab: the case console's page (its scripts stay under /console), framed by Teams and,
 * outside production, by the local test hosts in `extraFrameAncestors`, which teams-js in it may then
 * also accept.
 */
export function registerConsoleTab(server: Server, extraFrameAncestors = ''): void {
  const files = new StaticFiles();
  const tab: StaticFile = {
    file: 'generated:/teams/console',
    generated: () => consolePage(extraFrameAncestors),
    type: 'text/html; charset=utf-8',
  };
  files.preload([tab]);
  const headers = consoleHeaders(tab.type, extraFrameAncestors);
  const serve = async (req: Request, res: Response): Promise<void> => {
    res.removeHeader('x-frame-options');
    await files.send(req, res, tab, headers);
  };
  server.get('/teams/console', serve);
  // Each case's own address inside the tab (the page reads the case number from the path).
  server.get('/teams/console/cases/:caseNumber', serve);
}
