import assert from 'node:assert/strict';
import { attachmentUrl } from '../../../models/core/attachmentUrl';
import {
  caseBrief,
  caseFields,
  caseListEntry,
  duplicateSearch,
  escapeRegExp,
  historyLine,
  likelyDuplicates,
  mayLink,
  mayWork,
  mustBeOpen,
  pageOf,
  planCaseChange,
  readsSummary,
  searchFields,
  SUMMARY_LENGTH,
  type CaseChange,
  type CaseFileRecord,
  type CaseWorker,
} from '../../../models/core/caseDesk';
import type { CaseStatus } from '../../../models/core/cases';
import { ServiceError, type ErrorCode } from '../../../models/core/errors';
import { CURRENT_QUESTIONNAIRE } from '../../../models/core/questionnaire';
import { withLightingQuestion } from '../../helpers/fixtures';

const HOUR = 3_600_000;
const SUBMITTED = new Date('2026-03-01T12:00:00Z');

function record(overrides: Partial<CaseFileRecord> = {}): CaseFileRecord {
  return {
    caseNumber: 'SR-AAAAA-AAAAA',
    status: 'new',
    urgent: false,
    submittedAt: SUBMITTED,
    answers: {},
    channel: 'webchat',
    locale: 'en',
    questionnaireHash: 'hash',
    ...overrides,
  };
}

const officer: CaseWorker = { officerId: 'a'.repeat(24), role: 'officer' };
const otherOfficer: CaseWorker = { officerId: 'b'.repeat(24), role: 'officer' };
const supervisor: CaseWorker = { officerId: 'c'.repeat(24), role: 'supervisor' };

/** Asserts that `work` throws the ServiceError with that code. */
function throwsCode(work: () => unknown, code: ErrorCode): void {
  assert.throws(
    work,
    (error: unknown) => error instanceof ServiceError && error.code === code,
    `expected ServiceError ${code}`,
  );
}

describe('the case desk rules (models/core/caseDesk)', () => {
  describe('searchFields', () => {
    it('looks in the case number, every text answer and evidence link, and the officers’ questions', () => {
      const fields = searchFields([CURRENT_QUESTIONNAIRE]);
      assert.equal(fields[0], 'caseNumber');
      assert.ok(fields.includes('answers.place'), 'a text question is searched');
      assert.ok(fields.includes('answers.account'), 'the account is searched');
      assert.ok(!fields.includes('answers.category'), 'a choice is not searched as free text');
      assert.deepEqual(fields.slice(-2), ['questions.text', 'questions.answer']);
    });

    it('lists a question that several questionnaires share once, and one added later too', () => {
      const fields = searchFields([CURRENT_QUESTIONNAIRE, withLightingQuestion()]);
      assert.equal(fields.filter((field) => field === 'answers.place').length, 1);
      assert.ok(fields.includes('answers.lighting'));
    });
  });

  describe('escapeRegExp', () => {
    it('makes every special character literal', () => {
      const text = 'a.b*c+d?(e)[f]{g}|h^i$j\\k/l-m';
      assert.ok(new RegExp(escapeRegExp(text)).test(`x${text}y`));
      assert.ok(!new RegExp(escapeRegExp('a.b')).test('axb'), 'a dot matches only a dot');
    });
  });

  describe('pageOf', () => {
    const items = [1, 2, 3].map((n) => ({ n, urgent: n === 1, submittedAt: new Date(n * HOUR) }));

    it('gives the cursor of the page’s last item when one more was found', () => {
      const { page, next } = pageOf(items, 2, (item) => `id${item.n}`);
      assert.deepEqual(
        page.map((item) => item.n),
        [1, 2],
      );
      assert.deepEqual(next, { urgent: false, submittedAt: new Date(2 * HOUR), id: 'id2' });
    });

    it('gives no cursor on the last page', () => {
      const { page, next } = pageOf(items, 3, (item) => `id${item.n}`);
      assert.equal(page.length, 3);
      assert.equal(next, undefined);
    });
  });

  describe('what a case shows', () => {
    const answered = new Date(SUBMITTED.getTime() + 2 * HOUR);
    const report = record({
      answers: { category: 'suspicious_item', place: 'Main Street', account: 'x'.repeat(200) },
      questions: [
        { answer: 'yes', answeredAt: answered },
        { answer: null, answeredAt: null },
      ],
    });

    it('lists a case with a short summary and its open and unread questions', () => {
      const entry = caseListEntry(report, undefined);
      assert.equal(entry.category, 'suspicious_item');
      assert.equal(entry.place, 'Main Street');
      assert.equal(entry.summary.length, SUMMARY_LENGTH);
      assert.equal(entry.openQuestions, 1);
      assert.equal(entry.unreadAnswers, 1, 'never opened: the answer is unread');
      assert.equal(entry.assignee, null);
      assert.equal(entry.organisation, null);
    });

    it('counts an answer as read once the officer opened the case after it came', () => {
      assert.equal(caseListEntry(report, new Date(answered.getTime() + 1)).unreadAnswers, 0);
      assert.equal(caseListEntry(report, new Date(answered.getTime() - 1)).unreadAnswers, 1);
    });

    it('gives a case in brief with the time the witness named, if any', () => {
      const start = new Date('2026-03-01T10:00:00Z');
      assert.deepEqual(caseBrief(record({ answers: { when: { start } } })).when, start);
      assert.equal(caseBrief(report).when, null);
    });

    it('names the stored evidence files by id, and leaves files kept elsewhere without one', () => {
      const fileId = 'f'.repeat(24);
      const fields = caseFields(
        record({
          answers: {
            evidence: {
              attachments: [
                { name: 'a.jpg', contentType: 'image/jpeg', contentUrl: attachmentUrl('http://x', fileId) },
                { name: 'b.jpg', contentType: 'image/jpeg', contentUrl: 'https://teams.example/b.jpg' },
              ],
            },
          },
        }),
      );
      const evidence = (fields.answers as Record<string, { attachments: { fileId: string | null }[] }>)
        .evidence;
      assert.deepEqual(
        evidence?.attachments.map((attachment) => attachment.fileId),
        [fileId, null],
      );
      assert.equal(fields.outcome, null);
      assert.deepEqual(fields.unknownAnswers, []);
      assert.ok(!('conversationId' in fields) && !('receiptHash' in fields), 'no chat ids, no receipt hash');
    });

    it('sums up the reads of a case in one line', () => {
      const at = (minutes: number) => new Date(SUBMITTED.getTime() + minutes * 60_000);
      const reads = [
        { at: at(1), action: 'case.read', actor: 'x' },
        { at: at(2), action: 'case.read', actor: 'y' },
        { at: at(3), action: 'case.read', actor: 'x' },
      ];
      assert.deepEqual(readsSummary(reads), { count: 3, readers: ['x', 'y'], lastAt: at(3), lastBy: 'x' });
      assert.deepEqual(readsSummary([]), { count: 0, readers: [], lastAt: null, lastBy: null });
    });

    it('gives a history line an empty detail when its entry has none', () => {
      assert.deepEqual(historyLine({ at: SUBMITTED, action: 'case.updated', actor: 'x' }).detail, {});
    });
  });

  describe('possible duplicates', () => {
    it('looks a day either side of the time the witness named, in the same category', () => {
      const start = new Date('2026-03-01T10:00:00Z');
      const search = duplicateSearch(record({ answers: { category: 'drone', when: { start } } }));
      assert.deepEqual(search, {
        category: 'drone',
        except: 'SR-AAAAA-AAAAA',
        from: new Date(start.getTime() - 24 * HOUR),
        to: new Date(start.getTime() + 24 * HOUR),
      });
      assert.equal(duplicateSearch(record(), 2).from.getTime(), SUBMITTED.getTime() - 2 * HOUR);
    });

    const at = (caseNumber: string, place: string, placeDetail?: string) =>
      record({ caseNumber, answers: { place, ...(placeDetail ? { placeDetail } : {}) } });
    const mine = at('SR-MINE0-00000', 'Grote Markt, near the fountain');

    it('keeps places that share most of their words, closest first, accents and case aside', () => {
      const found = likelyDuplicates(
        mine,
        [
          at('SR-HALF0-00000', 'grote markt station entrance hall'),
          at('SR-ACCNT-00000', 'Gröte Märkt fountain square'),
          at('SR-SAME0-00000', 'GROTE MARKT', 'near the fountain'),
        ],
        new Set(),
      );
      assert.deepEqual(
        found.map((candidate) => candidate.caseNumber),
        ['SR-SAME0-00000', 'SR-ACCNT-00000'],
      );
    });

    it('does not take one shared word for the same place, nor a case already linked', () => {
      const found = likelyDuplicates(
        mine,
        [at('SR-ONEW0-00000', 'fountain'), at('SR-LINK0-00000', 'Grote Markt fountain')],
        new Set(['SR-LINK0-00000']),
      );
      assert.deepEqual(found, []);
    });
  });

  describe('who may work a case', () => {
    it('lets the assigned officer and any supervisor work it, no other officer', () => {
      const assigned = record({ assignee: officer.officerId });
      assert.doesNotThrow(() => mayWork(officer, assigned));
      assert.doesNotThrow(() => mayWork(supervisor, assigned));
      throwsCode(() => mayWork(otherOfficer, assigned), 'NotAssigned');
    });

    it('refuses work on a closed case and a link of a case with itself', () => {
      throwsCode(() => mustBeOpen(record({ status: 'closed' })), 'CaseClosed');
      assert.doesNotThrow(() => mustBeOpen(record({ status: 'in_progress' })));
      throwsCode(() => mayLink('SR-AAAAA-AAAAA', 'SR-AAAAA-AAAAA'), 'SameCase');
    });
  });

  describe('planCaseChange', () => {
    const now = new Date('2026-03-02T09:00:00Z');
    const mineIn = (status: CaseStatus) => record({ status, assignee: officer.officerId });

    const refusals: [
      what: string,
      worker: CaseWorker,
      status: CaseStatus,
      change: CaseChange,
      code: ErrorCode,
    ][] = [
      ['an officer assigning', officer, 'new', { assignee: otherOfficer.officerId }, 'SupervisorOnly'],
      ['an officer not assigned', otherOfficer, 'new', { status: 'triaged' }, 'NotAssigned'],
      ['an officer reopening', officer, 'closed', { status: 'in_progress' }, 'SupervisorOnly'],
      ['a change of a closed case', supervisor, 'closed', { status: 'triaged' }, 'CaseClosed'],
      ['an outcome without closing', officer, 'in_progress', { outcome: 'resolved' }, 'OutcomeWithoutClose'],
      ['a skipped step', officer, 'new', { status: 'in_progress' }, 'IllegalTransition'],
      ['a step back', officer, 'triaged', { status: 'new' }, 'IllegalTransition'],
      ['closing without an outcome', officer, 'in_progress', { status: 'closed' }, 'OutcomeRequired'],
    ];
    for (const [what, worker, status, change, code] of refusals) {
      it(`refuses ${what} (${code})`, () => {
        throwsCode(() => planCaseChange(worker, mineIn(status), change, now), code);
      });
    }

    it('takes the one step forward and records where from', () => {
      assert.deepEqual(planCaseChange(officer, mineIn('new'), { status: 'triaged' }, now), {
        kind: 'set',
        set: { status: 'triaged' },
        changed: { from: 'new', to: 'triaged' },
      });
    });

    it('closes with an outcome and the closing time', () => {
      const plan = planCaseChange(
        officer,
        mineIn('in_progress'),
        { status: 'closed', outcome: 'resolved' },
        now,
      );
      assert.deepEqual(plan, {
        kind: 'set',
        set: { outcome: 'resolved', closedAt: now, status: 'closed' },
        changed: { outcome: 'resolved', from: 'in_progress', to: 'closed' },
      });
    });

    it('lets a supervisor assign and unassign', () => {
      const plan = planCaseChange(supervisor, mineIn('new'), { assignee: otherOfficer.officerId }, now);
      assert.deepEqual(plan, {
        kind: 'set',
        set: { assignee: otherOfficer.officerId },
        changed: { assignee: otherOfficer.officerId },
      });
      const unassigned = planCaseChange(supervisor, mineIn('new'), { assignee: null }, now);
      assert.deepEqual(unassigned.kind === 'set' && unassigned.set, { assignee: null });
    });

    it('lets a supervisor reopen a closed case, keeping its previous outcome in the record', () => {
      const closed = record({ status: 'closed', outcome: 'passed_on', assignee: officer.officerId });
      assert.deepEqual(planCaseChange(supervisor, closed, { status: 'in_progress' }, now), {
        kind: 'reopen',
        changed: { from: 'closed', to: 'in_progress', reopened: 'true', previousOutcome: 'passed_on' },
      });
    });
  });
});
