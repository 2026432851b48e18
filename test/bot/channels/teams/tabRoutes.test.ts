import assert from 'node:assert/strict';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { BrowserContext } from 'playwright-core';
import { createServer as createRestifyServer } from 'restify';
import { launchChromiumWithProfile } from '../../../helpers/browser';
import { registerTabRoutes } from '../../../../bot/channels/teams/tabRoutes';
import { startService, type RunningService } from '../../../../bot/service';
import type { Database } from '../../../../models/store/db';
import { openTestDatabase } from '../../../helpers/database';
import { memoryLogger } from '../../../helpers/logger';
import { testServiceConfig } from '../../../helpers/serviceConfig';

describe('The "My reports" tab page', () => {
  let database: Database;
  let service: RunningService;
  let dataDir: string;
  let profile: string;
  let browser: BrowserContext;

  before(async () => {
    dataDir = await mkdtemp(path.join(tmpdir(), 'tab-'));
    profile = await mkdtemp(path.join(tmpdir(), 'tab-chromium-'));
    database = await openTestDatabase();
    const config = testServiceConfig(dataDir);
    service = await startService(config, memoryLogger().logger, { database });
    browser = await launchChromiumWithProfile(profile);
  });
  after(async () => {
    await browser?.close();
    await service.stop();
    await database.close();
    await rm(dataDir, { recursive: true, force: true });
    await rm(profile, { recursive: true, force: true });
  });

  it('serves the page with a strict content security policy and teams-js from the service itself', async () => {
    const page = await fetch(`${service.url}/teams/my-reports`);
    assert.equal(page.status, 200);
    const policy = page.headers.get('content-security-policy') ?? '';
    assert.match(policy, /script-src 'self'(;|$)/);
    assert.doesNotMatch(policy, /unsafe-inline/);
    const html = await page.text();
    assert.doesNotMatch(html, /<script>(?!<)/, 'no inline script');
    assert.doesNotMatch(html, /(src|href)="https?:\/\//, 'nothing loaded from another host');
    const teamsJs = await fetch(`${service.url}/teams/teams-js.js`);
    assert.equal(teamsJs.status, 200);
    assert.match(await teamsJs.text(), /microsoftTeams/);
  });

  it('names the local test hosts to teams-js outside production, where they may also frame the tab', async () => {
    const html = await (await fetch(`${service.url}/teams/my-reports`)).text();
    assert.match(
      html,
      /<meta name="shield-test-hosts" content="http:\/\/localhost:\* http:\/\/127\.0\.0\.1:\*"/,
    );
  });

  it('names no test host and allows only Teams to frame the tab when registered for production', async () => {
    const server = createRestifyServer();
    registerTabRoutes(server);
    await new Promise<void>((resolve) => {
      server.listen(0, '127.0.0.1', () => resolve());
    });
    try {
      const page = await fetch(`${server.url}/teams/my-reports`);
      assert.match(await page.text(), /<meta name="shield-test-hosts" content=""/);
      const ancestors = /frame-ancestors ([^;]*)/.exec(
        page.headers.get('content-security-policy') ?? '',
      )?.[1];
      assert.equal(
        ancestors?.trim(),
        'https://teams.microsoft.com https://*.teams.microsoft.com https://*.cloud.microsoft https://*.office.com',
      );
    } finally {
      await new Promise<void>((resolve) => {
        server.close(() => resolve());
      });
    }
  });

  it('says what it is and how to open it when opened outside Teams', async () => {
    const page = await browser.newPage();
    const errors: string[] = [];
    page.on('console', (message) => {
      // teams-js also tries to fetch its list of valid domains from Microsoft's CDN, which connect-src
      // blocks on purpose (it falls back to its built-in list); our own scripts and styles must all load.
      if (/script-src|style-src/.test(message.text())) errors.push(message.text());
    });
    await page.goto(`${service.url}/teams/my-reports`);
    await page.waitForFunction(() =>
      document.getElementById('status')?.textContent?.includes('Microsoft Teams'),
    );
    assert.match((await page.textContent('#status')) ?? '', /Open it in Microsoft Teams/);
    assert.deepEqual(errors, [], 'nothing blocked by the content security policy');
    await page.close();
  });
});
