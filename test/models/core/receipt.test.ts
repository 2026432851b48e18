import assert from 'node:assert/strict';
import {
  hashReceiptCode,
  newReceiptCode,
  normaliseReceiptCode,
  verifyReceiptCode,
} from '../../../models/core/receipt';

describe('receipt codes', () => {
  it('are 20 unambiguous characters in groups of four, different every time', () => {
    const codes = new Set(Array.from({ length: 200 }, () => newReceiptCode()));
    assert.equal(codes.size, 200);
    for (const code of codes) assert.match(code, /^[0-9A-HJKMNP-TV-Z]{4}(-[0-9A-HJKMNP-TV-Z]{4}){4}$/);
  });

  it('are stored as a salted scrypt hash that verifies the code and nothing else', async () => {
    const code = newReceiptCode();
    const hash = await hashReceiptCode(code);
    assert.match(hash, /^scrypt\$32768\$8\$1\$/);
    assert.ok(!hash.includes(code.replace(/-/g, '')));
    assert.notEqual(await hashReceiptCode(code), hash, 'a fresh salt each time');
    assert.equal(await verifyReceiptCode(code, hash), true);
    assert.equal(
      await verifyReceiptCode(code.toLowerCase().replace(/-/g, ' '), hash),
      true,
      'case and separators do not matter',
    );
    assert.equal(await verifyReceiptCode(newReceiptCode(), hash), false);
    assert.equal(await verifyReceiptCode(code, 'md5$abc'), false);
  });

  it('read the letters the alphabet leaves out as what they are mistaken for: O as 0, I and L as 1', () => {
    assert.equal(normaliseReceiptCode('o1il-LOAB'), '01111' + '0AB');
    assert.equal(normaliseReceiptCode('ab12 cd34–ef56\u2011gh78'), 'AB12CD34EF56GH78');
  });
});
