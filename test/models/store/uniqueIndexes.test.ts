import assert from 'node:assert/strict';
import { startService } from '../../../bot/service';
import { memoryLogger } from '../../helpers/logger';
import { testServiceConfig } from '../../helpers/serviceConfig';
import { temporaryDirectoryPerTest } from '../../helpers/tempDir';

describe('the indexes the service declares', () => {
  const dataDir = temporaryDirectoryPerTest('shield-indexes');

  it('include no unique secondary index, which the embedded database would not enforce', async () => {
    // Every invariant rests on `_id` instead (see models/store/storageKey.ts): a unique index the embedded
    // database lets duplicates past would fail to build at the next start, on data the service wrote.
    const service = await startService(
      testServiceConfig(dataDir(), { LOG_LEVEL: 'silent' }),
      memoryLogger().logger,
    );
    try {
      const db = service.database.connection.db;
      assert.ok(db);
      const collections = await db.listCollections({}, { nameOnly: true }).toArray();
      assert.ok(collections.length > 3, 'the service created its collections');
      const unique: string[] = [];
      for (const { name } of collections) {
        for (const index of (await db.collection(name).listIndexes().toArray()) as {
          name?: string;
          unique?: boolean;
        }[]) {
          if (index.unique === true && index.name !== '_id_') unique.push(`${name}.${index.name}`);
        }
      }
      assert.deepEqual(unique, []);
    } finally {
      await service.stop();
    }
  });
});
