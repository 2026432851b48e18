import { randomBytes } from 'node:crypto';
import { loadConfig } from '../../bot/config';
import { openDatabase, type Database, type DatabaseOptions } from '../../models/store/db';

/**
 * The most real database available for a test: MONGODB_URI when set (a fresh database name, dropped on
 * close), otherwise a throw-away embedded server. Pass `dataDir` to get an embedded server that persists.
 */
export async function openTestDatabase(
  options: Pick<DatabaseOptions, 'dataDir' | 'serverSelectionTimeoutMs' | 'dbName' | 'monitorCommands'> = {},
): Promise<Database> {
  const uri = loadConfig(process.env).mongodbUri;
  const dbName = options.dbName ?? `shield-test-${randomBytes(4).toString('hex')}`;
  const database = await openDatabase({ ...options, uri, dbName });
  if (!uri) return database;
  return {
    ...database,
    async close() {
      await database.connection.dropDatabase();
      await database.close();
    },
  };
}
