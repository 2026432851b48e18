import assert from 'node:assert/strict';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { generateKeyPair } from 'jose';
import type { Browser, Frame, Page } from 'playwright-core';
import { startService, type RunningService } from '../../../bot/service';
import type { Database } from '../../../models/store/db';
import { registerOrganisation } from '../../../models/store/organisation';
import { reportModel } from '../../../models/store/report';
import { ReportRepository } from '../../../models/store/reportRepository';
import { launchChromium } from '../../helpers/browser';
import { openTestDatabase } from '../../helpers/database';
import { inventedSubmission } from '../../helpers/fixtures';
import { testIdentity, type TestIdentity } from '../../helpers/identity';
import { memoryLogger } from '../../helpers/logger';
import {
  hostCalls,
  pushTheme,
  startTeamsHost,
  tabFrame,
  type HostContext,
  type TeamsHost,
} from '../../helpers/teamsHost';
import { PARTNER_TENANT, USER_OID } from '../channels/teams/teamsActivity';
import { testServiceConfig } from '../../helpers/serviceConfig';

const OTHER_USER = 'bbbbbbbb-cccc-4ddd-8eee-ffffffffffff';
const HOSTILE_QUESTION = 'Which door? <img src=x onerror="window.__pwned=1">';
const PLAIN_QUESTION = 'What colour was the van?';

/** The body's computed colours, which is what the user sees of a theme. */
function bodyColours(frame: Frame): Promise<{ background: string; color: string; className: string }> {
  return frame.evaluate(() => {
    const style = getComputedStyle(document.body);
    return { background: style.backgroundColor, color: style.color, className: document.body.className };
  });
}

describe('The "My reports" tab in a Teams host (headless Chromium)', function () {
  this.timeout(60_000);
  let database: Database;
  let service: RunningService;
  let identity: TestIdentity;
  let host: TeamsHost;
  let browser: Browser;
  let dataDir: string;
  let ownCases: string[];
  let otherCase: string;

  before(async () => {
    dataDir = await mkdtemp(path.join(tmpdir(), 'my-reports-tab-'));
    database = await openTestDatabase();
    identity = await testIdentity();
    await registerOrganisation(database.connection, { name: 'Invented School', tenantId: PARTNER_TENANT });
    const repository = new ReportRepository(
      database.connection,
      path.join(dataDir, 'outbox'),
      () => new Date(),
    );
    const submit = async (aadObjectId: string) =>
      (
        await repository.submit(
          inventedSubmission({
            channel: 'msteams',
            teams: { tenantId: PARTNER_TENANT, aadObjectId, userId: '29:x' },
          }),
        )
      ).caseNumber;
    ownCases = [await submit(USER_OID), await submit(USER_OID)];
    otherCase = await submit(OTHER_USER);
    const reports = reportModel(database.connection);
    await reports.updateOne(
      { caseNumber: ownCases[0] },
      {
        $push: {
          questions: {
            $each: [
              { text: HOSTILE_QUESTION, askedAt: new Date(), askedBy: 'officer-1' },
              { text: PLAIN_QUESTION, askedAt: new Date(), askedBy: 'officer-1' },
            ],
          },
        },
      },
    );
    await reports.updateOne({ caseNumber: ownCases[1] }, { $set: { status: 'in_progress' } });
    const config = testServiceConfig(dataDir, {
      LOG_LEVEL: 'silent',
      ...identity.environment,
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

  const context = (overrides: Partial<HostContext> = {}): Partial<HostContext> => ({
    userObjectId: USER_OID,
    tenantId: PARTNER_TENANT,
    ...overrides,
  });

  /** Opens the tab in the host and waits until it has shown a result (the list or a message). */
  async function openTab(
    tokens: string[],
    overrides: Partial<HostContext> = {},
  ): Promise<{ page: Page; tab: Frame; tokenRequests: () => number }> {
    const page = await browser.newPage();
    const visit = host.visit(`${service.url}/teams/my-reports`, { context: context(overrides), tokens });
    await page.goto(visit.url);
    await page.waitForFunction(() => window.frames.length === 1);
    const tab = tabFrame(page);
    await tab.waitForFunction(
      () =>
        document.querySelectorAll('#reports li').length > 0 ||
        !/^(Loading…)?$/.test(document.getElementById('status')?.textContent ?? ''),
    );
    return { page, tab, tokenRequests: () => visit.tokenRequests() };
  }

  it("lists the user's own reports, their status and open questions, in the default theme", async () => {
    const { page, tab, tokenRequests } = await openTab([await identity.token()]);
    const cases = await tab.locator('#reports .case').allTextContents();
    assert.deepEqual([...cases].sort(), [...ownCases].sort());
    assert.ok(!cases.includes(otherCase), "another user's report is not shown");
    const first = tab.locator('#reports li', { hasText: ownCases[0] ?? '' });
    assert.match((await first.textContent()) ?? '', /Status: Received/);
    assert.deepEqual(await first.locator('.question').allTextContents(), [
      `Question from the police: ${HOSTILE_QUESTION}`,
      `Question from the police: ${PLAIN_QUESTION}`,
    ]);
    const second = tab.locator('#reports li', { hasText: ownCases[1] ?? '' });
    assert.match((await second.textContent()) ?? '', /Status: Being followed up/);
    assert.equal(await tab.textContent('#title'), 'My reports');
    assert.deepEqual(await bodyColours(tab), {
      background: 'rgb(255, 255, 255)',
      color: 'rgb(36, 36, 36)',
      className: 'theme-default',
    });
    assert.equal(tokenRequests(), 1);
    const calls = await hostCalls(page);
    assert.equal(calls[0], 'initialize');
    assert.ok(calls.includes('getContext'), calls.join(', '));
    assert.ok(calls.includes('appInitialization.success'), 'the tab tells Teams it has loaded');
    await page.close();
  });

  it('shows a police question containing markup as text, without running it', async () => {
    const { page, tab } = await openTab([await identity.token()]);
    assert.equal(await tab.locator('#reports img').count(), 0, 'no element made from the question');
    assert.equal(await tab.evaluate(() => (window as unknown as { __pwned?: number }).__pwned), undefined);
    await page.close();
  });

  it('starts in the dark theme and follows a theme change pushed by Teams', async () => {
    const { page, tab } = await openTab([await identity.token()], { theme: 'dark' });
    assert.deepEqual(await bodyColours(tab), {
      background: 'rgb(31, 31, 31)',
      color: 'rgb(255, 255, 255)',
      className: 'theme-dark',
    });
    await pushTheme(page, 'contrast');
    await tab.waitForFunction(() => document.body.className === 'theme-contrast');
    assert.deepEqual(await bodyColours(tab), {
      background: 'rgb(0, 0, 0)',
      color: 'rgb(255, 255, 0)',
      className: 'theme-contrast',
    });
    await pushTheme(page, 'default');
    await tab.waitForFunction(() => document.body.className === 'theme-default');
    assert.equal((await bodyColours(tab)).background, 'rgb(255, 255, 255)');
    await page.close();
  });

  it("speaks the user's Teams language (nl)", async () => {
    const { page, tab } = await openTab([await identity.token()], { locale: 'nl-BE' });
    assert.equal(await tab.textContent('#title'), 'Mijn meldingen');
    assert.equal(await tab.evaluate(() => document.documentElement.lang), 'nl');
    const first = tab.locator('#reports li', { hasText: ownCases[0] ?? '' });
    assert.match((await first.textContent()) ?? '', /Status: Ontvangen/);
    assert.match((await first.locator('.question').first().textContent()) ?? '', /^Vraag van de politie: /);
    await page.close();
  });

  const refusals: [string, () => Promise<string[]>][] = [
    ['an expired token', async () => [await identity.token({}, { expiresIn: '-5m' })]],
    [
      'a forged token',
      async () => [await identity.token({}, { key: (await generateKeyPair('RS256')).privateKey })],
    ],
    ['no token (the host refuses)', () => Promise.resolve([])],
  ];
  for (const [name, tokens] of refusals) {
    it(`says the reports could not be loaded, in the user's language, after ${name}`, async () => {
      const { page, tab } = await openTab(await tokens(), { locale: 'de-DE' });
      assert.equal(
        await tab.textContent('#status'),
        'Ihre Meldungen konnten nicht geladen werden. Bitte versuchen Sie es später erneut.',
      );
      assert.equal(await tab.locator('#reports li').count(), 0);
      assert.doesNotMatch((await tab.textContent('body')) ?? '', /\b40[13]\b|Unauthorized/);
      await page.close();
    });
  }

  it('explains how to open it in Teams when opened directly in a browser', async () => {
    const page = await browser.newPage();
    await page.goto(`${service.url}/teams/my-reports`);
    await page.waitForFunction(() => document.getElementById('status')?.textContent !== 'Loading…');
    assert.match(
      (await page.textContent('#status')) ?? '',
      /Open it in Microsoft Teams: Apps > Shield Reporter/,
    );
    assert.equal(await page.locator('#reports li').count(), 0);
    await page.close();
  });
});
