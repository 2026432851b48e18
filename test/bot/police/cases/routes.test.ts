import assert from 'node:assert/strict';
import { readFile } from 'node:fs/promises';
import {
  AuditTrail,
  auditModel,
  refusalModel,
  type AuditAction,
  type RefusalReason,
} from '../../../../models/store/audit';
import { CaseRetention } from '../../../../bot/police/cases/retention';
import { Types } from 'mongoose';
import { findCaseContact, saveCaseContact } from '../../../../models/store/caseContact';
import { caseNoteModel } from '../../../../models/store/caseNote';
import { CaseReads } from '../../../../models/store/caseReads';
import { Incidents } from '../../../../models/store/incident';
import { QuestionDeliveries } from '../../../../models/store/questionDeliveries';
import { receiptGuard, WitnessFollowUp } from '../../../../models/store/followUp';
import { officerIdForEmail } from '../../../../models/store/officer';
import { EvidenceFiles } from '../../../../models/store/evidenceFiles';
import { reportModel } from '../../../../models/store/report';
import { CURRENT_QUESTIONNAIRE } from '../../../../models/core/questionnaire';
import { questionnaireHash } from '../../../../models/store/questionnaireArchive';
import { TranscriptStore } from '../../../../models/store/transcript';
import { LOGIN_FAILURES_PER_ADDRESS, LOGIN_FREE_ATTEMPTS } from '../../../../bot/police/cases/auth';
import { argon2Hasher, type PasswordHasher } from '../../../../models/store/officer';
import { safeCell } from '../../../../bot/police/cases/routes';
import { PASSWORD, seed, startCaseFixture, type CaseFixture } from '../../../helpers/cases';
import { PHOTO } from '../../../helpers/photos';

type Json = Record<string, unknown>;
const DAY = 86_400_000;

async function auditActions(fixture: CaseFixture, filter: Json = {}): Promise<AuditAction[]> {
  const entries = await auditModel(fixture.database.connection).find(filter).sort({ at: 1, _id: 1 }).lean();
  return entries.map((entry) => entry.action);
}

async function refusalTotal(fixture: CaseFixture, reason: RefusalReason): Promise<number> {
  await fixture.service.refusals.flush();
  const counts = await refusalModel(fixture.database.connection).find({ reason }).lean();
  return counts.reduce((sum, entry) => sum + entry.count, 0);
}

async function lastAudit(fixture: CaseFixture): Promise<Json> {
  const [entry] = await auditModel(fixture.database.connection).find().sort({ _id: -1 }).limit(1).lean();
  return entry;
}

describe('case API', () => {
  let fixture: CaseFixture;
  let officer: string;
  let supervisor: string;
  let admin: string;
  const officerId = officerIdForEmail('officer@police.test').toHexString();

  before(async () => {
    fixture = await startCaseFixture();
    officer = await fixture.login('officer@police.test');
    supervisor = await fixture.login('supervisor@police.test');
    admin = await fixture.login('admin@police.test');
  });
  after(async () => {
    await fixture.close();
  });

  describe('POST /api/auth/login', () => {
    it('returns a short-lived token and the officer, and audits the login with the address', async () => {
      const answer = await fixture.call('POST', '/api/auth/login', undefined, {
        email: 'Officer@Police.test',
        password: PASSWORD,
      });
      assert.equal(answer.status, 200);
      const body = answer.body as { token: string; expiresAt: string; officer: Json };
      assert.deepEqual(body.officer, { id: officerId, email: 'officer@police.test', role: 'officer' });
      assert.equal(new Date(body.expiresAt).getTime() - fixture.now().getTime(), 15 * 60_000);
      const entry = await lastAudit(fixture);
      assert.equal(entry.action, 'login.succeeded');
      assert.equal(entry.actor, officerId);
      assert.match(String(entry.ip), /127\.0\.0\.1/);
    });

    it('refuses a wrong password with 401 and counts the refusal instead of auditing it', async () => {
      const before = await auditModel(fixture.database.connection).countDocuments();
      const counted = await refusalTotal(fixture, 'login.failed');
      const answer = await fixture.call('POST', '/api/auth/login', undefined, {
        email: 'other@police.test',
        password: 'wrong password!',
      });
      assert.equal(answer.status, 401);
      assert.equal((answer.body as Json).code, 'LoginFailed');
      assert.equal(await auditModel(fixture.database.connection).countDocuments(), before, 'no audit entry');
      assert.equal(await refusalTotal(fixture, 'login.failed'), counted + 1);
    });

    it('gives an unknown account the same answer as a wrong password', async () => {
      const answer = await fixture.call('POST', '/api/auth/login', undefined, {
        email: 'nobody@police.test',
        password: 'whatever it is',
      });
      assert.equal(answer.status, 401);
      assert.equal((answer.body as Json).code, 'LoginFailed');
    });

    const badBodies: [string, unknown][] = [
      ['an unknown field', { email: 'officer@police.test', password: PASSWORD, admin: true }],
      ['a wrong type', { email: 'officer@police.test', password: 12345 }],
      ['a MongoDB operator', { email: { $gt: '' }, password: PASSWORD }],
      ['a missing password', { email: 'officer@police.test' }],
    ];
    for (const [what, body] of badBodies) {
      it(`refuses a login body with ${what} with 400`, async () => {
        const answer = await fixture.call('POST', '/api/auth/login', undefined, body);
        assert.equal(answer.status, 400);
        assert.equal((answer.body as Json).code, 'InvalidRequest');
      });
    }

    it('makes a client that keeps failing for an account wait, for the right password too', async () => {
      const email = 'locked@police.test';
      await fixture.accounts.add(email, 'officer', PASSWORD);
      for (let attempt = 0; attempt < LOGIN_FREE_ATTEMPTS; attempt += 1) {
        const failed = await fixture.call('POST', '/api/auth/login', undefined, {
          email,
          password: 'wrong one!!',
        });
        assert.equal(failed.status, 401, `attempt ${attempt + 1}`);
      }
      const limited = await refusalTotal(fixture, 'login.limited');
      const waiting = await fixture.call('POST', '/api/auth/login', undefined, { email, password: PASSWORD });
      assert.equal(waiting.status, 429);
      assert.equal((waiting.body as Json).code, 'LoginLocked');
      assert.ok(Number(waiting.response.headers.get('retry-after')) > 0, 'Retry-After given');
      assert.equal(await refusalTotal(fixture, 'login.limited'), limited + 1, 'counted, not audited');
    });
  });

  describe('authentication and roles', () => {
    it('answers 401 without a token', async () => {
      const answer = await fixture.call('GET', '/api/cases');
      assert.equal(answer.status, 401);
      assert.equal(answer.response.headers.get('www-authenticate'), 'Bearer');
    });

    it('answers 401 to a forged token', async () => {
      const [header, payload] = officer.split('.');
      const answer = await fixture.call('GET', '/api/cases', `${header}.${payload}.forged-signature`);
      assert.equal(answer.status, 401);
    });

    it('answers 401 once the token has expired', async () => {
      const token = await fixture.login('other@police.test');
      assert.equal((await fixture.call('GET', '/api/cases', token)).status, 200);
      fixture.advance(16 * 60_000);
      try {
        assert.equal((await fixture.call('GET', '/api/cases', token)).status, 401);
      } finally {
        officer = await fixture.login('officer@police.test');
        supervisor = await fixture.login('supervisor@police.test');
        admin = await fixture.login('admin@police.test');
      }
    });

    const supervisorOnly: [string, string][] = [
      ['GET', '/api/cases/export?format=json'],
      ['GET', '/api/officers'],
    ];
    for (const [method, url] of supervisorOnly) {
      it(`answers 403 to an officer on ${method} ${url.split('?')[0]}, 200 to a supervisor and an admin`, async () => {
        assert.equal((await fixture.call(method, url, officer)).status, 403);
        assert.equal((await fixture.call(method, url, supervisor)).status, 200);
        assert.equal((await fixture.call(method, url, admin)).status, 200);
      });
    }

    it('answers 403 to an officer reading the audit trail', async () => {
      const caseNumber = await seed(fixture);
      assert.equal((await fixture.call('GET', `/api/cases/${caseNumber}/audit`, officer)).status, 403);
    });
  });

  describe('GET /api/cases', () => {
    let urgentCase: string;
    let plainCase: string;
    let garageCase: string;
    let start: Date;
    before(async () => {
      fixture.advance(60_000);
      start = fixture.now();
      urgentCase = await seed(fixture, {
        urgent: true,
        answers: { category: 'item', account: 'An unattended suitcase.' },
      });
      fixture.advance(60_000);
      plainCase = await seed(fixture, {
        organisation: 'Invented Transit',
        answers: { category: 'vehicle', account: 'A van (a+)+$' },
      });
      fixture.advance(60_000);
      garageCase = await seed(fixture, {
        answers: { account: 'Somebody photographed the ZEPPELIN hangar exits.' },
      });
    });

    it('lists urgent cases first, then the newest', async () => {
      const answer = await fixture.call('GET', '/api/cases?limit=100', officer);
      assert.equal(answer.status, 200);
      const cases = (answer.body as { cases: Json[] }).cases;
      const firstNonUrgent = cases.findIndex((item) => item.urgent === false);
      assert.ok(cases.slice(0, firstNonUrgent).every((item) => item.urgent === true));
      assert.ok(cases.slice(firstNonUrgent).every((item) => item.urgent === false));
      assert.equal(cases[0].caseNumber, urgentCase);
      assert.equal(cases[firstNonUrgent].caseNumber, garageCase, 'newest non-urgent case next');
      assert.equal((await lastAudit(fixture)).action, 'cases.listed');
    });

    const filters: [string, (numbers: { urgent: string; plain: string; garage: string }) => string[]][] = [
      ['urgent=true', (n) => [n.urgent]],
      ['category=vehicle', (n) => [n.plain]],
      ['organisation=Invented%20Transit', (n) => [n.plain]],
      ['q=zeppelin', (n) => [n.garage]],
      ['q=%28a%2B%29%2B%24', (n) => [n.plain]],
    ];
    for (const [query, expected] of filters) {
      it(`filters with ${decodeURIComponent(query)}`, async () => {
        const answer = await fixture.call(
          'GET',
          `/api/cases?${query}&from=${start.toISOString()}&limit=100`,
          officer,
        );
        assert.equal(answer.status, 200);
        const numbers = (answer.body as { cases: Json[] }).cases.map((item) => item.caseNumber);
        assert.deepEqual(numbers, expected({ urgent: urgentCase, plain: plainCase, garage: garageCase }));
      });
    }

    it('searches the case number', async () => {
      const answer = await fixture.call('GET', `/api/cases?q=${garageCase.slice(3, 9)}`, officer);
      assert.deepEqual(
        (answer.body as { cases: Json[] }).cases.map((item) => item.caseNumber),
        [garageCase],
      );
    });

    it('filters by status and date range', async () => {
      const answer = await fixture.call(
        'GET',
        `/api/cases?status=new&from=${new Date(start.getTime() + 30_000).toISOString()}&to=${new Date(start.getTime() + 90_000).toISOString()}`,
        officer,
      );
      assert.deepEqual(
        (answer.body as { cases: Json[] }).cases.map((item) => item.caseNumber),
        [plainCase],
      );
    });

    it('pages with a cursor through every case exactly once', async () => {
      const all = (await fixture.call('GET', '/api/cases?limit=100', officer)).body as { cases: Json[] };
      const seen: unknown[] = [];
      let cursor: string | null = null;
      do {
        const url: string = `/api/cases?limit=2${cursor ? `&cursor=${cursor}` : ''}`;
        const page = (await fixture.call('GET', url, officer)).body as {
          cases: Json[];
          nextCursor: string | null;
        };
        seen.push(...page.cases.map((item) => item.caseNumber));
        cursor = page.nextCursor;
      } while (cursor);
      assert.deepEqual(
        seen,
        all.cases.map((item) => item.caseNumber),
      );
    });

    const badQueries: [string, string][] = [
      ['a MongoDB operator in a filter', 'status[$gt]='],
      ['a regular expression operator in the search', 'q[$regex]=(a%2B)%2B%24'],
      ['an unknown parameter', 'where=1'],
      ['a wrong type', 'urgent=maybe'],
      ['a search that is too long', `q=${'a'.repeat(101)}`],
      ['a cursor that is not one', 'cursor=bm90LWEtY3Vyc29y'],
      ['a limit out of range', 'limit=1000'],
      ['an unknown status', 'status=archived'],
    ];
    for (const [what, query] of badQueries) {
      it(`refuses ${what} with 400`, async () => {
        const answer = await fixture.call('GET', `/api/cases?${query}`, officer);
        assert.equal(answer.status, 400, JSON.stringify(answer.body));
        assert.equal((answer.body as Json).code, 'InvalidRequest');
      });
    }
  });

  describe('GET /api/cases/:caseNumber', () => {
    it('returns every answer in questionnaire order with the questionnaire version, and audits the read', async () => {
      const caseNumber = await seed(fixture, {
        answers: {
          evidence: {
            attachments: [
              { name: 'photo.jpg', contentType: 'image/jpeg', contentUrl: 'https://files.example.test/1' },
            ],
            links: ['https://example.test/post'],
          },
        },
      });
      const answer = await fixture.call('GET', `/api/cases/${caseNumber}?lang=nl`, officer);
      assert.equal(answer.status, 200);
      const body = answer.body as { case: Json; answers: { id: string; label: string; value?: string }[] };
      assert.equal(body.case.questionnaireHash, questionnaireHash(CURRENT_QUESTIONNAIRE));
      assert.equal(body.case.receiptHash, undefined, 'the receipt hash never leaves the server');
      const evidence = (body.case.answers as { evidence: { attachments: Json[]; links: string[] } }).evidence;
      assert.deepEqual(evidence.links, ['https://example.test/post']);
      assert.deepEqual(evidence.attachments[0], {
        name: 'photo.jpg',
        contentType: 'image/jpeg',
        contentUrl: 'https://files.example.test/1',
        fileId: null,
        location: null,
      });
      assert.deepEqual(
        body.answers.map((item) => item.id),
        [
          'urgent',
          'category',
          'account',
          'when',
          'ongoing',
          'place',
          'placeDetail',
          'people',
          'vehicles',
          'suspicious',
          'evidence',
          'witnesses',
          'anonymous',
          'consent',
        ],
      );
      assert.equal(
        body.answers.find((item) => item.id === 'evidence')?.value,
        'photo.jpg\nhttps://example.test/post',
      );
      const entry = await lastAudit(fixture);
      assert.equal(entry.action, 'case.read');
      assert.equal(entry.caseNumber, caseNumber);
    });

    it('answers 404 for an unknown case and for something that is not a case number', async () => {
      assert.equal((await fixture.call('GET', '/api/cases/SR-00000-00000', officer)).status, 404);
      assert.equal((await fixture.call('GET', '/api/cases/not-a-case', officer)).status, 404);
    });

    it('refuses an unknown language with 400', async () => {
      const caseNumber = await seed(fixture);
      assert.equal((await fixture.call('GET', `/api/cases/${caseNumber}?lang=xx`, officer)).status, 400);
    });
  });

  describe('PATCH /api/cases/:caseNumber (workflow)', () => {
    it('takes a case from new to closed with an outcome, each step audited', async () => {
      const caseNumber = await seed(fixture);
      const assign = await fixture.call('PATCH', `/api/cases/${caseNumber}`, supervisor, {
        assignee: officerId,
      });
      assert.equal(assign.status, 200);
      for (const status of ['triaged', 'in_progress']) {
        const step = await fixture.call('PATCH', `/api/cases/${caseNumber}`, officer, { status });
        assert.equal(step.status, 200, JSON.stringify(step.body));
        assert.equal(((step.body as Json).case as Json).status, status);
      }
      const closed = await fixture.call('PATCH', `/api/cases/${caseNumber}`, officer, {
        status: 'closed',
        outcome: 'passed_on',
      });
      assert.equal(closed.status, 200);
      const stored = await reportModel(fixture.database.connection).findOne({ caseNumber }).lean();
      assert.equal(stored?.status, 'closed');
      assert.equal(stored?.outcome, 'passed_on');
      assert.deepEqual(stored?.closedAt, fixture.now());
      const updates = await auditModel(fixture.database.connection)
        .find({ caseNumber, action: 'case.updated' })
        .sort({ _id: 1 })
        .lean();
      assert.deepEqual(
        updates.map((entry) => entry.detail as Json),
        [
          { assignee: officerId },
          { from: 'new', to: 'triaged' },
          { from: 'triaged', to: 'in_progress' },
          { from: 'in_progress', to: 'closed', outcome: 'passed_on' },
        ],
      );
      const reopened = await fixture.call('PATCH', `/api/cases/${caseNumber}`, supervisor, {
        status: 'triaged',
      });
      assert.equal(reopened.status, 409);
    });

    const illegal: [string, string][] = [
      ['new', 'in_progress'],
      ['new', 'closed'],
      ['new', 'new'],
    ];
    for (const [from, to] of illegal) {
      it(`refuses ${from} → ${to} with 409`, async () => {
        const caseNumber = await seed(fixture);
        const body = to === 'closed' ? { status: to, outcome: 'resolved' } : { status: to };
        const answer = await fixture.call('PATCH', `/api/cases/${caseNumber}`, supervisor, body);
        assert.equal(answer.status, 409);
        assert.equal((answer.body as Json).code, 'IllegalTransition');
      });
    }

    it('refuses to close without an outcome (400)', async () => {
      const caseNumber = await seed(fixture);
      for (const status of ['triaged', 'in_progress']) {
        await fixture.call('PATCH', `/api/cases/${caseNumber}`, supervisor, { status });
      }
      const answer = await fixture.call('PATCH', `/api/cases/${caseNumber}`, supervisor, {
        status: 'closed',
      });
      assert.equal(answer.status, 400);
      assert.equal((answer.body as Json).code, 'OutcomeRequired');
    });

    it('refuses an officer working a case assigned to someone else (403), and assigning (403)', async () => {
      const caseNumber = await seed(fixture);
      assert.equal(
        (await fixture.call('PATCH', `/api/cases/${caseNumber}`, officer, { status: 'triaged' })).status,
        403,
      );
      assert.equal(
        (await fixture.call('PATCH', `/api/cases/${caseNumber}`, officer, { assignee: officerId })).status,
        403,
      );
    });

    const badBodies: [string, unknown][] = [
      ['an unknown field', { status: 'triaged', priority: 1 }],
      ['a MongoDB operator', { status: { $gt: '' } }],
      ['a wrong type', { assignee: 42 }],
      ['nothing to change', {}],
      ['an unknown outcome', { status: 'closed', outcome: 'arrested' }],
    ];
    for (const [what, body] of badBodies) {
      it(`refuses a body with ${what} with 400`, async () => {
        const caseNumber = await seed(fixture);
        const answer = await fixture.call('PATCH', `/api/cases/${caseNumber}`, supervisor, body);
        assert.equal(answer.status, 400);
      });
    }

    it('refuses an assignee without an account (400) and answers 404 for an unknown case', async () => {
      const caseNumber = await seed(fixture);
      const unknown = await fixture.call('PATCH', `/api/cases/${caseNumber}`, supervisor, {
        assignee: '0123456789abcdef01234567',
      });
      assert.equal(unknown.status, 400);
      assert.equal((unknown.body as Json).code, 'UnknownAssignee');
      const missing = await fixture.call('PATCH', '/api/cases/SR-00000-00000', supervisor, {
        status: 'triaged',
      });
      assert.equal(missing.status, 404);
    });
  });

  describe('POST /api/cases/:caseNumber/notes', () => {
    it('adds an internal note, audited without its text, and shows it in the case', async () => {
      const caseNumber = await seed(fixture);
      const answer = await fixture.call('POST', `/api/cases/${caseNumber}/notes`, supervisor, {
        text: 'Check CCTV.',
      });
      assert.equal(answer.status, 201);
      const entry = await lastAudit(fixture);
      assert.equal(entry.action, 'case.noteAdded');
      assert.doesNotMatch(JSON.stringify(entry), /CCTV/);
      const detail = (await fixture.call('GET', `/api/cases/${caseNumber}`, officer)).body as {
        notes: Json[];
      };
      assert.deepEqual(
        detail.notes.map((note) => note.text),
        ['Check CCTV.'],
      );
    });

    it('refuses an oversized note, an unknown field and a non-assigned officer', async () => {
      const caseNumber = await seed(fixture);
      const url = `/api/cases/${caseNumber}/notes`;
      assert.equal((await fixture.call('POST', url, supervisor, { text: 'x'.repeat(4001) })).status, 400);
      assert.equal((await fixture.call('POST', url, supervisor, { text: 'ok', pinned: true })).status, 400);
      assert.equal((await fixture.call('POST', url, officer, { text: 'ok' })).status, 403);
      assert.equal(
        (await fixture.call('POST', '/api/cases/SR-00000-00000/notes', supervisor, { text: 'ok' })).status,
        404,
      );
      assert.equal(await caseNoteModel(fixture.database.connection).countDocuments({ caseNumber }), 0);
    });
  });

  describe('POST /api/cases/:caseNumber/questions', () => {
    it('stores a question the witness sees in the status check, whose answer then shows on the case', async () => {
      const caseNumber = await seed(fixture);
      const asked = await fixture.call('POST', `/api/cases/${caseNumber}/questions`, supervisor, {
        text: 'What colour was the hoodie exactly?',
      });
      assert.equal(asked.status, 201);
      const questionId = ((asked.body as Json).question as Json).id as string;
      assert.equal((await lastAudit(fixture)).action, 'case.questionAsked');

      const witness = new WitnessFollowUp(
        fixture.database.connection,
        receiptGuard(fixture.database.connection),
        () => fixture.now(),
      );
      const [view] = await witness.casesOfTeamsUser('none', 'none');
      assert.equal(view, undefined);
      assert.equal(await witness.answer(caseNumber, questionId, 'Dark grey with a white logo.'), true);

      const detail = (await fixture.call('GET', `/api/cases/${caseNumber}`, officer)).body as {
        questions: Json[];
      };
      assert.equal(detail.questions[0].text, 'What colour was the hoodie exactly?');
      assert.equal(detail.questions[0].answer, 'Dark grey with a white logo.');
      assert.equal(detail.questions[0].askedBy, officerIdForEmail('supervisor@police.test').toHexString());
    });

    it('refuses a question on a closed case (409), an oversized one (400) and on an unknown case (404)', async () => {
      const caseNumber = await seed(fixture);
      const url = `/api/cases/${caseNumber}/questions`;
      assert.equal((await fixture.call('POST', url, supervisor, { text: 'x'.repeat(2001) })).status, 400);
      for (const status of ['triaged', 'in_progress']) {
        await fixture.call('PATCH', `/api/cases/${caseNumber}`, supervisor, { status });
      }
      await fixture.call('PATCH', `/api/cases/${caseNumber}`, supervisor, {
        status: 'closed',
        outcome: 'resolved',
      });
      assert.equal((await fixture.call('POST', url, supervisor, { text: 'Still there?' })).status, 409);
      assert.equal(
        (await fixture.call('POST', '/api/cases/SR-00000-00000/questions', supervisor, { text: 'x' })).status,
        404,
      );
    });
  });

  describe('GET /api/cases/:caseNumber/attachments/:fileId', () => {
    const PDF = Buffer.from(
      '%PDF-1.4\n1 0 obj\n<< /Type /Catalog >>\nendobj\ntrailer\n<< /Root 1 0 R >>\n%%EOF\n',
    );
    const link = (fileId: string) => `http://127.0.0.1:3978/v3/directline/attachments/${fileId}`;
    const fileUrl = (caseNumber: string, fileId: string) => `/api/cases/${caseNumber}/attachments/${fileId}`;
    let photo: Buffer;
    let caseNumber: string;
    let photoId: string;
    let pdfId: string;
    let otherCaseFileId: string;
    let strayId: string;

    before(async () => {
      const files = new EvidenceFiles(fixture.database.connection);
      photo = await readFile(PHOTO);
      const store = (name: string, bytes: Buffer, conversationId: string, contentType: string) =>
        files.put(name, bytes, { conversationId, contentType, locationStripped: true });
      photoId = await store('platform.jpg', photo, 'conversation-evidence', 'image/jpeg');
      pdfId = await store(
        '"statement"\r\n../../notes.html.pdf',
        PDF,
        'conversation-evidence',
        'application/pdf',
      );
      otherCaseFileId = await store('other.jpg', photo, 'conversation-other', 'image/jpeg');
      // Linked from the first case's report, but stored by another conversation.
      strayId = await store('stray.jpg', photo, 'conversation-other', 'image/jpeg');
      caseNumber = await seed(fixture, {
        conversationId: 'conversation-evidence',
        answers: {
          evidence: {
            attachments: [
              { name: 'platform.jpg', contentType: 'image/jpeg', contentUrl: link(photoId) },
              { name: 'statement.pdf', contentType: 'application/pdf', contentUrl: link(pdfId) },
              { name: 'stray.jpg', contentType: 'image/jpeg', contentUrl: link(strayId) },
            ],
            links: [],
          },
        },
      });
      await seed(fixture, {
        conversationId: 'conversation-other',
        answers: {
          evidence: {
            attachments: [
              { name: 'other.jpg', contentType: 'image/jpeg', contentUrl: link(otherCaseFileId) },
            ],
            links: [],
          },
        },
      });
    });

    it('names the stored file of each attachment in the case', async () => {
      const answer = await fixture.call('GET', `/api/cases/${caseNumber}`, officer);
      const body = answer.body as { case: { answers: { evidence: { attachments: Json[] } } } };
      const attachments = body.case.answers.evidence.attachments;
      assert.deepEqual(
        attachments.map((attachment) => attachment.fileId),
        [photoId, pdfId, strayId],
      );
    });

    it('gives an officer the exact bytes of a photo, shown inline and never sniffed, run or cached', async () => {
      const answer = await fixture.call('GET', fileUrl(caseNumber, photoId), officer);
      assert.equal(answer.status, 200);
      assert.deepEqual(answer.bytes, photo);
      const header = (name: string) => answer.response.headers.get(name);
      assert.equal(header('content-type'), 'image/jpeg');
      assert.equal(header('content-length'), String(photo.length));
      assert.equal(header('x-content-type-options'), 'nosniff');
      assert.equal(header('content-security-policy'), "sandbox; default-src 'none'");
      assert.equal(header('cache-control'), 'no-store');
      assert.equal(
        header('content-disposition'),
        `inline; filename="platform.jpg"; filename*=UTF-8''platform.jpg`,
      );
    });

    it('audits every download with who, when, from where and which file', async () => {
      fixture.advance(1000);
      await fixture.call('GET', fileUrl(caseNumber, photoId), supervisor);
      const entry = await lastAudit(fixture);
      assert.equal(entry.action, 'case.attachmentRead');
      assert.equal(entry.caseNumber, caseNumber);
      assert.equal(entry.actor, officerIdForEmail('supervisor@police.test').toHexString());
      assert.equal(entry.role, 'supervisor');
      assert.deepEqual(entry.at, fixture.now());
      assert.match(String(entry.ip), /127\.0\.0\.1/);
      assert.deepEqual(entry.detail, { fileId: photoId });
    });

    it('offers a PDF only to save, under a file name without quotes, line breaks or path', async () => {
      const answer = await fixture.call('GET', fileUrl(caseNumber, pdfId), officer);
      assert.equal(answer.status, 200);
      assert.deepEqual(answer.bytes, PDF);
      assert.equal(answer.response.headers.get('content-type'), 'application/pdf');
      assert.equal(
        answer.response.headers.get('content-disposition'),
        `attachment; filename="statement_notes_html.pdf"; filename*=UTF-8''statement_notes_html.pdf`,
      );
    });

    it('answers 401 without a token, and audits nothing', async () => {
      const before = await auditModel(fixture.database.connection).countDocuments();
      const answer = await fixture.call('GET', fileUrl(caseNumber, photoId));
      assert.equal(answer.status, 401);
      assert.equal(answer.response.headers.get('www-authenticate'), 'Bearer');
      assert.equal(await auditModel(fixture.database.connection).countDocuments(), before);
    });

    const notFound: { what: string; url: () => string; code: string }[] = [
      {
        what: "another case's file",
        url: () => fileUrl(caseNumber, otherCaseFileId),
        code: 'AttachmentNotFound',
      },
      {
        what: 'a file the report links but another conversation stored',
        url: () => fileUrl(caseNumber, strayId),
        code: 'AttachmentNotFound',
      },
      {
        what: 'an unknown file id',
        url: () => fileUrl(caseNumber, 'f'.repeat(24)),
        code: 'AttachmentNotFound',
      },
      {
        what: 'a malformed file id',
        url: () => fileUrl(caseNumber, 'not-a-file-id'),
        code: 'AttachmentNotFound',
      },
      { what: 'an unknown case', url: () => fileUrl('SR-00000-00000', photoId), code: 'CaseNotFound' },
    ];
    for (const { what, url, code } of notFound) {
      it(`answers 404 for ${what}, and audits no download`, async () => {
        const downloads = () =>
          auditModel(fixture.database.connection).countDocuments({ action: 'case.attachmentRead' });
        const before = await downloads();
        const answer = await fixture.call('GET', url(), officer);
        assert.equal(answer.status, 404);
        assert.equal((answer.body as Json).code, code);
        assert.equal(await downloads(), before);
      });
    }
  });

  describe('GET /api/cases/:caseNumber/audit', () => {
    it('lists every access to the case with who, what and from where, and records that it was read', async () => {
      const caseNumber = await seed(fixture);
      await fixture.call('GET', `/api/cases/${caseNumber}`, officer);
      const answer = await fixture.call('GET', `/api/cases/${caseNumber}/audit`, supervisor);
      assert.equal(answer.status, 200);
      const entries = (answer.body as { entries: Json[] }).entries;
      assert.deepEqual(
        entries.map((entry) => [entry.action, entry.actor]),
        [['case.read', officerId]],
      );
      assert.match(String(entries[0].ip), /127\.0\.0\.1/);
      assert.deepEqual(await auditActions(fixture, { caseNumber }), ['case.read', 'case.auditRead']);
    });

    it('offers no way to change or delete audit entries', async () => {
      const caseNumber = await seed(fixture);
      for (const method of ['PUT', 'PATCH', 'DELETE', 'POST']) {
        const answer = await fixture.call(method, `/api/cases/${caseNumber}/audit`, admin, {});
        assert.equal(answer.status, 405, method);
      }
    });

    it('answers 404 for an unknown case', async () => {
      assert.equal((await fixture.call('GET', '/api/cases/SR-00000-00000/audit', supervisor)).status, 404);
    });
  });

  describe('GET /api/cases/export', () => {
    it('exports CSV with formula cells defused, and audits the export', async () => {
      const caseNumber = await seed(fixture, {
        answers: { account: '=HYPERLINK("https://evil.test","click")', place: '+32 2 000 00 00' },
      });
      const answer = await fixture.call('GET', `/api/cases/export?format=csv&q=${caseNumber}`, supervisor);
      assert.equal(answer.status, 200);
      assert.match(answer.response.headers.get('content-type') ?? '', /^text\/csv/);
      const text = answer.body as string;
      assert.match(text, /^\uFEFF"Case","Status",/);
      assert.match(text, /"'=HYPERLINK\(""https:\/\/evil\.test"",""click""\)"/);
      assert.match(text, /"'\+32 2 000 00 00"/);
      const entry = await lastAudit(fixture);
      assert.equal(entry.action, 'cases.exported');
      assert.deepEqual(entry.detail, { format: 'csv', count: 1 });
    });

    it('exports JSON with every field', async () => {
      const caseNumber = await seed(fixture);
      const answer = await fixture.call('GET', `/api/cases/export?format=json&q=${caseNumber}`, supervisor);
      const cases = (answer.body as { cases: Json[] }).cases;
      assert.equal(cases.length, 1);
      assert.equal(cases[0].caseNumber, caseNumber);
      assert.equal(cases[0].receiptHash, undefined);
    });

    it('refuses an unknown format or field with 400', async () => {
      assert.equal((await fixture.call('GET', '/api/cases/export?format=xlsx', supervisor)).status, 400);
      assert.equal((await fixture.call('GET', '/api/cases/export?format=csv&all=1', supervisor)).status, 400);
    });
  });

  describe('safeCell', () => {
    const cases: [unknown, string][] = [
      ['=1+1', "'=1+1"],
      ['@SUM(A1)', "'@SUM(A1)"],
      ['-2', "'-2"],
      ['\tx', "'\tx"],
      ['plain', 'plain'],
      [true, 'true'],
      [null, ''],
    ];
    for (const [input, expected] of cases) {
      it(`writes ${JSON.stringify(input)} as ${JSON.stringify(expected)}`, () => {
        assert.equal(safeCell(input), expected);
      });
    }
  });

  describe('retention job', () => {
    it('deletes closed cases older than RETENTION_DAYS with their notes, Teams contact, question deliveries, read marks and incident link, and audits each deletion', async () => {
      const reports = reportModel(fixture.database.connection);
      const old = await seed(fixture, { conversationId: 'conversation-retention-old' });
      const open = await seed(fixture);
      await fixture.call('POST', `/api/cases/${old}/notes`, supervisor, { text: 'A note to delete.' });
      for (const status of ['triaged', 'in_progress']) {
        await fixture.call('PATCH', `/api/cases/${old}`, supervisor, { status });
      }
      await fixture.call('PATCH', `/api/cases/${old}`, supervisor, { status: 'closed', outcome: 'resolved' });
      fixture.advance(89 * DAY);
      const recent = await seed(fixture);
      for (const status of ['triaged', 'in_progress']) {
        await fixture.call('PATCH', `/api/cases/${recent}`, supervisor, { status });
      }
      await fixture.call('PATCH', `/api/cases/${recent}`, supervisor, {
        status: 'closed',
        outcome: 'resolved',
      });

      // The web chat conversation the old report came from: its transcript and an evidence photo.
      const oldReport = await reports.findOne({ caseNumber: old }).lean();
      const conversationId = oldReport?.conversationId ?? '';
      const transcripts = new TranscriptStore(fixture.database.connection);
      if (!(await transcripts.find(conversationId)))
        await transcripts.create(conversationId, 'dl_invented-user');
      await transcripts.append(conversationId, (watermark) => ({
        type: 'message',
        id: `x|${watermark}`,
        text: 'words',
      }));
      await new EvidenceFiles(fixture.database.connection).put('photo.jpg', Buffer.from('invented'), {
        conversationId,
        contentType: 'image/jpeg',
        locationStripped: false,
      });

      // How to reach each case's Teams witness, and the deliveries of officers' questions to them.
      const deliveries = new QuestionDeliveries(fixture.database.connection);
      for (const caseNumber of [old, recent]) {
        await saveCaseContact(fixture.database.connection, {
          caseNumber,
          tenantId: '6f1c2d3e-4a5b-4c6d-8e9f-0a1b2c3d4e5f',
          aadObjectId: `0a1b2c3d-0000-4000-8000-${caseNumber === old ? '000000000001' : '000000000002'}`,
          userId: `29:invented-user-${caseNumber}`,
          serviceUrl: 'https://smba.invented.example/emea/',
        });
        await deliveries.enqueue(caseNumber, new Types.ObjectId().toHexString());
      }
      await deliveries.enqueue(old, new Types.ObjectId().toHexString());

      // Two officers opened the old case, one the recent one; the old case is linked with both others.
      const reads = new CaseReads(fixture.database.connection);
      await reads.markSeen('officer-a', old, fixture.now());
      await reads.markSeen('officer-b', old, fixture.now());
      await reads.markSeen('officer-a', recent, fixture.now());
      const incidents = new Incidents(fixture.database.connection, () => fixture.now());
      const incident = await incidents.link(old, open, 'officer-a');
      await incidents.link(old, recent, 'officer-a');

      fixture.advance(2 * DAY);
      // The service's own job class on the service's clock, run directly rather than waiting for its hour.
      const job = new CaseRetention(
        fixture.database.connection,
        new AuditTrail(fixture.database.connection, () => fixture.now()),
        90,
        () => fixture.now(),
      );
      const expired = await reports.countDocuments({
        status: 'closed',
        closedAt: { $lt: new Date(fixture.now().getTime() - 90 * DAY) },
      });
      assert.ok(expired >= 1);
      assert.equal(await job.run(), expired);
      assert.equal(await reports.countDocuments({ caseNumber: old }), 0);
      assert.equal(await reports.countDocuments({ caseNumber: open }), 1, 'an open case is kept however old');
      assert.equal(await reports.countDocuments({ caseNumber: recent }), 1, 'closed 2 days ago: kept');
      assert.equal(await caseNoteModel(fixture.database.connection).countDocuments({ caseNumber: old }), 0);
      const [deletion] = await auditModel(fixture.database.connection)
        .find({ caseNumber: old, action: 'case.deleted' })
        .lean();
      assert.equal(deletion.actor, 'system:retention');
      assert.deepEqual(deletion.detail, {
        retentionDays: 90,
        notes: 1,
        attachments: 1,
        transcripts: 1,
        contacts: 1,
        deliveries: 2,
        reads: 2,
        incidentLinks: 1,
      });
      assert.equal((await reads.seenAt('officer-a', [old])).size, 0, "the old case's read marks are gone");
      assert.equal((await reads.seenAt('officer-b', [old])).size, 0, "the old case's read marks are gone");
      assert.equal((await reads.seenAt('officer-a', [recent])).size, 1, "a kept case's read mark stays");
      assert.equal(await incidents.of(old), undefined, 'the deleted case is out of its incident');
      assert.deepEqual(
        (await incidents.members(incident)).sort(),
        [open, recent].sort(),
        'the other two stay linked',
      );
      assert.equal(await findCaseContact(fixture.database.connection, old), undefined, 'the contact is gone');
      assert.equal((await deliveries.forCase(old)).size, 0, "the questions' deliveries are gone");
      assert.ok(await findCaseContact(fixture.database.connection, recent), "a kept case's contact stays");
      assert.equal((await deliveries.forCase(recent)).size, 1, "a kept case's delivery stays");
      assert.equal(await transcripts.find(conversationId), undefined, 'the transcript is gone');
      assert.equal(await job.run(), 0, 'nothing left to delete');
    });
  });
});

describe('case API behind a reverse proxy (TRUST_PROXY_HOPS)', function () {
  this.timeout(60_000);
  const login = (fixture: CaseFixture, email: string, password: string, forwardedFor?: string) =>
    fixture.call(
      'POST',
      '/api/auth/login',
      undefined,
      { email, password },
      forwardedFor === undefined ? {} : { 'x-forwarded-for': forwardedFor },
    );
  // Different (unknown) accounts, so that only the per-address limit can lock.
  async function failFrom(fixture: CaseFixture, forwardedFor: (attempt: number) => string): Promise<void> {
    for (let attempt = 0; attempt < LOGIN_FAILURES_PER_ADDRESS; attempt += 1) {
      const answer = await login(
        fixture,
        `nobody${attempt}@police.test`,
        'wrong password!',
        forwardedFor(attempt),
      );
      assert.equal(answer.status, 401, `attempt ${attempt}`);
    }
  }

  it('with 0 hops, does not let a forged X-Forwarded-For escape the per-address login limit', async () => {
    const fixture = await startCaseFixture();
    try {
      await failFrom(fixture, (attempt) => `198.51.100.${attempt + 1}`);
      const answer = await login(fixture, 'officer@police.test', PASSWORD, '203.0.113.50');
      assert.equal(answer.status, 429);
      assert.equal((answer.body as Json).code, 'LoginLocked');
    } finally {
      await fixture.close();
    }
  });

  it('with 1 hop, counts forwarded addresses apart and audits the forwarded address', async () => {
    const fixture = await startCaseFixture({ TRUST_PROXY_HOPS: '1' });
    try {
      // The proxy appends the address it saw; what the client wrote to its left proves nothing.
      await failFrom(fixture, () => '203.0.113.1, 198.51.100.7');

      const locked = await login(fixture, 'officer@police.test', PASSWORD, '198.51.100.7');
      assert.equal(locked.status, 429, 'the address that failed is locked');
      const elsewhere = await login(fixture, 'officer@police.test', PASSWORD, '198.51.100.7, 203.0.113.9');
      assert.equal(elsewhere.status, 200, 'another forwarded address is not');
      const succeeded = await lastAudit(fixture);
      assert.equal(succeeded.action, 'login.succeeded');
      assert.equal(succeeded.ip, '203.0.113.9');
    } finally {
      await fixture.close();
    }
  });

  it("never refuses the right password from the holder's address because a stranger kept failing", async () => {
    const fixture = await startCaseFixture({ TRUST_PROXY_HOPS: '1' });
    try {
      const stranger = '198.51.100.66';
      let refused = 0;
      for (let attempt = 0; attempt < LOGIN_FREE_ATTEMPTS + 5; attempt += 1) {
        const answer = await login(fixture, 'officer@police.test', 'a guess at it!', stranger);
        if (answer.status === 429) refused += 1;
        else assert.equal(answer.status, 401, `attempt ${attempt}`);
      }
      assert.ok(refused > 0, 'the stranger is made to wait');
      const stillWaiting = await login(fixture, 'officer@police.test', PASSWORD, stranger);
      assert.equal(stillWaiting.status, 429, 'even the right password waits on the guessing address');
      const holder = await login(fixture, 'officer@police.test', PASSWORD, '203.0.113.20');
      assert.equal(holder.status, 200, 'the holder, from their own address, logs in');
    } finally {
      await fixture.close();
    }
  });

  it('with 1 hop, falls back to the socket address for a malformed X-Forwarded-For', async () => {
    const fixture = await startCaseFixture({ TRUST_PROXY_HOPS: '1' });
    try {
      const answer = await login(fixture, 'officer@police.test', PASSWORD, '198.51.100.7, <script>');
      assert.equal(answer.status, 200);
      const entry = await lastAudit(fixture);
      assert.equal(entry.action, 'login.succeeded');
      assert.match(String(entry.ip), /127\.0\.0\.1/);
    } finally {
      await fixture.close();
    }
  });
});

describe('case API login under attack', function () {
  this.timeout(60_000);

  /** argon2id, counting its verifications: the expensive step the limits must come before. */
  function countingHasher(): PasswordHasher & { verified: number } {
    const hasher = {
      verified: 0,
      hash: (password: string) => argon2Hasher.hash(password),
      verify: (hash: string, password: string) => {
        hasher.verified += 1;
        return argon2Hasher.verify(hash, password);
      },
    };
    return hasher;
  }
  const wrongLogin = (fixture: CaseFixture, email: string) =>
    fixture.call('POST', '/api/auth/login', undefined, { email, password: 'wrong password!' });

  it('stores a flood of refused logins as a few counters, not one audit entry each', async () => {
    const fixture = await startCaseFixture();
    try {
      const audit = auditModel(fixture.database.connection);
      const entries = await audit.countDocuments();
      const flood = LOGIN_FAILURES_PER_ADDRESS + 40;
      for (let attempt = 0; attempt < flood; attempt += 1) {
        const answer = await wrongLogin(fixture, `flood${attempt}@police.test`);
        assert.ok([401, 429].includes(answer.status), `attempt ${attempt}: ${answer.status}`);
      }
      assert.equal(await audit.countDocuments(), entries, 'the audit trail did not grow');
      await fixture.service.refusals.flush();
      assert.ok(
        (await refusalModel(fixture.database.connection).countDocuments()) <= 4,
        'at most one counter per hour and reason',
      );
      assert.equal(await refusalTotal(fixture, 'login.failed'), LOGIN_FAILURES_PER_ADDRESS);
      assert.equal(await refusalTotal(fixture, 'login.limited'), flood - LOGIN_FAILURES_PER_ADDRESS);
    } finally {
      await fixture.close();
    }
  });

  it('computes no more password hashes than one address may fail, however many logins arrive at once', async () => {
    const hasher = countingHasher();
    const fixture = await startCaseFixture({}, { passwords: hasher });
    try {
      hasher.verified = 0;
      const burst = LOGIN_FAILURES_PER_ADDRESS + 15;
      const answers = await Promise.all(
        Array.from({ length: burst }, (_, attempt) => wrongLogin(fixture, `burst${attempt}@police.test`)),
      );
      const statuses = answers.map((answer) => answer.status);
      const count = (wanted: number) => statuses.filter((status) => status === wanted).length;
      assert.ok(hasher.verified <= LOGIN_FAILURES_PER_ADDRESS, `argon2 verifications: ${hasher.verified}`);
      assert.equal(count(401), hasher.verified, 'each verification refused the wrong password');
      assert.equal(count(429), burst - LOGIN_FAILURES_PER_ADDRESS, 'the attempts beyond the limit');
      // The password checks' queue (LOGIN_CONCURRENCY) may turn some admitted attempts away before argon2.
      assert.equal(count(503), LOGIN_FAILURES_PER_ADDRESS - hasher.verified, 'turned away by the queue');
    } finally {
      await fixture.close();
    }
  });

  it('makes part of a burst of guesses at one account wait before any password hash is computed', async () => {
    const hasher = countingHasher();
    const fixture = await startCaseFixture({}, { passwords: hasher });
    try {
      hasher.verified = 0;
      const answers = await Promise.all(
        Array.from({ length: 15 }, () => wrongLogin(fixture, 'officer@police.test')),
      );
      const waiting = answers.filter((answer) => answer.status === 429).length;
      assert.ok(waiting > 0, 'some are told to wait');
      assert.equal(hasher.verified, answers.length - waiting, 'none of those told to wait reached argon2');
    } finally {
      await fixture.close();
    }
  });
});
