import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import path from 'node:path';
import type { Activity } from 'botbuilder';
import { DialogTestClient } from 'botbuilder-testing';
import type { ReportSubmission, SubmitResult } from '../../../models/store/reportRepository';
import { messagesFor } from '../../../dialogs/locales';
import {
  CURRENT_QUESTIONNAIRE,
  isLoopSpec,
  questionOf,
  type QuestionnaireSpec,
} from '../../../dialogs/questionnaire';
import { missingTexts, questionTexts } from '../../../dialogs/report/questions';
import { ReportDialog, type ReportDialogDeps } from '../../../dialogs/reportDialog';
import { withLightingQuestion } from '../../helpers/fixtures';

const NOW = new Date('2026-11-22T12:00:00Z');

/** The report port, in memory: what the dialog handed over, and a case number back. */
function capturedReports(): ReportDialogDeps['reports'] & { submitted: ReportSubmission[] } {
  const submitted: ReportSubmission[] = [];
  return {
    submitted,
    submit(submission): Promise<SubmitResult> {
      submitted.push(submission);
      return Promise.resolve({
        status: 'saved',
        caseNumber: 'SR-AAAAA-BBBBB',
        receiptCode: 'CCCC-DDDD-EEEE-FFFF-GGGG',
      });
    },
  };
}

function dialogWith(questionnaire: QuestionnaireSpec, reports = capturedReports()): ReportDialog {
  return new ReportDialog({
    reports,
    clock: () => NOW,
    timeZone: 'Europe/Brussels',
    draftTtlMs: 24 * 3_600_000,
    resumeAfterMs: 30 * 60_000,
    retentionDays: 90,
    questionnaire,
  });
}

/** Sends one message and returns every reply of the turn, joined. */
async function say(client: DialogTestClient, text: string): Promise<string> {
  const replies = [(await client.sendActivity(text)) as Activity | undefined];
  for (
    let next = client.getNextReply() as Activity | undefined;
    next;
    next = client.getNextReply() as Activity
  )
    replies.push(next);
  return replies.map((reply) => reply?.text ?? '').join('\n');
}

async function play(client: DialogTestClient, turns: [string, RegExp][]): Promise<string> {
  let last = '';
  for (const [text, expected] of turns) {
    last = await say(client, text);
    assert.match(last, expected, `after "${text}" the dialog said:\n${last}`);
  }
  return last;
}

const TO_PLACE_DETAIL: [string, RegExp][] = [
  ['no', /about/],
  ['2', /own words/],
  ['A grey suitcase was left under a bench and nobody came back for it.', /When/],
  ['yesterday around 5pm', /I understood/],
  ['yes', /still going on/],
  ['no', /Where did it happen/],
  ['Invented Square', /Where exactly/],
];

// The dialog asks the questionnaire it is given: a question is one entry and its words, and what a
// question does besides storing its answer follows its entry's role, not its id.
describe('ReportDialog with the questionnaire it is given', () => {
  it('asks an added question after the one before it, reads it back and hands its answer over by id', async () => {
    const reports = capturedReports();
    const fixture = withLightingQuestion();
    const client = new DialogTestClient('test', dialogWith(fixture, reports), {
      locale: 'en',
    });
    await say(client, 'hello');
    await play(client, [
      ...TO_PLACE_DETAIL,
      ['skip', /^How was the lighting there\?$/m],
      ['Dark, one lamp was broken', /people involved/],
      ['no', /vehicle/],
      ['no', /suspicious/],
      ['It was left on purpose.', /photos/],
      ['none', /anyone else/],
      ['skip', /anonymous/],
      ['yes', /agree/],
      ['yes', /^8\. Lighting: Dark, one lamp was broken$/m],
      ['change lighting', /new answer/],
      ['Dark, two lamps were broken', /^8\. Lighting: Dark, two lamps were broken$/m],
      ['confirm', /SR-AAAAA-BBBBB/],
    ]);
    assert.equal(reports.submitted.length, 1, 'one report handed over');
    const [submission] = reports.submitted;
    assert.equal(submission?.answers.lighting, 'Dark, two lamps were broken');
    assert.equal(submission?.questionnaire, fixture, 'the questionnaire that asked it goes with it');
    assert.deepEqual(submission.unknownAnswers, []);
  });

  for (const locale of ['nl', 'fr', 'de'] as const) {
    it(`asks the added question in ${locale} in the words its entry carries, with its help`, async () => {
      const texts = questionTexts(questionOf(withLightingQuestion(), 'lighting'), locale);
      const client = new DialogTestClient('test', dialogWith(withLightingQuestion()), { locale });
      await say(client, 'hello');
      // Answers in any of the four languages are understood; the dialog stays in the witness's.
      const asked = await play(client, [
        ...TO_PLACE_DETAIL.map(([text]): [string, RegExp] => [text, /./]),
        ['skip', /./],
      ]);
      assert.equal(asked.split('\n').at(-1), texts.prompt);
      assert.match(await say(client, 'help'), new RegExp(texts.help.replace(/[.?*+()]/g, '\\$&')));
    });
  }

  it('gives a question the urgency role by its entry: a yes marks the report urgent, whatever its id', async () => {
    const urgency = questionOf(CURRENT_QUESTIONNAIRE, 'urgent');
    const renamed: QuestionnaireSpec = {
      ...CURRENT_QUESTIONNAIRE,
      entries: CURRENT_QUESTIONNAIRE.entries.map((entry) =>
        !isLoopSpec(entry) && entry.id === 'urgent'
          ? {
              ...entry,
              id: 'danger',
              texts: Object.fromEntries(
                (['en', 'nl', 'fr', 'de'] as const).map((locale) => [locale, questionTexts(urgency, locale)]),
              ),
            }
          : entry,
      ),
    };
    const reports = capturedReports();
    const client = new DialogTestClient('test', dialogWith(renamed, reports), { locale: 'en' });
    assert.match(await say(client, 'hello'), /is someone in danger/);
    assert.ok((await say(client, 'yes')).includes(messagesFor('en').urgent.marked), 'the emergency advice');
    await play(client, [
      ...TO_PLACE_DETAIL.slice(1),
      ['skip', /people involved/],
      ['no', /vehicle/],
      ['no', /suspicious/],
      ['It was left on purpose.', /photos/],
      ['none', /anyone else/],
      ['skip', /anonymous/],
      ['yes', /agree/],
      ['yes', /^1\. Urgent: Yes$/m],
      ['confirm', /SR-AAAAA-BBBBB/],
    ]);
    const [submission] = reports.submitted;
    assert.equal(submission?.urgent, true, 'the report is marked urgent');
    assert.equal(submission?.answers.danger, true, 'its answer stored under its own id');
    assert.deepEqual(submission?.urgentReasons, [{ source: 'question', terms: [] }]);
  });

  it('is refused at construction when a question has no words in one of the languages', () => {
    const mystery: QuestionnaireSpec = {
      entries: [
        {
          id: 'mystery',
          kind: { type: 'text', maxLength: 10 },
          required: false,
          texts: { en: { prompt: 'What?', help: 'Say what.', label: 'Mystery' } },
        },
      ],
      choiceLists: {},
    };
    assert.deepEqual(missingTexts(mystery), [
      'question mystery in nl',
      'question mystery in fr',
      'question mystery in de',
    ]);
    assert.throws(
      () => dialogWith(mystery),
      /cannot be asked: no question mystery in nl/,
      'refused at start-up',
    );
    assert.deepEqual(missingTexts(CURRENT_QUESTIONNAIRE), [], "today's questionnaire has every text");
  });
});

describe('the report modules without botbuilder', () => {
  it('load navigation, answer reading, the read-back and the report mapping without loading botbuilder', () => {
    const root = path.resolve(__dirname, '../../..');
    const modules = [
      'models/core/draft',
      'models/core/review',
      'models/core/submission',
      'dialogs/report/questions',
      'dialogs/report/answers',
      'dialogs/report/review',
      'dialogs/report/submission',
    ].map((name) => path.join(root, `${name}.js`));
    const script = [
      `for (const file of ${JSON.stringify(modules)}) require(file);`,
      `const loaded = Object.keys(require.cache).filter((file) => /[\\\\/]node_modules[\\\\/]botbuilder/.test(file));`,
      'process.stdout.write(JSON.stringify(loaded));',
    ].join('\n');
    const run = spawnSync(process.execPath, ['-e', script], { encoding: 'utf8', timeout: 20_000 });
    assert.equal(run.status, 0, run.stderr);
    assert.deepEqual(JSON.parse(run.stdout), [], 'no botbuilder module among those loaded');
  });
});
