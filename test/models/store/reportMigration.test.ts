import assert from 'node:assert/strict';
import { mkdir, writeFile } from 'node:fs/promises';
import path from 'node:path';
import mongoose from 'mongoose';
import { answersInOrder } from '../../../bot/police/cases/caseView';
import { QUESTIONNAIRE_V1 } from '../../../models/core/questionnaireV1';
import type { Database } from '../../../models/store/db';
import { QUESTIONNAIRE_V1_HASH, QuestionnaireArchive } from '../../../models/store/questionnaireArchive';
import { reportModel, type Report } from '../../../models/store/report';
import { inCurrentShape, migrateReports } from '../../../models/store/reportMigration';
import { ReportRepository } from '../../../models/store/reportRepository';
import { idForKey } from '../../../models/store/storageKey';
import { openTestDatabase } from '../../helpers/database';
import { temporaryDirectoryPerTest } from '../../helpers/tempDir';

const { EJSON } = mongoose.mongo.BSON;

/** The invented answers that kept their names when they moved under `answers` (question ids). */
const SAME_NAMED = {
  urgent: false,
  category: 'vehicle',
  account: 'A van stood with its engine running for an hour.',
  when: {
    start: new Date('2026-10-01T08:00:00Z'),
    precision: 'minute',
    approximate: true,
    asSaid: 'this morning around ten',
  },
  ongoing: false,
  place: 'Invented Street 1',
  people: [],
  vehicles: [{ plate: '1-ABC-123', colour: 'white', vehicleType: 'van' }],
  suspicious: 'It came back three times.',
};
const EVIDENCE = {
  attachments: [
    { name: 'van.jpg', contentType: 'image/jpeg', contentUrl: 'https://files.test.invalid/van.jpg' },
  ],
  links: ['https://video.test.invalid/van'],
};
const CONTACT = { anonymous: false, name: 'Invented Witness', preferredContact: 'chat' };
const CONSENT_AT = new Date('2026-10-01T08:30:00Z');

/** A report exactly as the code before answers by question id stored it (invented content). */
function oldShapeReport(caseNumber: string, overrides: Record<string, unknown> = {}) {
  const draftId = `old-draft-${caseNumber}`;
  return {
    _id: ReportRepository.idForDraft(draftId),
    draftId,
    caseNumber,
    receiptHash: 'scrypt$invented',
    questionnaireVersion: 1,
    status: 'new' as const,
    channel: 'webchat' as const,
    locale: 'en' as const,
    conversationId: 'conversation-old',
    // One field per answer, the evidence in two, the contact answers under `reporter`.
    ...structuredClone(SAME_NAMED),
    ...structuredClone(EVIDENCE),
    reporter: { ...CONTACT },
    consentAt: CONSENT_AT,
    unknownAnswers: [],
    submittedAt: new Date('2026-10-01T08:31:00Z'),
    questions: [],
    createdAt: new Date('2026-10-01T08:31:00Z'),
    updatedAt: new Date('2026-10-01T08:31:00Z'),
    ...overrides,
  };
}

/** The same report's answers as they read now, by question id. */
const EXPECTED_ANSWERS = {
  ...SAME_NAMED,
  evidence: EVIDENCE,
  anonymous: CONTACT.anonymous,
  contactName: CONTACT.name,
  preferredContact: CONTACT.preferredContact,
  consent: CONSENT_AT,
};

describe('the migration of reports stored with one field per answer', () => {
  let database: Database;
  const directory = temporaryDirectoryPerTest('shield-migration');
  before(async () => {
    database = await openTestDatabase();
  });
  after(async () => {
    await database.close();
  });
  beforeEach(async () => {
    await database.connection.collection('reports').deleteMany({});
    await database.connection.collection('questionnaires').deleteMany({});
  });

  it('reads an old report as answers by question id, against questionnaire version 1, before any migration', () => {
    const read = inCurrentShape(oldShapeReport('SR-OLD00-00001'));
    assert.equal(read.questionnaireHash, QUESTIONNAIRE_V1_HASH);
    assert.deepEqual(read.answers, EXPECTED_ANSWERS);
    for (const field of ['account', 'reporter', 'consentAt', 'attachments', 'questionnaireVersion'])
      assert.equal(field in read, false, `${field} is no longer a field of its own`);
    const shown = answersInOrder(read, QUESTIONNAIRE_V1, 'en', 'Europe/Brussels');
    const line = (id: string) => shown.find((answer) => answer.id === id);
    assert.equal(line('contactName')?.label, 'Your name');
    assert.deepEqual(line('contactName'), {
      id: 'contactName',
      label: 'Your name',
      value: 'Invented Witness',
    });
    assert.match(JSON.stringify(line('evidence')), /van\.jpg\\nhttps:\/\/video\.test\.invalid\/van/);
  });

  it('rewrites old reports in the database once, archives version 1, and leaves current ones alone', async () => {
    const reports = database.connection.collection('reports');
    await reports.insertMany([
      oldShapeReport('SR-OLD00-00001'),
      // From before unknown answers were recorded, anonymous, nothing but the required answers.
      oldShapeReport('SR-OLD00-00002', {
        unknownAnswers: undefined,
        reporter: { anonymous: true },
        attachments: [],
        links: [],
        vehicles: [],
        when: undefined,
      }),
    ]);
    const current = {
      ...inCurrentShape(oldShapeReport('SR-NEW00-00003')),
      _id: new mongoose.Types.ObjectId(),
      draftId: 'new-draft',
      questionnaireHash: 'f'.repeat(64),
    };
    await reports.insertOne(current);

    const archive = new QuestionnaireArchive(database.connection);
    assert.equal(await migrateReports(database.connection, archive), 2, 'the two old ones');
    assert.equal(await migrateReports(database.connection, archive), 0, 'a second run finds nothing to do');

    const first = await reportModel(database.connection)
      .findOne({ caseNumber: 'SR-OLD00-00001' })
      .lean<Report>();
    assert.ok(first);
    assert.equal(first.questionnaireHash, QUESTIONNAIRE_V1_HASH);
    assert.deepEqual(first.answers, EXPECTED_ANSWERS);
    const raw = await reports.findOne({ caseNumber: 'SR-OLD00-00001' });
    for (const field of ['account', 'reporter', 'consentAt', 'attachments', 'links', 'questionnaireVersion'])
      assert.equal(raw && field in raw, false, `${field} is gone from the stored document`);
    assert.equal(first.caseNumber, 'SR-OLD00-00001', 'the case keeps its number, status and receipt');
    assert.equal(first.receiptHash, 'scrypt$invented');

    const second = await reportModel(database.connection)
      .findOne({ caseNumber: 'SR-OLD00-00002' })
      .lean<Report>();
    assert.deepEqual(Object.keys(second?.answers ?? {}).sort(), [
      'account',
      'anonymous',
      'category',
      'consent',
      'ongoing',
      'people',
      'place',
      'suspicious',
      'urgent',
      'vehicles',
    ]);
    const untouched = await reports.findOne({ caseNumber: 'SR-NEW00-00003' });
    assert.equal(
      untouched?.questionnaireHash,
      'f'.repeat(64),
      'a report in the current shape is not rewritten',
    );

    const archived = await database.connection
      .collection('questionnaires')
      .findOne({ _id: idForKey('questionnaire', QUESTIONNAIRE_V1_HASH) });
    assert.equal(archived?.hash, QUESTIONNAIRE_V1_HASH, 'version 1 is in the archive');
  });

  it('delivers a report left in the outbox by the old code, in the current shape', async () => {
    const outbox = directory();
    await mkdir(outbox, { recursive: true });
    const { createdAt, updatedAt, questions, ...queued } = oldShapeReport('SR-OLD00-00004');
    assert.ok(createdAt && updatedAt && questions);
    await writeFile(
      path.join(outbox, `${queued._id.toHexString()}.ejson`),
      EJSON.stringify(queued, { relaxed: false }),
    );
    const repository = new ReportRepository(database.connection, outbox);
    assert.equal(await repository.flushOutbox(), 1);
    const stored = await reportModel(database.connection)
      .findOne({ caseNumber: 'SR-OLD00-00004' })
      .lean<Report>();
    assert.ok(stored, 'the old record reached the database');
    assert.equal(stored.questionnaireHash, QUESTIONNAIRE_V1_HASH);
    assert.deepEqual(stored.answers, EXPECTED_ANSWERS);
    assert.equal(
      await repository.caseNumberForDraft(queued.draftId),
      'SR-OLD00-00004',
      'a repeat is recognised',
    );
    const archived = await new QuestionnaireArchive(database.connection, []).find(QUESTIONNAIRE_V1_HASH);
    assert.ok(archived, 'its questionnaire is archived with it');
  });
});
