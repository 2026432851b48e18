import assert from 'node:assert/strict';
import { mkdtemp } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { Types } from 'mongoose';
import { messagesFor } from '../../dialogs/locales';
import { canonicalCaseNumber } from '../../dialogs/statusDialog';
import type { Database } from '../../models/store/db';
import { RECEIPT_FAILURES_PER_CLIENT, RECEIPT_FREE_ATTEMPTS } from '../../models/store/followUp';
import { MongoStorage } from '../../models/store/mongoStorage';
import { reportModel } from '../../models/store/report';
import { ReportRepository, type ReportSubmission } from '../../models/store/reportRepository';
import { openTestDatabase } from '../helpers/database';
import { inventedSubmission } from '../helpers/fixtures';
import { Witness, witnessDeps, type WitnessDeps } from '../helpers/witness';

const OFFICER = 'officer-account-7f3a';
const literal = (text: string) => new RegExp(text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&'));

describe('StatusDialog', () => {
  let database: Database;
  let repository: ReportRepository;
  let deps: WitnessDeps;

  before(async () => {
    database = await openTestDatabase();
    repository = new ReportRepository(
      database.connection,
      await mkdtemp(path.join(os.tmpdir(), 'shield-status-')),
    );
  });
  after(async () => {
    await database.close();
  });
  beforeEach(() => {
    deps = witnessDeps(database.connection, repository);
  });

  async function submittedReport(overrides: Partial<ReportSubmission> = {}) {
    const result = await repository.submit(inventedSubmission(overrides));
    assert.equal(result.status, 'saved');
    return result as { caseNumber: string; receiptCode: string };
  }

  async function askQuestion(caseNumber: string, text: string): Promise<Types.ObjectId> {
    const _id = new Types.ObjectId();
    await reportModel(database.connection).updateOne(
      { caseNumber },
      {
        $push: { questions: { _id, text, askedAt: new Date(), askedBy: OFFICER } },
        $set: { status: 'in_progress' },
      },
    );
    return _id;
  }

  const witness = (options: ConstructorParameters<typeof Witness>[2] = {}) =>
    new Witness(new MongoStorage(database.connection), deps, options);

  it('shows an anonymous web witness the status and the police question, and records the answer', async () => {
    const { caseNumber, receiptCode } = await submittedReport();
    const questionId = await askQuestion(caseNumber, 'What colour was the bag? <b>exactly</b>');
    const web = witness();
    await web.expect('status', /type the case number/);
    await web.expect('my case', /does not look like a case number/);
    await web.expect(caseNumber.toLowerCase().replace(/-/g, ' '), /receipt code/);
    const replies = await web.says(receiptCode);
    const text = replies.map((reply) => reply.text).join('\n');
    assert.match(text, new RegExp(`Case ${caseNumber}: being investigated`));
    assert.match(text, /The police ask you: What colour was the bag\? <b>exactly<\/b>/);
    assert.ok(
      replies.some((reply) => reply.textFormat === 'plain'),
      'the question is sent as plain text',
    );
    assert.ok(!text.includes(OFFICER), 'the officer is never named');
    await web.expect('Dark blue, with a white stripe', /answer has been added/);

    const report = await reportModel(database.connection).findOne({ caseNumber }).lean();
    const question = report?.questions.find((candidate) => candidate._id.equals(questionId));
    assert.equal(question?.answer, 'Dark blue, with a white stripe');
    assert.ok(question?.answeredAt instanceof Date);
  });

  const WRONG_CODE = 'AAAA-BBBB-CCCC-DDDD-EEEE';
  /** A web witness writing as one client (the channel's user), in a new conversation each time. */
  const client = (id: string) => witness({ from: { id, name: 'Test Witness' } });
  async function tryCode(id: string, caseNumber: string, code: string): Promise<string> {
    const attempt = client(id);
    await attempt.expect('status', /case number/);
    await attempt.expect(caseNumber, /receipt code/);
    return (await attempt.says(code)).map((reply) => reply.text).join('\n');
  }

  it('gives the same answer for a wrong code and an unknown case', async () => {
    const { caseNumber, receiptCode } = await submittedReport();
    const unknownCase = await tryCode('witness-same-answer', 'SR-00000-00000', receiptCode);
    const wrongCode = await tryCode('witness-same-answer', caseNumber, WRONG_CODE);
    assert.match(wrongCode, /do not go together/);
    assert.equal(unknownCase, wrongCode, 'the answer never says which part was wrong');
  });

  it('makes a client that keeps guessing at a case wait, for the right code too, in any new conversation', async () => {
    const { caseNumber, receiptCode } = await submittedReport();
    for (let attempt = 0; attempt < RECEIPT_FREE_ATTEMPTS; attempt += 1) {
      assert.match(await tryCode('witness-guessing', caseNumber, WRONG_CODE), /do not go together/);
    }
    assert.match(await tryCode('witness-guessing', caseNumber, receiptCode), /Too many attempts/);
  });

  it("never refuses the witness's own code because strangers guessed at the case", async () => {
    const { caseNumber, receiptCode } = await submittedReport();
    for (const stranger of ['stranger-1', 'stranger-2']) {
      for (let attempt = 0; attempt < RECEIPT_FREE_ATTEMPTS + 2; attempt += 1) {
        assert.match(await tryCode(stranger, caseNumber, WRONG_CODE), /do not go together|Too many attempts/);
      }
      assert.match(await tryCode(stranger, caseNumber, WRONG_CODE), /Too many attempts/);
    }
    assert.match(await tryCode('the-witness', caseNumber, receiptCode), new RegExp(`Case ${caseNumber}`));
  });

  it('pauses a client that guesses across many cases', async () => {
    for (let attempt = 0; attempt < RECEIPT_FAILURES_PER_CLIENT; attempt += 1) {
      const { caseNumber } = await submittedReport();
      assert.match(await tryCode('witness-sweeping', caseNumber, WRONG_CODE), /do not go together/);
    }
    const { caseNumber, receiptCode } = await submittedReport();
    assert.match(await tryCode('witness-sweeping', caseNumber, receiptCode), /Too many attempts/);
  });

  it('in Teams, shows the user their own reports without a code', async () => {
    const tenant = '00000000-0000-4000-8000-00000000c0de';
    const user = '00000000-0000-4000-8000-0000000000b2';
    const { caseNumber } = await submittedReport({
      channel: 'msteams',
      teams: { tenantId: tenant, aadObjectId: user, userId: '29:teams-user-b2' },
    });
    await askQuestion(caseNumber, 'Was the door open or closed?');
    const teams = witness({
      channelId: 'msteams',
      from: { id: '29:teams-user-b2', name: 'Kim Example', aadObjectId: user },
      channelData: { tenant: { id: tenant } },
    });
    await teams.expect(
      'status',
      new RegExp(`Case ${caseNumber}: being investigated[\\s\\S]*Was the door open or closed\\?`),
    );
    await teams.expect('skip', /answer later/);
    const stranger = witness({
      channelId: 'msteams',
      from: {
        id: '29:someone-else',
        name: 'Other Example',
        aadObjectId: '00000000-0000-4000-8000-0000000000ff',
      },
      channelData: { tenant: { id: tenant } },
    });
    await stranger.expect('status', /no reports from you/);
  });

  it('reads case numbers as people type them', () => {
    assert.equal(canonicalCaseNumber('sr 7kq2m x9d4t'), 'SR-7KQ2M-X9D4T');
    assert.equal(canonicalCaseNumber('SR7KQ2MX9D4T'), 'SR-7KQ2M-X9D4T');
    assert.equal(canonicalCaseNumber('SR-7KQ2M'), undefined);
    assert.equal(canonicalCaseNumber('sr–7kq2m–x9d4t'), 'SR-7KQ2M-X9D4T', 'any dash');
    assert.equal(canonicalCaseNumber('SR-OIL2M-X9D4T'), 'SR-0112M-X9D4T', 'O as 0, I and L as 1');
  });

  // A code retyped by hand: O for 0, I or L for 1, lower case, spaces or other dashes between the groups.
  const retyped = (code: string) =>
    code
      .replace(/0/g, 'O')
      .replace(/1/g, (_digit, offset: number) => (offset % 2 === 0 ? 'I' : 'l'))
      .toLowerCase()
      .replace(/-/g, (_dash, offset: number) => (offset % 2 === 0 ? ' ' : '–'));

  for (const locale of ['nl', 'fr', 'de', 'en'] as const) {
    it(`accepts a receipt code and case number retyped with the common confusions (${locale})`, async () => {
      const m = messagesFor(locale);
      // A code and case number with a 0 or 1 in them, so that there is something to confuse.
      let saved = await submittedReport();
      for (let tries = 0; !(/[01]/.test(saved.receiptCode) && /[01]/.test(saved.caseNumber)); tries += 1) {
        assert.ok(tries < 60, 'a code with a 0 or a 1 came up');
        saved = await submittedReport();
      }
      const web = witness({ locale });
      await web.expect(m.words.status[0], literal(m.status.askCaseNumber));
      await web.expect(retyped(saved.caseNumber), literal(m.status.askReceipt));
      await web.expect(
        retyped(saved.receiptCode),
        literal(m.status.current(saved.caseNumber, m.status.states.new)),
      );
    });
  }
});
