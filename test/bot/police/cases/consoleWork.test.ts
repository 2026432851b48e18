import assert from 'node:assert/strict';
import { mkdir, readFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { auditModel } from '../../../../models/store/audit';
import { caseNoteModel } from '../../../../models/store/caseNote';
import { receiptGuard, WitnessFollowUp } from '../../../../models/store/followUp';
import { officerIdForEmail } from '../../../../models/store/officer';
import { reportModel } from '../../../../models/store/report';
import { EvidenceFiles } from '../../../../models/store/evidenceFiles';
import { launchChromium } from '../../../helpers/browser';
import { photoWithGps } from '../../../helpers/photos';
import { PASSWORD, seed, startCaseFixture, type CaseFixture } from '../../../helpers/cases';

// Screenshots for a person to look at (not fixtures; never committed).
const SHOTS = process.env.CONSOLE_SHOTS_DIR ?? path.join(tmpdir(), 'shots-console');
const MINUTE = 60_000;
const AXE = require.resolve('axe-core/axe.min.js');

interface Question {
  text: string;
  answer: string | null;
}

describe('case console as a working tool (headless Chromium)', function () {
  this.timeout(120_000);
  let fixture: CaseFixture;
  let browser: Browser;
  let caseA: string;
  let caseB: string;
  let caseC: string;
  let answeredCase: string;
  const officerId = officerIdForEmail('officer@police.test').toHexString();

  before(async () => {
    await mkdir(SHOTS, { recursive: true });
    fixture = await startCaseFixture({ CASE_TOKEN_MINUTES: '15', CASE_SESSION_IDLE_MINUTES: '30' });
    caseA = await seed(fixture, {
      answers: { account: 'Case A: a bag left near the fountain.', place: 'Fountain square' },
    });
    fixture.advance(MINUTE);
    caseB = await seed(fixture, {
      locale: 'de',
      answers: { account: 'Case B: a car circling the block.', place: 'Brüsselstraße 1, invented' },
    });
    fixture.advance(MINUTE);
    caseC = await seed(fixture, {
      answers: { account: 'Case C: drone over the stadium.', place: 'Stadium' },
    });
    fixture.advance(MINUTE);
    answeredCase = await seed(fixture, {
      urgent: true,
      answers: { account: 'Case D: a witness who will answer.' },
    });
    const reports = reportModel(fixture.database.connection);
    await reports.updateMany({}, { $set: { assignee: officerId } });
    browser = await launchChromium();
  });
  after(async () => {
    await browser?.close();
    await fixture?.close();
  });

  async function newPage(
    viewport = { width: 1280, height: 900 },
  ): Promise<{ page: Page; context: BrowserContext }> {
    const context = await browser.newContext({ viewport, acceptDownloads: true });
    const page = await context.newPage();
    return { page, context };
  }

  async function logIn(page: Page, email: string, url = '/console'): Promise<void> {
    await page.goto(`${fixture.service.url}${url}`);
    await page.fill('#email', email);
    await page.fill('#password', PASSWORD);
    await page.click('#login-form button[type=submit]');
  }

  async function openFromList(page: Page, caseNumber: string): Promise<void> {
    await page.click(`#case-rows a.case-link:text-is("${caseNumber}")`);
    await page.waitForFunction(
      (number) => document.getElementById('detail-title')?.textContent?.startsWith(number),
      caseNumber,
    );
  }

  async function questionsOf(caseNumber: string): Promise<Question[]> {
    const report = await reportModel(fixture.database.connection).findOne({ caseNumber }).lean();
    return (report?.questions ?? []).map((question) => ({
      text: question.text,
      answer: question.answer ?? null,
    }));
  }

  async function notesOf(caseNumber: string): Promise<string[]> {
    const notes = await caseNoteModel(fixture.database.connection).find({ caseNumber }).lean();
    return notes.map((note) => note.text);
  }

  const shot = (page: Page, name: string) =>
    page.screenshot({ path: path.join(SHOTS, `${name}.png`), fullPage: true });

  describe('1. drafts belong to their case', () => {
    it('never sends text typed on case A to the witness of case B', async () => {
      const { page, context } = await newPage();
      await logIn(page, 'officer@police.test');
      await page.waitForSelector('#case-rows tr');
      await openFromList(page, caseA);
      await page.fill('#question-text', 'Question meant for witness A only');
      await page.fill('#note-text', 'Note meant for case A');
      // Another case opened through its link: its boxes are its own, empty.
      await page.click('#back');
      await openFromList(page, caseB);
      assert.equal(await page.inputValue('#question-text'), '');
      assert.equal(await page.inputValue('#note-text'), '');
      // The seen failure: one click on "Ask the witness" right away. The empty box sends nothing.
      await page.click('#question-form button[type=submit]');
      await page.fill('#question-text', 'Question for witness B');
      await page.click('#question-form button[type=submit]');
      await page.waitForFunction(() =>
        document.getElementById('questions')?.textContent?.includes('witness B'),
      );
      // Back on case A (the browser's Back twice: B, list, A), its drafts are still there and go to A.
      await page.goBack();
      await page.goBack();
      await page.waitForFunction(
        (number) => document.getElementById('detail-title')?.textContent?.startsWith(number),
        caseA,
      );
      assert.equal(await page.inputValue('#question-text'), 'Question meant for witness A only');
      assert.equal(await page.inputValue('#note-text'), 'Note meant for case A');
      await page.click('#question-form button[type=submit]');
      await page.waitForFunction(() =>
        document.getElementById('questions')?.textContent?.includes('witness A'),
      );
      assert.deepEqual(
        (await questionsOf(caseB)).map((question) => question.text),
        ['Question for witness B'],
      );
      assert.deepEqual(
        (await questionsOf(caseA)).map((question) => question.text),
        ['Question meant for witness A only'],
      );
      assert.deepEqual(await notesOf(caseB), [], 'the note typed on A never reached B');
      await context.close();
    });

    it('keeps a draft on its case while the officer moves on with j and comes back with k', async () => {
      const { page, context } = await newPage();
      await logIn(page, 'supervisor@police.test');
      await page.waitForSelector('#case-rows tr');
      await openFromList(page, caseB);
      await page.fill('#note-text', 'Supervisor draft for B');
      await page.locator('#note-text').blur();
      await page.keyboard.press('j');
      await page.waitForFunction(
        (number) => !document.getElementById('detail-title')?.textContent?.startsWith(number),
        caseB,
      );
      assert.equal(await page.inputValue('#note-text'), '');
      // The empty box is refused by the browser (it takes the focus back): nothing is sent.
      await page.click('#note-form button[type=submit]');
      await page.locator('#note-text').blur();
      await page.keyboard.press('k');
      await page.waitForFunction(
        (number) => document.getElementById('detail-title')?.textContent?.startsWith(number),
        caseB,
      );
      assert.equal(await page.inputValue('#note-text'), 'Supervisor draft for B');
      assert.deepEqual(await notesOf(caseA), []);
      await context.close();
    });
  });

  describe('2. sessions renew while in use', () => {
    it('renews the token silently while the officer works past the access token lifetime', async () => {
      const { page, context } = await newPage();
      await logIn(page, 'officer@police.test', `/console/cases/${caseC}`);
      await page.waitForFunction(
        (number) => document.getElementById('detail-title')?.textContent?.startsWith(number),
        caseC,
      );
      fixture.advance(16 * MINUTE);
      await page.fill('#note-text', 'Note at minute sixteen');
      await page.click('#note-form button[type=submit]');
      await page.waitForFunction(() =>
        document.getElementById('notes')?.textContent?.includes('minute sixteen'),
      );
      assert.equal(await page.locator('#login').isHidden(), true);
      assert.deepEqual(await notesOf(caseC), ['Note at minute sixteen']);
      await context.close();
    });

    it('keeps a note refused for an ended session and saves it on the same case after the new login', async () => {
      const { page, context } = await newPage();
      await logIn(page, 'officer@police.test', `/console/cases/${caseA}`);
      await page.waitForFunction(
        (number) => document.getElementById('detail-title')?.textContent?.startsWith(number),
        caseA,
      );
      fixture.advance(45 * MINUTE);
      await page.fill('#note-text', 'Note typed after a long pause');
      await page.click('#note-form button[type=submit]');
      await page.waitForSelector('#login:not([hidden])');
      assert.match((await page.textContent('#message')) ?? '', new RegExp(`${caseA} is kept`));
      assert.deepEqual(await notesOf(caseA), [], 'nothing was saved with the ended session');
      await page.fill('#email', 'officer@police.test');
      await page.fill('#password', PASSWORD);
      await page.click('#login-form button[type=submit]');
      await page.waitForFunction(() => document.getElementById('notes')?.textContent?.includes('long pause'));
      assert.equal(new URL(page.url()).pathname, `/console/cases/${caseA}`);
      assert.deepEqual(await notesOf(caseA), ['Note typed after a long pause']);
      assert.deepEqual(await notesOf(caseB), []);
      assert.equal(await page.inputValue('#note-text'), '', 'the draft is gone once saved');
      await context.close();
    });

    it('revokes the session on the server when the officer logs out', async () => {
      const { page, context } = await newPage();
      await logIn(page, 'officer@police.test');
      await page.waitForSelector('#case-rows tr');
      const refreshToken = await page.evaluate(() => sessionStorage.getItem('shield-case-refresh'));
      assert.ok(refreshToken);
      await page.click('#logout');
      await page.waitForSelector('#login:not([hidden])');
      await page.waitForFunction(() => sessionStorage.getItem('shield-case-refresh') === null);
      let status = 0;
      for (let attempt = 0; attempt < 50 && status !== 401; attempt++) {
        status = (await fixture.call('POST', '/api/auth/refresh', undefined, { refreshToken })).status;
      }
      assert.equal(status, 401);
      await context.close();
    });
  });

  describe('3. every case has its own address', () => {
    it('opens a case from its link with the keyboard, and Back returns to the list', async () => {
      const { page, context } = await newPage();
      await logIn(page, 'officer@police.test');
      await page.waitForSelector('#case-rows tr');
      const link = page.locator(`#case-rows a.case-link:text-is("${caseB}")`);
      assert.equal(await link.getAttribute('href'), `/console/cases/${caseB}`);
      await link.focus();
      await page.keyboard.press('Enter');
      await page.waitForSelector('#detail:not([hidden])');
      assert.equal(new URL(page.url()).pathname, `/console/cases/${caseB}`);
      await page.goBack();
      await page.waitForSelector('#list:not([hidden])');
      assert.equal(new URL(page.url()).pathname, '/console');
      await page.goForward();
      await page.waitForSelector('#detail:not([hidden])');
      await context.close();
    });

    it('opens a case address in a second tab (after its login) and serves the page at that path', async () => {
      const { page, context } = await newPage();
      await logIn(page, 'supervisor@police.test', `/console/cases/${caseC}`);
      await page.waitForFunction(
        (number) => document.getElementById('detail-title')?.textContent?.startsWith(number),
        caseC,
      );
      const direct = await fetch(`${fixture.service.url}/console/cases/${caseC}`);
      assert.equal(direct.status, 200);
      assert.match(direct.headers.get('content-security-policy') ?? '', /script-src 'self'/);
      assert.equal((await fetch(`${fixture.service.url}/console/cases/not-a-case`)).status, 404);
      await context.close();
    });

    it('moves with j and k, focuses the boxes with n and q, shows help with ?, and never fires while typing', async () => {
      const { page, context } = await newPage();
      await logIn(page, 'officer@police.test');
      await page.waitForSelector('#case-rows tr');
      const order = await page
        .locator('#case-rows tr')
        .evaluateAll((rows) => rows.map((row) => row.dataset.case));
      await page.keyboard.press('j');
      assert.equal(await page.evaluate(() => document.activeElement?.textContent), order[0]);
      await page.keyboard.press('j');
      assert.equal(await page.evaluate(() => document.activeElement?.textContent), order[1]);
      await page.keyboard.press('Enter');
      await page.waitForFunction(
        (number) => document.getElementById('detail-title')?.textContent?.startsWith(number ?? ''),
        order[1],
      );
      await page.keyboard.press('n');
      assert.equal(await page.evaluate(() => document.activeElement?.id), 'note-text');
      await page.keyboard.type('jk?nq');
      assert.equal(await page.inputValue('#note-text'), 'jk?nq', 'typed letters stay in the box');
      assert.equal(new URL(page.url()).pathname, `/console/cases/${order[1]}`);
      await page.locator('#note-text').fill('');
      await page.locator('#note-text').blur();
      await page.keyboard.press('q');
      assert.equal(await page.evaluate(() => document.activeElement?.id), 'question-text');
      await page.locator('#question-text').blur();
      await page.keyboard.press('?');
      await page.waitForSelector('#help[open]');
      const help = (await page.textContent('#help')) ?? '';
      for (const words of ['next case', 'previous case', 'write a note', 'write a question']) {
        assert.ok(help.includes(words), words);
      }
      await page.keyboard.press('Escape');
      await page.waitForFunction(() => !(document.getElementById('help') as HTMLDialogElement).open);
      await page.keyboard.press('k');
      await page.waitForFunction(
        (number) => document.getElementById('detail-title')?.textContent?.startsWith(number ?? ''),
        order[0],
      );
      await page.keyboard.press('u');
      await page.waitForSelector('#list:not([hidden])');
      await context.close();
    });
  });

  describe('6. closing and reopening', () => {
    it('asks for an explicit outcome, hides the question form when closed, and lets a supervisor reopen', async () => {
      const closing = await seed(fixture, { answers: { account: 'A case to close.' } });
      await reportModel(fixture.database.connection).updateOne(
        { caseNumber: closing },
        { $set: { status: 'in_progress', assignee: officerId } },
      );
      const { page, context } = await newPage();
      await logIn(page, 'officer@police.test', `/console/cases/${closing}`);
      await page.waitForSelector('#close-case');
      await page.click('#close-case');
      await page.waitForSelector('#close-dialog[open]');
      assert.equal(await page.locator('#close-dialog input[name=outcome]').count(), 3);
      assert.equal(
        await page.locator('#close-dialog input[name=outcome]:checked').count(),
        0,
        'nothing preselected',
      );
      await page.click('#close-confirm');
      assert.equal(await page.locator('#close-problem').isVisible(), true);
      assert.equal(
        (await reportModel(fixture.database.connection).findOne({ caseNumber: closing }).lean())?.status,
        'in_progress',
      );
      await page.check('#close-dialog input[value=passed_on]');
      await page.click('#close-confirm');
      await page.waitForSelector('#questions-closed:not([hidden])');
      assert.equal(await page.locator('#question-form').isHidden(), true);
      assert.equal(await page.locator('#reopen').count(), 0, 'an officer cannot reopen');
      const closed = await reportModel(fixture.database.connection).findOne({ caseNumber: closing }).lean();
      assert.equal(closed?.status, 'closed');
      assert.equal(closed?.outcome, 'passed_on');
      await context.close();

      const supervisor = await newPage();
      await logIn(supervisor.page, 'supervisor@police.test', `/console/cases/${closing}`);
      await supervisor.page.waitForSelector('#reopen');
      await supervisor.page.click('#reopen');
      await supervisor.page.waitForSelector('#question-form:not([hidden])');
      const reopened = await reportModel(fixture.database.connection).findOne({ caseNumber: closing }).lean();
      assert.equal(reopened?.status, 'in_progress');
      assert.equal(reopened?.outcome, undefined);
      assert.equal(reopened?.closedAt, undefined, 'retention no longer counts from the closing');
      const history = (await supervisor.page.textContent('#history')) ?? '';
      assert.match(history, /supervisor@police\.test reopened the case\./);
      assert.match(history, /officer@police\.test closed the case: passed on to another service\./);
      const trail = await auditModel(fixture.database.connection)
        .find({ caseNumber: closing, action: 'case.updated' })
        .lean();
      assert.ok(trail.some((entry) => (entry.detail as Record<string, unknown>).reopened === 'true'));
      await supervisor.context.close();
    });
  });

  describe('5. export and print', () => {
    it('gives supervisors a CSV of the list and of one case that Excel reads as UTF-8', async () => {
      await fixture.call('POST', `/api/cases/${caseB}/notes`, await fixture.login('supervisor@police.test'), {
        text: 'Note about Brüssel for the export',
      });
      const { page, context } = await newPage();
      await logIn(page, 'supervisor@police.test');
      await page.waitForSelector('#case-rows tr');
      await page.fill('#search', caseB);
      await page.click('#filters button[type=submit]');
      await page.waitForFunction(() => document.querySelectorAll('#case-rows tr').length === 1);
      const [listDownload] = await Promise.all([page.waitForEvent('download'), page.click('#export-list')]);
      const list = await readFile(await listDownload.path());
      assert.deepEqual([...list.subarray(0, 3)], [0xef, 0xbb, 0xbf], 'starts with the UTF-8 byte order mark');
      const listText = list.toString('utf8');
      assert.match(listText, /"Brüsselstraße 1, invented"/);
      assert.match(listText, /"2026-11-22 13:01"/, 'received as a local date and time');
      assert.doesNotMatch(listText, /\{"start"/, 'no JSON blobs');
      assert.equal(listText.split('\r\n').filter(Boolean).length, 2, 'the header and the one filtered case');

      await openFromList(page, caseB);
      const [caseDownload] = await Promise.all([page.waitForEvent('download'), page.click('#export-case')]);
      const one = (await readFile(await caseDownload.path())).toString('utf8');
      assert.match(one, /^\uFEFF"Section","Field","Value","When"/);
      assert.match(one, /"Note","supervisor@police\.test","Note about Brüssel for the export"/);
      assert.match(one, /"Question","officer@police\.test","Question for witness B"/);
      assert.match(one, /"Answer","Your account","Case B: a car circling the block\."/);
      await context.close();
    });

    it('offers no export to an officer, and the API refuses one with 403', async () => {
      const { page, context } = await newPage();
      await logIn(page, 'officer@police.test', `/console/cases/${caseB}`);
      await page.waitForSelector('#detail:not([hidden])');
      assert.equal(await page.locator('#export-case').isHidden(), true);
      const token = await fixture.login('officer@police.test');
      assert.equal((await fixture.call('GET', `/api/cases/${caseB}/export?format=csv`, token)).status, 403);
      await context.close();
    });

    it('prints the case without buttons or text boxes', async () => {
      const { page, context } = await newPage();
      await logIn(page, 'supervisor@police.test', `/console/cases/${caseB}`);
      await page.waitForSelector('#detail:not([hidden])');
      await page.emulateMedia({ media: 'print' });
      const visible = await page.evaluate(
        () =>
          Array.from(document.querySelectorAll('button, textarea, select, input, header')).filter(
            (node) =>
              (node as HTMLElement).offsetParent !== null || getComputedStyle(node).display !== 'none',
          ).length,
      );
      assert.equal(visible, 0);
      assert.equal(await page.locator('#answers').isVisible(), true, 'the answers are on paper');
      await shot(page, 'print-case');
      await context.close();
    });
  });

  describe('10. languages', () => {
    it('speaks the language the officer chose, remembered on the next visit', async () => {
      const { page, context } = await newPage();
      await logIn(page, 'officer@police.test');
      await page.waitForSelector('#case-rows tr');
      await page.selectOption('#console-lang', 'nl');
      assert.equal(await page.textContent('#logout'), 'Afmelden');
      assert.equal(await page.getAttribute('html', 'lang'), 'nl');
      await page.reload();
      await page.waitForSelector('#case-rows tr');
      assert.equal(await page.inputValue('#console-lang'), 'nl');
      assert.equal(await page.textContent('#cases th:first-child'), 'Dossier');
      await openFromList(page, caseA);
      assert.equal(await page.textContent('#note-form button'), 'Notitie toevoegen');
      const labels = await page.locator('#answers > dt').allTextContents();
      assert.ok(!labels.includes('Your account'), 'the answers are labelled in Dutch too');
      for (const lang of ['fr', 'de']) {
        await page.selectOption('#console-lang', lang);
        assert.notEqual(await page.textContent('#note-form button'), 'Add note');
      }
      await context.close();
    });
  });

  describe('7. history for people', () => {
    it('tells the history in sentences with names, and the views in one line', async () => {
      const { page, context } = await newPage();
      await logIn(page, 'supervisor@police.test', `/console/cases/${caseA}`);
      await page.waitForSelector('#detail:not([hidden])');
      const history = (await page.textContent('#history')) ?? '';
      assert.match(history, /officer@police\.test asked the witness a question\./);
      assert.doesNotMatch(history, /case\.|[0-9a-f]{24}|questionId|noteId/);
      assert.match(
        (await page.textContent('#reads')) ?? '',
        /^Viewed \d+ time\(s\) by .*officer@police\.test/,
      );
      assert.equal(await page.textContent('#detail-assignee'), 'Assigned to: officer@police.test');
      await context.close();
    });
  });

  describe('4. witness answers', () => {
    it('marks a new witness answer in the list without a reload, and clears it once the case is opened', async () => {
      const token = await fixture.login('supervisor@police.test');
      await fixture.call('POST', `/api/cases/${answeredCase}/questions`, token, {
        text: 'What colour was it?',
      });
      const { page, context } = await newPage();
      await context.addInitScript(() => localStorage.setItem('shield-console-poll-ms', '300'));
      await logIn(page, 'officer@police.test');
      await page.waitForSelector('#case-rows tr');
      assert.equal(await page.locator('#case-rows .badge-unread').count(), 0);
      const [question] =
        (await reportModel(fixture.database.connection).findOne({ caseNumber: answeredCase }).lean())
          ?.questions ?? [];
      const followUp = new WitnessFollowUp(
        fixture.database.connection,
        receiptGuard(fixture.database.connection),
        () => fixture.now(),
      );
      fixture.advance(MINUTE);
      assert.equal(
        await followUp.answer(answeredCase, question._id.toHexString(), 'It was teal, invented.'),
        true,
      );
      await page.waitForSelector(`#case-rows tr[data-case="${answeredCase}"] .badge-unread`);
      assert.match(
        (await page.textContent(`#case-rows tr[data-case="${answeredCase}"]`)) ?? '',
        /1 new answer/,
      );
      await openFromList(page, answeredCase);
      await page.click('#back');
      await page.waitForSelector('#list:not([hidden])');
      await page.waitForFunction(
        (number) => !document.querySelector(`#case-rows tr[data-case="${number}"] .badge-unread`),
        answeredCase,
      );
      // The mark is the officer's own: the supervisor has not read the answer yet.
      const other = await fixture.call('GET', '/api/cases', token);
      const row = (other.body as { cases: { caseNumber: string; unreadAnswers: number }[] }).cases.find(
        (entry) => entry.caseNumber === answeredCase,
      );
      assert.equal(row?.unreadAnswers, 1);
      await context.close();
    });

    it('finds cases by the words of witness answers and of internal notes', async () => {
      const token = await fixture.login('supervisor@police.test');
      const find = async (words: string) =>
        (
          (await fixture.call('GET', `/api/cases?q=${encodeURIComponent(words)}`, token)).body as {
            cases: { caseNumber: string }[];
          }
        ).cases.map((entry) => entry.caseNumber);
      assert.deepEqual(await find('teal, invented'), [answeredCase]);
      assert.deepEqual(await find('Brüssel for the export'), [caseB]);
    });
  });

  describe('8. what the witness gave', () => {
    it("shows the witness's language, the GPS the witness kept in a photo, and opens the photo full size", async () => {
      const files = new EvidenceFiles(fixture.database.connection);
      const photoId = await files.put('kept-location.jpg', await photoWithGps(), {
        conversationId: 'conversation-kept-gps',
        contentType: 'image/jpeg',
        locationStripped: false,
      });
      const photoCase = await seed(fixture, {
        conversationId: 'conversation-kept-gps',
        locale: 'fr',
        answers: {
          evidence: {
            attachments: [
              {
                name: 'kept-location.jpg',
                contentType: 'image/jpeg',
                contentUrl: `${fixture.service.url}/v3/directline/attachments/${photoId}`,
              },
            ],
            links: [],
          },
        },
      });
      const { page, context } = await newPage();
      await logIn(page, 'supervisor@police.test', `/console/cases/${photoCase}`);
      await page.waitForSelector('#detail:not([hidden])');
      assert.match((await page.textContent('#detail-meta')) ?? '', /witness language French/);
      assert.match(
        (await page.textContent('#attachments .gps')) ?? '',
        /^Location kept in the photo: 51\.225/,
      );
      await page.waitForSelector('#attachments .photo-open:not([disabled])');
      await page.click('#attachments .photo-open');
      await page.waitForSelector('#photo-dialog[open]');
      const size = await page.evaluate(() => {
        const image = document.getElementById('photo-full') as HTMLImageElement;
        return [image.naturalWidth, image.getBoundingClientRect().width];
      });
      assert.deepEqual(size, [320, 320], 'shown at its own size, not as a thumbnail');
      await context.close();
    });
  });

  describe('9. related reports', () => {
    it('suggests a possible duplicate, links it into one incident, shows them together, and unlinks (audited)', async () => {
      const when = {
        start: new Date('2026-11-21T09:00:00Z'),
        precision: 'minute' as const,
        approximate: false,
      };
      const first = await seed(fixture, {
        answers: {
          category: 'item',
          place: 'Central station, platform 3',
          account: 'A grey bag left on a bench.',
          when,
        },
      });
      const second = await seed(fixture, {
        answers: {
          category: 'item',
          place: 'Platform 3 of the central station',
          account: 'Grey bag unattended for an hour.',
          when: { ...when, start: new Date('2026-11-21T10:30:00Z') },
        },
      });
      const elsewhere = await seed(fixture, { answers: { category: 'item', place: 'Harbour gate', when } });
      await reportModel(fixture.database.connection).updateMany(
        { caseNumber: { $in: [first, second, elsewhere] } },
        { $set: { assignee: officerId } },
      );
      const { page, context } = await newPage();
      await logIn(page, 'officer@police.test', `/console/cases/${first}`);
      await page.waitForSelector('#duplicates');
      const suggested = await page
        .locator('#duplicates li')
        .evaluateAll((items) => items.map((item) => (item as HTMLElement).dataset.case));
      assert.deepEqual(suggested, [second], 'the nearby report of the same time, not the one elsewhere');
      await page.click(`#duplicates li[data-case="${second}"] .link-duplicate`);
      await page.waitForSelector('#incident-cases');
      const together = (await page.textContent('#incident-cases')) ?? '';
      assert.ok(together.includes('A grey bag left on a bench.') && together.includes('Grey bag unattended'));
      await page.click(`#incident-cases a.case-link:text-is("${second}")`);
      await page.waitForFunction(
        (number) => document.getElementById('detail-title')?.textContent?.startsWith(number),
        second,
      );
      assert.match((await page.textContent('#incident-cases')) ?? '', new RegExp(first));
      assert.match((await page.textContent('#history')) ?? '', new RegExp(`linked the case with ${first}`));
      await page.click('#unlink');
      await page.waitForFunction(() => !document.getElementById('incident-cases'));
      const actions = await auditModel(fixture.database.connection)
        .find({ caseNumber: second, action: { $in: ['case.linked', 'case.unlinked'] } })
        .lean();
      assert.deepEqual(
        actions.map((entry) => entry.action),
        ['case.linked', 'case.unlinked'],
      );
      await context.close();
    });

    it('lets a supervisor link any case by its number, and refuses an officer on a case not theirs', async () => {
      const one = await seed(fixture, { answers: { category: 'vehicle', place: 'North car park' } });
      const two = await seed(fixture, { answers: { category: 'online', place: 'A website' } });
      const { page, context } = await newPage();
      await logIn(page, 'supervisor@police.test', `/console/cases/${one}`);
      await page.waitForSelector('#link-form');
      await page.fill('#link-case', two);
      await page.click('#link-form button[type=submit]');
      await page.waitForSelector(`#incident-cases li[data-case="${two}"]`);
      await context.close();
      const officer = await fixture.login('other@police.test');
      const refused = await fixture.call('POST', `/api/cases/${one}/links`, officer, { caseNumber: caseA });
      assert.equal(refused.status, 403);
      const supervisor = await fixture.login('supervisor@police.test');
      assert.equal(
        (await fixture.call('POST', `/api/cases/${one}/links`, supervisor, { caseNumber: one })).status,
        400,
      );
      assert.equal(
        (await fixture.call('POST', `/api/cases/${one}/links`, supervisor, { caseNumber: 'nope' })).status,
        400,
      );
    });
  });

  describe('11. phones and accessibility', () => {
    async function axe(page: Page): Promise<string[]> {
      await page.evaluate(await readFile(AXE, 'utf8'));
      const violations = await page.evaluate(async () => {
        const result = await (
          window as unknown as {
            axe: { run: (context: Document) => Promise<{ violations: { id: string; impact: string }[] }> };
          }
        ).axe.run(document);
        return result.violations.map((violation) => `${violation.impact}: ${violation.id}`);
      });
      return violations.filter((violation) => /^(serious|critical)/.test(violation));
    }

    const overflow = (page: Page) =>
      page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);

    async function smallTargets(page: Page): Promise<string[]> {
      return page.evaluate(() =>
        Array.from(
          document.querySelectorAll<HTMLElement>('button, select, input, textarea, a.case-link, #back'),
        )
          .filter((node) => node.offsetParent !== null)
          .map((node) => ({ node, box: node.getBoundingClientRect() }))
          .filter(({ box }) => box.height < 24 || box.width < 24)
          .map(({ node, box }) => `${node.id || node.textContent}: ${box.width}x${box.height}`),
      );
    }

    for (const [name, viewport] of [
      ['phone', { width: 390, height: 844 }],
      ['desktop', { width: 1280, height: 900 }],
    ] as const) {
      it(`has no serious or critical axe violations, no overflow and 24 px targets on the ${name}`, async () => {
        const { page, context } = await newPage(viewport);
        await page.goto(`${fixture.service.url}/console`);
        await page.waitForSelector('#login:not([hidden])');
        assert.deepEqual(await axe(page), [], 'login page');
        assert.ok((await overflow(page)) <= 0, 'login page overflows');
        await shot(page, `${name}-login`);
        await logIn(page, 'supervisor@police.test');
        await page.waitForSelector('#case-rows tr');
        assert.deepEqual(await axe(page), [], 'list page');
        assert.ok((await overflow(page)) <= 0, `list page overflows by ${await overflow(page)} px`);
        assert.deepEqual(await smallTargets(page), [], 'list page targets');
        await shot(page, `${name}-list`);
        await openFromList(page, caseB);
        await page.waitForSelector('#assign-form');
        assert.deepEqual(await axe(page), [], 'case page');
        assert.ok((await overflow(page)) <= 0, `case page overflows by ${await overflow(page)} px`);
        assert.deepEqual(await smallTargets(page), [], 'case page targets');
        await shot(page, `${name}-case`);
        await page.keyboard.press('?');
        await page.waitForSelector('#help[open]');
        await shot(page, `${name}-help`);
        await context.close();
      });
    }

    it('names the case page selects for assistive technology', async () => {
      const { page, context } = await newPage({ width: 390, height: 844 });
      await logIn(page, 'supervisor@police.test', `/console/cases/${caseC}`);
      await page.waitForSelector('#assign-form');
      const names = await page.evaluate(() =>
        Array.from(document.querySelectorAll('#detail select')).map((select) =>
          (select as HTMLSelectElement).labels?.[0]?.textContent?.trim(),
        ),
      );
      assert.ok(names.length > 0);
      assert.ok(
        names.every((name) => !!name),
        JSON.stringify(names),
      );
      await context.close();
    });
  });
});
