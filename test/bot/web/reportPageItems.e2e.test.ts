import assert from 'node:assert/strict';
import { mkdirSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import path from 'node:path';
import { brotliDecompressSync, gunzipSync } from 'node:zlib';
import { ActivityHandler, CardFactory } from 'botbuilder';
import type { Browser, Page } from 'playwright-core';
import { startService, type RunningService } from '../../../bot/service';
import { chooseEncoding } from '../../../bot/http/webAssets';
import { messagesFor } from '../../../dialogs/locales';
import type { Database } from '../../../models/store/db';
import { launchChromium } from '../../helpers/browser';
import { openTestDatabase } from '../../helpers/database';
import { memoryLogger } from '../../helpers/logger';
import { PHOTO } from '../../helpers/photos';
import { temporaryDirectoryPerTest } from '../../helpers/tempDir';
import { testServiceConfig } from '../../helpers/serviceConfig';
import {
  assertFocusVisible,
  assertNoHorizontalOverflow,
  assertStepIsSound,
  SHOTS_DIR,
  shown,
} from '../../helpers/webPage';

const PHONE = { width: 390, height: 844 };
const DESKTOP = { width: 1280, height: 800 };

describe('the reporting page, item by item (issue 13)', function () {
  this.timeout(120_000);
  const dataDir = temporaryDirectoryPerTest('shield-page-items');
  let database: Database;
  let service: RunningService;
  let browser: Browser;
  let host: Server;
  let hostOrigin = '';
  let refusedHost: Server;
  let refusedOrigin = '';
  let bot: ActivityHandler | undefined;

  const hostPage = (locale: string) =>
    `<!doctype html><html lang="${locale}"><head><title>Gemeente</title></head><body><main><h1>Gemeente</h1></main><script src="${service.url}/embed.js" data-locale="${locale}"></script></body></html>`;
  const listen = async (server: Server) => {
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', () => resolve()));
    return `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  };

  before(async () => {
    mkdirSync(SHOTS_DIR, { recursive: true });
    database = await openTestDatabase();
    browser = await launchChromium();
    host = createServer((_request, response) => {
      response.writeHead(200, { 'Content-Type': 'text/html; charset=utf-8' });
      response.end(hostPage('nl'));
    });
    hostOrigin = await listen(host);
    refusedHost = createServer((_request, response) => {
      response.writeHead(200, { 'Content-Type': 'text/html; charset=utf-8' });
      response.end(hostPage('en'));
    });
    refusedOrigin = await listen(refusedHost);
  });
  after(async () => {
    host.close();
    refusedHost.close();
    await browser.close();
    await database.close();
  });
  beforeEach(async () => {
    const config = testServiceConfig(dataDir(), { WEBCHAT_ALLOWED_ORIGINS: hostOrigin });
    service = await startService(config, memoryLogger().logger, { database, ...(bot ? { bot } : {}) });
  });
  afterEach(async () => {
    await service.stop();
    bot = undefined;
  });

  async function open(locale: string, viewport = PHONE): Promise<Page> {
    const page = await browser.newPage({ viewport });
    await page.goto(`${service.url}/?locale=${locale}`);
    await page.locator('[data-id="webchat-sendbox-input"]').waitFor({ timeout: 20_000 });
    await page
      .getByText(/Shield Reporter/)
      .first()
      .waitFor({ timeout: 20_000 });
    return page;
  }
  async function say(page: Page, text: string, expect: RegExp): Promise<void> {
    const input = page.locator('[data-id="webchat-sendbox-input"]');
    await input.fill(text);
    await input.press('Enter');
    await page.getByText(expect).last().waitFor({ timeout: 20_000 });
  }

  it('1: wraps the category buttons on a phone, so nothing spills sideways', async () => {
    const page = await open('nl');
    const m = messagesFor('nl');
    await say(page, 'melden', shown(m.questions.urgent.prompt));
    await say(page, 'nee', shown(m.questions.category.prompt));
    await assertNoHorizontalOverflow(page, 'category question');
    const send = await page.locator('[data-id="webchat-sendbox-input"]').boundingBox();
    assert.ok(send && send.x + send.width <= PHONE.width, 'the send box is within the screen');
    await page.close();
  });

  it('2: marks an uploaded photo as sent, shows it as a picture, and still after a reload', async () => {
    const page = await open('en');
    const m = messagesFor('en');
    await say(page, 'report', shown(m.questions.urgent.prompt));
    await page.locator('#webchat input[type="file"]').setInputFiles(PHOTO);
    // Web Chat matched the echo to its pending message: its status turns from "Sending" to the time
    // (the page's time element appears only for a message Web Chat counts as sent).
    const picture = page.locator('.webchat__bubble--from-user img');
    await picture.first().waitFor({ timeout: 20_000 });
    await page
      .locator('article', { has: page.locator('.webchat__bubble--from-user img') })
      .locator('.chat__time')
      .waitFor({ timeout: 20_000 });
    assert.equal(await picture.count(), 1, 'the photo appears once (no second, empty echo bubble)');
    assert.equal(await page.getByText(/Send failed|Sending/).count(), 0);
    await page.reload();
    await page.locator('.webchat__bubble--from-user img').first().waitFor({ timeout: 20_000 });
    const loaded = await page
      .locator('.webchat__bubble--from-user img')
      .first()
      .evaluate((image: HTMLImageElement) => image.complete && image.naturalWidth > 0);
    assert.equal(loaded, true, 'the thumbnail loads after a reload');
    await page.screenshot({ path: path.join(SHOTS_DIR, 'item2-photo-after-reload-phone.png') });
    await page.close();
  });

  it('5: shows a receipt card in monospace on one line, and its copy button copies without sending', async () => {
    const seen: string[] = [];
    // A bot that answers with the receipt card shape of bot/web/README.md.
    const receiptBot = new ActivityHandler();
    receiptBot.onMessage(async (context, next) => {
      seen.push(context.activity.text ?? JSON.stringify(context.activity.value));
      await context.sendActivity({
        attachments: [
          CardFactory.adaptiveCard({
            type: 'AdaptiveCard',
            version: '1.5',
            body: [
              { type: 'TextBlock', text: 'Case number', weight: 'Bolder' },
              { type: 'TextBlock', text: 'SR-7K2QD-M4XPB', fontType: 'Monospace', size: 'Large' },
              { type: 'TextBlock', text: 'Receipt code', weight: 'Bolder' },
              { type: 'TextBlock', text: 'QY6D-AHAQ-09WD-ARZ5-SMCV', fontType: 'Monospace', size: 'Large' },
            ],
            actions: [
              {
                type: 'Action.Submit',
                title: 'Copy the receipt code',
                data: { copy: 'QY6D-AHAQ-09WD-ARZ5-SMCV' },
              },
            ],
          }),
        ],
      });
      await next();
    });
    await service.stop();
    bot = receiptBot;
    const config = testServiceConfig(dataDir());
    service = await startService(config, memoryLogger().logger, { database, bot });
    const context = await browser.newContext({ viewport: PHONE });
    await context.grantPermissions(['clipboard-read', 'clipboard-write'], { origin: service.url });
    const page = await context.newPage();
    await page.goto(`${service.url}/?locale=en`);
    const input = page.locator('[data-id="webchat-sendbox-input"]');
    await input.waitFor({ timeout: 20_000 });
    await input.fill('done');
    await input.press('Enter');
    const code = page.getByText('QY6D-AHAQ-09WD-ARZ5-SMCV');
    await code.waitFor({ timeout: 20_000 });
    const box = await code.evaluate((element) => {
      const style = getComputedStyle(element);
      return {
        font: style.fontFamily,
        height: element.getBoundingClientRect().height,
        line: parseFloat(style.lineHeight) || parseFloat(style.fontSize) * 1.4,
        select: style.userSelect,
        cut: element.scrollWidth > element.clientWidth,
      };
    });
    assert.match(box.font, /monospace|Courier/i);
    assert.ok(box.height < box.line * 1.8, `the code stays on one line (${box.height} px high)`);
    assert.equal(box.select, 'all', 'one click selects the whole code');
    assert.equal(box.cut, false, 'the whole code is shown, not cut off');
    await page.screenshot({ path: path.join(SHOTS_DIR, 'item5-receipt-card-phone.png') });
    const before = seen.length;
    await page.locator('.ac-pushButton', { hasText: 'Copy the receipt code' }).click();
    await page.locator('#page-status').getByText('Copied.').waitFor();
    assert.equal(await page.locator('.copy-note').textContent(), '\u2713 Copied.', 'shown beside the button');
    assert.equal(await page.evaluate(() => navigator.clipboard.readText()), 'QY6D-AHAQ-09WD-ARZ5-SMCV');
    assert.equal(seen.length, before, 'the copy button sends nothing to the bot');
    await context.close();
  });

  // A whole report through the real bot, typed in the witness's language, with one photo.
  const WALKS = [
    {
      locale: 'fr',
      screen: PHONE,
      screenName: 'phone',
      yes: 'oui',
      no: 'non',
      skip: 'passer',
      done: 'fini',
      when: 'hier à 16h30',
    },
    {
      locale: 'nl',
      screen: DESKTOP,
      screenName: 'desktop',
      yes: 'ja',
      no: 'nee',
      skip: 'overslaan',
      done: 'klaar',
      when: 'gisteren om 17:00',
    },
  ] as const;
  for (const walk of WALKS) {
    it(`3 and 5: counts the photo naturally, and the receipt's copy button copies both codes and says so (${walk.locale}, ${walk.screenName})`, async () => {
      const m = messagesFor(walk.locale);
      const context = await browser.newContext({ viewport: walk.screen });
      await context.grantPermissions(['clipboard-read', 'clipboard-write'], { origin: service.url });
      const page = await context.newPage();
      await page.goto(`${service.url}/?locale=${walk.locale}`);
      await page.locator('[data-id="webchat-sendbox-input"]').waitFor({ timeout: 20_000 });
      const turns: [string, string][] = [
        [m.words.report[0], m.questions.urgent.prompt],
        [walk.no, m.questions.category.prompt],
        ['2', m.questions.account.prompt],
        ['Een grijze koffer, onbeheerd.', m.questions.when.prompt],
        [walk.when, m.engine.whenConfirm('').split(':')[0]],
        [walk.yes, m.questions.ongoing.prompt],
        [walk.no, m.questions.place.prompt],
        ['Perron 3', m.questions.placeDetail.prompt],
        [walk.skip, m.loops.people.gate],
        [walk.no, m.loops.vehicles.gate],
        [walk.no, m.questions.suspicious.prompt],
        ['Niemand kwam terug.', m.questions.evidence.prompt],
      ];
      for (const [text, expect] of turns) await say(page, text, shown(expect));
      await page.locator('#webchat input[type="file"]').setInputFiles(PHOTO);
      await page
        .getByText(shown(m.engine.evidenceReceived(1, 0), 40))
        .last()
        .waitFor({ timeout: 20_000 });
      for (const [text, expect] of [
        [walk.done, m.questions.witnesses.prompt],
        [walk.skip, m.questions.anonymous.prompt],
        [walk.yes, m.questions.consent.prompt],
        [walk.yes, m.review.title],
      ] as const)
        await say(page, text, shown(expect));
      const review = page.locator('.ac-adaptiveCard').last();
      await review.getByText(m.review.evidence(1, 0)).first().waitFor();
      assert.doesNotMatch((await review.textContent()) ?? '', /\(s\)|\(en\)|\b0 /, 'no "(s)", no zero count');

      await review.locator('.ac-pushButton', { hasText: m.review.confirmButton }).click();
      const copy = page.locator('.ac-pushButton', { hasText: m.submit.copyReceipt });
      await copy.waitFor({ timeout: 20_000 });
      const blocks = await page
        .locator('.ac-adaptiveCard')
        .last()
        .locator('.ac-textBlock[style*="monospace"]')
        .allTextContents();
      const [caseNumber, code] = blocks.map((text) => text.trim().replace(/\u2011/g, '-'));
      assert.match(caseNumber, /^SR-[0-9A-Z]{5}-[0-9A-Z]{5}$/);
      assert.match(code, /^[0-9A-Z]{4}(-[0-9A-Z]{4}){4}$/);
      await page.screenshot({
        path: path.join(SHOTS_DIR, `receipt-copy-before-${walk.locale}-${walk.screenName}.png`),
      });

      // From the keyboard (the stand-in test above clicks): focus stays, visibly, on the button.
      await copy.focus();
      await page.keyboard.press('Enter');
      const note = page.locator('.copy-note');
      await note.waitFor();
      assert.equal(await note.textContent(), `\u2713 ${walk.locale === 'fr' ? 'Copié.' : 'Gekopieerd.'}`);
      assert.equal(await note.isVisible(), true, 'the witness sees that it was copied');
      assert.equal(
        await page.evaluate(() => navigator.clipboard.readText()),
        `${m.submit.caseNumberLabel}: ${caseNumber}\n${m.submit.receiptCodeLabel}: ${code}`,
      );
      await page
        .locator('#page-status')
        .getByText(walk.locale === 'fr' ? 'Copié.' : 'Gekopieerd.')
        .waitFor();
      await page.screenshot({
        path: path.join(SHOTS_DIR, `receipt-copied-${walk.locale}-${walk.screenName}.png`),
      });
      await assertStepIsSound(page, `receipt copied (${walk.locale}, ${walk.screenName})`);
      // And the same card on the other screen.
      const other = walk.screen === PHONE ? DESKTOP : PHONE;
      await page.setViewportSize(other);
      await copy.scrollIntoViewIfNeeded();
      await copy.focus();
      await page.keyboard.press('Enter');
      await note.waitFor();
      await page.screenshot({
        path: path.join(SHOTS_DIR, `receipt-copied-${walk.locale}-${other.width}.png`),
      });
      await assertStepIsSound(page, `receipt copied (${walk.locale}, ${other.width}x${other.height})`);
      await context.close();
    });
  }

  it('7: a header button mid-report switches the bot too, and a typed language name switches the page', async () => {
    const page = await open('fr', DESKTOP);
    const fr = messagesFor('fr');
    const de = messagesFor('de');
    const en = messagesFor('en');
    await say(page, 'signaler', shown(fr.questions.urgent.prompt));
    await say(page, 'non', shown(fr.questions.category.prompt));
    await page.getByRole('button', { name: 'Deutsch' }).click();
    await page.getByText(shown(de.engine.languageSwitched)).last().waitFor({ timeout: 20_000 });
    await page.getByText(shown(de.questions.category.prompt)).last().waitFor({ timeout: 20_000 });
    assert.equal(await page.getAttribute('html', 'lang'), 'de');
    assert.equal(await page.getAttribute('button[data-locale="de"]', 'aria-pressed'), 'true');
    assert.match(page.url(), /locale=de/);
    await say(page, 'English', shown(en.engine.languageSwitched));
    await page.getByText(shown(en.questions.category.prompt)).last().waitFor({ timeout: 20_000 });
    assert.equal(await page.getAttribute('html', 'lang'), 'en');
    assert.equal(await page.title(), 'Report something suspicious');
    assert.equal(await page.getAttribute('button[data-locale="en"]', 'aria-pressed'), 'true');
    await page.close();
  });

  it('8: gives a phone the chat at full height with a one-line emergency notice, and opens the review at its top', async () => {
    const page = await open('en');
    const chat = await page.locator('#webchat').boundingBox();
    const emergency = await page.locator('.emergency').boundingBox();
    const banner = await page.locator('.banner').boundingBox();
    assert.ok(chat && emergency && banner);
    assert.ok(emergency.height <= 48, `the emergency notice is compact (${emergency.height} px)`);
    assert.ok(emergency.y + emergency.height <= 120, 'and at the top, always visible');
    assert.ok(chat.height >= PHONE.height * 0.8, `the chat takes the screen (${chat.height} px)`);
    assert.ok(chat.y + chat.height <= PHONE.height + 1, 'the send box is above the fold');
    const m = messagesFor('en');
    const turns: [string, string][] = [
      ['report', m.questions.urgent.prompt],
      ['no', m.questions.category.prompt],
      ['3', m.questions.account.prompt],
      ['A van stood with its engine running.', m.questions.when.prompt],
      ['yesterday around 5pm', m.engine.whenConfirm('').split(':')[0]],
      ['yes', m.questions.ongoing.prompt],
      ['no', m.questions.place.prompt],
      ['Invented Street 1', m.questions.placeDetail.prompt],
      ['skip', m.loops.people.gate],
      ['no', m.loops.vehicles.gate],
      ['no', m.questions.suspicious.prompt],
      ['It looked odd.', m.questions.evidence.prompt],
      ['none', m.questions.witnesses.prompt],
      ['skip', m.questions.anonymous.prompt],
      ['yes', m.questions.consent.prompt],
      ['yes', m.review.title],
    ];
    for (const [text, expect] of turns) await say(page, text, shown(expect));
    const card = page.locator('.ac-adaptiveCard').last();
    await card.waitFor();
    // Web Chat's scrolling settles after the card renders: wait until the card's top stops moving.
    await page.waitForFunction(
      () => {
        const cards = document.querySelectorAll('.ac-adaptiveCard');
        const top = cards[cards.length - 1]?.getBoundingClientRect().top;
        const w = window as unknown as { lastTop?: number };
        const still = top !== undefined && w.lastTop === top;
        w.lastTop = top;
        return still;
      },
      undefined,
      { polling: 300 },
    );
    const cardBox = await card.boundingBox();
    const transcript = await page.locator('[role="log"]').first().boundingBox();
    assert.ok(cardBox && transcript);
    assert.ok(
      cardBox.y >= transcript.y - 120,
      `the review opens at its top (card top ${cardBox.y}, transcript top ${transcript.y})`,
    );
    await page.screenshot({ path: path.join(SHOTS_DIR, 'item8-review-top-phone.png') });
    await page.close();
  });

  it('9: names each review button fully, shows focus on them, and keeps the chat region named', async () => {
    const page = await open('en', DESKTOP);
    assert.equal(
      await page.getByRole('region', { name: 'Conversation with the reporting assistant' }).count(),
      1,
      'the chat region keeps its accessible name once Web Chat has rendered',
    );
    const m = messagesFor('en');
    for (const [text, expect] of [
      ['report', m.questions.urgent.prompt],
      ['no', m.questions.category.prompt],
      ['1', m.questions.account.prompt],
      ['Someone filmed the entrance.', m.questions.when.prompt],
      ['yesterday around 5pm', m.engine.whenConfirm('').split(':')[0]],
      ['yes', m.questions.ongoing.prompt],
      ['no', m.questions.place.prompt],
      ['Invented Street 1', m.questions.placeDetail.prompt],
      ['skip', m.loops.people.gate],
      ['no', m.loops.vehicles.gate],
      ['no', m.questions.suspicious.prompt],
      ['It looked odd.', m.questions.evidence.prompt],
      ['none', m.questions.witnesses.prompt],
      ['skip', m.questions.anonymous.prompt],
      ['yes', m.questions.consent.prompt],
      ['yes', m.review.title],
    ] as const)
      await say(page, text, shown(expect));
    await page.locator('.ac-adaptiveCard').last().waitFor();
    const change = page.getByRole('button', { name: `${m.review.changeButton}: ${m.review.title}` });
    assert.equal(await change.count(), 0, 'no button is named after the title');
    const names = await page
      .locator('.ac-adaptiveCard .ac-pushButton')
      .evaluateAll((buttons) =>
        buttons.map((button) => button.getAttribute('aria-label') ?? button.textContent),
      );
    assert.ok(
      names.filter((name) => name?.startsWith(`${m.review.changeButton}: `)).length >= 10,
      `the change buttons say what they change: ${names.slice(0, 3).join(' | ')}`,
    );
    const first = page.locator('.ac-adaptiveCard .ac-pushButton').nth(0);
    await first.focus();
    await assertFocusVisible(page, 'a change button');
    const outlineOffset = await first.evaluate((element) =>
      parseFloat(getComputedStyle(element).outlineOffset),
    );
    assert.ok(outlineOffset <= 0, 'the focus ring is drawn inside the button, where no overflow clips it');
    await page.locator('[data-id="webchat-sendbox-input"]').focus();
    await assertFocusVisible(page, 'the message input');
    await page.close();
  });

  it('11: sends with Enter and starts a new line with Shift+Enter', async () => {
    const page = await open('en');
    const input = page.locator('[data-id="webchat-sendbox-input"]');
    assert.equal(await input.evaluate((element) => element.tagName), 'TEXTAREA');
    await input.focus();
    await page.keyboard.type('First line');
    await page.keyboard.press('Shift+Enter');
    await page.keyboard.type('second line');
    assert.equal(await input.inputValue(), 'First line\nsecond line');
    await page.keyboard.press('Enter');
    await page.getByText('second line').last().waitFor({ timeout: 20_000 });
    assert.equal(await input.inputValue(), '');
    await page.close();
  });

  it('12: puts a clear attach button, the location choice and the iPhone advice beside the send box', async () => {
    const page = await open('nl');
    const attach = page.getByRole('button', { name: 'Foto of document toevoegen' });
    const chooser = page.waitForEvent('filechooser');
    await attach.click();
    const picked = await chooser;
    assert.equal(picked.isMultiple(), true);
    assert.equal(
      await page.locator('#webchat input[type="file"]').getAttribute('accept'),
      'image/jpeg,image/png,application/pdf',
      'only accepted types are offered, so an iPhone converts its HEIC photos to JPEG',
    );
    const location = page.getByLabel('De locatie in mijn foto’s behouden');
    assert.equal(await location.isVisible(), true);
    const attachBox = await attach.boundingBox();
    const locationBox = await location.boundingBox();
    assert.ok(attachBox && locationBox && Math.abs(locationBox.y - attachBox.y) < 80, 'side by side');
    await page.getByText('Welke bestanden? iPhone?').click();
    await page.getByText(/iPhone: wordt een foto geweigerd/).waitFor();
    await page.close();
  });

  it('13: embeds with a title bar and emergency line, full screen on a phone, and closes on Escape', async () => {
    const page = await browser.newPage({ viewport: PHONE });
    await page.goto(hostOrigin);
    const launcher = page.getByRole('button', { name: 'Meld iets verdachts' });
    await launcher.click();
    const dialog = page.getByRole('dialog', { name: 'Meld iets verdachts' });
    await dialog.getByRole('heading', { name: 'Meld iets verdachts' }).waitFor();
    const box = await dialog.boundingBox();
    assert.deepEqual(box && [box.x, box.y, box.width, box.height], [0, 0, PHONE.width, PHONE.height]);
    const frame = page.frameLocator('iframe[title="Meld iets verdachts"]');
    await frame.locator('.emergency').getByText('112').waitFor({ timeout: 20_000 });
    await frame.locator('.tools__location input').waitFor();
    await frame.locator('[data-id="webchat-sendbox-input"]').waitFor({ timeout: 20_000 });
    const inner = page.frames().find((candidate) => candidate.url().includes('embed=1'));
    assert.ok(inner);
    await assertNoHorizontalOverflow(inner, 'the embedded page');
    await page.screenshot({ path: path.join(SHOTS_DIR, 'item13-embed-phone.png') });
    await frame.locator('[data-id="webchat-sendbox-input"]').press('Escape');
    await dialog.waitFor({ state: 'hidden' });
    assert.equal(await page.evaluate(() => document.activeElement?.textContent), 'Meld iets verdachts');
    await page.close();
  });

  it('13: explains, instead of a broken frame, when the site may not embed the page', async () => {
    const page = await browser.newPage({ viewport: DESKTOP });
    await page.goto(refusedOrigin);
    await page.getByRole('button', { name: 'Report something suspicious' }).click();
    await page
      .getByRole('alert')
      .getByText(/may not show the reporting form/)
      .waitFor();
    assert.equal(await page.locator('iframe').getAttribute('src'), null, 'no frame is loaded');
    await page.screenshot({ path: path.join(SHOTS_DIR, 'item13-refused-desktop.png') });
    await page.close();
  });

  it('14: serves Web Chat compressed (brotli, gzip) and cached a year under its versioned URL', async () => {
    const html = await (await fetch(`${service.url}/`)).text();
    const src = /src="(\/webchat\/webchat\.js\?v=[0-9a-f]{12})"/.exec(html)?.[1];
    assert.ok(src, 'the page links a versioned Web Chat');
    const plain = await fetch(`${service.url}${src}`, { headers: { 'Accept-Encoding': 'identity' } });
    const plainBytes = Buffer.from(await plain.arrayBuffer());
    for (const encoding of ['br', 'gzip'] as const) {
      const response = await new Promise<{ headers: Record<string, unknown>; body: Buffer }>(
        (resolve, reject) => {
          // Node's fetch would decompress on its own; the raw bytes are read here.
          void import('node:http').then(({ get }) =>
            get(`${service.url}${src}`, { headers: { 'Accept-Encoding': encoding } }, (res) => {
              const chunks: Buffer[] = [];
              res.on('data', (chunk: Buffer) => chunks.push(chunk));
              res.on('end', () => resolve({ headers: res.headers, body: Buffer.concat(chunks) }));
            }).on('error', reject),
          );
        },
      );
      assert.equal(response.headers['content-encoding'], encoding);
      assert.match(String(response.headers['cache-control']), /max-age=31536000, immutable/);
      assert.ok(response.body.length < plainBytes.length / 3, `${encoding}: ${response.body.length} bytes`);
      const decoded = encoding === 'br' ? brotliDecompressSync(response.body) : gunzipSync(response.body);
      assert.equal(decoded.equals(plainBytes), true, `${encoding} decodes to the bundle`);
    }
    assert.equal(chooseEncoding('gzip, deflate, br'), 'br');
    assert.equal(chooseEncoding('gzip;q=1, br;q=0'), 'gzip');
    assert.equal(chooseEncoding(undefined), undefined);
    const favicon = await fetch(`${service.url}/favicon.ico`);
    assert.equal(favicon.status, 200);
    assert.match(favicon.headers.get('content-type') ?? '', /svg/);
  });

  it('14: writes times on the 24-hour clock in nl, fr and de, and keeps French guillemets on the line', async () => {
    for (const locale of ['nl', 'fr', 'de']) {
      const page = await open(locale);
      await page.locator('.chat__time').first().waitFor({ timeout: 20_000 });
      const time = await page.locator('.chat__time').first().textContent();
      assert.match(time ?? '', /^\d{2}:\d{2}$|\d{2}:\d{2}$/, `${locale}: ${time}`);
      assert.doesNotMatch(time ?? '', /AM|PM|a\.m\.|p\.m\./i);
      if (locale === 'fr') {
        const text = (await page.locator('.webchat__bubble').first().textContent()) ?? '';
        assert.match(text, /«\u202f/, 'a narrow no-break space follows «');
        assert.doesNotMatch(text, /« | »/, 'no breakable space beside a guillemet');
      }
      await page.close();
    }
  });
});
