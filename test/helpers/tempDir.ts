import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';

/**
 * A fresh temporary directory for each test of the enclosing `describe`. The directories are removed once
 * the whole `describe` is done, not after each test: mocha runs a describe's `afterEach` hooks in the order
 * they were declared, so a removal declared here would run before the hook that stops the service writing
 * into the directory (which is how a removal once failed with ENOTEMPTY, the outbox still moving a file).
 */
export function temporaryDirectoryPerTest(prefix: string): () => string {
  let directory: string | undefined;
  const created: string[] = [];
  beforeEach(async () => {
    directory = await mkdtemp(path.join(tmpdir(), `${prefix}-`));
    created.push(directory);
  });
  afterEach(() => {
    directory = undefined;
  });
  after(async () => {
    for (const each of created.splice(0)) await rm(each, { recursive: true, force: true, maxRetries: 5 });
  });
  return () => {
    if (!directory) throw new Error('the temporary directory exists only inside a test');
    return directory;
  };
}
