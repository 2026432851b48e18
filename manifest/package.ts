import { createHash } from 'node:crypto';
import { readFile, writeFile } from 'node:fs/promises';
import { isIP } from 'node:net';
import path from 'node:path';
import JSZip from 'jszip';
import { readPackagingConfig, type PackagingConfig } from '../bot/config';

/** The manifest templates, their localization files and icons, in the source tree (not dist/). */
export const MANIFEST_SOURCE = path.resolve(__dirname, '..', '..', 'manifest');
/** The police app's own manifest and localization files; it shares the icons. */
export const POLICE_MANIFEST_SOURCE = path.join(MANIFEST_SOURCE, 'police');
export const PACKAGE_FILES = [
  'manifest.json',
  'nl.json',
  'fr.json',
  'de.json',
  'color.png',
  'outline.png',
] as const;
const TEMPLATES = new Set<string>(['manifest.json', 'nl.json', 'fr.json', 'de.json']);
const ICONS = new Set<string>(['color.png', 'outline.png']);

/** The two packages `npm run package:teams` writes. */
export const WITNESS_PACKAGE_NAME = 'shield-reporter-teams.zip';
export const POLICE_PACKAGE_NAME = 'shield-reporter-police-teams.zip';

/** What fills the template's placeholders. */
export interface PackageValues {
  appId: string;
  publicHost: string;
  version: string;
}

/**
 * The police app's manifest id, derived from the bot's app id so that every build of it has the same id (a
 * new build then updates the app in Teams instead of adding a second one). It must differ from the witness
 * app's id: Teams knows an app by its manifest id.
 */
export function policeAppId(botAppId: string): string {
  const bytes = createHash('sha256')
    .update(`shield-reporter/police-app/${botAppId.toLowerCase()}`)
    .digest()
    .subarray(0, 16);
  // RFC 9562 version 8 (a custom, here name-based, GUID) with the standard variant bits.
  bytes[6] = (bytes[6] & 0x0f) | 0x80;
  bytes[8] = (bytes[8] & 0x3f) | 0x80;
  const hex = bytes.toString('hex');
  return [hex.slice(0, 8), hex.slice(8, 12), hex.slice(12, 16), hex.slice(16, 20), hex.slice(20)].join('-');
}

/**
 * Replaces `{{APP_ID}}`, `{{POLICE_APP_ID}}`, `{{HOST}}` and `{{VERSION}}`; refuses a template with any other
 * placeholder.
 */
export function fillTemplate(template: string, values: PackageValues): string {
  const filled = template
    .replaceAll('{{POLICE_APP_ID}}', policeAppId(values.appId))
    .replaceAll('{{APP_ID}}', values.appId)
    .replaceAll('{{HOST}}', values.publicHost)
    .replaceAll('{{VERSION}}', values.version);
  const left = /\{\{[A-Z_]+\}\}/.exec(filled);
  if (left) throw new Error(`unknown placeholder ${left[0]} in the Teams manifest template`);
  return filled;
}

async function buildFrom(values: PackageValues, source: string): Promise<Buffer> {
  const zip = new JSZip();
  for (const name of PACKAGE_FILES) {
    // The police app draws no icons of its own: both apps show the same ones.
    const from = ICONS.has(name) && source === POLICE_MANIFEST_SOURCE ? MANIFEST_SOURCE : source;
    const content = await readFile(path.join(from, name));
    zip.file(name, TEMPLATES.has(name) ? fillTemplate(content.toString('utf8'), values) : content);
  }
  return zip.generateAsync({ type: 'nodebuffer', compression: 'DEFLATE' });
}

/** Builds the witnesses' Teams app zip (manifest, localization files, icons at the root) in memory. */
export function buildAppPackage(values: PackageValues, source = MANIFEST_SOURCE): Promise<Buffer> {
  return buildFrom(values, source);
}

/**
 * Builds the police's Teams app zip: the "Police follow-up" tab (the case console) and the bot chat in which
 * officers hear of answers. Kept out of the witnesses' app, which partner organisations install.
 */
export function buildPoliceAppPackage(values: PackageValues): Promise<Buffer> {
  return buildFrom(values, POLICE_MANIFEST_SOURCE);
}

/** Why a package for this host would not work in Teams, or undefined when the host looks public. */
export function publicHostProblem(host: string): string | undefined {
  const name = host.replace(/:\d+$/, '').toLowerCase();
  if (name === 'localhost' || name.endsWith('.localhost'))
    return `PUBLIC_HOST ${host} is this machine (localhost), which Teams cannot reach`;
  if (isIP(name) !== 0) {
    const [a = 0, b = 0] = name.split('.').map(Number);
    const local =
      a === 127 || a === 10 || a === 0 || (a === 172 && b >= 16 && b <= 31) || (a === 192 && b === 168);
    const linkLocal = a === 169 && b === 254;
    return local || linkLocal
      ? `PUBLIC_HOST ${host} is a loopback or private address, which Teams cannot reach`
      : `PUBLIC_HOST ${host} is an IP address: Teams needs a host name with an HTTPS certificate for it`;
  }
  if (!name.includes('.'))
    return `PUBLIC_HOST ${host} is a single-label name, which only a local network resolves`;
  if (/\.(local|localdomain|internal|intranet|lan|home\.arpa|test|invalid)$/.test(name))
    return `PUBLIC_HOST ${host} is a local or reserved name, which Teams cannot reach`;
  return undefined;
}

/** Thrown when the packages would point Teams at a host it cannot reach. */
export class PackagingRefused extends Error {
  readonly code = 'PACKAGE_HOST_UNREACHABLE';
  constructor(problem: string) {
    super(
      `Refusing to build the Teams app packages: ${problem}.\n` +
        'Set PUBLIC_HOST to the public HTTPS host name Teams reaches the service at (for example ' +
        'PUBLIC_HOST=reports.police.example), or, to build packages for local testing only, run ' +
        '"npm run package:teams -- --local" (or set ALLOW_LOCAL_PACKAGE=1).',
    );
    this.name = 'PackagingRefused';
  }
}

/**
 * The host the packages will name: PUBLIC_HOST when it is set and public; a local host (or the development
 * default) only when asked for explicitly with `local`.
 */
export function packageHost(config: PackagingConfig, local: boolean): { host: string; local: boolean } {
  const allowLocal = local || config.allowLocalPackage;
  const problem = config.publicHostGiven
    ? publicHostProblem(config.publicHost)
    : `PUBLIC_HOST is not set, so the packages would point Teams at ${config.publicHost}`;
  if (problem === undefined) return { host: config.publicHost, local: false };
  if (!allowLocal) throw new PackagingRefused(problem);
  return { host: config.publicHost, local: true };
}

/** The command line: `[--local] [output directory]`. */
export function parsePackageArguments(args: readonly string[]): { local: boolean; outputDir: string } {
  const unknown = args.find((arg) => arg.startsWith('-') && arg !== '--local');
  if (unknown) throw new Error(`unknown option ${unknown} (the only option is --local)`);
  const positional = args.filter((arg) => !arg.startsWith('-'));
  if (positional.length > 1) throw new Error('give at most one output directory');
  return { local: args.includes('--local'), outputDir: path.resolve(positional[0] ?? '.') };
}

async function main(): Promise<void> {
  const { local, outputDir } = parsePackageArguments(process.argv.slice(2));
  const config = readPackagingConfig();
  const target = packageHost(config, local);
  const packageJson = JSON.parse(
    await readFile(path.resolve(MANIFEST_SOURCE, '..', 'package.json'), 'utf8'),
  ) as { version: string };
  const values = { appId: config.appId, publicHost: target.host, version: packageJson.version };
  if (target.local)
    console.warn(`Building packages for LOCAL TESTING at ${target.host}: do not upload them to a tenant.`);
  const witness = path.join(outputDir, WITNESS_PACKAGE_NAME);
  const police = path.join(outputDir, POLICE_PACKAGE_NAME);
  await writeFile(witness, await buildAppPackage(values));
  await writeFile(police, await buildPoliceAppPackage(values));
  console.log(`Teams app package for witnesses (partner organisations) written to ${witness}`);
  console.log(`Teams app package for the police (Police follow-up tab) written to ${police}`);
}

if (require.main === module) {
  main().catch((error: unknown) => {
    console.error(error instanceof Error ? error.message : error);
    process.exitCode = 1;
  });
}
