import assert from 'node:assert/strict';
import path from 'node:path';
import { openDatabase, type Database } from '../../models/store/db';
import { startEmbeddedMongo, type EmbeddedMongo } from '../../models/store/embeddedMongo';
import { MongoStorage } from '../../models/store/mongoStorage';
import { ReportRepository } from '../../models/store/reportRepository';
import { ResilientStorage } from '../../models/store/resilientStorage';
import { inventedSubmission } from '../helpers/fixtures';
import { TcpProxy, type ProxyMode } from '../helpers/tcpProxy';
import { temporaryDirectoryPerTest } from '../helpers/tempDir';
import { Witness, witnessDeps } from '../helpers/witness';

describe('StatusDialog during a database outage', function () {
  this.timeout(30_000);
  const directory = temporaryDirectoryPerTest('shield-status-outage');
  let server: EmbeddedMongo;
  let proxy: TcpProxy;
  let database: Database;

  beforeEach(async () => {
    server = await startEmbeddedMongo();
    proxy = await TcpProxy.start({ host: '127.0.0.1', port: Number(new URL(server.uri).port) });
    database = await openDatabase({
      uri: proxy.uri(),
      dbName: 'status-outage',
      serverSelectionTimeoutMs: 500,
    });
  });
  afterEach(async () => {
    proxy.set('open');
    await database.close().catch(() => undefined);
    await proxy.stop();
    await server.stop();
  });

  for (const mode of ['cut', 'hang'] as ProxyMode[]) {
    it(`answers "try again in a few minutes" to a receipt check when the database is ${mode}`, async () => {
      const repository = new ReportRepository(database.connection, path.join(directory(), 'outbox'));
      const submitted = await repository.submit(inventedSubmission());
      assert.equal(submitted.status, 'saved');
      const { caseNumber, receiptCode } = submitted as { caseNumber: string; receiptCode: string };
      const storage = new ResilientStorage(new MongoStorage(database.connection), { timeoutMs: 300 });
      const witness = new Witness(storage, witnessDeps(database.connection, repository));
      await witness.expect('status', /case number/i);
      await witness.expect(caseNumber, /receipt code/i);
      proxy.set(mode);
      await witness.expect(receiptCode, /try again in a few minutes/);
    });

    it(`answers "try again in a few minutes" to a Teams user's status when the database is ${mode}`, async () => {
      const repository = new ReportRepository(database.connection, path.join(directory(), 'outbox'));
      const storage = new ResilientStorage(new MongoStorage(database.connection), { timeoutMs: 300 });
      const witness = new Witness(storage, witnessDeps(database.connection, repository), {
        channelId: 'msteams',
        from: {
          id: '29:teams-user-c3',
          name: 'Kim Example',
          aadObjectId: '00000000-0000-4000-8000-0000000000c3',
        },
        channelData: { tenant: { id: '00000000-0000-4000-8000-00000000c0de' } },
      });
      proxy.set(mode);
      await witness.expect('status', /try again in a few minutes/);
    });
  }
});
