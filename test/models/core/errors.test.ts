import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import {
  ERROR_CATALOGUE,
  FAILURE_CATALOGUE,
  ServiceError,
  errorDefinition,
  isErrorCode,
} from '../../../models/core/errors';

const ROOT = path.resolve(__dirname, '../../../..');

/** Every TypeScript source of the service (not tests), as text. */
function serviceSources(): string {
  const texts: string[] = [];
  const walk = (directory: string) => {
    for (const entry of readdirSync(directory, { withFileTypes: true })) {
      const full = path.join(directory, entry.name);
      if (entry.isDirectory()) walk(full);
      else if (entry.name.endsWith('.ts')) texts.push(readFileSync(full, 'utf8'));
    }
  };
  for (const folder of ['bot', 'dialogs', 'models']) walk(path.join(ROOT, folder));
  return texts.join('\n');
}

// restify answers these itself (no such route, method not allowed); our code never names them.
const ANSWERED_BY_RESTIFY = new Set(['ResourceNotFound', 'MethodNotAllowed']);

/** Every catalogued code: answered over HTTP, and the failures no client reads. */
const ALL_CODES = [...ERROR_CATALOGUE, ...FAILURE_CATALOGUE].map(({ code }) => code);

describe('the error catalogue', () => {
  it('lists every code once, HTTP codes and failures together', () => {
    const seen = new Map<string, number>();
    for (const code of ALL_CODES) seen.set(code, (seen.get(code) ?? 0) + 1);
    const repeated = [...seen].filter(([, count]) => count > 1).map(([code]) => code);
    assert.deepEqual(repeated, [], `codes listed more than once: ${repeated.join(', ')}`);
  });

  it('spells every code in PascalCase', () => {
    const otherwise = ALL_CODES.filter((code) => !/^[A-Z][a-z0-9]+(?:[A-Z][a-z0-9]+)*$/.test(code));
    assert.deepEqual(otherwise, [], `codes not in PascalCase: ${otherwise.join(', ')}`);
  });

  it('gives every code an error status and a plain sentence as its message', () => {
    for (const entry of ERROR_CATALOGUE) {
      const statuses = [
        entry.status,
        ...(('alsoStatus' in entry ? entry.alsoStatus : []) as readonly number[]),
      ];
      for (const status of statuses) {
        assert.ok(status >= 400 && status <= 599, `${entry.code}: ${status} is not an error status`);
      }
      assert.equal(new Set(statuses).size, statuses.length, `${entry.code} lists a status twice`);
      assert.match(entry.message, /^[A-Z].*[.]$/, `${entry.code}: the message is a sentence`);
    }
  });

  it('has no code that the service never answers', () => {
    const sources = serviceSources();
    // The catalogue itself names each code once; a code the service answers is named at least once more.
    const named = (code: string) => sources.split(`'${code}'`).length - 1;
    const onlyInCatalogue = ALL_CODES.filter((code) => !ANSWERED_BY_RESTIFY.has(code) && named(code) < 2);
    assert.deepEqual(onlyInCatalogue, [], `catalogued but never used: ${onlyInCatalogue.join(', ')}`);
  });

  it('leaves no code of the service in SCREAMING_SNAKE case', () => {
    // A code field, a thrown or recorded failure, a refusal: anything quoted that looks like a code.
    const snake = [
      ...serviceSources().matchAll(/(?:code|reason|refused|Error\()\s*[:=(]?\s*'([A-Z]{2,}_[A-Z_]+)'/g),
    ].map((match) => match[1]);
    assert.deepEqual(snake, [], `codes spelled otherwise: ${snake.join(', ')}`);
  });

  it('gives every failure a meaning', () => {
    for (const { code, meaning } of FAILURE_CATALOGUE) {
      assert.match(meaning, /^[A-Z].*[.)]$/, `${code}: the meaning is a sentence`);
    }
  });

  it('knows its own codes and nothing else', () => {
    assert.equal(isErrorCode('CaseNotFound'), true);
    assert.equal(isErrorCode('CASE_NOT_FOUND'), false);
    assert.equal(isErrorCode(404), false);
    assert.equal(errorDefinition('CaseNotFound').status, 404);
  });
});

describe('ServiceError', () => {
  it('takes its status and default message from the catalogue', () => {
    const error = new ServiceError('CaseClosed');
    assert.equal(error.status, 409);
    assert.equal(error.message, 'The case is closed.');
    assert.deepEqual(error.headers, {});
  });

  it('keeps a precise message and the headers that go with the answer', () => {
    const error = new ServiceError('LoginLocked', 'Wait a minute.', { headers: { 'Retry-After': '60' } });
    assert.equal(error.status, 429);
    assert.equal(error.message, 'Wait a minute.');
    assert.deepEqual(error.headers, { 'Retry-After': '60' });
  });

  it('answers with another status only where the catalogue lists it', () => {
    assert.equal(new ServiceError('BadArgument', 'Unknown conversation.', { status: 404 }).status, 404);
    assert.throws(
      () => new ServiceError('CaseClosed', undefined, { status: 400 }),
      /CaseClosed is not answered with 400/,
      'a status the catalogue does not give the code is a programming error',
    );
  });
});
