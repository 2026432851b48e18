import assert from 'node:assert/strict';
import { bearerToken } from '../../../bot/http/bearer';

describe('bearerToken', () => {
  const cases: [string, unknown, string | undefined][] = [
    ['a JWT', 'Bearer aaa.bbb.ccc', 'aaa.bbb.ccc'],
    ['the scheme in any case (RFC 7235)', 'bearer aaa.bbb.ccc', 'aaa.bbb.ccc'],
    ['more than one space before the token', 'Bearer   abc', 'abc'],
    ['token68 characters and trailing padding', 'Bearer a-b_c~d+e/f.g==', 'a-b_c~d+e/f.g=='],
    ['no header', undefined, undefined],
    ['a header that is not a string', ['Bearer abc'], undefined],
    ['another scheme', 'Basic d2l0bmVzczpzZWNyZXQ=', undefined],
    ['the scheme alone', 'Bearer', undefined],
    ['a token with a space in it', 'Bearer abc def', undefined],
    ['a token with characters outside token68', 'Bearer abc<script>', undefined],
    ['padding in the middle', 'Bearer ab=cd', undefined],
    ['a token longer than 4096 characters', `Bearer ${'a'.repeat(4097)}`, undefined],
  ];
  for (const [what, header, expected] of cases) {
    it(`${expected === undefined ? 'refuses' : 'reads'} ${what}`, () => {
      assert.equal(bearerToken(header), expected);
    });
  }
});
