import assert from 'node:assert/strict';
import { mkdir, readFile } from 'node:fs/promises';
import path from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { alertModel } from '../../../../models/store/alert';
import { organisationModel, registerOrganisation } from '../../../../models/store/organisation';
import { reportModel } from '../../../../models/store/report';
import { idForKey } from '../../../../models/store/storageKey';
import { launchChromium } from '../../../helpers/browser';
import { PASSWORD, seed, startCaseFixture, type CaseFixture } from '../../../helpers/cases';
import { standInConnector } from '../../../helpers/connectorStandIn';
import {
  assertFocusVisible,
  assertNoHorizontalOverflow,
  SCREENS,
  seriousAxeViolations,
  SHOTS_DIR,
} from '../../../helpers/webPage';
import { PHOTO } from '../../../helpers/photos';
import { MemberChat } from './memberChat';

const SCHOOL = '51000000-0000-4000-8000-000000000001';
const PENDING = '52000000-0000-4000-8000-000000000002';
const oid = (n: number) => `aaaaaaaa-0000-4000-8000-${String(n).padStart(12, '0')}`;
// Police text that looks like markup: it must show as these characters, never become an element.
const MARKUP_TITLE = 'Drone <img src=x onerror="window.hacked=1"> over schools';

describe('the console: alerts to partners (headless Chromium)', function () {
  this.timeout(180_000);
  let fixture: CaseFixture;
  let connector: Awaited<ReturnType<typeof standInConnector>>;
  let browser: Browser;
  let sent = 0;

  before(async () => {
    await mkdir(SHOTS_DIR, { recursive: true });
    connector = await standInConnector({
      respond: () => ({ status: 200, body: { id: `activity-${(sent += 1)}` } }),
    });
    fixture = await startCaseFixture();
    await fixture.accounts.add('liaison@police.test', 'liaison', PASSWORD);
    const connection = fixture.database.connection;
    await registerOrganisation(connection, { name: 'Invented School', tenantId: SCHOOL });
    const admin = await fixture.login('admin@police.test');
    const profile = await fixture.call('PUT', `/api/admin/organisations/${SCHOOL}/partner`, admin, {
      sectors: ['education'],
      areas: ['2000'],
      contacts: [],
    });
    assert.equal(profile.status, 200);
    // Two members of the school write once, so that their personal chats are known.
    for (const n of [1, 2]) {
      const member = new MemberChat(fixture.service.url, SCHOOL, oid(n), 'en-US', connector.url);
      assert.match(await member.send({ text: 'hello' }), /./);
    }
    browser = await launchChromium();
  });
  after(async () => {
    await browser?.close();
    await fixture?.close();
    connector?.server.close();
  });

  async function newPage(viewport: { width: number; height: number } = { width: 1280, height: 800 }) {
    const context = await browser.newContext({ viewport, acceptDownloads: true });
    const page = await context.newPage();
    return { page, context };
  }

  async function logIn(page: Page, email: string, url = '/console', lang = 'en'): Promise<void> {
    await page.goto(`${fixture.service.url}${url}`);
    await page.selectOption('#console-lang', lang);
    await page.fill('#email', email);
    await page.fill('#password', PASSWORD);
    await page.click('#login-form button[type=submit]');
    await page.waitForSelector('#login', { state: 'hidden' });
  }

  async function deliverAll(): Promise<void> {
    fixture.service.alertDelivery.kick();
    await fixture.service.alertDelivery.idle();
  }

  const figureOf = (page: Page, key: string) =>
    page.locator(`#alert-figures [data-figure="${key}"] dd`).innerText();

  async function composeAndSend(page: Page, title: string, photo?: string): Promise<string> {
    await page.click('#console-nav a[data-nav="alerts"]');
    await page.waitForSelector('#alerts h2');
    await page.click('.alert-tabs a[href$="/alerts/new"]');
    await page.waitForSelector('#alert-compose');
    await page.fill('#alert-compose input[name="title-en"]', title);
    await page.fill('#alert-compose textarea[name="text-en"]', 'Report sightings of a black drone.');
    await page.fill('#alert-compose input[name="title-nl"]', 'Drone boven scholen');
    await page.fill('#alert-compose textarea[name="text-nl"]', 'Meld waarnemingen van een zwarte drone.');
    await page.selectOption('#alert-compose select[name="originalLocale"]', 'en');
    await page.selectOption('#alert-compose select[name="severity"]', 'warning');
    await page.check('#alert-compose input[name="sectors-scope"][value="some"]');
    await page.check('#alert-compose input[name="sector"][value="education"]');
    await page.check('#alert-compose input[name="public"]');
    if (photo) await page.setInputFiles('#alert-compose input[name="photo"]', photo);
    await page.click('#alert-compose button[type=submit]');
    await page.waitForSelector('#alert-figures');
    const id = /\/alerts\/([0-9a-f]{24})$/.exec(new URL(page.url()).pathname)?.[1];
    assert.ok(id, `the page moved to the new alert: ${page.url()}`);
    return id;
  }

  it('offers an officer neither the alerts menu nor the compose form, and says why at the address', async () => {
    const { page, context } = await newPage();
    await logIn(page, 'officer@police.test');
    await page.waitForSelector('#list:not([hidden])');
    assert.equal(await page.locator('#console-nav').isHidden(), true, 'no alerts menu for an officer');
    await page.goto(`${fixture.service.url}/console/alerts/new`);
    await page.waitForSelector('#alerts:not([hidden]) p');
    assert.match(await page.locator('#alerts').innerText(), /liaison or supervisor/);
    assert.equal(await page.locator('#alert-compose').count(), 0);
    await context.close();
  });

  it('lands a liaison, who reads no cases, on the alerts with no cases entry', async () => {
    const { page, context } = await newPage();
    await logIn(page, 'liaison@police.test');
    await page.waitForSelector('#alerts:not([hidden]) h2');
    assert.equal(new URL(page.url()).pathname, '/console/alerts');
    assert.equal(await page.locator('#console-nav a[data-nav="cases"]').isHidden(), true);
    assert.equal(await page.locator('#list').isHidden(), true);
    await context.close();
  });

  it('sends an alert from the form, shows its delivery figures, and keeps markup-like text as text', async () => {
    const { page, context } = await newPage();
    await logIn(page, 'supervisor@police.test');
    const id = await composeAndSend(page, MARKUP_TITLE);
    const stored = await alertModel(fixture.database.connection).findById(id).lean();
    assert.equal(stored?.title.en, MARKUP_TITLE);
    assert.equal(stored?.title.nl, 'Drone boven scholen');
    assert.equal(stored?.originalLocale, 'en');
    assert.deepEqual(stored?.sectors, ['education']);
    assert.deepEqual(stored?.areas, []);
    assert.equal(stored?.public, true);
    assert.equal(stored?.asksForSightings, true);
    assert.equal(await figureOf(page, 'targeted'), '2');
    await deliverAll();
    await page.click('#alerts button:text-is("Refresh")');
    await page.waitForFunction(
      () => document.querySelector('#alert-figures [data-figure="delivered"] dd')?.textContent === '2',
    );
    assert.equal(await figureOf(page, 'failed'), '0');
    assert.equal(await page.locator('#alerts h2').innerText(), MARKUP_TITLE);
    assert.equal(await page.locator('#alerts img').count(), 0, 'the title never became an element');
    assert.equal(await page.evaluate(() => (window as unknown as { hacked?: number }).hacked), undefined);
    // The list shows it with its figures.
    await page.click('.alert-tabs a[href$="/alerts"]');
    await page.waitForSelector('#alert-list');
    const row = page.locator(`#alert-list tr[data-alert="${id}"]`);
    assert.match(await row.innerText(), /warning/);
    assert.match(await row.innerText(), /public/);
    await context.close();
  });

  it('attaches a photo in the compose form and shows it on the alert page, its alternative text the title', async () => {
    const { page, context } = await newPage();
    await logIn(page, 'liaison@police.test');
    const id = await composeAndSend(page, 'Missing boy in a red coat', PHOTO);
    await page.waitForSelector('#alert-photo');
    // Loaded through its signed link (the 320×200 test photo), with no login of its own.
    await page.waitForFunction(
      () => (document.getElementById('alert-photo') as HTMLImageElement | null)?.naturalWidth === 320,
    );
    assert.equal(await page.locator('#alert-photo').getAttribute('alt'), 'Photo: Missing boy in a red coat');
    const stored = await alertModel(fixture.database.connection).findById(id).lean();
    assert.equal(stored?.photo?.contentType, 'image/jpeg');
    assert.equal(stored?.version, 2, 'the photo is a change the cards follow');
    await context.close();
  });

  it('lists related reports with links to their cases, changes the alert and withdraws it', async () => {
    const { page, context } = await newPage();
    await logIn(page, 'supervisor@police.test');
    const id = await composeAndSend(page, 'Black drone over schools');
    const caseNumber = await seed(fixture, { answers: { account: 'A drone hovered over the playground.' } });
    await reportModel(fixture.database.connection).updateOne(
      { caseNumber },
      { $set: { relatedAlertId: id } },
    );
    await page.click('#alerts button:text-is("Refresh")');
    await page.waitForSelector('#alert-related a');
    assert.equal(await figureOf(page, 'relatedReports'), '1');
    // Changed: the English title; the cards are updated by the delivery (tested in alerts.test.ts).
    await page.click('.alert-change summary');
    await page.fill('#alert-change input[name="title-en"]', 'Black drone over two schools');
    await page.click('#alert-change button[type=submit]');
    await page.waitForFunction(() =>
      document.querySelector('#alerts h2')?.textContent?.includes('two schools'),
    );
    const changed = await alertModel(fixture.database.connection).findById(id).lean();
    assert.equal(changed?.title.en, 'Black drone over two schools');
    assert.equal(changed?.version, 2);
    // Withdrawn after a confirmation.
    await page.click('#alert-withdraw');
    await page.click('#alert-withdraw-yes');
    await page.waitForFunction(() =>
      document.getElementById('alert-meta')?.textContent?.includes('withdrawn'),
    );
    assert.equal((await alertModel(fixture.database.connection).findById(id).lean())?.state, 'withdrawn');
    assert.equal(await page.locator('#alert-withdraw').count(), 0, 'nothing more to withdraw');
    // The related report opens as a case.
    await page.click(`#alert-related a:text-is("${caseNumber}")`);
    await page.waitForFunction(
      (number) => document.getElementById('detail-title')?.textContent?.startsWith(number),
      caseNumber,
    );
    await context.close();
  });

  it('creates invitations in bulk as a CSV file and shows how many were used', async () => {
    const { page, context } = await newPage();
    await logIn(page, 'liaison@police.test', '/console/alerts/invitations');
    await page.waitForSelector('#invitation-form');
    await page.fill(
      '#invitation-form textarea[name="organisations"]',
      'Invented Diamond House; 2018, Antwerpen\nInvented Port Terminal',
    );
    await page.check('#invitation-form input[name="sector"][value="diamondJewellery"]');
    const [download] = await Promise.all([
      page.waitForEvent('download'),
      page.click('#invitation-form button[type=submit]'),
    ]);
    const csv = await readFile(await download.path(), 'utf8');
    const lines = csv.trim().split(/\r\n/);
    assert.equal(lines.length, 3, 'a header and two organisations');
    assert.match(lines[1] ?? '', /Invented Diamond House.*SHLD-/);
    assert.match(download.suggestedFilename(), /^invitations-[0-9a-f]{24}\.csv$/);
    await page.waitForSelector('#invitation-result table');
    assert.match(await page.locator('#invitation-result').innerText(), /0 of 2/);
    await context.close();
  });

  it('lets an administrator activate an organisation waiting for the police', async () => {
    await registerOrganisation(fixture.database.connection, {
      name: 'Invented Waiting Hall',
      tenantId: PENDING,
      active: false,
    });
    const { page, context } = await newPage();
    await logIn(page, 'admin@police.test', '/console/alerts/partners');
    await page.waitForSelector('#pending-partners');
    await page.click('#pending-partners button:text-is("Activate Invented Waiting Hall")');
    await page.waitForFunction(() => document.getElementById('message')?.textContent?.includes('is active'));
    const organisation = await organisationModel(fixture.database.connection)
      .findById(idForKey('organisation', PENDING))
      .lean();
    assert.equal(organisation?.active, true);
    await context.close();
  });

  for (const screen of SCREENS) {
    for (const lang of ['en', 'fr']) {
      it(`is accessible, does not overflow and shows focus on the ${screen.name} in ${lang}`, async () => {
        const { page, context } = await newPage(screen);
        await logIn(page, 'supervisor@police.test', '/console/alerts', lang);
        await page.waitForSelector('#alert-list');
        const check = async (step: string) => {
          await assertNoHorizontalOverflow(page, step);
          assert.deepEqual(await seriousAxeViolations(page), [], `${step}: axe-core`);
          await page.locator('#alerts a, #alerts button, #alerts input').first().focus();
          await page.keyboard.press('Tab');
          await assertFocusVisible(page, step);
          await page.screenshot({
            path: path.join(SHOTS_DIR, `alerts-${step}-${screen.name}-${lang}.png`),
            fullPage: true,
          });
        };
        await check('list');
        await page.click('.alert-tabs a[href$="/alerts/new"]');
        await page.waitForSelector('#alert-compose');
        await check('compose');
        // The alert page with a photo (attached in the test above).
        const withPhoto = (await alertModel(fixture.database.connection).find({}).lean()).find(
          (alert) => alert.photo && alert.state === 'active',
        );
        assert.ok(withPhoto, 'an alert with a photo');
        await page.goto(`${fixture.service.url}/console/alerts/${withPhoto._id.toHexString()}`);
        await page.waitForSelector('#alert-figures');
        await page.waitForFunction(
          () => (document.getElementById('alert-photo') as HTMLImageElement | null)?.naturalWidth === 320,
        );
        await page.click('.alert-change summary');
        await check('alert');
        await page.click('.alert-tabs a[href$="/alerts/invitations"]');
        await page.waitForSelector('#invitation-form');
        await check('invitations');
        await context.close();
      });
    }
  }
});
