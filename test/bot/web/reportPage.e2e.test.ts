import assert from 'node:assert/strict';
import { mkdirSync } from 'node:fs';
import path from 'node:path';
import type { Browser } from 'playwright-core';
import { startService, type RunningService } from '../../../bot/service';
import { messagesFor, type Locale } from '../../../dialogs/locales';
import type { Database } from '../../../models/store/db';
import { reportModel, type Report } from '../../../models/store/report';
import { launchChromium } from '../../helpers/browser';
import { openTestDatabase } from '../../helpers/database';
import { memoryLogger } from '../../helpers/logger';
import { temporaryDirectoryPerTest } from '../../helpers/tempDir';
import { assertStepIsSound, SCREENS, SHOTS_DIR, shown } from '../../helpers/webPage';
import { testServiceConfig } from '../../helpers/serviceConfig';

// The words a witness types in each language (the dialog's own tests cover their meaning).
const LANGUAGES: {
  locale: Locale;
  yes: string;
  no: string;
  skip: string;
  none: string;
  when: string;
  account: string;
}[] = [
  {
    locale: 'nl',
    yes: 'ja',
    no: 'nee',
    skip: 'overslaan',
    none: 'geen',
    when: 'gisteren rond 17u',
    account: 'Een bestelwagen stond een uur met draaiende motor voor de ingang.',
  },
  {
    locale: 'fr',
    yes: 'oui',
    no: 'non',
    skip: 'passer',
    none: 'aucun',
    when: 'hier vers 17h',
    account: 'Une camionnette est restée une heure moteur allumé devant l’entrée.',
  },
  {
    locale: 'de',
    yes: 'ja',
    no: 'nein',
    skip: 'überspringen',
    none: 'keine',
    when: 'gestern gegen 17 Uhr',
    account: 'Ein Lieferwagen stand eine Stunde mit laufendem Motor vor dem Eingang.',
  },
  {
    locale: 'en',
    yes: 'yes',
    no: 'no',
    skip: 'skip',
    none: 'none',
    when: 'yesterday around 5pm',
    account: 'A van stood for an hour with its engine running in front of the entrance.',
  },
];

describe('the reporting page, walked through a whole report in each language on a phone and a laptop', function () {
  this.timeout(240_000);
  const dataDir = temporaryDirectoryPerTest('shield-page');
  let database: Database;
  let service: RunningService;
  let browser: Browser;

  before(async () => {
    mkdirSync(SHOTS_DIR, { recursive: true });
    database = await openTestDatabase();
    browser = await launchChromium();
  });
  after(async () => {
    await browser.close();
    await database.close();
  });
  beforeEach(async () => {
    const config = testServiceConfig(dataDir());
    service = await startService(config, memoryLogger().logger, { database });
  });
  afterEach(async () => {
    await service.stop();
  });

  for (const screen of SCREENS) {
    for (const language of LANGUAGES) {
      it(`takes a report in ${language.locale} at ${screen.width}x${screen.height}: never wider than the screen, focus always visible, no serious axe-core violation`, async () => {
        const m = messagesFor(language.locale);
        const page = await browser.newPage({ viewport: { width: screen.width, height: screen.height } });
        const shot = (name: string) =>
          page.screenshot({
            path: path.join(SHOTS_DIR, `walk-${language.locale}-${screen.name}-${name}.png`),
          });
        await page.goto(`${service.url}/?locale=${language.locale}`);
        await page.getByText(shown(m.welcome.greeting)).first().waitFor({ timeout: 20_000 });
        const input = page.locator('[data-id="webchat-sendbox-input"]');
        await input.focus();
        await assertStepIsSound(page, 'welcome');

        const turns: [say: string, expect: string][] = [
          ['hallo', m.questions.urgent.prompt],
          [language.no, m.questions.category.prompt],
          ['3', m.questions.account.prompt],
          [language.account, m.questions.when.prompt],
          [language.when, m.engine.whenConfirm('').split(':')[0]],
          [language.yes, m.questions.ongoing.prompt],
          [language.no, m.questions.place.prompt],
          ['Grote Markt 1', m.questions.placeDetail.prompt],
          [language.skip, m.loops.people.gate],
          [language.no, m.loops.vehicles.gate],
          [language.no, m.questions.suspicious.prompt],
          ['De bestuurder filmde de ingang.', m.questions.evidence.prompt],
          [language.none, m.questions.witnesses.prompt],
          [language.skip, m.questions.anonymous.prompt],
          [language.yes, m.questions.consent.prompt],
          [language.yes, m.review.title],
        ];
        for (const [index, [say, expect]] of turns.entries()) {
          await input.fill(say);
          await input.press('Enter');
          await page.getByText(shown(expect)).last().waitFor({ timeout: 20_000 });
          // Web Chat keeps the cursor in its send box: the keyboard user can answer at once.
          await input.focus();
          await assertStepIsSound(page, `${language.locale} ${screen.name}, after "${say}"`, 'changed');
          if (index === 1) await shot('category');
        }
        await page.locator('.ac-adaptiveCard').last().waitFor();
        await shot('review');
        // The keyboard way to the card's main button: one stop before the 21 "Change" buttons.
        const jump = page.locator('.card-jump').last();
        await jump.focus();
        await assertStepIsSound(page, `${language.locale} ${screen.name}, review`);
        await page.keyboard.press('Enter');
        const send = page.locator('.ac-pushButton.style-positive').last();
        assert.equal(
          await send.evaluate((element) => element === document.activeElement),
          true,
          'the jump button puts the focus on "Send report"',
        );
        await assertStepIsSound(page, `${language.locale} ${screen.name}, on "${m.review.confirmButton}"`);
        await page.keyboard.press('Enter');
        await page.getByText(shown(m.submit.saved)).last().waitFor({ timeout: 20_000 });
        await input.focus();
        await assertStepIsSound(page, `${language.locale} ${screen.name}, receipt`);
        await shot('receipt');
        const stored = await reportModel(database.connection)
          .findOne({ locale: language.locale, 'answers.account': language.account })
          .sort({ submittedAt: -1 })
          .lean<Report>();
        assert.ok(stored, 'the report is stored');
        assert.equal(stored.answers.category, 'vehicle');
        await page.close();
      });
    }
  }
});
