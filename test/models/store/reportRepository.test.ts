import assert from 'node:assert/strict';
import { existsSync } from 'node:fs';
import { copyFile, mkdir, readdir } from 'node:fs/promises';
import path from 'node:path';
import { openDatabase, type Database } from '../../../models/store/db';
import { reportModel, type Report } from '../../../models/store/report';
import { ReportRepository } from '../../../models/store/reportRepository';
import { openTestDatabase } from '../../helpers/database';
import { inventedSubmission } from '../../helpers/fixtures';
import { idForKey } from '../../../models/store/storageKey';
import { temporaryDirectoryPerTest } from '../../helpers/tempDir';

const submission = inventedSubmission;

describe('ReportRepository', () => {
  let database: Database;
  const directory = temporaryDirectoryPerTest('shield-repository');
  before(async () => {
    database = await openTestDatabase();
  });
  after(async () => {
    await database.close();
  });

  it('saves a report once, however often (and however concurrently) the same draft is submitted', async () => {
    const repository = new ReportRepository(database.connection, directory());
    const report = submission();
    const results = await Promise.all([
      repository.submit(report),
      repository.submit(report),
      repository.submit(report),
    ]);
    assert.equal(results.filter((result) => result.status === 'saved').length, 1);
    assert.equal(
      new Set(results.map((result) => result.caseNumber)).size,
      1,
      'every answer names the same case',
    );
    assert.equal(await reportModel(database.connection).countDocuments({ draftId: report.draftId }), 1);
    assert.equal((await repository.submit(report)).status, 'duplicate');
  });

  it('gives every report its own case number in the SR-XXXXX-XXXXX form', async () => {
    const repository = new ReportRepository(database.connection, directory());
    const numbers = new Set<string>();
    for (let index = 0; index < 10; index += 1)
      numbers.add((await repository.submit(submission())).caseNumber);
    assert.equal(numbers.size, 10);
    for (const number of numbers) assert.match(number, /^SR-[0-9A-HJKMNP-TV-Z]{5}-[0-9A-HJKMNP-TV-Z]{5}$/);
  });

  it('refuses a report the schema refuses, and does not queue it', async () => {
    const repository = new ReportRepository(database.connection, directory());
    await assert.rejects(
      repository.submit(submission({ answers: { category: 'rumour' } })),
      { name: 'ValidationError' },
      'an unknown category is refused',
    );
    await assert.rejects(
      repository.submit(submission({ answers: { place: 'x'.repeat(501) } })),
      { name: 'ValidationError' },
      'an overlong place is refused, not truncated',
    );
    assert.deepEqual(await readdir(directory()).catch(() => []), []);
  });

  it('queues a report on disk when the database cannot be reached, and delivers it later', async () => {
    const outbox = path.join(directory(), 'outbox');
    const unreachable = await openTestDatabase({ serverSelectionTimeoutMs: 300 });
    const offline = new ReportRepository(unreachable.connection, outbox);
    await unreachable.close();
    // A closed connection fails every operation, as an unreachable server does.
    const report = submission();
    const queued = await offline.submit(report);
    assert.equal(queued.status, 'queued');
    assert.equal((await offline.submit(report)).status, 'duplicate', 'a retry finds it in the outbox');
    assert.equal(await offline.caseNumberForDraft(report.draftId), queued.caseNumber);

    const online = new ReportRepository(database.connection, outbox);
    assert.equal(await online.flushOutbox(), 1);
    const stored = await reportModel(database.connection).findOne({ draftId: report.draftId }).lean<Report>();
    assert.equal(stored?.caseNumber, queued.caseNumber);
    assert.ok(stored?.answers.consent instanceof Date);
    assert.equal(await online.flushOutbox(), 0);
  });

  it('has the report fsynced in the outbox before it asks MongoDB to store it', async () => {
    // The embedded server, watched through the driver's command events.
    const watched = await openDatabase({ dbName: 'durable-first', monitorCommands: true });
    try {
      const outbox = path.join(directory(), 'outbox');
      const report = submission();
      const file = path.join(outbox, `${ReportRepository.idForDraft(report.draftId).toHexString()}.ejson`);
      const onDiskAtInsert: boolean[] = [];
      watched.connection.getClient().on('commandStarted', (event) => {
        const command = event.command as { insert?: unknown };
        if (event.commandName === 'insert' && command.insert === 'reports')
          onDiskAtInsert.push(existsSync(file));
      });
      const result = await new ReportRepository(watched.connection, outbox).submit(report);
      assert.equal(result.status, 'saved');
      assert.deepEqual(onDiskAtInsert, [true], 'on disk when the insert is sent');
      assert.equal(existsSync(file), false, 'and out of the outbox once the database has it');
    } finally {
      await watched.close();
    }
  });

  it('keeps the case-number guard of a stored report when the same report is delivered again', async () => {
    const outbox = path.join(directory(), 'outbox');
    const unreachable = await openTestDatabase({ serverSelectionTimeoutMs: 300 });
    await unreachable.close();
    const report = submission();
    const { caseNumber } = await new ReportRepository(unreachable.connection, outbox).submit(report);
    const name = `${ReportRepository.idForDraft(report.draftId).toHexString()}.ejson`;
    await mkdir(path.join(directory(), 'copy'));
    await copyFile(path.join(outbox, name), path.join(directory(), 'copy', name));

    const online = new ReportRepository(database.connection, outbox);
    assert.equal(await online.flushOutbox(), 1);
    // The same entry again: an insert that timed out but landed, then the flush job.
    await copyFile(path.join(directory(), 'copy', name), path.join(outbox, name));
    assert.equal(await online.flushOutbox(), 1);
    assert.equal(await reportModel(database.connection).countDocuments({ draftId: report.draftId }), 1);
    const guard = await database.connection
      .collection('caseNumbers')
      .findOne({ _id: idForKey('caseNumber', caseNumber) });
    assert.ok(guard, 'the case number stays reserved for its report');
    assert.equal(await online.queuedCount(), 0);
    assert.equal(await online.caseNumberForDraft(report.draftId), caseNumber);
  });
});
