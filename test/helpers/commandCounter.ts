import type { Database } from '../../models/store/db';

/** Collections the service's background jobs poll on their own (question and alert delivery, every second). */
const BACKGROUND = new Set(['questionDeliveries', 'alertDeliveries']);

/** Database commands a service sent, as `name:collection`, without its background jobs' polling. */
export interface CommandCounter {
  /** Commands since the last reset. */
  readonly seen: readonly string[];
  /** Commands since the last reset that write (insert, update, delete, findAndModify). */
  writes(): string[];
  reset(): void;
}

/** Counts the commands on a database opened with `monitorCommands: true`. */
export function countCommands(database: Database): CommandCounter {
  const seen: string[] = [];
  database.connection.getClient().on('commandStarted', (event) => {
    const target: unknown = (event.command as Record<string, unknown>)[event.commandName];
    const collection = typeof target === 'string' ? target : '';
    if (!BACKGROUND.has(collection)) seen.push(`${event.commandName}:${collection}`);
  });
  return {
    seen,
    writes: () => seen.filter((command) => /^(insert|update|delete|findAndModify)/.test(command)),
    reset: () => {
      seen.length = 0;
    },
  };
}
