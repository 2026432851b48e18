import { z } from 'zod';

/** Why a typed answer was refused; each maps to a re-prompt text in the locale files. */
export type InvalidReason = 'empty' | 'tooLong' | 'tooShort' | 'email' | 'phone' | 'plate';

export type Validated<T> = { ok: true; value: T } | { ok: false; reason: InvalidReason; limit?: number };

// C0/C1 control characters except tab and newline, plus bidi overrides that can disguise text.
const CONTROL_CHARACTERS = /[\u0000-\u0008\u000B-\u001F\u007F-\u009F\u202A-\u202E\u2066-\u2069]/g;

/** Trims, normalises (NFC, line endings) and removes control characters from witness text. */
export function cleanText(text: string): string {
  return text.normalize('NFC').replace(/\r\n?/g, '\n').replace(CONTROL_CHARACTERS, '').trim();
}

/** A free-text answer within its length limits; overlong text is refused, never truncated. */
export function validateText(
  text: string,
  limits: { maxLength: number; minLength?: number },
): Validated<string> {
  const value = cleanText(text);
  if (value.length === 0) return { ok: false, reason: 'empty' };
  if (value.length > limits.maxLength) return { ok: false, reason: 'tooLong', limit: limits.maxLength };
  if (limits.minLength !== undefined && value.length < limits.minLength) {
    return { ok: false, reason: 'tooShort', limit: limits.minLength };
  }
  return { ok: true, value };
}

const emailSchema = z.email().max(254);

/** An e-mail address. */
export function validateEmail(text: string): Validated<string> {
  const value = cleanText(text);
  const parsed = emailSchema.safeParse(value);
  return parsed.success ? { ok: true, value: parsed.data } : { ok: false, reason: value ? 'email' : 'empty' };
}

/** A phone number: digits with optional +, spaces, dots, dashes, slashes and brackets; 6 to 15 digits. */
export function validatePhone(text: string): Validated<string> {
  const value = cleanText(text);
  if (!/^\+?[\d\s./()-]+$/.test(value)) return { ok: false, reason: value ? 'phone' : 'empty' };
  const digits = value.replace(/\D/g, '').length;
  if (digits < 6 || digits > 15) return { ok: false, reason: 'phone' };
  return { ok: true, value: value.replace(/\s+/g, ' ') };
}

/** A number plate as typed (letters, digits, spaces, dashes, dots), upper-cased; partial plates are fine. */
export function validatePlate(text: string): Validated<string> {
  const value = cleanText(text).toUpperCase();
  if (!value) return { ok: false, reason: 'empty' };
  if (value.length > 15) return { ok: false, reason: 'tooLong', limit: 15 };
  if (!/^[\p{L}\p{N}\s.?*-]+$/u.test(value)) return { ok: false, reason: 'plate' };
  return { ok: true, value };
}

/** The web links in a text (http and https only). */
export function extractLinks(text: string): string[] {
  const links = new Set<string>();
  for (const match of text.matchAll(/https?:\/\/[^\s<>"']+/gi)) {
    try {
      const url = new URL(match[0]);
      if (url.protocol === 'http:' || url.protocol === 'https:') links.add(url.toString());
    } catch {
      // not a URL after all
    }
  }
  return [...links];
}

/** Lower-cased, accent-free, punctuation-free form of a short answer, for matching commands and choices. */
export function simplify(text: string): string {
  return (
    text
      .normalize('NFD')
      .replace(/\p{M}/gu, '')
      .toLowerCase()
      // "weiß" and "weiss" are the same word.
      .replace(/ß/g, 'ss')
      .replace(/[^\p{L}\p{N}\s]/gu, ' ')
      .replace(/\s+/g, ' ')
      .trim()
  );
}
