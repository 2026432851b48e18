import assert from 'node:assert/strict';
import {
  cleanText,
  extractLinks,
  simplify,
  validateEmail,
  validatePhone,
  validatePlate,
  validateText,
} from '../../dialogs/validators';

describe('validators', () => {
  describe('cleanText', () => {
    it('trims and removes control and bidi-override characters but keeps line breaks', () => {
      assert.equal(cleanText('  a\u0000b\u0007c\r\nd\u202Ee\t '), 'abc\nde');
    });
  });

  describe('validateText', () => {
    it('accepts text within the limits', () => {
      assert.deepEqual(validateText(' hello ', { maxLength: 10 }), { ok: true, value: 'hello' });
    });
    it('refuses overlong text instead of truncating it', () => {
      assert.deepEqual(validateText('x'.repeat(11), { maxLength: 10 }), {
        ok: false,
        reason: 'tooLong',
        limit: 10,
      });
    });
    it('refuses empty and too short text', () => {
      assert.deepEqual(validateText(' \u0000 ', { maxLength: 10 }), { ok: false, reason: 'empty' });
      assert.deepEqual(validateText('ab', { maxLength: 10, minLength: 3 }), {
        ok: false,
        reason: 'tooShort',
        limit: 3,
      });
    });
  });

  const table: [string, (text: string) => { ok: boolean }, string, boolean][] = [
    ['email', validateEmail, 'alex@example.org', true],
    ['email', validateEmail, 'alex@', false],
    ['email', validateEmail, 'not an address', false],
    ['phone', validatePhone, '+32 470 00 00 00', true],
    ['phone', validatePhone, '03/000.00.00', true],
    ['phone', validatePhone, '12345', false],
    ['phone', validatePhone, 'call me', false],
    ['plate', validatePlate, '1-abc-23?', true],
    ['plate', validatePlate, '<script>', false],
  ];
  for (const [kind, validate, input, ok] of table) {
    it(`${ok ? 'accepts' : 'refuses'} the ${kind} "${input}"`, () => {
      assert.equal(validate(input).ok, ok);
    });
  }

  it('extracts only http and https links', () => {
    assert.deepEqual(extractLinks('see https://example.org/a?b=1 and javascript:alert(1) and ftp://x'), [
      'https://example.org/a?b=1',
    ]);
  });

  it('simplifies accents, case and punctuation for matching', () => {
    assert.equal(simplify('  Français! '), 'francais');
    assert.equal(simplify('Zurück'), 'zuruck');
  });
});
