import { readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import JSZip from 'jszip';
import { readPackagingConfig } from '../bot/config';

/** The manifest template, its localization files and icons, in the source tree (not dist/). */
export const MANIFEST_SOURCE = path.resolve(__dirname, '..', '..', 'manifest');
export const PACKAGE_FILES = [
  'manifest.json',
  'nl.json',
  'fr.json',
  'de.json',
  'color.png',
  'outline.png',
] as const;
const TEMPLATES = new Set<string>(['manifest.json', 'nl.json', 'fr.json', 'de.json']);

/** What fills the template's placeholders. */
export interface PackageValues {
  appId: string;
  publicHost: string;
  version: string;
}

/** Replaces `{{APP_ID}}`, `{{HOST}}` and `{{VERSION}}`; refuses a template with any other placeholder. */
export function fillTemplate(template: string, values: PackageValues): string {
  const filled = template
    .replaceAll('{{APP_ID}}', values.appId)
    .replaceAll('{{HOST}}', values.publicHost)
    .replaceAll('{{VERSION}}', values.version);
  const left = /\{\{[A-Z_]+\}\}/.exec(filled);
  if (left) throw new Error(`unknown placeholder ${left[0]} in the Teams manifest template`);
  return filled;
}

/** Builds the Teams app zip (manifest, localization files, icons at the root) in memory. */
export async function buildAppPackage(values: PackageValues, source = MANIFEST_SOURCE): Promise<Buffer> {
  const zip = new JSZip();
  for (const name of PACKAGE_FILES) {
    const content = await readFile(path.join(source, name));
    zip.file(name, TEMPLATES.has(name) ? fillTemplate(content.toString('utf8'), values) : content);
  }
  return zip.generateAsync({ type: 'nodebuffer', compression: 'DEFLATE' });
}

async function main(): Promise<void> {
  const { appId, publicHost } = readPackagingConfig();
  const packageJson = JSON.parse(
    await readFile(path.resolve(MANIFEST_SOURCE, '..', 'package.json'), 'utf8'),
  ) as { version: string };
  const output = path.resolve(process.argv[2] ?? 'shield-reporter-teams.zip');
  await writeFile(output, await buildAppPackage({ appId, publicHost, version: packageJson.version }));
  console.log(`Teams app package written to ${output}`);
}

if (require.main === module) {
  main().catch((error: unknown) => {
    console.error(error instanceof Error ? error.message : error);
    process.exitCode = 1;
  });
}
