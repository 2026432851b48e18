import assert from 'node:assert/strict';
import JSZip from 'jszip';
import { negotiateLanguage } from '../../../bot/witness/legalPages';
import { startService, type RunningService } from '../../../bot/service';
import { buildAppPackage, buildPoliceAppPackage } from '../../../manifest/package';
import type { Database } from '../../../models/store/db';
import { Settings } from '../../../models/store/setting';
import { openTestDatabase } from '../../helpers/database';
import { memoryLogger } from '../../helpers/logger';
import { testServiceConfig } from '../../helpers/serviceConfig';
import { temporaryDirectoryPerTest } from '../../helpers/tempDir';

/** Words each language's privacy notice must carry, beside the retention period (what, how long, who). */
const PRIVACY_WORDS = {
  nl: ['Wat bewaard wordt', '45 dagen nadat het dossier is afgesloten', 'na 6 uur', 'Wie het ziet'],
  fr: ['Ce qui est conservé', '45 jours après la clôture', 'après 6 heures', 'Qui le voit'],
  de: ['Was gespeichert wird', '45 Tage nach dem Abschluss', 'nach 6 Stunden', 'Wer es sieht'],
  en: ['What is stored', '45 days after its case is closed', 'after 6 hours', 'Who sees it'],
} as const;
const TERMS_WORDS = {
  nl: ['gebruiksvoorwaarden', 'Niet voor noodgevallen', '112'],
  fr: ['conditions d’utilisation', 'Pas pour les urgences', '112'],
  de: ['Nutzungsbedingungen', 'Nicht für Notfälle', '112'],
  en: ['terms of use', 'Not for emergencies', '112'],
} as const;

describe('Privacy notice and terms of use pages', () => {
  const dataDir = temporaryDirectoryPerTest('shield-legal');
  let database: Database;
  let service: RunningService;
  before(async () => {
    database = await openTestDatabase();
  });
  after(async () => {
    await database.close();
  });
  beforeEach(async () => {
    const config = testServiceConfig(dataDir(), { RETENTION_DAYS: '45', DRAFT_TTL_HOURS: '6' });
    service = await startService(config, memoryLogger().logger, { database });
  });
  afterEach(async () => {
    await service.stop();
    await database.connection.collection('settings').deleteMany({});
  });

  async function get(path: string, headers: Record<string, string> = {}) {
    const response = await fetch(`${service.url}${path}`, { headers });
    return { response, body: await response.text() };
  }

  for (const [language, words] of Object.entries(PRIVACY_WORDS)) {
    it(`answers /privacy/${language} in ${language}: what is stored, the configured periods, who sees it`, async () => {
      const { response, body } = await get(`/privacy/${language}`);
      assert.equal(response.status, 200);
      assert.equal(response.headers.get('content-type'), 'text/html; charset=utf-8');
      assert.equal(response.headers.get('content-language'), language);
      assert.match(body, new RegExp(`<html lang="${language}">`));
      for (const word of words) assert.ok(body.includes(word), `the ${language} notice says "${word}"`);
      assert.doesNotMatch(body, /<script/i, 'plain HTML, nothing runs');
    });
  }

  for (const [language, words] of Object.entries(TERMS_WORDS)) {
    it(`answers /terms/${language} in ${language}, linking to the privacy notice`, async () => {
      const { response, body } = await get(`/terms/${language}`);
      assert.equal(response.status, 200);
      assert.match(body, new RegExp(`<html lang="${language}">`));
      for (const word of words) assert.ok(body.includes(word), `the ${language} terms say "${word}"`);
      assert.ok(body.includes(`href="/privacy/${language}"`));
      assert.doesNotMatch(body, /<script/i);
    });
  }

  it('states the retention period an administrator set, not only the configured one', async () => {
    await new Settings(database.connection).write('retentionDays', 120, 'admin-test');
    const { body } = await get('/privacy/en');
    assert.ok(body.includes('120 days after its case is closed'), 'the period in force is stated');
    assert.ok(!body.includes('45 days'), 'the configured default no longer is');
  });

  it("answers /privacy and /terms in the browser's language, English when none of the four is asked", async () => {
    const dutch = await get('/privacy', { 'accept-language': 'nl-BE,nl;q=0.9,en;q=0.5' });
    assert.equal(dutch.response.status, 200);
    assert.match(dutch.body, /<html lang="nl">/);
    assert.equal(dutch.response.headers.get('vary'), 'Accept-Language');
    const german = await get('/terms', { 'accept-language': 'es, de;q=0.8' });
    assert.match(german.body, /<html lang="de">/);
    const other = await get('/privacy', { 'accept-language': 'es-ES' });
    assert.match(other.body, /<html lang="en">/);
  });

  it('sends the same security headers and Content-Security-Policy as the reporting page', async () => {
    const reporting = await get('/');
    const privacy = await get('/privacy/fr');
    const policy = reporting.response.headers.get('content-security-policy');
    assert.ok(policy?.includes("script-src 'self'"));
    assert.equal(privacy.response.headers.get('content-security-policy'), policy);
    for (const header of ['x-content-type-options', 'strict-transport-security', 'referrer-policy']) {
      assert.ok(privacy.response.headers.get(header), `${header} is set`);
      assert.equal(privacy.response.headers.get(header), reporting.response.headers.get(header));
    }
  });

  it('answers the privacy and terms links of both Teams packages with 200', async () => {
    const host = new URL(service.url).host;
    const values = { appId: '8d3c1f7e-2b4a-4c6d-9e8f-0a1b2c3d4e5f', publicHost: host, version: '0.1.0' };
    for (const build of [buildAppPackage, buildPoliceAppPackage]) {
      const zip = await JSZip.loadAsync(await build(values));
      const manifest = JSON.parse(await zip.file('manifest.json')!.async('string')) as {
        developer: { privacyUrl: string; termsOfUseUrl: string };
      };
      for (const link of [manifest.developer.privacyUrl, manifest.developer.termsOfUseUrl]) {
        // The manifest says https (Teams requires it); the test service listens on plain HTTP.
        const url = new URL(link);
        assert.equal(url.protocol, 'https:');
        const { response, body } = await get(url.pathname, { 'accept-language': 'fr-BE' });
        assert.equal(response.status, 200, `${url.pathname} answers`);
        assert.match(body, /<html lang="fr">/);
      }
    }
  });

  it('answers a language it does not have with 404', async () => {
    const { response } = await get('/privacy/es');
    assert.equal(response.status, 404);
  });
});

describe('negotiateLanguage', () => {
  const cases: [string | undefined, string][] = [
    [undefined, 'en'],
    ['', 'en'],
    ['fr-FR', 'fr'],
    ['en;q=0.2, de-AT;q=0.9', 'de'],
    ['nl;q=0, fr;q=0.1', 'fr'],
    ['*', 'en'],
  ];
  for (const [header, language] of cases) {
    it(`takes ${language} for Accept-Language ${JSON.stringify(header)}`, () => {
      assert.equal(negotiateLanguage(header), language);
    });
  }
});
