import assert from 'node:assert/strict';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { Browser, Frame, Page } from 'playwright-core';
import { startService, type RunningService } from '../../../bot/service';
import type { Database } from '../../../models/store/db';
import { ReportRepository } from '../../../models/store/reportRepository';
import { launchChromium } from '../../helpers/browser';
import { openTestDatabase } from '../../helpers/database';
import { inventedSubmission } from '../../helpers/fixtures';
import { POLICE_TENANT, testIdentity, type TestIdentity } from '../../helpers/identity';
import { memoryLogger } from '../../helpers/logger';
import {
  hostCalls,
  pushTheme,
  startTeamsHost,
  tabFrame,
  type HostContext,
  type TeamsHost,
} from '../../helpers/teamsHost';
import { testServiceConfig } from '../../helpers/serviceConfig';

const ROLE_MAP = 'Shield.Officer=officer,Shield.Supervisor=supervisor';

// Each test signs in as its own invented officer, so that one test's account does not change another's.
let officers = 0;
const newOfficer = (): string => `c0ffee00-0000-4000-8000-${String(++officers).padStart(12, '0')}`;

describe('The case console as a Teams tab (headless Chromium)', function () {
  this.timeout(60_000);
  let database: Database;
  let service: RunningService;
  let identity: TestIdentity;
  let host: TeamsHost;
  let browser: Browser;
  let dataDir: string;
  let ordinaryCase: string;
  let urgentCase: string;

  before(async () => {
    dataDir = await mkdtemp(path.join(tmpdir(), 'console-tab-'));
    database = await openTestDatabase();
    identity = await testIdentity();
    let now = Date.parse('2026-11-22T12:00:00Z');
    const reports = new ReportRepository(
      database.connection,
      path.join(dataDir, 'outbox'),
      () => new Date(now),
    );
    ordinaryCase = (await reports.submit(inventedSubmission())).caseNumber;
    now += 60_000;
    urgentCase = (await reports.submit(inventedSubmission({ urgent: true }))).caseNumber;
    now += 60_000;
    await reports.submit(inventedSubmission());
    const config = testServiceConfig(dataDir, {
      LOG_LEVEL: 'silent',
      CASE_TOKEN_SECRET: 'a-test-secret-that-is-long-enough-0123456789',
      ...identity.environment,
      POLICE_TENANT_IDS: POLICE_TENANT,
      ENTRA_ROLE_MAP: ROLE_MAP,
    });
    service = await startService(config, memoryLogger().logger, { database });
    host = await startTeamsHost();
    browser = await launchChromium();
  });
  after(async () => {
    await browser?.close();
    await host?.close();
    await service?.stop();
    await identity?.close();
    await database?.close();
    await rm(dataDir, { recursive: true, force: true });
  });

  /** An Entra ID token of the police tenant for a new officer with these app roles, and their context. */
  async function officer(
    roles: string[],
    tokenOptions: { expiresIn?: string } = {},
  ): Promise<{ token: string; context: Partial<HostContext> }> {
    const oid = newOfficer();
    return {
      token: await identity.token({ tid: POLICE_TENANT, oid, roles }, tokenOptions),
      context: {
        tenantId: POLICE_TENANT,
        userObjectId: oid,
        userPrincipalName: `officer-${officers}@police.example.org`,
        entityId: 'police-follow-up',
      },
    };
  }

  /** Opens the console tab in the host and waits until it shows the list or a message. */
  async function openConsole(
    tokens: string[],
    context: Partial<HostContext>,
  ): Promise<{ page: Page; tab: Frame; tokenRequests: () => number }> {
    const page = await browser.newPage();
    const visit = host.visit(`${service.url}/teams/console`, { context, tokens });
    await page.goto(visit.url);
    await page.waitForFunction(() => window.frames.length === 1);
    const tab = tabFrame(page);
    await tab.waitForFunction(
      () =>
        !(document.getElementById('list') as HTMLElement).hidden ||
        !(document.getElementById('message') as HTMLElement).hidden,
    );
    return { page, tab, tokenRequests: () => visit.tokenRequests() };
  }

  const isHidden = (tab: Frame, id: string): Promise<boolean> =>
    tab.evaluate((element) => (document.getElementById(element) as HTMLElement).hidden, id);

  const background = (tab: Frame): Promise<string> =>
    tab.evaluate(() => getComputedStyle(document.body).backgroundColor);

  it('signs a supervisor in with the Teams token and lists the urgent report first, in the dark theme', async () => {
    const supervisor = await officer(['Shield.Supervisor']);
    const { page, tab, tokenRequests } = await openConsole([supervisor.token], {
      ...supervisor.context,
      theme: 'dark',
    });
    const firstRow = tab.locator('#case-rows tr').first();
    assert.equal(await firstRow.getAttribute('data-case'), urgentCase);
    assert.equal(await firstRow.getAttribute('class'), 'urgent');
    assert.equal(await tab.locator('#case-rows tr').count(), 3);
    assert.ok(
      (
        await tab.locator('#case-rows tr').evaluateAll((rows) => rows.map((row) => row.dataset.case))
      ).includes(ordinaryCase),
    );
    assert.equal(await isHidden(tab, 'login'), true, 'no login form in Teams');
    assert.equal(await isHidden(tab, 'logout'), true, 'no log out in Teams');
    assert.equal(await tab.textContent('#who-name'), supervisor.context.userPrincipalName);
    assert.equal(await tab.evaluate(() => document.body.className), 'theme-dark');
    assert.equal(await background(tab), 'rgb(31, 31, 31)');
    assert.equal(tokenRequests(), 1);
    assert.ok((await hostCalls(page)).includes('appInitialization.success'));

    await firstRow.click();
    await tab.waitForSelector('#assign-form', { timeout: 10_000 });
    assert.match((await tab.textContent('#detail-title')) ?? '', new RegExp(urgentCase));
    await page.close();
  });

  it('follows a theme change pushed by Teams', async () => {
    const supervisor = await officer(['Shield.Supervisor']);
    const { page, tab } = await openConsole([supervisor.token], supervisor.context);
    assert.equal(await tab.evaluate(() => document.body.className), 'theme-default');
    await pushTheme(page, 'contrast');
    await tab.waitForFunction(() => document.body.className === 'theme-contrast');
    assert.equal(await background(tab), 'rgb(0, 0, 0)');
    await pushTheme(page, 'dark');
    await tab.waitForFunction(() => document.body.className === 'theme-dark');
    assert.equal(await background(tab), 'rgb(31, 31, 31)');
    await page.close();
  });

  it('asks Teams for a fresh token once when the API refuses the first one', async () => {
    const expired = await officer(['Shield.Supervisor'], { expiresIn: '-5m' });
    const fresh = await identity.token({
      tid: POLICE_TENANT,
      oid: expired.context.userObjectId,
      roles: ['Shield.Supervisor'],
    });
    const { page, tab, tokenRequests } = await openConsole([expired.token, fresh], expired.context);
    assert.equal(await tab.locator('#case-rows tr').first().getAttribute('data-case'), urgentCase);
    assert.equal(tokenRequests(), 2);
    assert.equal(await isHidden(tab, 'message'), true);
    await page.close();
  });

  it('says so plainly, without a login form, when Teams cannot give an accepted token', async () => {
    const expired = await officer(['Shield.Supervisor'], { expiresIn: '-5m' });
    const { page, tab, tokenRequests } = await openConsole([expired.token], expired.context);
    assert.equal(
      await tab.textContent('#message'),
      'Teams could not sign you in; close the tab and open it again.',
    );
    assert.equal(tokenRequests(), 2, 'one renewal, not a loop');
    assert.equal(await isHidden(tab, 'login'), true);
    await page.close();
  });

  it('does not offer assignment to an officer', async () => {
    const plain = await officer(['Shield.Officer']);
    const { page, tab } = await openConsole([plain.token], plain.context);
    await tab.locator(`#case-rows tr[data-case="${urgentCase}"]`).click();
    await tab.waitForSelector('#detail:not([hidden])');
    assert.equal(await tab.locator('#assign-form').count(), 0);
    assert.equal(await tab.locator('#workflow-form').count(), 1, 'the officer can still move the case on');
    await page.close();
  });

  it('tells a police user without a mapped role that they have no role here', async () => {
    const nobody = await officer([]);
    const { page, tab } = await openConsole([nobody.token], nobody.context);
    assert.equal(await tab.textContent('#message'), 'Your account has no role in the case console.');
    assert.equal(await isHidden(tab, 'list'), true);
    assert.equal(await isHidden(tab, 'login'), true);
    await page.close();
  });

  it('lets only Teams frame /console, and outside production the local test hosts frame /teams/console', async () => {
    const standalone = await fetch(`${service.url}/console`);
    const standalonePolicy = standalone.headers.get('content-security-policy') ?? '';
    assert.match(standalonePolicy, /frame-ancestors 'self' https:\/\/teams\.microsoft\.com /);
    assert.doesNotMatch(standalonePolicy, /localhost/);
    assert.equal(standalone.headers.get('x-frame-options'), null, 'no X-Frame-Options contradicting it');
    assert.match(await standalone.text(), /<meta name="shield-test-hosts" content=""/);
    const tab = await fetch(`${service.url}/teams/console`);
    assert.match(
      tab.headers.get('content-security-policy') ?? '',
      /frame-ancestors 'self' https:\/\/teams\.microsoft\.com .* http:\/\/localhost:\* http:\/\/127\.0\.0\.1:\*$/,
    );
    assert.equal(tab.headers.get('x-frame-options'), null);
  });
});
