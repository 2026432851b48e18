import assert from 'node:assert/strict';
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { AppManifestUtils } from '@microsoft/app-manifest';
import JSZip from 'jszip';
import { PNG } from 'pngjs';
import { buildAppPackage, fillTemplate, MANIFEST_SOURCE, PACKAGE_FILES } from '../../manifest/package';
import { colourIcon, outlineIcon } from '../../manifest/icons';

const values = {
  appId: '8d3c1f7e-2b4a-4c6d-9e8f-0a1b2c3d4e5f',
  publicHost: 'reports.example.org',
  version: '0.1.0',
};

type Json = Record<string, unknown>;

async function unpack(): Promise<JSZip> {
  return JSZip.loadAsync(await buildAppPackage(values));
}

async function jsonIn(zip: JSZip, name: string): Promise<Json> {
  const file = zip.file(name);
  assert.ok(file, `${name} is in the package`);
  return JSON.parse(await file.async('string')) as Json;
}

async function bundledSchema(name: string): Promise<Json> {
  const schemaPath = path.join(
    path.dirname(require.resolve('@microsoft/app-manifest')),
    'json-schemas',
    'teams',
    'v1.30',
    name,
  );
  return JSON.parse(await readFile(schemaPath, 'utf8')) as Json;
}

/**
 * The bundled v1.30 localization schema has patterns (`activities.activityTypes[\\b...]`) that are not valid
 * regular expressions with the `u` flag ajv uses, so it does not compile as shipped. Those keys concern
 * activity feed texts, which this app does not have; the rest of the schema is applied unchanged.
 */
function compilable(schema: Json): Json {
  const patterns = schema.patternProperties as Record<string, unknown>;
  const kept = Object.entries(patterns).filter(([pattern]) => {
    try {
      new RegExp(pattern, 'u');
      return true;
    } catch {
      return false;
    }
  });
  assert.ok(
    kept.length > 0 && kept.length < Object.keys(patterns).length,
    'only the broken patterns are dropped',
  );
  return { ...schema, patternProperties: Object.fromEntries(kept) };
}

describe('Teams app package', () => {
  it('holds exactly the manifest, its three localization files and the two icons, at the root', async () => {
    const zip = await unpack();
    const names = Object.keys(zip.files).sort();
    assert.deepEqual(names, [...PACKAGE_FILES].sort());
  });

  it('fills the bot id, host and version into a manifest that passes the bundled v1.30 schema', async () => {
    const manifest = await jsonIn(await unpack(), 'manifest.json');
    // No schema argument: the validator resolves the $schema URL to its bundled copy (no network here).
    const errors = await AppManifestUtils.validateAgainstSchema(
      manifest as unknown as Parameters<typeof AppManifestUtils.validateAgainstSchema>[0],
    );
    assert.deepEqual(errors, []);
    assert.equal(manifest.manifestVersion, '1.30');
    assert.equal(manifest.id, values.appId);
    assert.equal(manifest.version, values.version);
    assert.deepEqual(manifest.validDomains, ['reports.example.org']);
    assert.deepEqual(manifest.webApplicationInfo, {
      id: values.appId,
      resource: `api://reports.example.org/${values.appId}`,
    });
    const text = JSON.stringify(manifest);
    assert.doesNotMatch(text, /\{\{/, 'no placeholder is left');
  });

  it('declares the personal bot with its four commands and the two tabs', async () => {
    const manifest = await jsonIn(await unpack(), 'manifest.json');
    const schema = await bundledSchema('MicrosoftTeams.schema.json');
    assert.deepEqual(await AppManifestUtils.validateAgainstSchema(manifest as never, schema as never), []);
    const bots = manifest.bots as {
      botId: string;
      scopes: string[];
      commandLists: { commands: { title: string }[] }[];
    }[];
    assert.equal(bots[0]?.botId, values.appId);
    assert.deepEqual(bots[0]?.scopes, ['personal']);
    assert.deepEqual(
      bots[0]?.commandLists[0]?.commands.map((command) => command.title),
      ['report', 'status', 'help', 'language'],
    );
    const tabs = manifest.staticTabs as { entityId: string; contentUrl?: string }[];
    assert.deepEqual(
      tabs.filter((tab) => tab.contentUrl).map((tab) => [tab.entityId, tab.contentUrl]),
      [
        ['my-reports', 'https://reports.example.org/teams/my-reports'],
        ['police-follow-up', 'https://reports.example.org/teams/console'],
      ],
    );
  });

  it('has localization files for nl, fr and de that pass the localization schema', async () => {
    const zip = await unpack();
    const schema = compilable(await bundledSchema('MicrosoftTeams.Localization.schema.json'));
    for (const language of ['nl', 'fr', 'de']) {
      const localization = await jsonIn(zip, `${language}.json`);
      assert.deepEqual(
        await AppManifestUtils.validateAgainstSchema(localization as never, schema as never),
        [],
        `${language}.json is valid`,
      );
      assert.equal(typeof localization['staticTabs[0].name'], 'string');
    }
  });

  it('ships a 192×192 colour icon and a 32×32 outline icon that is white on transparent', async () => {
    const zip = await unpack();
    const colour = PNG.sync.read(await zip.file('color.png')!.async('nodebuffer'));
    const outline = PNG.sync.read(await zip.file('outline.png')!.async('nodebuffer'));
    assert.deepEqual([colour.width, colour.height], [192, 192]);
    assert.deepEqual([outline.width, outline.height], [32, 32]);
    let transparent = 0;
    for (let offset = 0; offset < outline.data.length; offset += 4) {
      const [r, g, b, a] = outline.data.subarray(offset, offset + 4);
      if (a === 0) transparent += 1;
      else assert.deepEqual([r, g, b], [255, 255, 255], 'every visible outline pixel is white');
    }
    assert.ok(
      transparent > 0 && transparent < 32 * 32,
      'the outline has both a shape and a transparent background',
    );
  });

  it('commits the icons the generator draws', async () => {
    assert.ok((await readFile(path.join(MANIFEST_SOURCE, 'color.png'))).equals(colourIcon()));
    assert.ok((await readFile(path.join(MANIFEST_SOURCE, 'outline.png'))).equals(outlineIcon()));
  });

  it('is checked by a validator that does report a broken manifest', async () => {
    const manifest = await jsonIn(await unpack(), 'manifest.json');
    const broken = { ...manifest, id: 'not-a-guid', icons: undefined };
    const errors = await AppManifestUtils.validateAgainstSchema(broken as never);
    assert.ok(
      errors.some((error) => error.startsWith('/id')),
      'the malformed id is reported',
    );
  });

  it('refuses a template with a placeholder it does not know', () => {
    assert.throws(
      () => fillTemplate('{"id":"{{APP_ID}}","x":"{{SECRET}}"}', values),
      /unknown placeholder \{\{SECRET\}\}/,
    );
  });
});
