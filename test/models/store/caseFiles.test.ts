import assert from 'node:assert/strict';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { CaseFiles } from '../../../models/store/caseFiles';
import { CaseNotes } from '../../../models/store/caseNote';
import type { Database } from '../../../models/store/db';
import { reportModel } from '../../../models/store/report';
import { ReportRepository, type ReportSubmission } from '../../../models/store/reportRepository';
import { openTestDatabase } from '../../helpers/database';
import { inventedSubmission } from '../../helpers/fixtures';

const MINUTE = 60_000;

describe('CaseFiles (the reports as the police side reads and works them)', () => {
  let database: Database;
  let outbox: string;
  let files: CaseFiles;
  let now = new Date('2026-05-01T08:00:00Z');

  before(async () => {
    database = await openTestDatabase();
    outbox = await mkdtemp(path.join(tmpdir(), 'case-files-'));
    files = new CaseFiles(database.connection);
    await files.ensureIndexes();
  });
  after(async () => {
    await database?.close();
    if (outbox) await rm(outbox, { recursive: true, force: true });
  });
  beforeEach(() => reportModel(database.connection).deleteMany({}));

  // Each report a minute after the one before, so the order is known.
  async function submit(overrides: Parameters<typeof inventedSubmission>[0] = {}): Promise<string> {
    now = new Date(now.getTime() + MINUTE);
    const at = now;
    const reports = new ReportRepository(database.connection, outbox, () => at);
    const submission: ReportSubmission = inventedSubmission(overrides);
    const result = await reports.submit(submission);
    assert.equal(result.status, 'saved');
    return result.caseNumber;
  }

  it('pages urgent cases first, newest first within, and reads every case once across pages', async () => {
    const older = await submit({ urgent: true });
    const plain = await submit();
    const newer = await submit({ urgent: true });
    const first = await files.search({}, 'urgent', 2);
    assert.deepEqual(
      first.cases.map((report) => report.caseNumber),
      [newer, older],
    );
    assert.ok(first.next, 'a next page follows');
    const second = await files.search({}, 'urgent', 2, first.next);
    assert.deepEqual(
      second.cases.map((report) => report.caseNumber),
      [plain],
    );
    assert.equal(second.next, undefined);
  });

  it('finds a case by the words of an officer’s note as well as by its answers', async () => {
    const noted = await submit();
    const other = await submit({ answers: { place: 'Invented Square' } });
    await new CaseNotes(database.connection).add({
      caseNumber: noted,
      text: 'Seen on camera 7 (north door)',
      author: 'a'.repeat(24),
      at: now,
    });
    const byNote = await files.search({ q: 'camera 7 (north' }, 'newest', 10);
    assert.deepEqual(
      byNote.cases.map((report) => report.caseNumber),
      [noted],
    );
    const byAnswer = await files.search({ q: 'invented square' }, 'newest', 10);
    assert.deepEqual(
      byAnswer.cases.map((report) => report.caseNumber),
      [other],
    );
  });

  it('gives every matching case for an export, and none when more than the cap match', async () => {
    const first = await submit();
    const second = await submit();
    const rows = await files.allMatching({}, 2);
    assert.deepEqual(
      rows?.map((report) => report.caseNumber),
      [first, second],
    );
    assert.equal(await files.allMatching({}, 1), undefined);
  });

  it('writes a change only while the case still has the status it was read with', async () => {
    const caseNumber = await submit();
    const read = await files.byCaseNumber(caseNumber);
    assert.ok(read);
    assert.equal(await files.change(read, { status: 'triaged' }), true);
    assert.equal(await files.change(read, { status: 'triaged' }), false, 'the case moved meanwhile');
    assert.equal((await files.byCaseNumber(caseNumber))?.status, 'triaged');
  });

  it('adds an officer question and shows it with its id', async () => {
    const caseNumber = await submit();
    const report = await files.byCaseNumber(caseNumber);
    assert.ok(report);
    const question = await files.addQuestion(report, { text: 'Which door?', askedAt: now, askedBy: 'x' });
    assert.match(question.id, /^[0-9a-f]{24}$/);
    const stored = (await files.byCaseNumber(caseNumber))?.questions ?? [];
    assert.deepEqual(
      stored.map((entry) => [entry._id.toHexString(), entry.text]),
      [[question.id, 'Which door?']],
    );
  });

  it('finds closed cases past a cutoff, and deletes one only while it is still closed', async () => {
    const caseNumber = await submit();
    const closedAt = new Date(now.getTime() - 10 * MINUTE);
    await reportModel(database.connection).updateOne(
      { caseNumber },
      { $set: { status: 'closed', closedAt } },
    );
    assert.equal(await files.countClosedBefore(closedAt), 0);
    assert.equal(await files.countClosedBefore(now), 1);
    const [expired] = await files.closedBefore(now, 10);
    assert.ok(expired);
    assert.equal(expired.caseNumber, caseNumber);
    await reportModel(database.connection).updateOne({ caseNumber }, { $set: { status: 'in_progress' } });
    assert.equal(await files.deleteClosed(expired), false, 'reopened meanwhile: kept');
    await reportModel(database.connection).updateOne({ caseNumber }, { $set: { status: 'closed' } });
    assert.equal(await files.deleteClosed(expired), true);
    assert.equal(await files.byCaseNumber(caseNumber), undefined);
  });
});
