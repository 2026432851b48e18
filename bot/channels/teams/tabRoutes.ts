import { readFileSync } from 'node:fs';
import path from 'node:path';
import type { Request, Response, Server } from 'restify';
import { TEAMS_FRAME_ANCESTORS, withTestHosts } from '../../http/framing';
import { ROOT } from '../../http/webAssets';

const WEB = path.join(ROOT, 'bot', 'web', 'teams');

// Read once at start-up: the tab's files never change while the service runs.
const files = {
  page: readFileSync(path.join(WEB, 'myReports.html'), 'utf8'),
  script: readFileSync(path.join(WEB, 'myReports.js')),
  style: readFileSync(path.join(WEB, 'myReports.css')),
  start: readFileSync(path.join(WEB, 'teamsStart.js')),
  // Served from the installed package, never a CDN: the tab works without third-party hosts.
  teamsJs: readFileSync(require.resolve('@microsoft/teams-js/dist/umd/MicrosoftTeams.min.js')),
};

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

function serve(body: Buffer, contentType: string, frameAncestors: string) {
  // eslint-disable-next-line @typescript-eslint/require-await -- restify needs an async handler here
  return async (_req: Request, res: Response): Promise<void> => {
    // Written directly: restify's header helpers append to helmet's site-wide policy instead of replacing it.
    res.removeHeader('x-frame-options');
    res.removeHeader('content-security-policy');
    res.writeHead(200, {
      'content-security-policy': CONTENT_SECURITY_POLICY.replace('{{TEST_ANCESTORS}}', frameAncestors),
      'content-type': contentType,
      'cache-control': 'no-cache',
    });
    res.end(body);
  };
}

/**
 * The witness's Teams tab, "My reports", with its assets (the police's tab is the case console's,
 * `registerConsoleTab` in bot/police/cases/console.ts).
 * `extraFrameAncestors` (outside production only) lets a local test page frame the tab and talk to teams-js
 * in it, as the browser tests' stand-in for Teams.
 */
export function registerTabRoutes(server: Server, extraFrameAncestors = ''): void {
  const javascript = 'text/javascript; charset=utf-8';
  const page = withTestHosts(files.page, extraFrameAncestors);
  server.get('/teams/my-reports', serve(page, 'text/html; charset=utf-8', extraFrameAncestors));
  server.get('/teams/my-reports.js', serve(files.script, javascript, extraFrameAncestors));
  server.get('/teams/my-reports.css', serve(files.style, 'text/css; charset=utf-8', extraFrameAncestors));
  server.get('/teams/teams-start.js', serve(files.start, javascript, extraFrameAncestors));
  server.get('/teams/teams-js.js', serve(files.teamsJs, javascript, extraFrameAncestors));
}
