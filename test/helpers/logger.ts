import { Writable } from 'node:stream';
import { createLogger, type Logger } from '../../bot/logger';

/** A logger whose JSON lines are kept in memory, so tests can check what was (and was not) logged. */
export function memoryLogger(): { logger: Logger; lines: () => string[] } {
  const chunks: string[] = [];
  const sink = new Writable({
    write(chunk: Buffer, _encoding, callback) {
      chunks.push(chunk.toString('utf8'));
      callback();
    },
  });
  return { logger: createLogger('debug', sink), lines: () => chunks.join('').split('\n').filter(Boolean) };
}
