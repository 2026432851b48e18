import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { CONFIG_KEYS, configDefault, loadConfig } from '../../bot/config';

const ROOT = path.resolve(__dirname, '../../..');

/** README's configuration table: each row's key and its Default cell. */
function readmeRows(): Map<string, string> {
  const readme = readFileSync(path.join(ROOT, 'README.md'), 'utf8');
  const section = readme.split('\n## Configuration\n')[1]?.split('\n## ')[0] ?? '';
  const rows = new Map<string, string>();
  for (const line of section.split('\n')) {
    const cells = line.split('|').map((cell) => cell.trim());
    const key = /^`([A-Za-z_]+)`$/.exec(cells[1] ?? '')?.[1];
    if (key) rows.set(key, cells[2] ?? '');
  }
  return rows;
}

/** .env.example's keys and values. */
function exampleEntries(): Map<string, string> {
  const text = readFileSync(path.join(ROOT, '.env.example'), 'utf8');
  const entries = new Map<string, string>();
  for (const line of text.split('\n')) {
    const match = /^([A-Za-z_]+)=(.*)$/.exec(line);
    if (match) entries.set(match[1], match[2]);
  }
  return entries;
}

/** A default as README writes it: a list comma-separated, anything else as text. */
function written(value: unknown): string | undefined {
  if (Array.isArray(value)) return value.length > 0 ? value.join(',') : undefined;
  if (typeof value === 'string' || typeof value === 'number' || typeof value === 'boolean')
    return String(value);
  return undefined;
}

describe('the configuration documentation', () => {
  it("README's configuration table lists exactly the schema's keys", () => {
    const documented = [...readmeRows().keys()].sort();
    assert.deepEqual(documented, [...CONFIG_KEYS].sort());
  });

  it(".env.example lists exactly the schema's keys", () => {
    assert.deepEqual([...exampleEntries().keys()].sort(), [...CONFIG_KEYS].sort());
  });

  it("README's defaults are the schema's defaults where README gives one value", () => {
    for (const [key, cell] of readmeRows()) {
      const value = /^`([^`]*)`$/.exec(cell)?.[1];
      // Unset, or worked out from other keys ({PUBLIC_HOST}): not the schema's own default.
      if (value === undefined || value.includes('{')) continue;
      assert.equal(value, written(configDefault(key)), `${key}: README says ${cell}`);
    }
  });

  it(".env.example's values are valid and, where it gives one, the schema's default", () => {
    const entries = exampleEntries();
    assert.doesNotThrow(
      () => loadConfig(Object.fromEntries(entries)),
      'the example starts a service as it is',
    );
    for (const [key, value] of entries) {
      if (value === '') continue;
      assert.equal(value, written(configDefault(key)), `${key}=${value} in .env.example`);
    }
  });
});
