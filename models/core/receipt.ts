import { randomBytes, scrypt, timingSafeEqual, type ScryptOptions } from 'node:crypto';

// Crockford's base32: no I, L, O or U, so a code read aloud or retyped is not misread.
const ALPHABET = '0123456789ABCDEFGHJKMNPQRSTVWXYZ';

// scrypt is memory-hard and built into Node; N=2^15, r=8 costs about 32 MiB and some tens of ms per hash.
const PARAMETERS = { N: 2 ** 15, r: 8, p: 1 } as const;
const KEY_LENGTH = 32;

function scryptAsync(secret: string, salt: Buffer, options: ScryptOptions): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    scrypt(secret, salt, KEY_LENGTH, { ...options, maxmem: 64 * 1024 * 1024 }, (error, key) =>
      error ? reject(error) : resolve(key),
    );
  });
}

/**
 * A code as retyped, in the alphabet's own form: case, spaces and dashes do not count, and the letters the
 * alphabet leaves out are read as what they are mistaken for (O as 0, I and L as 1), as Crockford decodes.
 */
export function normaliseReceiptCode(code: string): string {
  return normaliseCrockford(code.toUpperCase().replace(/[^0-9A-Z]/g, ''));
}

/** Reads the letters Crockford's base32 excludes as the digits they are mistaken for (O→0, I/L→1). */
export function normaliseCrockford(upperCase: string): string {
  return upperCase.replace(/O/g, '0').replace(/[IL]/g, '1');
}

/** A new receipt code: 20 base32 characters (100 bits of randomness), shown in groups of four. */
export function newReceiptCode(): string {
  const bytes = randomBytes(20);
  const characters = [...bytes].map((byte) => ALPHABET[byte % 32]);
  return characters.join('').match(/.{4}/g)?.join('-') ?? '';
}

/** The slow, salted hash stored instead of the code. */
export async function hashReceiptCode(code: string): Promise<string> {
  const salt = randomBytes(16);
  const key = await scryptAsync(normaliseReceiptCode(code), salt, PARAMETERS);
  return `scrypt$${PARAMETERS.N}$${PARAMETERS.r}$${PARAMETERS.p}$${salt.toString('base64')}$${key.toString('base64')}`;
}

/** Whether a code matches a stored hash (constant-time comparison). */
export async function verifyReceiptCode(code: string, stored: string): Promise<boolean> {
  const [scheme, n, r, p, salt, key] = stored.split('$');
  if (scheme !== 'scrypt' || !salt || !key) return false;
  const expected = Buffer.from(key, 'base64');
  const actual = await scryptAsync(normaliseReceiptCode(code), Buffer.from(salt, 'base64'), {
    N: Number(n),
    r: Number(r),
    p: Number(p),
  });
  return actual.length === expected.length && timingSafeEqual(actual, expected);
}
