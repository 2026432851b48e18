import { randomUUID } from 'node:crypto';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Frame, Page } from 'playwright-core';

/** The themes Teams tells a tab about. */
export type TeamsTheme = 'default' | 'dark' | 'contrast';

/** What the stand-in host tells the tab about itself, its user and their tenant. */
export interface HostContext {
  locale: string;
  theme: TeamsTheme;
  userObjectId: string;
  tenantId: string;
  userPrincipalName: string;
  entityId: string;
}

/** One framed tab: its host page, and the sign-in tokens the host hands the tab, in order. */
export interface HostVisit {
  readonly url: string;
  /** How many times the tab asked for a token (authentication.getAuthToken). */
  readonly tokenRequests: () => number;
}

/** A local stand-in for the Teams web client: it frames a tab and answers teams-js's messages. */
export interface TeamsHost {
  /** The host's origin; a different origin from the service's, so the tab is a cross-origin iframe. */
  readonly origin: string;
  /**
   * A host page framing `tabUrl`. The tab's n-th token request gets `tokens[n]` (the last one repeats;
   * none means the host refuses, as Teams does when the user has not consented).
   */
  visit(tabUrl: string, options: { context?: Partial<HostContext>; tokens?: string[] }): HostVisit;
  close(): Promise<void>;
}

interface VisitState {
  tabUrl: string;
  context: HostContext;
  tokens: string[];
  requests: number;
}

const DEFAULT_CONTEXT: HostContext = {
  locale: 'en-GB',
  theme: 'default',
  userObjectId: '00000000-0000-4000-8000-00000000a001',
  tenantId: '00000000-0000-4000-8000-00000000b001',
  userPrincipalName: 'someone@partner.example.org',
  entityId: 'my-reports',
};

// What the Teams web client advertises in app.initialize: a version 4 runtime with the capabilities our
// tabs use. teams-js refuses a runtime without apiVersion and upgrades older ones.
const RUNTIME = {
  apiVersion: 4,
  hostVersionsInfo: { adaptiveCardSchemaVersion: { majorVersion: 1, minorVersion: 5 } },
  isLegacyTeams: false,
  supports: { app: {}, appEntity: {}, pages: { config: {}, tabs: {} }, teamsCore: {} },
};

/**
 * The host page. Messages follow teams-js's window protocol: a request is `{ id, uuidAsString, func, args }`
 * and the answer echoes `id` and `uuidAsString` with `args`; an event from the host is `{ func, args }`
 * without an id. Only messages from the framed tab's own window and origin are answered.
 */
function hostPage(id: string, visit: VisitState): string {
  const settings = JSON.stringify({
    id,
    tabUrl: visit.tabUrl,
    context: visit.context,
    runtime: JSON.stringify(RUNTIME),
  }).replace(/</g, '\\u003c');
  return `<!doctype html>
<html lang="en">
<head><meta charset="utf-8"><title>Teams (test host)</title></head>
<body>
<iframe id="tab" title="tab" style="width: 100%; height: 40rem; border: 0"></iframe>
<script>
'use strict';
const settings = ${settings};
const frame = document.getElementById('tab');
const tabOrigin = new URL(settings.tabUrl).origin;
const received = [];
let theme = settings.context.theme;

function legacyContext() {
  const context = settings.context;
  return {
    locale: context.locale,
    theme,
    entityId: context.entityId,
    frameContext: 'content',
    hostClientType: 'web',
    hostName: 'Teams',
    userObjectId: context.userObjectId,
    userPrincipalName: context.userPrincipalName,
    loginHint: context.userPrincipalName,
    tid: context.tenantId,
    appSessionId: settings.id,
  };
}

window.teamsHost = {
  received,
  setTheme(next) {
    theme = next;
    frame.contentWindow.postMessage({ func: 'themeChange', args: [next] }, tabOrigin);
  },
};

window.addEventListener('message', async (event) => {
  if (event.source !== frame.contentWindow || event.origin !== tabOrigin) return;
  const message = event.data;
  if (!message || typeof message.func !== 'string') return;
  received.push(message.func);
  const reply = (args) =>
    frame.contentWindow.postMessage({ id: message.id, uuidAsString: message.uuidAsString, args }, tabOrigin);
  switch (message.func) {
    case 'initialize':
      reply(['content', 'web', settings.runtime, '2.58.0']);
      break;
    case 'getContext':
      reply([legacyContext()]);
      break;
    case 'authentication.getAuthToken': {
      const response = await fetch('/token/' + settings.id, { method: 'POST' });
      const answer = await response.json();
      reply(answer.token ? [true, answer.token] : [false, 'resourceRequiresConsent']);
      break;
    }
    default:
      // One-way messages (registerHandler, appInitialization.success, ...) are only recorded.
      break;
  }
});

frame.src = settings.tabUrl;
</script>
</body>
</html>`;
}

/** Starts the stand-in Teams host on 127.0.0.1, addressed as `localhost` (another origin than 127.0.0.1). */
export async function startTeamsHost(): Promise<TeamsHost> {
  const visits = new Map<string, VisitState>();
  const server: Server = createServer((request: IncomingMessage, response: ServerResponse) => {
    const [, kind, id] = /^\/(host|token)\/([\w-]+)$/.exec(request.url ?? '') ?? [];
    const visit = id ? visits.get(id) : undefined;
    if (!visit || !id) {
      // Two calls: restify, loaded in the same process, replaces writeHead with one that returns nothing.
      response.writeHead(404);
      response.end();
    } else if (kind === 'host' && request.method === 'GET') {
      response.writeHead(200, { 'content-type': 'text/html; charset=utf-8', 'cache-control': 'no-store' });
      response.end(hostPage(id, visit));
    } else if (kind === 'token' && request.method === 'POST') {
      const token = visit.tokens[Math.min(visit.requests, visit.tokens.length - 1)];
      visit.requests += 1;
      response.writeHead(200, { 'content-type': 'application/json' });
      response.end(JSON.stringify({ token: token ?? null }));
    } else {
      response.writeHead(405);
      response.end();
    }
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const origin = `http://localhost:${(server.address() as AddressInfo).port}`;
  return {
    origin,
    visit(tabUrl, { context = {}, tokens = [] }) {
      const id = randomUUID();
      const state: VisitState = { tabUrl, context: { ...DEFAULT_CONTEXT, ...context }, tokens, requests: 0 };
      visits.set(id, state);
      return { url: `${origin}/host/${id}`, tokenRequests: () => state.requests };
    },
    close: () =>
      new Promise((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

/** The tab's frame inside a host page. */
export function tabFrame(page: Page): Frame {
  const frame = page.frames().find((candidate) => candidate !== page.mainFrame());
  if (!frame) throw new Error('the host page frames no tab');
  return frame;
}

/** Switches the host's theme, as Teams does when the user changes it, and tells the tab. */
export async function pushTheme(page: Page, theme: TeamsTheme): Promise<void> {
  await page.evaluate((next) => {
    (window as unknown as { teamsHost: { setTheme(theme: string): void } }).teamsHost.setTheme(next);
  }, theme);
}

/** The teams-js functions the tab has called on its host, in order. */
export function hostCalls(page: Page): Promise<string[]> {
  return page.evaluate(() => [
    ...(window as unknown as { teamsHost: { received: string[] } }).teamsHost.received,
  ]);
}
