import assert from 'node:assert/strict';
import { createServer, type Server } from 'node:http';
import { mkdir, readFile } from 'node:fs/promises';
import type { AddressInfo } from 'node:net';
import path from 'node:path';
import type { Browser } from 'playwright-core';
import { messagesFor } from '../../../../dialogs/locales';
import { alertModel } from '../../../../models/store/alert';
import { looksLikeInvitation } from '../../../../models/store/invitation';
import { launchChromium } from '../../../helpers/browser';
import { startCaseFixture, type CaseFixture } from '../../../helpers/cases';
import { PHOTO } from '../../../helpers/photos';
import {
  assertFocusVisible,
  assertNoHorizontalOverflow,
  SCREENS,
  seriousAxeViolations,
  SHOTS_DIR,
} from '../../../helpers/webPage';

const DAY_MS = 86_400_000;

interface Appeal {
  id: string;
  title: string;
  text: string;
  lang: string;
  severity: string;
  asksForSightings: boolean;
  expiresAt: string;
  photoUrl: string | null;
}

describe('public appeals on the reporting page and in the embed', function () {
  this.timeout(180_000);
  let fixture: CaseFixture;
  let liaison: string;
  let browser: Browser;
  let host: Server;
  let hostOrigin = '';
  let appealId = '';

  before(async () => {
    await mkdir(SHOTS_DIR, { recursive: true });
    host = createServer((_request, response) => {
      response.writeHead(200, { 'Content-Type': 'text/html; charset=utf-8' });
      response.end(
        `<!doctype html><html lang="nl"><head><title>Gemeente</title></head><body><main><h1>Gemeente</h1></main><script src="${fixture.service.url}/embed.js" data-locale="nl"></script></body></html>`,
      );
    });
    await new Promise<void>((resolve) => host.listen(0, '127.0.0.1', () => resolve()));
    hostOrigin = `http://127.0.0.1:${(host.address() as AddressInfo).port}`;
    fixture = await startCaseFixture({ WEBCHAT_ALLOWED_ORIGINS: hostOrigin });
    await fixture.accounts.add('liaison@police.test', 'liaison', 'correct horse battery staple');
    liaison = await fixture.login('liaison@police.test');
    browser = await launchChromium();
  });
  after(async () => {
    await browser?.close();
    await fixture?.close();
    host?.close();
  });

  const alertBody = (overrides: Record<string, unknown> = {}) => ({
    title: { nl: 'Zwarte drone boven het Schoolplein', en: 'Black drone over the school yard' },
    text: {
      nl: 'Gisteren rond 17 uur vloog een zwarte drone laag boven scholen in Antwerpen.',
      en: 'Yesterday around 5 pm a black drone flew low over schools in Antwerp.',
    },
    originalLocale: 'nl',
    severity: 'warning',
    sectors: 'all',
    areas: 'all',
    expiresAt: new Date(fixture.now().getTime() + 2 * DAY_MS).toISOString(),
    asksForSightings: true,
    public: true,
    ...overrides,
  });

  async function appeals(lang: string): Promise<Appeal[]> {
    const answer = await fixture.call('GET', `/api/public/alerts?lang=${lang}`);
    assert.equal(answer.status, 200);
    return (answer.body as { alerts: Appeal[] }).alerts;
  }

  describe('GET /api/public/alerts', () => {
    it('lists public, active alerts only, in the language asked or the original, without personal data', async () => {
      const internal = await fixture.call('POST', '/api/alerts', liaison, alertBody({ public: false }));
      assert.equal(internal.status, 201);
      const created = await fixture.call('POST', '/api/alerts', liaison, alertBody());
      assert.equal(created.status, 201);
      appealId = (created.body as { alert: { id: string } }).alert.id;
      const english = await appeals('en');
      assert.deepEqual(
        english.map((appeal) => appeal.id),
        [appealId],
        'the internal alert is not public',
      );
      assert.deepEqual(Object.keys(english[0] ?? {}).sort(), [
        'asksForSightings',
        'expiresAt',
        'id',
        'lang',
        'photoUrl',
        'severity',
        'text',
        'title',
      ]);
      assert.equal(english[0]?.title, 'Black drone over the school yard');
      const french = await appeals('fr');
      assert.equal(
        french[0]?.title,
        'Zwarte drone boven het Schoolplein',
        'the original where French is missing',
      );
      assert.equal(french[0]?.lang, 'nl');
    });

    it('refuses an unknown language or parameter, naming it', async () => {
      const bad = await fixture.call('GET', '/api/public/alerts?lang=xx');
      assert.equal(bad.status, 400);
      assert.match((bad.body as { message: string }).message, /lang/);
      const extra = await fixture.call('GET', '/api/public/alerts?lang=en&admin=1');
      assert.equal(extra.status, 400);
    });

    it('is answered from memory: a second alert from another instance appears only after the cache time', async () => {
      // Written to the database directly, as another instance would: this instance's cache does not know it.
      const other = await alertModel(fixture.database.connection).create({
        title: { en: 'Another appeal' },
        text: { en: 'Written by another instance.' },
        originalLocale: 'en',
        severity: 'information',
        sectors: [],
        areas: [],
        expiresAt: new Date(fixture.now().getTime() + DAY_MS),
        asksForSightings: false,
        public: true,
        state: 'active',
        version: 1,
        createdBy: 'another-instance',
      });
      for (let load = 0; load < 50; load += 1) {
        assert.ok(!(await appeals('en')).some((appeal) => appeal.id === other._id.toHexString()));
      }
      fixture.advance(31_000);
      assert.ok((await appeals('en')).some((appeal) => appeal.id === other._id.toHexString()));
      await alertModel(fixture.database.connection).deleteOne({ _id: other._id });
      fixture.advance(31_000);
    });

    it('drops a withdrawn alert at once, and an expired one at its expiry', async () => {
      const created = await fixture.call(
        'POST',
        '/api/alerts',
        liaison,
        alertBody({ expiresAt: new Date(fixture.now().getTime() + 60_000).toISOString() }),
      );
      const shortId = (created.body as { alert: { id: string } }).alert.id;
      assert.ok((await appeals('en')).some((appeal) => appeal.id === shortId));
      fixture.advance(61_000);
      assert.ok(!(await appeals('en')).some((appeal) => appeal.id === shortId), 'expired');
      const withdrawnOne = await fixture.call('POST', '/api/alerts', liaison, alertBody());
      const withdrawnId = (withdrawnOne.body as { alert: { id: string } }).alert.id;
      assert.ok((await appeals('en')).some((appeal) => appeal.id === withdrawnId));
      const withdrawn = await fixture.call('POST', `/api/alerts/${withdrawnId}/withdraw`, liaison, {});
      assert.equal(withdrawn.status, 200);
      assert.ok(!(await appeals('en')).some((appeal) => appeal.id === withdrawnId), 'withdrawn');
    });
  });

  describe('the page', () => {
    before(async () => {
      // The appeal has the police's photo (the upload's own refusals are tested in alertPhoto.test.ts).
      const form = new FormData();
      form.append('photo', new Blob([new Uint8Array(await readFile(PHOTO))]), 'photo.jpg');
      const attached = await fetch(`${fixture.service.url}/api/alerts/${appealId}/photo`, {
        method: 'PUT',
        headers: { authorization: `Bearer ${liaison}` },
        body: form,
      });
      assert.equal(attached.status, 200);
    });

    it('shows the appeal and starts the report linked to it from "Report something related"', async () => {
      const page = await browser.newPage();
      await page.goto(`${fixture.service.url}/?locale=en`);
      const appeal = page.locator(`#appeals article[data-alert="${appealId}"]`);
      await appeal.waitFor();
      assert.match(await appeal.innerText(), /The police are looking for witnesses of:/);
      assert.match(await appeal.innerText(), /Black drone over the school yard/);
      await page.getByText('Welcome to Shield Reporter').first().waitFor({ timeout: 20_000 });
      await appeal.getByRole('button', { name: 'Report something related' }).click();
      await page
        .getByText(/You are reporting something related to the alert "Black drone over the school yard"/)
        .first()
        .waitFor({ timeout: 20_000 });
      await page
        .getByText(/First: is someone in danger/)
        .first()
        .waitFor({ timeout: 20_000 });
      // The open report carries the alert (saved with the report at submission, as in Teams).
      const states = await fixture.database.connection.collection('botState').find({}).toArray();
      assert.ok(
        states.some((state) => {
          const json = JSON.stringify(state);
          return json.includes('relatedAlertId') && json.includes(appealId);
        }),
        'the report dialog holds the alert id',
      );
      await page.close();
    });

    it('follows the page language', async () => {
      const page = await browser.newPage();
      await page.goto(`${fixture.service.url}/?locale=nl`);
      const appeal = page.locator(`#appeals article[data-alert="${appealId}"]`);
      await appeal.waitFor();
      assert.match(await appeal.innerText(), /De politie zoekt getuigen van:/);
      assert.match(await appeal.innerText(), /Zwarte drone boven het Schoolplein/);
      await page.click('.languages button[data-locale="de"]');
      await page.waitForFunction(() =>
        document.getElementById('appeals')?.textContent?.includes('Die Polizei sucht Zeugen zu:'),
      );
      await page.close();
    });

    it('shows in the embed panel on another site', async () => {
      const page = await browser.newPage({ viewport: { width: 390, height: 844 } });
      await page.goto(hostOrigin);
      await page.getByRole('button', { name: 'Meld iets verdachts' }).click();
      const frame = page.frameLocator('iframe');
      await frame.locator(`#appeals article[data-alert="${appealId}"]`).waitFor({ timeout: 20_000 });
      assert.match(await frame.locator('#appeals').innerText(), /De politie zoekt getuigen van:/);
      await frame.locator('[data-id="webchat-sendbox-input"]').waitFor({ timeout: 20_000 });
      await page.screenshot({ path: path.join(SHOTS_DIR, 'appeal-embed-phone-nl.png') });
      await page.close();
    });

    for (const screen of SCREENS) {
      for (const lang of ['en', 'fr']) {
        it(`is accessible, does not overflow and shows focus on the ${screen.name} in ${lang}`, async () => {
          const page = await browser.newPage({ viewport: { width: screen.width, height: screen.height } });
          await page.goto(`${fixture.service.url}/?locale=${lang}`);
          await page.locator(`#appeals article[data-alert="${appealId}"]`).waitFor();
          await page.locator('[data-id="webchat-sendbox-input"]').waitFor({ timeout: 20_000 });
          await page.locator('#appeals summary').first().click();
          // The photo has loaded (through its signed link), its alternative text the appeal's title.
          const photo = page.locator(`#appeals article[data-alert="${appealId}"] img.appeal__photo`);
          await page.waitForFunction(
            (id) =>
              document.querySelector<HTMLImageElement>(`#appeals article[data-alert="${id}"] img`)
                ?.naturalWidth === 320,
            appealId,
          );
          assert.equal(
            await photo.getAttribute('alt'),
            lang === 'en' ? 'Black drone over the school yard' : 'Zwarte drone boven het Schoolplein',
          );
          await assertNoHorizontalOverflow(page, 'appeal');
          assert.deepEqual(await seriousAxeViolations(page, ['#appeals', 'header', '.emergency']), []);
          await page.locator('#appeals summary').first().focus();
          await page.keyboard.press('Tab');
          await assertFocusVisible(page, 'appeal button');
          await page.screenshot({ path: path.join(SHOTS_DIR, `appeal-${screen.name}-${lang}.png`) });
          await page.close();
        });
      }
    }
  });

  describe('Teams: a tenant that is not registered', () => {
    for (const locale of ['nl', 'fr', 'de', 'en'] as const) {
      it(`is told in ${locale} to type its invitation code, in the form the bot recognises`, () => {
        const text = messagesFor(locale).teams.unknownTenant;
        assert.match(text, /SHLD-/);
        assert.ok(looksLikeInvitation('SHLD-ABCD-EFGH-JKMN-PQRS-TVWX'), 'the prefix named is the one taken');
      });
    }
  });
});
