import assert from 'node:assert/strict';
import { readdir } from 'node:fs/promises';
import path from 'node:path';
import type { Database } from '../../models/db';
import { reportModel } from '../../models/report';
import { ReportRepository, type ReportSubmission } from '../../models/reportRepository';
import { openTestDatabase } from '../helpers/database';
import { inventedSubmission } from '../helpers/fixtures';
import { temporaryDirectoryPerTest } from '../helpers/tempDir';

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
      repository.submit(submission({ category: 'rumour' as ReportSubmission['category'] })),
      { name: 'ValidationError' },
      'an unknown category is refused',
    );
    await assert.rejects(
      repository.submit(submission({ place: 'x'.repeat(501) })),
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
    const stored = await reportModel(database.connection).findOne({ draftId: report.draftId }).lean();
    assert.equal(stored?.caseNumber, queued.caseNumber);
    assert.ok(stored?.consentAt instanceof Date);
    assert.equal(await online.flushOutbox(), 0);
  });
});
