// Part of `npm run build`: brotli and gzip copies of the browser files at the strongest settings, so the
// server sends the 3.9 MB Web Chat bundle compressed without compressing it per request. The files of the
// reporting page, the case console and the Teams tabs, all served by StaticFiles (bot/http/webAssets.ts).
import { mkdir, readdir, rm, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { compressForBuild, precompressedName, PRECOMPRESSED_DIR, versionOf } from '../bot/http/webAssets';
import { CONSOLE_FILES } from '../bot/police/cases/console';
import { COMPRESSED_FILES } from '../bot/witness/pages';
import { TAB_FILES } from '../bot/channels/teams/tabRoutes';
import { readFile } from 'node:fs/promises';

async function main(): Promise<void> {
  await mkdir(PRECOMPRESSED_DIR, { recursive: true });
  for (const old of await readdir(PRECOMPRESSED_DIR)) await rm(path.join(PRECOMPRESSED_DIR, old));
  for (const file of new Set([...COMPRESSED_FILES, ...CONSOLE_FILES, ...TAB_FILES])) {
    const bytes = await readFile(file);
    const version = versionOf(bytes);
    const { br, gzip } = await compressForBuild(bytes);
    await writeFile(path.join(PRECOMPRESSED_DIR, precompressedName(file, version, 'br')), br);
    await writeFile(path.join(PRECOMPRESSED_DIR, precompressedName(file, version, 'gzip')), gzip);
    console.log(
      `${path.basename(file)}: ${bytes.length} bytes, brotli ${br.length}, gzip ${gzip.length} (${version})`,
    );
  }
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
