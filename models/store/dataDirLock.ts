// The data folder belongs to one process at a time: two embedded databases on one DATA_DIR would each
// snapshot their own data over the other's. The lock is a file created exclusively (O_EXCL) holding the
// owner's pid; a lock whose process no longer runs (killed with -9, say) is stale and taken over.
import { open, readFile, unlink } from 'node:fs/promises';
import path from 'node:path';

export const LOCK_FILE = 'embedded-mongo.lock';

/** The data folder is in use by another running process. */
export class DataDirInUseError extends Error {
  override readonly name = 'DataDirInUseError';
  constructor(
    readonly dataDir: string,
    readonly pid: number,
  ) {
    super(
      `DATA_DIR ${dataDir} is in use by another running process (pid ${pid}): stop that service first, or give this one another DATA_DIR (or set MONGODB_URI to use a real MongoDB).`,
    );
  }
}

/** A held lock. */
export interface DataDirLock {
  release(): Promise<void>;
}

interface LockContent {
  pid: number;
  startedAt: string;
}

function isRunning(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    // EPERM: the process exists but belongs to someone else.
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}

async function readOwner(file: string): Promise<LockContent | undefined> {
  try {
    const content = JSON.parse(await readFile(file, 'utf8')) as Partial<LockContent>;
    return typeof content.pid === 'number'
      ? { pid: content.pid, startedAt: String(content.startedAt) }
      : undefined;
  } catch {
    // Unreadable or half-written (its writer was killed between create and write): not a live owner.
    return undefined;
  }
}

/** Takes the lock of `dataDir`, or throws DataDirInUseError while another running process holds it. */
export async function acquireDataDirLock(
  dataDir: string,
  logger: { warn(fields: object, message: string): void },
): Promise<DataDirLock> {
  const file = path.join(dataDir, LOCK_FILE);
  const content: LockContent = { pid: process.pid, startedAt: new Date().toISOString() };
  for (let attempt = 0; attempt < 3; attempt += 1) {
    try {
      const handle = await open(file, 'wx');
      try {
        await handle.writeFile(JSON.stringify(content));
        await handle.sync();
      } finally {
        await handle.close();
      }
      return {
        async release() {
          const owner = await readOwner(file);
          if (owner?.pid === process.pid) await unlink(file).catch(() => undefined);
        },
      };
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
    }
    const owner = await readOwner(file);
    if (owner && (owner.pid === process.pid || isRunning(owner.pid)))
      throw new DataDirInUseError(dataDir, owner.pid);
    logger.warn(
      { dataDir, stalePid: owner?.pid },
      'the data folder lock was left by a process that no longer runs: taking it over',
    );
    await unlink(file).catch(() => undefined);
  }
  throw new Error(`the lock of DATA_DIR ${dataDir} could not be taken`);
}
