import { readFileSync } from 'node:fs';
import path from 'node:path';
import type { Request, Response, Server } from 'restify';
import { TEAMS_FRAME_ANCESTORS, withTestHosts } from '../../http/framing';
import { ROOT, StaticFiles, type StaticFile } from '../../http/webAssets';

const WEB = path.join(ROOT, 'bot', 'web', 'teams');
const JAVASCRIPT = 'text/javascript; charset=utf-8';

// The tab's files by route; teams-js from the installed package, never a CDN: the tab works without
// third-party hosts.
const FILES: Readonly<Record<string, StaticFile>> = {
  '/teams/my-reports.js': { file: path.join(WEB, 'myReports.js'), type: JAVASCRIPT },
  '/teams/my-reports.css': { file: path.join(WEB, 'myReports.css'), type: 'text/css; charset=utf-8' },
  '/teams/teams-start.js': { file: path.join(WEB, 'teamsStart.js'), type: JAVASCRIPT },
  '/teams/teams-js.js': {
    file: require.resolve('@microsoft/teams-js/dist/umd/MicrosoftTeams.min.js'),
    type: JAVASCRIPT,
  },
};

/** The tab's files on disk, which `npm run build` precompresses. */
export const TAB_FILES: readonly string[] = Object.values(FILES).map((entry) => entry.file);

// Read once at start-up: the page's test hosts are filled in per service.
const MY_REPORTS_PAGE = readFileSync(path.join(WEB, 'myReports.html'), 'utf8');

// Teams shows the tab in an iframe from these hosts; nothing inline may run.
const CONTENT_SECURITY_POLICY = [
  "default-src 'self'",
  "script-src 'self'",
  "style-src 'self'",
  "connect-src 'self'",
  "img-src 'self'",
  "object-src 'none'",
  "base-uri 'none'",
  "form-action 'none'",
  `frame-ancestors ${TEAMS_FRAME_ANCESTORS} {{TEST_ANCESTORS}}`,
].join('; ');

/**
 * The witness's Teams tab, "My reports", with its assets, framed by Teams and, outside production, by the
 * local test hosts in `extraFrameAncestors`, which teams-js in the page may then also accept: the browser
 * tests' stand-in for Teams. (The police's tab is the case console's: `registerConsoleTab` in
 * bot/police/cases/console.ts.)
 */
export function registerTabRoutes(server: Server, extraFrameAncestors = ''): void {
  const files = new StaticFiles();
  const myReports: StaticFile = {
    file: 'generated:/teams/my-reports',
    generated: () => withTestHosts(MY_REPORTS_PAGE, extraFrameAncestors),
    type: 'text/html; charset=utf-8',
  };
  files.preload([myReports, ...Object.values(FILES)]);
  const tabHeaders = {
    'Content-Security-Policy': CONTENT_SECURITY_POLICY.replace('{{TEST_ANCESTORS}}', extraFrameAncestors),
    'Cache-Control': 'no-cache',
  };
  const serve = (entry: StaticFile, headers: Readonly<Record<string, string>>) => {
    return async (req: Request, res: Response): Promise<void> => {
      res.removeHeader('x-frame-options');
      await files.send(req, res, entry, headers);
    };
  };
  server.get('/teams/my-reports', serve(myReports, tabHeaders));
  for (const [route, entry] of Object.entries(FILES)) server.get(route, serve(entry, tabHeaders));
}
