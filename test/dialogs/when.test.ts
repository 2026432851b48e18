import assert from 'node:assert/strict';
import type { Locale } from '../../dialogs/locales';
import { describeWhen, normaliseWhen, parseWhen } from '../../dialogs/when';

// Sunday 22 November 2026, 13:00 in Brussels (UTC+1 in winter).
const NOW = new Date('2026-11-22T12:00:00Z');
const ZONE = 'Europe/Brussels';

describe('parseWhen', () => {
  const understood: [Locale, string, string, boolean][] = [
    ['nl', 'gisteren rond 17u', '2026-11-21T16:00:00.000Z', true],
    ['fr', 'hier vers 17h', '2026-11-21T16:00:00.000Z', true],
    ['de', 'gestern gegen 17 Uhr', '2026-11-21T16:00:00.000Z', true],
    ['en', 'yesterday around 5pm', '2026-11-21T16:00:00.000Z', true],
    ['nl', 'gisteren om 17u30', '2026-11-21T16:30:00.000Z', false],
    ['fr', 'hier à 17h30', '2026-11-21T16:30:00.000Z', false],
    ['nl', '21/11 om 17:00', '2026-11-21T16:00:00.000Z', false],
    ['fr', 'samedi dernier à 16h30', '2026-11-21T15:30:00.000Z', false],
    ['de', 'vorgestern um 9 Uhr', '2026-11-20T08:00:00.000Z', false],
    ['en', 'today at 9:00', '2026-11-22T08:00:00.000Z', false],
    // Summer time: 17:00 in Brussels in July is 15:00 UTC.
    ['de', 'am 1. Juli um 17 Uhr', '2026-07-01T15:00:00.000Z', false],
    // Another of the four languages than the conversation's.
    ['en', 'gisteren rond 17u', '2026-11-21T16:00:00.000Z', true],
  ];
  for (const [locale, text, start, approximate] of understood) {
    it(`understands "${text}" (${locale}) in the configured zone`, () => {
      const result = parseWhen(text, locale, NOW, ZONE);
      assert.ok(result.ok, `"${text}" was not understood`);
      assert.equal(result.value.start, start);
      assert.equal(result.value.approximate, approximate);
      assert.equal(result.value.precision, 'minute');
    });
  }

  // Counted back from 13:00 in Brussels (12:00 UTC).
  const relative: [Locale, string, string, boolean][] = [
    ['fr', 'il y a environ une demi-heure', '2026-11-22T11:30:00.000Z', true],
    ['fr', 'il y a un quart d’heure', '2026-11-22T11:45:00.000Z', false],
    ['fr', 'il y a 2 heures', '2026-11-22T10:00:00.000Z', false],
    ['nl', 'een half uur geleden', '2026-11-22T11:30:00.000Z', false],
    ['nl', 'ongeveer een kwartier geleden', '2026-11-22T11:45:00.000Z', true],
    ['nl', '2 uur geleden', '2026-11-22T10:00:00.000Z', false],
    ['de', 'vor etwa einer halben Stunde', '2026-11-22T11:30:00.000Z', true],
    ['de', 'vor einer Viertelstunde', '2026-11-22T11:45:00.000Z', false],
    ['de', 'vor 2 Stunden', '2026-11-22T10:00:00.000Z', false],
    ['en', 'about half an hour ago', '2026-11-22T11:30:00.000Z', true],
    ['en', 'a quarter of an hour ago', '2026-11-22T11:45:00.000Z', false],
    ['en', '2 hours ago', '2026-11-22T10:00:00.000Z', false],
  ];
  for (const [locale, text, start, approximate] of relative) {
    it(`understands the time counted back "${text}" (${locale})`, () => {
      const result = parseWhen(text, locale, NOW, ZONE);
      assert.ok(result.ok, `"${text}" was not understood`);
      assert.equal(result.value.start, start);
      assert.equal(result.value.approximate, approximate, 'an approximator makes it approximate');
      assert.equal(result.value.precision, 'minute');
    });
  }

  it('keeps a time span as start and end', () => {
    const result = parseWhen('vandaag van 9u tot 10u', 'nl', NOW, ZONE);
    assert.ok(result.ok);
    assert.equal(result.value.start, '2026-11-22T08:00:00.000Z');
    assert.equal(result.value.end, '2026-11-22T09:00:00.000Z');
  });

  it('accepts a day without a time as day precision', () => {
    const result = parseWhen('yesterday', 'en', NOW, ZONE);
    assert.ok(result.ok);
    assert.equal(result.value.precision, 'day');
  });

  it('refuses a time in the future', () => {
    assert.deepEqual(parseWhen('tomorrow at 3pm', 'en', NOW, ZONE), { ok: false, reason: 'future' });
    assert.deepEqual(parseWhen('morgen om 15u', 'nl', NOW, ZONE), { ok: false, reason: 'future' });
    assert.deepEqual(parseWhen('today at 18:00', 'en', NOW, ZONE), { ok: false, reason: 'future' });
  });

  it('says when it finds no date or time', () => {
    assert.deepEqual(parseWhen('no idea, sorry', 'en', NOW, ZONE), { ok: false, reason: 'unrecognised' });
    assert.deepEqual(parseWhen('', 'fr', NOW, ZONE), { ok: false, reason: 'unrecognised' });
  });
});

describe('normaliseWhen', () => {
  const cases: [Locale, string, string][] = [
    ['nl', 'gisteren rond 17u', 'gisteren om 17:00'],
    ['nl', 'om ongeveer 17u30', 'om 17:30'],
    ['fr', 'hier vers 17h', 'hier à 17:00'],
    ['de', 'gestern gegen 17 Uhr', 'gestern um 17 uhr'],
    ['en', 'Yesterday at around 5pm', 'yesterday at 5pm'],
    ['fr', 'il y a environ une demi-heure', 'il y a 30 minutes'],
    ['nl', 'een half uur geleden', '30 minuten geleden'],
    ['de', 'vor etwa einer halben Stunde', 'vor 30 minuten'],
    ['en', 'about half an hour ago', '30 minutes ago'],
  ];
  for (const [locale, input, output] of cases) {
    it(`rewrites "${input}" as "${output}"`, () => {
      assert.equal(normaliseWhen(input, locale).text, output);
    });
  }
});

describe('describeWhen', () => {
  const words = { around: 'rond', timeUnknown: 'uur onbekend' };
  it('says the time back in the witness language and zone', () => {
    assert.equal(
      describeWhen(
        { start: '2026-11-21T16:00:00.000Z', precision: 'minute', approximate: true },
        'nl',
        ZONE,
        words,
      ),
      'zaterdag 21 november 2026, rond 17:00',
    );
    assert.equal(
      describeWhen(
        { start: '2026-11-21T11:00:00.000Z', precision: 'day', approximate: false },
        'nl',
        ZONE,
        words,
      ),
      'zaterdag 21 november 2026 (uur onbekend)',
    );
  });
});
