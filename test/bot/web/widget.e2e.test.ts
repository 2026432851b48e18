import assert from 'node:assert/strict';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Browser, Page } from 'playwright-core';
import { startService, type RunningService } from '../../../bot/service';
import type { Database } from '../../../models/store/db';
import { EvidenceFiles } from '../../../models/store/evidenceFiles';
import { reportModel, type Report } from '../../../models/store/report';
import { launchChromium } from '../../helpers/browser';
import { openTestDatabase } from '../../helpers/database';
import { memoryLogger } from '../../helpers/logger';
import { temporaryDirectoryPerTest } from '../../helpers/tempDir';

import { PHOTO } from '../../helpers/photos';
import { evidenceOf } from '../../helpers/reportScript';
import { testServiceConfig } from '../../helpers/serviceConfig';

describe('the reporting page with the real Web Chat widget (headless Chromium)', function () {
  this.timeout(120_000);
  const dataDir = temporaryDirectoryPerTest('shield-e2e');
  let database: Database;
  let service: RunningService;
  let browser: Browser;

  before(async () => {
    database = await openTestDatabase();
    browser = await launchChromium();
  });
  after(async () => {
    await browser.close();
    await database.close();
  });
  // A page of another site (another origin on this machine) that embeds the widget with the snippet.
  let host: Server;
  let hostOrigin = '';
  before(async () => {
    host = createServer((_request, response) => {
      response.writeHead(200, { 'Content-Type': 'text/html; charset=utf-8' });
      response.end(
        `<!doctype html><html lang="de"><body><h1>Gemeinde</h1><script src="${service.url}/embed.js" data-locale="de"></script></body></html>`,
      );
    });
    await new Promise<void>((resolve) => host.listen(0, '127.0.0.1', () => resolve()));
    hostOrigin = `http://127.0.0.1:${(host.address() as AddressInfo).port}`;
  });
  after(() => {
    host.close();
  });
  beforeEach(async () => {
    const config = testServiceConfig(dataDir(), { WEBCHAT_ALLOWED_ORIGINS: hostOrigin });
    service = await startService(config, memoryLogger().logger, { database });
  });
  afterEach(async () => {
    await service.stop();
  });

  /** Types a message in Web Chat's send box and waits for the bot's answer to contain `expect`. */
  async function say(page: Page, text: string, expect: RegExp): Promise<void> {
    const input = page.locator('[data-id="webchat-sendbox-input"]');
    await input.fill(text);
    await input.press('Enter');
    await page.getByText(expect).last().waitFor({ timeout: 20_000 });
  }

  async function click(page: Page, name: string | RegExp, expect: RegExp): Promise<void> {
    await page.getByRole('button', { name }).last().click();
    await page.getByText(expect).last().waitFor({ timeout: 20_000 });
  }

  it('takes a full report with a photo, survives a reload, and stores both in MongoDB', async () => {
    const page = await browser.newPage();
    const dialogs: string[] = [];
    page.on('dialog', (dialog) => {
      dialogs.push(dialog.message());
      void dialog.dismiss();
    });
    await page.goto(`${service.url}/?locale=en`);
    assert.equal(await page.title(), 'Report something suspicious');
    await page.getByText('Welcome to Shield Reporter').first().waitFor({ timeout: 20_000 });

    await say(page, 'report', /is someone in danger/);
    await click(page, 'No', /What is your report about/);
    await click(page, 'Unattended or suspicious item', /Tell us in your own words/);
    await say(page, 'A black rucksack was left under the bench at the tram stop.', /When did it happen/);
    await say(page, 'yesterday around 10am', /I understood:/);
    await click(page, 'Yes', /still going on/);

    // Leaving mid-report: a reload carries on in the same conversation.
    await page.reload();
    await page
      .getByText(/still going on/)
      .last()
      .waitFor({ timeout: 20_000 });
    await click(page, 'No', /Where did it happen/);
    await say(page, 'Tram stop by the invented Market Square', /Where exactly/);
    await say(page, 'skip', /any people involved/);
    await click(page, 'No', /vehicle involved/);
    await click(page, 'No', /Why did it seem suspicious/);
    await say(page, 'Nobody came back for it for half an hour.', /photos or documents/);

    // A chosen file is sent at once (no Send click after choosing).
    await page.locator('#webchat input[type="file"]').setInputFiles(PHOTO);
    await page
      .getByText(/Received: 1 file/)
      .last()
      .waitFor({ timeout: 20_000 });
    await say(page, 'done', /anyone else/);
    await say(page, 'skip', /stay anonymous/);
    await click(page, 'Yes', /Do you agree/);
    await click(page, 'Yes', /Here is everything you told us/);
    await page.locator('.ac-pushButton', { hasText: 'Send report' }).last().click();
    // The receipt card: the case number and the code each in a block of its own (dashes that do not break).
    const receipt = page.getByText(/^SR[-\u2011][0-9A-Z]{5}[-\u2011][0-9A-Z]{5}$/).last();
    await receipt.waitFor({ timeout: 20_000 });
    const caseNumber = ((await receipt.textContent()) ?? '').replace(/\u2011/g, '-');
    assert.match(caseNumber, /^SR-[0-9A-Z]{5}-[0-9A-Z]{5}$/, 'the witness sees a case number');
    await page
      .getByText(/^[0-9A-Z]{4}([-\u2011][0-9A-Z]{4}){4}$/)
      .last()
      .waitFor();

    const report = await reportModel(database.connection).findOne({ caseNumber }).lean<Report>();
    assert.ok(report, 'the report is in MongoDB');
    assert.equal(report.channel, 'webchat');
    assert.equal(report.answers.category, 'item');
    assert.equal(report.answers.place, 'Tram stop by the invented Market Square');
    const { attachments } = evidenceOf(report);
    assert.equal(attachments.length, 1);
    assert.equal(attachments[0].contentType, 'image/jpeg');
    const fileId = /\/v3\/directline\/attachments\/([0-9a-f]{24})$/.exec(attachments[0].contentUrl)?.[1];
    assert.ok(fileId, 'the report links the stored photo');
    const file = await new EvidenceFiles(database.connection).get(fileId);
    assert.equal(file?.metadata.conversationId, report.conversationId);
    assert.ok((file?.bytes.length ?? 0) > 1000, 'the photo bytes are in GridFS');
    assert.deepEqual(dialogs, []);
    await page.close();
  });

  it('is embedded in another site with the snippet, opens from the keyboard, and speaks the page language', async () => {
    const page = await browser.newPage();
    await page.goto(hostOrigin);
    const launcher = page.getByRole('button', { name: 'Etwas Verdächtiges melden' });
    await launcher.focus();
    await page.keyboard.press('Enter');
    const frame = page.frameLocator('iframe[title="Etwas Verdächtiges melden"]');
    await frame.getByText('Willkommen bei Shield Reporter').first().waitFor({ timeout: 20_000 });
    await frame.locator('[data-id="webchat-sendbox-input"]').fill('melden');
    await frame.locator('[data-id="webchat-sendbox-input"]').press('Enter');
    await frame
      .getByText(/Zuerst: Ist jemand in Gefahr/)
      .last()
      .waitFor({ timeout: 20_000 });
    await page.getByRole('button', { name: 'Schließen' }).click();
    assert.equal(
      await page.evaluate(() => document.activeElement?.textContent),
      'Etwas Verdächtiges melden',
      'focus returns to the launcher',
    );
    await page.close();
  });

  it('has a language, a skip link and labelled controls for keyboard and screen reader users', async () => {
    const page = await browser.newPage();
    await page.goto(`${service.url}/?locale=fr`);
    assert.equal(await page.getAttribute('html', 'lang'), 'fr');
    await page.getByText('Bienvenue sur Shield Reporter').first().waitFor({ timeout: 20_000 });
    // Web Chat puts the cursor in its send box; from the top of the page, the skip link comes first.
    const firstFocusable = await page.evaluate(
      () => document.querySelector('a[href], button, input, textarea, select, [tabindex="0"]')?.textContent,
    );
    assert.equal(firstFocusable, 'Aller au chat');
    await page.focus('.skip-link');
    await page.keyboard.press('Enter');
    assert.equal(
      await page.evaluate(() => document.activeElement?.id),
      'webchat',
      'the skip link moves focus to the chat',
    );
    assert.equal(await page.getAttribute('[data-label="language"]', 'aria-label'), 'Langue');
    assert.equal(await page.getAttribute('button[data-locale="fr"]', 'aria-pressed'), 'true');
    const policy = (await page.request.get(`${service.url}/`)).headers()['content-security-policy'] ?? '';
    assert.match(policy, /script-src 'self'/);
    assert.match(policy, new RegExp(`frame-ancestors 'self' ${hostOrigin.replace(/[.:/]/g, '\\$&')}`));
    await page.close();
  });
});
