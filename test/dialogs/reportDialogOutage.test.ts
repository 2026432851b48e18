import assert from 'node:assert/strict';
import { readdir, readFile } from 'node:fs/promises';
import path from 'node:path';
import { openDatabase, type Database } from '../../models/store/db';
import { startEmbeddedMongo, type EmbeddedMongo } from '../../models/store/embeddedMongo';
import { MongoStorage } from '../../models/store/mongoStorage';
import { reportModel, type Report } from '../../models/store/report';
import { ReportRepository, type ReportSubmission } from '../../models/store/reportRepository';
import { ResilientStorage } from '../../models/store/resilientStorage';
import { codesFrom, play, RECEIPT_CODE, TO_REVIEW } from '../helpers/reportScript';
import { reopen, TcpProxy, type ProxyMode } from '../helpers/tcpProxy';
import { temporaryDirectoryPerTest } from '../helpers/tempDir';
import { Witness, witnessDeps } from '../helpers/witness';

// Short, so a test never waits long on a database that does not answer; the service uses 2 s.
const TIMEOUT_MS = 300;

/**
 * Each case breaks the database at a different moment of the confirming turn, through a TCP proxy in front
 * of the embedded server (real MongoDB protocol): 'cut' resets every connection and refuses new ones,
 * 'hang' keeps them open and answers nothing.
 */
const outages: {
  name: string;
  mode: Exclude<ProxyMode, 'open'>;
  moment: 'before the confirm' | 'before the report is stored' | 'after the report is stored';
}[] = [
  { name: 'goes down just before the witness confirms', mode: 'cut', moment: 'before the confirm' },
  { name: 'goes down during the confirming turn', mode: 'cut', moment: 'before the report is stored' },
  {
    name: 'goes down after the report is stored, before the state is saved',
    mode: 'cut',
    moment: 'after the report is stored',
  },
  { name: 'hangs just before the witness confirms', mode: 'hang', moment: 'before the confirm' },
  { name: 'hangs during the confirming turn', mode: 'hang', moment: 'before the report is stored' },
];

describe('ReportDialog during a database outage', function () {
  this.timeout(30_000);
  const directory = temporaryDirectoryPerTest('shield-outage');
  let server: EmbeddedMongo;
  let proxy: TcpProxy;
  let database: Database;

  beforeEach(async () => {
    server = await startEmbeddedMongo();
    proxy = await TcpProxy.start({ host: '127.0.0.1', port: Number(new URL(server.uri).port) });
    database = await openDatabase({ uri: proxy.uri(), dbName: 'outage', serverSelectionTimeoutMs: 500 });
  });
  afterEach(async () => {
    proxy.set('open');
    await database.close().catch(() => undefined);
    await proxy.stop();
    await server.stop();
  });

  async function deliveredReports(draftId: string) {
    return reportModel(database.connection).find({ draftId }).lean<Report[]>();
  }

  for (const outage of outages) {
    it(`gives the case number and receipt code once, and stores exactly one report, when the database ${outage.name}`, async () => {
      const outbox = path.join(directory(), 'outbox');
      const repository = new ReportRepository(database.connection, outbox, undefined, {
        databaseTimeoutMs: TIMEOUT_MS,
      });
      let draftId = '';
      const reports = {
        async submit(submission: ReportSubmission) {
          draftId = submission.draftId;
          if (outage.moment === 'before the report is stored') proxy.set(outage.mode);
          const result = await repository.submit(submission);
          if (outage.moment === 'after the report is stored') proxy.set(outage.mode);
          return result;
        },
        caseNumberForDraft: (id: string) => repository.caseNumberForDraft(id),
      };
      const storage = new ResilientStorage(new MongoStorage(database.connection), { timeoutMs: TIMEOUT_MS });
      const witness = new Witness(storage, witnessDeps(database.connection, reports));
      await play(witness, TO_REVIEW);
      if (outage.moment === 'before the confirm') proxy.set(outage.mode);

      const reply = await witness.expect('confirm', /Case number: SR-/, /receipt code/);
      const { caseNumber, receiptCode } = codesFrom(reply);
      assert.equal(await database.ping(TIMEOUT_MS), false, 'the database really is out during the turn');
      const files = await readdir(outbox, { recursive: true });
      for (const file of files.filter((name) => name.endsWith('json'))) {
        const text = await readFile(path.join(outbox, file), 'utf8');
        assert.ok(!text.includes(receiptCode), 'the outbox holds the receipt hash, never the code');
      }

      const again = await witness.expect('confirm', /already sent/);
      assert.ok(again.includes(caseNumber), 'a repeated confirm names the same case');
      assert.doesNotMatch(again, RECEIPT_CODE, 'the receipt code is shown only once');

      await reopen(proxy, database);
      await storage.flush();
      await repository.flushOutbox();
      await repository.flushOutbox();
      const stored = await deliveredReports(draftId);
      assert.equal(stored.length, 1, 'exactly one report once the database is back');
      assert.equal(stored[0].caseNumber, caseNumber, 'under the case number the witness was given');
      assert.equal(stored[0].answers.place, 'Main entrance of the town hall');
      assert.equal(await repository.queuedCount(), 0, 'nothing left in the outbox');

      const afterwards = await witness.expect('confirm', /already sent/);
      assert.ok(afterwards.includes(caseNumber));
      assert.doesNotMatch(afterwards, RECEIPT_CODE);
    });
  }

  it('keeps a conversation in progress through an outage and saves its state when the database is back', async () => {
    const repository = new ReportRepository(database.connection, path.join(directory(), 'outbox'));
    const storage = new ResilientStorage(new MongoStorage(database.connection), { timeoutMs: TIMEOUT_MS });
    const witness = new Witness(storage, witnessDeps(database.connection, repository));
    await play(witness, TO_REVIEW.slice(0, 8));
    proxy.set('cut');
    await play(witness, TO_REVIEW.slice(8, 11));
    assert.ok(storage.pendingCount > 0, 'the answers given during the outage wait in memory');
    await reopen(proxy, database);
    assert.ok((await storage.flush()) > 0);
    assert.equal(storage.pendingCount, 0);

    // A second process on the same database (nothing remembered in memory) continues where it stopped.
    const fresh = new ResilientStorage(new MongoStorage(database.connection), { timeoutMs: TIMEOUT_MS });
    const resumed = new Witness(fresh, witnessDeps(database.connection, repository), {
      conversationId: witness.conversationId,
      clock: witness.clock,
    });
    await play(resumed, TO_REVIEW.slice(11));
  });
});
