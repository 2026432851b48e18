import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { readdir, readFile } from 'node:fs/promises';
import path from 'node:path';
import { promisify } from 'node:util';
import { AppManifestUtils } from '@microsoft/app-manifest';
import JSZip from 'jszip';
import { PNG } from 'pngjs';
import { loadPackagingConfig } from '../../bot/config';
import {
  buildAppPackage,
  buildPoliceAppPackage,
  fillTemplate,
  MANIFEST_SOURCE,
  PACKAGE_FILES,
  packageHost,
  PackagingRefused,
  parsePackageArguments,
  POLICE_PACKAGE_NAME,
  policeAppId,
  WITNESS_PACKAGE_NAME,
} from '../../manifest/package';
import { colourIcon, outlineIcon } from '../../manifest/icons';
import { temporaryDirectoryPerTest } from '../helpers/tempDir';

const values = {
  appId: '8d3c1f7e-2b4a-4c6d-9e8f-0a1b2c3d4e5f',
  publicHost: 'reports.example.org',
  version: '0.1.0',
};

type Json = Record<string, unknown>;

async function unpack(): Promise<JSZip> {
  return JSZip.loadAsync(await buildAppPackage(values));
}

async function unpackPolice(): Promise<JSZip> {
  return JSZip.loadAsync(await buildPoliceAppPackage(values));
}

interface StaticTab {
  entityId: string;
  name?: string;
  contentUrl?: string;
  websiteUrl?: string;
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

  it('declares the personal bot with its four commands and only the witness tab', async () => {
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
    const tabs = manifest.staticTabs as StaticTab[];
    assert.deepEqual(
      tabs.filter((tab) => tab.contentUrl).map((tab) => [tab.entityId, tab.contentUrl]),
      [['my-reports', 'https://reports.example.org/teams/my-reports']],
    );
  });

  it('gives witnesses no police tab, nor any link to the console, in any language', async () => {
    const zip = await unpack();
    const manifest = await jsonIn(zip, 'manifest.json');
    const tabs = manifest.staticTabs as StaticTab[];
    assert.deepEqual(
      tabs.map((tab) => tab.entityId),
      ['my-reports', 'conversations'],
    );
    assert.doesNotMatch(JSON.stringify(manifest), /console|police-follow-up/);
    for (const language of ['nl', 'fr', 'de']) {
      const localization = await jsonIn(zip, `${language}.json`);
      assert.equal(localization['staticTabs[1].name'], undefined, `${language}.json names no second tab`);
      assert.doesNotMatch(JSON.stringify(localization), /Opvolging politie|Suivi par la police|Polizeilich/);
    }
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

  it('builds a separate police app with the Police follow-up tab that passes the bundled v1.30 schema', async () => {
    const zip = await unpackPolice();
    assert.deepEqual(Object.keys(zip.files).sort(), [...PACKAGE_FILES].sort());
    const manifest = await jsonIn(zip, 'manifest.json');
    const schema = await bundledSchema('MicrosoftTeams.schema.json');
    assert.deepEqual(await AppManifestUtils.validateAgainstSchema(manifest as never, schema as never), []);
    assert.deepEqual(await AppManifestUtils.validateAgainstSchema(manifest as never), []);
    assert.equal(manifest.id, policeAppId(values.appId));
    assert.notEqual(manifest.id, values.appId, 'Teams knows the two apps apart by their manifest ids');
    assert.equal(manifest.version, values.version);
    const tabs = manifest.staticTabs as StaticTab[];
    assert.deepEqual(
      tabs.filter((tab) => tab.contentUrl).map((tab) => [tab.entityId, tab.contentUrl, tab.websiteUrl]),
      [
        [
          'police-follow-up',
          'https://reports.example.org/teams/console',
          'https://reports.example.org/console',
        ],
      ],
    );
    assert.doesNotMatch(JSON.stringify(manifest), /my-reports/, 'the witness tab is not in the police app');
    const bots = manifest.bots as { botId: string; scopes: string[] }[];
    assert.deepEqual(
      bots.map((bot) => [bot.botId, bot.scopes]),
      [[values.appId, ['personal']]],
    );
    // The console signs officers in with the same app registration as the witness tab.
    assert.deepEqual(manifest.webApplicationInfo, {
      id: values.appId,
      resource: `api://reports.example.org/${values.appId}`,
    });
    assert.doesNotMatch(JSON.stringify(manifest), /\{\{/, 'no placeholder is left');
    const localizationSchema = compilable(await bundledSchema('MicrosoftTeams.Localization.schema.json'));
    const tabNames = {
      nl: 'Opvolging politie',
      fr: 'Suivi par la police',
      de: 'Polizeiliche Nachverfolgung',
    };
    for (const [language, tabName] of Object.entries(tabNames)) {
      const localization = await jsonIn(zip, `${language}.json`);
      assert.deepEqual(
        await AppManifestUtils.validateAgainstSchema(localization as never, localizationSchema as never),
        [],
        `police ${language}.json is valid`,
      );
      assert.equal(localization['staticTabs[0].name'], tabName);
    }
  });

  it('gives the police app the same id on every build, derived from the bot id', () => {
    assert.equal(policeAppId(values.appId), policeAppId(values.appId.toUpperCase()));
    assert.match(
      policeAppId(values.appId),
      /^[0-9a-f]{8}-[0-9a-f]{4}-8[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/,
    );
    assert.notEqual(policeAppId(values.appId), policeAppId('1d3c1f7e-2b4a-4c6d-9e8f-0a1b2c3d4e5f'));
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

describe('Teams app packaging: the host the packages name', () => {
  const appId = values.appId;
  const refusals: [string, Record<string, string>, RegExp][] = [
    [
      'PUBLIC_HOST is missing',
      {},
      /PUBLIC_HOST is not set, so the packages would point Teams at localhost:3978/,
    ],
    ['PUBLIC_HOST is empty', { PUBLIC_HOST: '' }, /PUBLIC_HOST is not set/],
    ['it is localhost', { PUBLIC_HOST: 'localhost:3978' }, /localhost:3978 is this machine/],
    ['it is a loopback address', { PUBLIC_HOST: '127.0.0.1:3978' }, /loopback or private address/],
    ['it is another 127.x address', { PUBLIC_HOST: '127.12.0.3' }, /loopback or private address/],
    ['it is a 10.x address', { PUBLIC_HOST: '10.1.2.3' }, /loopback or private address/],
    ['it is a 172.16/12 address', { PUBLIC_HOST: '172.20.0.5' }, /loopback or private address/],
    ['it is a 192.168.x address', { PUBLIC_HOST: '192.168.1.20' }, /loopback or private address/],
    [
      'it is a public IP address',
      { PUBLIC_HOST: '203.0.113.7' },
      /is an IP address: Teams needs a host name/,
    ],
    ['it is a single-label name', { PUBLIC_HOST: 'reportserver' }, /single-label name/],
    ['it is a .local name', { PUBLIC_HOST: 'reports.local' }, /local or reserved name/],
    ['it is a .internal name', { PUBLIC_HOST: 'shield.corp.internal' }, /local or reserved name/],
  ];
  for (const [when, environment, problem] of refusals) {
    it(`refuses to build when ${when}, and says how to build for local testing`, () => {
      const config = loadPackagingConfig({ MicrosoftAppId: appId, ...environment });
      assert.throws(
        () => packageHost(config, false),
        (error: unknown) =>
          error instanceof PackagingRefused &&
          problem.test(error.message) &&
          error.message.includes('npm run package:teams -- --local') &&
          error.message.includes('ALLOW_LOCAL_PACKAGE=1'),
        `refused with ${problem}`,
      );
    });
  }

  it('names a public host as given', () => {
    const config = loadPackagingConfig({ MicrosoftAppId: appId, PUBLIC_HOST: 'reports.police.example.org' });
    assert.deepEqual(packageHost(config, false), { host: 'reports.police.example.org', local: false });
  });

  it('builds for a local host only when asked with --local or ALLOW_LOCAL_PACKAGE=1', () => {
    const unset = loadPackagingConfig({ MicrosoftAppId: appId });
    assert.deepEqual(packageHost(unset, true), { host: 'localhost:3978', local: true });
    const allowed = loadPackagingConfig({
      MicrosoftAppId: appId,
      PUBLIC_HOST: '127.0.0.1:4000',
      ALLOW_LOCAL_PACKAGE: '1',
    });
    assert.deepEqual(packageHost(allowed, false), { host: '127.0.0.1:4000', local: true });
    assert.throws(
      () => loadPackagingConfig({ MicrosoftAppId: appId, ALLOW_LOCAL_PACKAGE: 'yes' }),
      /ALLOW_LOCAL_PACKAGE/,
    );
  });

  it('reads --local and one output directory from the command line, and refuses anything else', () => {
    assert.deepEqual(parsePackageArguments(['--local', 'out']), {
      local: true,
      outputDir: path.resolve('out'),
    });
    assert.deepEqual(parsePackageArguments([]), { local: false, outputDir: path.resolve('.') });
    assert.throws(() => parsePackageArguments(['--lokal']), /unknown option --lokal/);
    assert.throws(() => parsePackageArguments(['a', 'b']), /at most one output directory/);
  });
});

describe('npm run package:teams (the built script)', () => {
  const directory = temporaryDirectoryPerTest('shield-package');
  const script = path.resolve(__dirname, '../../manifest/package.js');
  const run = promisify(execFile);

  async function runScript(args: string[], environment: Record<string, string>) {
    // In an empty directory, so no developer's .env is read; only PATH and the given keys are set.
    return run(process.execPath, [script, ...args], {
      cwd: directory(),
      env: { PATH: process.env.PATH ?? '', ...environment },
    }).then(
      (result) => ({ code: 0, ...result }),
      (error: { code: number; stdout: string; stderr: string }) => error,
    );
  }

  it('exits with status 1, writes nothing and says how to build locally when PUBLIC_HOST is missing', async () => {
    const result = await runScript([], { MicrosoftAppId: values.appId });
    assert.equal(result.code, 1);
    assert.match(result.stderr, /Refusing to build the Teams app packages: PUBLIC_HOST is not set/);
    assert.match(result.stderr, /npm run package:teams -- --local/);
    assert.deepEqual(await readdir(directory()), []);
  });

  it('writes the witness and the police package for a public host', async () => {
    const result = await runScript([directory()], {
      MicrosoftAppId: values.appId,
      PUBLIC_HOST: 'reports.police.example.org',
    });
    assert.equal(result.code, 0, result.stderr);
    assert.deepEqual((await readdir(directory())).sort(), [POLICE_PACKAGE_NAME, WITNESS_PACKAGE_NAME].sort());
    const witness = await JSZip.loadAsync(await readFile(path.join(directory(), WITNESS_PACKAGE_NAME)));
    const police = await JSZip.loadAsync(await readFile(path.join(directory(), POLICE_PACKAGE_NAME)));
    const witnessManifest = await jsonIn(witness, 'manifest.json');
    const policeManifest = await jsonIn(police, 'manifest.json');
    assert.deepEqual(witnessManifest.validDomains, ['reports.police.example.org']);
    assert.deepEqual(
      (witnessManifest.staticTabs as StaticTab[]).map((tab) => tab.entityId),
      ['my-reports', 'conversations'],
    );
    assert.deepEqual(
      (policeManifest.staticTabs as StaticTab[]).map((tab) => tab.entityId),
      ['police-follow-up', 'conversations'],
    );
  });

  it('builds packages for localhost with --local, and warns that they are for local testing', async () => {
    const result = await runScript(['--local'], { MicrosoftAppId: values.appId });
    assert.equal(result.code, 0, result.stderr);
    assert.match(result.stderr, /LOCAL TESTING at localhost:3978/);
    const witness = await JSZip.loadAsync(await readFile(path.join(directory(), WITNESS_PACKAGE_NAME)));
    assert.deepEqual((await jsonIn(witness, 'manifest.json')).validDomains, ['localhost:3978']);
  });
});

describe('Teams app package templates', () => {
  it('fills the police app id it derives from the bot id', () => {
    assert.equal(fillTemplate('{{POLICE_APP_ID}}', values), policeAppId(values.appId));
  });
});
