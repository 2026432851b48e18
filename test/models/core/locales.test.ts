import assert from 'node:assert/strict';
import { ALERT_LOCALES } from '../../../models/core/alerts';
import { LOCALES, isLocale } from '../../../models/core/locales';

describe('the languages (models/core/locales)', () => {
  it('are Dutch, French, German and English, in that order', () => {
    assert.deepEqual([...LOCALES], ['nl', 'fr', 'de', 'en']);
  });

  const cases: [unknown, boolean][] = [
    ['nl', true],
    ['fr', true],
    ['de', true],
    ['en', true],
    ['NL', false],
    ['nl-BE', false],
    ['es', false],
    ['', false],
    [undefined, false],
    [3, false],
  ];
  for (const [value, expected] of cases) {
    it(`${expected ? 'knows' : 'does not know'} ${JSON.stringify(value) ?? 'undefined'} as a language`, () => {
      assert.equal(isLocale(value), expected);
    });
  }

  it('are the languages an alert can be written in', () => {
    assert.deepEqual(ALERT_LOCALES, LOCALES);
  });
});
