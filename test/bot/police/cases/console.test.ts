import assert from 'node:assert/strict';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { BrowserContext } from 'playwright-core';
import { CURRENT_QUESTIONNAIRE } from '../../../../models/core/questionnaire';
import { EvidenceFiles } from '../../../../models/store/evidenceFiles';
import { questionnaireHash } from '../../../../models/store/questionnaireArchive';
import { officerIdForEmail } from '../../../../models/store/officer';
import { launchChromiumWithProfile } from '../../../helpers/browser';
import { PASSWORD, seed, startCaseFixture, type CaseFixture } from '../../../helpers/cases';
import { PHOTO } from '../../../helpers/photos';

const IMG_ATTACK = '<img src=x onerror="window.__pwned=1;alert(1)">';
const SCRIPT_ATTACK = '<script>window.__pwned=2;alert(2)</script>';
const PDF = Buffer.from(
  '%PDF-1.4\n1 0 obj\n<< /Type /Catalog >>\nendobj\ntrailer\n<< /Root 1 0 R >>\n%%EOF\n',
);

describe('case console (headless Chromium)', function () {
  this.timeout(60_000);
  let fixture: CaseFixture;
  let context: BrowserContext;
  let profile: string;
  let urgentCase: string;
  let hostileCase: string;
  let evidenceCase: string;

  before(async () => {
    fixture = await startCaseFixture();
    await seed(fixture, { answers: { account: 'An ordinary report about a parked van.' } });
    fixture.advance(60_000);
    urgentCase = await seed(fixture, {
      urgent: true,
      answers: { account: 'Someone is leaving a bag at the station now.' },
    });
    fixture.advance(60_000);
    hostileCase = await seed(fixture, {
      answers: {
        account: `Before ${IMG_ATTACK} after`,
        suspicious: `He wrote ${SCRIPT_ATTACK} on a wall.`,
        place: '<b>bold?</b>',
        evidence: {
          attachments: [
            { name: '<i>photo</i>.jpg', contentType: 'image/jpeg', contentUrl: 'javascript:alert(3)' },
          ],
          links: [],
        },
      },
    });
    fixture.advance(60_000);
    const files = new EvidenceFiles(fixture.database.connection);
    const stored = (name: string, bytes: Buffer, contentType: string) =>
      files.put(name, bytes, {
        conversationId: 'conversation-with-evidence',
        contentType,
        locationStripped: true,
      });
    const link = (fileId: string) => `${fixture.service.url}/v3/directline/attachments/${fileId}`;
    const photoId = await stored('platform.jpg', await readFile(PHOTO), 'image/jpeg');
    const pdfId = await stored('statement.pdf', PDF, 'application/pdf');
    evidenceCase = await seed(fixture, {
      conversationId: 'conversation-with-evidence',
      answers: {
        evidence: {
          attachments: [
            { name: '<b>platform</b>.jpg', contentType: 'image/jpeg', contentUrl: link(photoId) },
            { name: 'statement.pdf', contentType: 'application/pdf', contentUrl: link(pdfId) },
          ],
          links: [],
        },
      },
    });
    profile = await mkdtemp(path.join(tmpdir(), 'shield-chromium-'));
    context = await launchChromiumWithProfile(profile);
  });
  after(async () => {
    await context?.close();
    await fixture?.close();
    if (profile) await rm(profile, { recursive: true, force: true });
  });

  it('logs in, lists the urgent report first, and shows hostile witness text as text without running it', async () => {
    const page = await context.newPage();
    const dialogs: string[] = [];
    page.on('dialog', (dialog) => {
      dialogs.push(dialog.message());
      void dialog.dismiss();
    });
    const response = await page.goto(`${fixture.service.url}/console`);
    assert.equal(response?.status(), 200);
    assert.match(response?.headers()['content-security-policy'] ?? '', /script-src 'self'/);

    await page.fill('#email', 'officer@police.test');
    await page.fill('#password', PASSWORD);
    await page.click('#login-form button[type=submit]');
    await page.waitForSelector('#case-rows tr');

    const firstRow = page.locator('#case-rows tr').first();
    assert.equal(await firstRow.getAttribute('data-case'), urgentCase);
    assert.equal(await firstRow.getAttribute('class'), 'urgent');
    assert.equal((await firstRow.locator('.badge-urgent').textContent())?.trim(), 'URGENT');
    assert.equal(await page.locator('#case-rows tr.urgent').count(), 1, 'only the urgent report is marked');

    await page.click(`#case-rows tr[data-case="${hostileCase}"]`);
    await page.waitForSelector('#detail:not([hidden])');
    const values = await page.locator('#answers .answer-value').allTextContents();
    assert.ok(values.includes(`Before ${IMG_ATTACK} after`), 'the account is shown literally');
    assert.ok(values.includes(`He wrote ${SCRIPT_ATTACK} on a wall.`), 'the script is shown literally');
    assert.ok(values.includes('<b>bold?</b>'));
    assert.equal(
      await page.locator('#detail img, #detail script, #detail b, #detail i').count(),
      0,
      'no markup made',
    );
    assert.equal(await page.locator('#attachments a').count(), 0, 'a javascript: URL is not made a link');
    assert.match((await page.locator('#attachments').textContent()) ?? '', /<i>photo<\/i>\.jpg/);
    // The version is the first characters of the content hash of the questionnaire the report was asked with.
    const version = questionnaireHash(CURRENT_QUESTIONNAIRE).slice(0, 8);
    assert.ok(
      ((await page.locator('#detail-meta').textContent()) ?? '').includes(`questionnaire version ${version}`),
      'the questionnaire version is shown',
    );

    const labels = await page.locator('#answers > dt').allTextContents();
    assert.deepEqual(labels.slice(0, 4), ['Urgent', 'Category', 'Your account', 'When']);
    assert.deepEqual(dialogs, [], 'no dialog opened');
    assert.equal(await page.evaluate(() => (window as unknown as { __pwned?: number }).__pwned), undefined);
  });

  it('lets a supervisor assign a case and move it on, as the API then shows', async () => {
    const page = await context.newPage();
    await page.goto(`${fixture.service.url}/console`);
    await page.fill('#email', 'supervisor@police.test');
    await page.fill('#password', PASSWORD);
    await page.click('#login-form button[type=submit]');
    await page.click(`#case-rows tr[data-case="${urgentCase}"]`);
    await page.waitForSelector('#assign-form');
    await page.selectOption('#assignee', { label: 'officer@police.test (officer)' });
    await page.click('#assign-form button');
    const officerId = officerIdForEmail('officer@police.test').toHexString();
    await page.waitForFunction(
      () => document.getElementById('detail-assignee')?.textContent === 'Assigned to: officer@police.test',
    );
    await page.click('#workflow-form button');
    await page.waitForFunction(() =>
      document.getElementById('detail-meta')?.textContent?.includes('Status: triaged'),
    );

    const token = await fixture.login('supervisor@police.test');
    const detail = (await fixture.call('GET', `/api/cases/${urgentCase}`, token)).body as {
      case: Record<string, unknown>;
    };
    assert.equal(detail.case.status, 'triaged');
    assert.equal(detail.case.assignee, officerId);
  });

  it('previews a stored photo from the case API and saves a PDF, with their names as text', async () => {
    const page = await context.newPage();
    const violations: string[] = [];
    page.on('console', (message) => {
      if (/Content Security Policy/i.test(message.text())) violations.push(message.text());
    });
    await page.goto(`${fixture.service.url}/console`);
    await page.fill('#email', 'officer@police.test');
    await page.fill('#password', PASSWORD);
    await page.click('#login-form button[type=submit]');
    await page.click(`#case-rows tr[data-case="${evidenceCase}"]`);
    await page.waitForSelector('#detail:not([hidden])');

    const preview = page.locator('#attachments img.evidence-preview');
    await preview.waitFor();
    await page.waitForFunction(() => {
      const image = document.querySelector<HTMLImageElement>('#attachments img.evidence-preview');
      return image !== null && image.complete && image.naturalWidth > 0;
    });
    assert.match((await preview.getAttribute('src')) ?? '', /^blob:/, 'shown from a blob: URL of the page');
    assert.deepEqual(
      await preview.evaluate((image: HTMLImageElement) => [image.naturalWidth, image.naturalHeight]),
      [320, 200],
      'the photo itself was decoded and displayed',
    );
    assert.equal(await page.locator('#attachments img').count(), 1, 'only the photo is previewed');
    assert.equal(await page.locator('#attachments b').count(), 0, 'the file name made no markup');
    assert.match((await page.locator('#attachments').textContent()) ?? '', /<b>platform<\/b>\.jpg/);

    const pdfItem = page.locator('#attachments li', { hasText: 'statement.pdf' });
    const [download] = await Promise.all([
      page.waitForEvent('download'),
      pdfItem.locator('button.attachment-download').click(),
    ]);
    assert.equal(download.suggestedFilename(), 'statement.pdf');
    const saved = await download.path();
    assert.deepEqual(await readFile(saved), PDF, 'the PDF is saved with its exact bytes');
    assert.deepEqual(violations, [], 'nothing was blocked by the console CSP');

    const token = await fixture.login('supervisor@police.test');
    const trail = (await fixture.call('GET', `/api/cases/${evidenceCase}/audit`, token)).body as {
      entries: { action: string }[];
    };
    assert.equal(
      trail.entries.filter((entry) => entry.action === 'case.attachmentRead').length,
      2,
      'the preview and the download are each audited',
    );
  });
});
