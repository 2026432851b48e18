import assert from 'node:assert/strict';
import { InvitationCodes } from '../../../models/store/invitation';

const ALPHABET = '0123456789ABCDEFGHJKMNPQRSTVWXYZ';
const SECRET = 'an invented secret of at least thirty-two characters';

describe('InvitationCodes', () => {
  const codes = new InvitationCodes(SECRET);
  const now = new Date('2026-12-02T09:00:00Z');
  const expiresAt = new Date('2027-01-31T00:00:00Z');

  it('accepts the code it issued, typed in lower case', () => {
    const issued = codes.issue(expiresAt);
    const verified = codes.verify(issued.code.toLowerCase(), now);
    assert.deepEqual(verified, { id: issued.id, expiresAt: issued.expiresAt });
  });

  it('accepts no code with any one character changed, the last one included', () => {
    for (let round = 0; round < 20; round += 1) {
      const { code } = codes.issue(expiresAt);
      for (let position = 'SHLD-'.length; position < code.length; position += 1) {
        if (code[position] === '-') continue;
        for (const replacement of ALPHABET) {
          if (replacement === code[position]) continue;
          const altered = `${code.slice(0, position)}${replacement}${code.slice(position + 1)}`;
          const verified = codes.verify(altered, now);
          assert.equal(typeof verified, 'string', `${altered} (from ${code}) was accepted`);
        }
      }
    }
  });

  it('refuses an expired code before anything is looked up', () => {
    const { code } = codes.issue(new Date('2026-11-30T00:00:00Z'));
    assert.equal(codes.verify(code, now), 'InvitationExpired');
  });
});
