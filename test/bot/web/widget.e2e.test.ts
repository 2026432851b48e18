import assert from 'node:assert/strict';
import type { Browser, Page } from 'playwright-core';
import { loadConfig } from '../../../bot/config';
import { startService, type RunningService } from '../../../bot/service';
import type { Database } from '../../../models/db';
import { EvidenceFiles } from '../../../models/evidenceFiles';
import { reportModel } from '../../../models/report';
import { launchChromium } from '../../helpers/browser';
import { openTestDatabase } from '../../helpers/database';
import { memoryLogger } from '../../helpers/logger';
import { temporaryDirectoryPerTest } from '../../helpers/tempDir';

import { PHOTO } from '../../helpers/photos';

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
  beforeEach(async () => {
    const config = loadConfig({
      NODE_ENV: 'test',
      PORT: '0',
      HOST: '127.0.0.1',
      DATA_DIR: dataDir(),
      LOG_LEVEL: 'warn',
    });
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
    await say(page, 'today around 10am', /I understood:/);
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

    await page.locator('#webchat input[type="file"]').setInputFiles(PHOTO);
    await page.getByRole('button', { name: 'Send' }).click();
    await page
      .getByText(/Received: 1 file/)
      .last()
      .waitFor({ timeout: 20_000 });
    await say(page, 'done', /anyone else/);
    await say(page, 'skip', /stay anonymous/);
    await click(page, 'Yes', /Do you agree/);
    await click(page, 'Yes', /Here is everything you told us/);
    await page.locator('.ac-pushButton', { hasText: 'Send report' }).last().click();
    const receipt = page.getByText(/Case number: SR-/).last();
    await receipt.waitFor({ timeout: 20_000 });
    const caseNumber = /SR-[0-9A-Z]{5}-[0-9A-Z]{5}/.exec((await receipt.textContent()) ?? '')?.[0];
    assert.ok(caseNumber, 'the witness sees a case number');
    await page
      .getByText(/Your receipt code: [0-9A-Z]{4}-/)
      .last()
      .waitFor();

    const report = await reportModel(database.connection).findOne({ caseNumber }).lean();
    assert.ok(report, 'the report is in MongoDB');
    assert.equal(report.channel, 'webchat');
    assert.equal(report.category, 'item');
    assert.equal(report.place, 'Tram stop by the invented Market Square');
    assert.equal(report.attachments.length, 1);
    assert.equal(report.attachments[0].contentType, 'image/jpeg');
    const fileId = /\/v3\/directline\/attachments\/([0-9a-f]{24})$/.exec(
      report.attachments[0].contentUrl,
    )?.[1];
    assert.ok(fileId, 'the report links the stored photo');
    const file = await new EvidenceFiles(database.connection).get(fileId);
    assert.equal(file?.metadata.conversationId, report.conversationId);
    assert.ok((file?.bytes.length ?? 0) > 1000, 'the photo bytes are in GridFS');
    assert.deepEqual(dialogs, []);
    await page.close();
  });
});
