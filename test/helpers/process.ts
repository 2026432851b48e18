import { spawn } from 'node:child_process';
import path from 'node:path';

/** The built service running as a child process, as `npm start` runs it. */
export interface ServiceProcess {
  /** Everything written so far. */
  stdout(): string;
  stderr(): string;
  /** Resolves with the first stdout line matching the pattern (or rejects if the process exits first). */
  waitForLine(pattern: RegExp): Promise<RegExpExecArray>;
  signal(name: NodeJS.Signals): void;
  /** Resolves with the exit code once the process has exited. */
  readonly exited: Promise<number | null>;
}

/** Starts `node dist/bot/index.js` in `cwd` with exactly `environment` (plus PATH). */
export function spawnService(cwd: string, environment: Record<string, string>): ServiceProcess {
  const entry = path.resolve(__dirname, '../../bot/index.js');
  const child = spawn(process.execPath, [entry], {
    cwd,
    env: { PATH: process.env.PATH, ...environment },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let stdout = '';
  let stderr = '';
  const lineWaiters: (() => void)[] = [];
  child.stdout.setEncoding('utf8').on('data', (chunk: string) => {
    stdout += chunk;
    for (const waiter of lineWaiters) waiter();
  });
  child.stderr.setEncoding('utf8').on('data', (chunk: string) => (stderr += chunk));
  const exited = new Promise<number | null>((resolve) => child.once('close', resolve));

  return {
    stdout: () => stdout,
    stderr: () => stderr,
    exited,
    signal: (name) => {
      child.kill(name);
    },
    waitForLine(pattern) {
      return new Promise((resolve, reject) => {
        const check = (): void => {
          const match = stdout
            .split('\n')
            .map((line) => pattern.exec(line))
            .find(Boolean);
          if (match) resolve(match);
        };
        lineWaiters.push(check);
        check();
        exited.then(
          () => reject(new Error(`the service exited before printing ${pattern}; stderr:\n${stderr}`)),
          reject,
        );
      });
    },
  };
}
