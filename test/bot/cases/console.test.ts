import assert from 'node:assert/strict';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { BrowserContext } from 'playwright-core';
import { officerIdForEmail } from '../../../models/officer';
import { launchChromiumWithProfile } from '../../helpers/browser';
import { PASSWORD, seed, startCaseFixture, type CaseFixture } from '../../helpers/cases';

const IMG_ATTACK = '<img src=x onerror="window.__pwned=1;alert(1)">';
const SCRIPT_ATTACK = '<script>window.__pwned=2;alert(2)</script>';

describe('case console (headless Chromium)', function () {
  this.timeout(60_000);
  let fixture: CaseFixture;
  let context: BrowserContext;
  let profile: string;
  let urgentCase: string;
  let hostileCase: string;

  before(async () => {
    fixture = await startCaseFixture();
    await seed(fixture, { account: 'An ordinary report about a parked van.' });
    fixture.advance(60_000);
    urgentCase = await seed(fixture, {
      urgent: true,
      account: 'Someone is leaving a bag at the station now.',
    });
    fixture.advance(60_000);
    hostileCase = await seed(fixture, {
      account: `Before ${IMG_ATTACK} after`,
      suspicious: `He wrote ${SCRIPT_ATTACK} on a wall.`,
      place: '<b>bold?</b>',
      attachments: [
        { name: '<i>photo</i>.jpg', contentType: 'image/jpeg', contentUrl: 'javascript:alert(3)' },
      ],
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
    assert.match((await page.locator('#detail-meta').textContent()) ?? '', /questionnaire version 1/);

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
      (id) => document.getElementById('detail-meta')?.textContent?.includes(`assignee ${id}`),
      officerId,
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
});
