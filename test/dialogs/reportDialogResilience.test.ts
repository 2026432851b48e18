import assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import path from 'node:path';
import { openDatabase, type Database } from '../../models/store/db';
import { startEmbeddedMongo, type EmbeddedMongo } from '../../models/store/embeddedMongo';
import { MongoStorage } from '../../models/store/mongoStorage';
import { reportModel, type Report } from '../../models/store/report';
import { ReportRepository } from '../../models/store/reportRepository';
import type { ReportSubmission } from '../../models/store/reportRepository';
import { openTestDatabase } from '../helpers/database';
import { codesFrom, play, whenOf, type Turn } from '../helpers/reportScript';
import { temporaryDirectoryPerTest } from '../helpers/tempDir';
import { TestClock, Witness, witnessDeps, type WitnessDeps } from '../helpers/witness';

const upToReview: Turn[] = [
  ['hello', /danger/],
  ['no', /about/],
  ['1', /own words/],
  ['Two people photographed the entrance and the guard post for a long time.', /When/],
  ['gisteren rond 17u', /I understood: Saturday, November 21, 2026, around 17:00/],
  ['yes', /still going on/],
  ['no', /Where did it happen/],
  ['Main entrance of the town hall', /Where exactly/],
  ['skip', /people involved/],
  ['no', /vehicle/],
  ['no', /suspicious/],
  ['They hid the camera when the guard looked.', /photos/],
  ['none', /anyone else/],
  ['skip', /anonymous/],
  ['yes', /agree/],
  ['yes', /Please check your report/],
];

function dependencies(reports: WitnessDeps['reports'], database: Database): WitnessDeps {
  return witnessDeps(database.connection, reports);
}

describe('ReportDialog across restarts and outages', function () {
  const directory = temporaryDirectoryPerTest('shield-resilience');

  it('resumes at the same question with every answer kept after the service restarts', async () => {
    const dbName = `shield-test-${randomBytes(4).toString('hex')}`;
    const dataDir = path.join(directory(), 'data');
    const outbox = path.join(directory(), 'outbox');
    const clock = new TestClock();
    const conversationId = 'conversation-restart';

    let database = await openTestDatabase({ dataDir, dbName });
    const before = new Witness(
      new MongoStorage(database.connection),
      dependencies(new ReportRepository(database.connection, outbox), database),
      {
        clock,
        conversationId,
      },
    );
    await play(before, upToReview.slice(0, 8));
    // A clean stop: the embedded server writes its data, as the service does on SIGTERM.
    await database.close();

    clock.advance(3 * 60 * 60_000);
    database = await openTestDatabase({ dataDir, dbName });
    try {
      const reports = new ReportRepository(database.connection, outbox);
      const after = new Witness(new MongoStorage(database.connection), dependencies(reports, database), {
        clock,
        conversationId,
      });
      await after.expect('hi, I am back', /Welcome back[\s\S]*Where exactly/);
      await play(after, upToReview.slice(8));
      const { caseNumber } = codesFrom(await after.expect('confirm', /Case number/));
      const report = await reportModel(database.connection).findOne({ caseNumber }).lean<Report>();
      assert.equal(
        report?.answers.place,
        'Main entrance of the town hall',
        'an answer given before the restart',
      );
      assert.equal(
        report?.answers.account,
        'Two people photographed the entrance and the guard post for a long time.',
      );
      assert.equal(report?.answers.category, 'behaviour');
      assert.equal((report && whenOf(report))?.start.toISOString(), '2026-11-21T16:00:00.000Z');
      assert.equal(
        report?.answers.suspicious,
        'They hid the camera when the guard looked.',
        'an answer given after it',
      );
    } finally {
      if (database.kind === 'external') await database.connection.dropDatabase();
      await database.close();
    }
  });

  describe('when the database goes down at the moment of submitting', () => {
    let server: EmbeddedMongo;
    let database: Database;
    let port: number;

    beforeEach(async () => {
      // This test stops and restarts a database server, so it always uses the embedded one.
      server = await startEmbeddedMongo({ dataDir: path.join(directory(), 'db') });
      port = Number(new URL(server.uri).port);
      database = await openDatabase({ uri: server.uri, dbName: 'outage', serverSelectionTimeoutMs: 500 });
    });
    afterEach(async () => {
      await database.close().catch(() => undefined);
      await server.stop().catch(() => undefined);
    });

    it('tells the witness honestly, keeps the confirmed report, and saves it when the database is back', async () => {
      const repository = new ReportRepository(database.connection, path.join(directory(), 'outbox'));
      const stopsTheDatabaseFirst = {
        async submit(submission: ReportSubmission) {
          await server.stop();
          return repository.submit(submission);
        },
        caseNumberForDraft: (draftId: string) => repository.caseNumberForDraft(draftId),
      };
      const witness = new Witness(
        new MongoStorage(database.connection),
        dependencies(stopsTheDatabaseFirst, database),
      );
      await play(witness, upToReview);

      const reply = await witness.expect(
        'confirm',
        /database is unavailable at this moment/,
        /stored safely/,
        /Case number: SR-/,
      );
      const { caseNumber } = codesFrom(reply);
      assert.equal(await database.ping(200), false, 'the database really is down');

      server = await startEmbeddedMongo({ dataDir: path.join(directory(), 'db'), port });
      assert.equal(
        await repository.flushOutbox(),
        1,
        'the queued report is delivered once the database is back',
      );
      assert.equal(await repository.flushOutbox(), 0, 'and only once');
      const stored = await reportModel(database.connection).find({ caseNumber }).lean<Report[]>();
      assert.equal(stored.length, 1);
      assert.equal(stored[0].answers.place, 'Main entrance of the town hall');
      assert.equal(whenOf(stored[0])?.start instanceof Date, true, 'dates stay dates through the outbox');
      assert.equal(stored[0].status, 'new');
    });
  });
});
