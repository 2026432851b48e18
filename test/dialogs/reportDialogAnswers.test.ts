import assert from 'node:assert/strict';
import { mkdtemp } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import type { Activity } from 'botbuilder';
import { answersInOrder } from '../../bot/police/cases/caseView';
import { CURRENT_QUESTIONNAIRE } from '../../models/core/questionnaire';
import { whenOf } from '../helpers/reportScript';
import type { StoredReport } from '../../models/store/caseFiles';
import { messagesFor, type Locale, type Messages } from '../../dialogs/locales';
import { ACCEPTED_EVIDENCE_TYPES } from '../../models/core/evidenceTypes';
import type { Database } from '../../models/store/db';
import { MongoStorage } from '../../models/store/mongoStorage';
import { reportModel } from '../../models/store/report';
import { ReportRepository } from '../../models/store/reportRepository';
import { verifyReceiptCode } from '../../models/core/receipt';
import { openTestDatabase } from '../helpers/database';
import { Witness, witnessDeps, type WitnessDeps } from '../helpers/witness';

const literal = (text: string) => new RegExp(text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&'));

/** The words a witness types in each language, and what they say in the scenarios below. */
interface Language {
  channelLocale: string;
  locale: Locale;
  yes: string;
  no: string;
  skip: string;
  none: string;
  confirm: string;
  dontKnow: string;
  /** "about half an hour ago" (13:00 in Brussels now, so 12:30) and how it is said back. */
  halfAnHourAgo: string;
  saidBack: RegExp;
  firstMessage: string;
  yesWithDetail: [say: string, detail: string];
  danger: [account: string, terms: string[]];
}

const LANGUAGES: readonly Language[] = [
  {
    channelLocale: 'nl-BE',
    locale: 'nl',
    yes: 'ja',
    no: 'nee',
    skip: 'overslaan',
    none: 'geen',
    confirm: 'bevestigen',
    dontKnow: 'weet ik niet',
    halfAnHourAgo: 'ongeveer een half uur geleden',
    saidBack: /zondag 22 november 2026, rond 12:30/,
    firstMessage: 'Er staat een verdachte tas in het station',
    yesWithDetail: ['ja, de tas staat er nog', 'de tas staat er nog'],
    danger: ['Er ligt een bom onder de bank en hij is nu nog hier.', ['bom', 'nu', 'hier']],
  },
  {
    channelLocale: 'fr-BE',
    locale: 'fr',
    yes: 'oui',
    no: 'non',
    skip: 'passer',
    none: 'aucun',
    confirm: 'confirmer',
    dontKnow: 'je ne sais pas',
    halfAnHourAgo: 'il y a environ une demi-heure',
    saidBack: /dimanche 22 novembre 2026, vers 12:30/,
    firstMessage: 'Il y a un sac suspect dans la gare',
    yesWithDetail: ['oui, il est encore là', 'il est encore là'],
    danger: ['Un homme montre un couteau aux passants, ici devant la gare.', ['couteau', 'ici']],
  },
  {
    channelLocale: 'de-DE',
    locale: 'de',
    yes: 'ja',
    no: 'nein',
    skip: 'überspringen',
    none: 'keine',
    confirm: 'bestätigen',
    dontKnow: 'weiß ich nicht',
    halfAnHourAgo: 'vor etwa einer halben Stunde',
    saidBack: /Sonntag, 22\. November 2026, gegen 12:30/,
    firstMessage: 'Im Bahnhof steht eine verdächtige Tasche',
    yesWithDetail: ['ja, die Tasche steht noch da', 'die Tasche steht noch da'],
    danger: ['Jemand trägt ein Küchenmesser und Sprengstoff bei sich.', ['kuchenmesser', 'sprengstoff']],
  },
  {
    channelLocale: 'en-GB',
    locale: 'en',
    yes: 'yes',
    no: 'no',
    skip: 'skip',
    none: 'none',
    confirm: 'confirm',
    dontKnow: "I don't know",
    halfAnHourAgo: 'about half an hour ago',
    saidBack: /Sunday, November 22, 2026, around 12:30/,
    firstMessage: 'There is a suspicious bag in the station',
    yesWithDetail: ['yes, the bag is still there', 'the bag is still there'],
    danger: ['Someone is waving a gun at people right now.', ['gun', 'now', 'right now']],
  },
];

type Step = [say: string, expect: RegExp];

describe('ReportDialog: the witness’s own words', function () {
  let database: Database;
  let reports: ReportRepository;
  let deps: WitnessDeps;

  before(async () => {
    database = await openTestDatabase();
  });
  after(async () => {
    await database.close();
  });
  beforeEach(async () => {
    reports = new ReportRepository(
      database.connection,
      await mkdtemp(path.join(os.tmpdir(), 'shield-answers-')),
    );
    deps = witnessDeps(database.connection, reports);
  });

  const newWitness = (language: Language, channelId = 'test') =>
    new Witness(new MongoStorage(database.connection), deps, {
      locale: language.channelLocale,
      channelId,
    });

  async function play(witness: Witness, steps: Step[]): Promise<Partial<Activity>[]> {
    let replies: Partial<Activity>[] = [];
    for (const [say, expect] of steps) {
      replies = await witness.says(say);
      const text = replies.map((reply) => reply.text ?? '').join('\n');
      assert.match(text, expect, `after "${say}" the bot said:\n${text}`);
    }
    return replies;
  }

  /** From the question after "where exactly" to the review, anonymously, in the witness's language. */
  const toReview = (l: Language, m: Messages): Step[] => [
    [l.no, literal(m.loops.vehicles.gate)],
    [l.no, literal(m.questions.suspicious.prompt.slice(0, 30))],
    ['Niemand kwam terug voor de tas.', literal(m.questions.evidence.prompt.slice(0, 30))],
    [l.none, literal(m.questions.witnesses.prompt.slice(0, 30))],
    [l.skip, literal(m.questions.anonymous.prompt.slice(0, 30))],
    [l.yes, literal(m.questions.consent.prompt.slice(0, 30))],
    [l.yes, literal(m.review.intro.slice(0, 30))],
  ];

  async function confirmAndLoad(witness: Witness, l: Language): Promise<StoredReport> {
    const replies = await witness.says(l.confirm);
    // In plain text, or in the receipt card (whose dashes do not break the line).
    const text = JSON.stringify(replies).replace(/\u2011/g, '-');
    const caseNumber = /SR-[0-9A-Z]{5}-[0-9A-Z]{5}/.exec(text)?.[0];
    assert.ok(caseNumber, `a case number in: ${text}`);
    const report = await reportModel(database.connection).findOne({ caseNumber }).lean<StoredReport>();
    assert.ok(report, 'the report is stored');
    return report;
  }

  for (const l of LANGUAGES) {
    describe(`in ${l.locale}`, () => {
      const m = messagesFor(l.locale);

      it(`records "${l.dontKnow}" as unknown at "When?", "Still going on?" and an optional question`, async () => {
        const witness = newWitness(l);
        const review = await play(witness, [
          ['hallo', literal(m.questions.urgent.prompt)],
          [l.no, literal(m.questions.category.prompt)],
          ['2', literal(m.questions.account.prompt.slice(0, 30))],
          ['Een grijze koffer stond alleen onder een bank.', literal(m.questions.when.prompt.slice(0, 30))],
          [
            l.dontKnow,
            new RegExp(
              `${literal(m.engine.unknownRecorded).source}[\\s\\S]*${literal(m.questions.ongoing.prompt).source}`,
            ),
          ],
          [l.dontKnow, literal(m.questions.place.prompt.slice(0, 30))],
          ['Perron 3', literal(m.questions.placeDetail.prompt.slice(0, 30))],
          [l.dontKnow, literal(m.loops.people.gate)],
          ...toReview(l, m),
        ]);
        const reviewText = review.map((reply) => reply.text ?? '').join('\n');
        assert.match(
          reviewText,
          new RegExp(`${literal(m.questions.when.label).source}: ${literal(m.review.unknown).source}`),
        );
        const report = await confirmAndLoad(witness, l);
        assert.deepEqual(
          report.unknownAnswers,
          ['when', 'ongoing', 'placeDetail'],
          'one value, whatever the language',
        );
        assert.equal(report.answers.when, undefined, 'no time is made up');
        assert.equal(report.answers.ongoing, undefined);
        assert.equal(report.answers.placeDetail, undefined);
        const shown = answersInOrder(report, CURRENT_QUESTIONNAIRE, 'en', 'Europe/Brussels');
        const line = (id: string) => shown.find((answer) => answer.id === id);
        assert.deepEqual(line('when'), { id: 'when', label: 'When', value: "I don't know" });
      });

      it(`understands "${l.halfAnHourAgo}" and keeps the witness's words beside the time`, async () => {
        const witness = newWitness(l);
        await play(witness, [
          ['hallo', literal(m.questions.urgent.prompt)],
          [l.no, literal(m.questions.category.prompt)],
          ['2', literal(m.questions.account.prompt.slice(0, 30))],
          ['Een grijze koffer stond alleen onder een bank.', literal(m.questions.when.prompt.slice(0, 30))],
          [l.halfAnHourAgo, l.saidBack],
          [l.yes, literal(m.questions.ongoing.prompt)],
          [l.no, literal(m.questions.place.prompt.slice(0, 30))],
          ['Perron 3', literal(m.questions.placeDetail.prompt.slice(0, 30))],
          [l.skip, literal(m.loops.people.gate)],
          ...toReview(l, m),
        ]);
        const report = await confirmAndLoad(witness, l);
        assert.equal(whenOf(report)?.start.toISOString(), '2026-11-22T11:30:00.000Z');
        assert.equal(whenOf(report)?.approximate, true);
        assert.equal(whenOf(report)?.asSaid, l.halfAnHourAgo);
        const when = answersInOrder(report, CURRENT_QUESTIONNAIRE, 'en', 'Europe/Brussels').find(
          (answer) => answer.id === 'when',
        );
        assert.ok(when && 'value' in when);
        assert.match(
          when.value ?? '',
          new RegExp(`around .*12:30.*\\(“${literal(l.halfAnHourAgo).source}”\\)`),
        );
      });

      it('tells at once what to do when it is still going on, with the call buttons, then goes on', async () => {
        const witness = newWitness(l, 'webchat');
        await play(witness, [
          ['hallo', literal(m.questions.urgent.prompt)],
          [l.no, literal(m.questions.category.prompt)],
          ['2', literal(m.questions.account.prompt.slice(0, 30))],
          ['Een grijze koffer stond alleen onder een bank.', literal(m.questions.when.prompt.slice(0, 30))],
          ['12:40', /12:40/],
          [l.yes, literal(m.questions.ongoing.prompt)],
        ]);
        const replies = await witness.says(l.yes);
        const card = replies.find((reply) => reply.attachments?.length)?.attachments?.[0];
        assert.equal(card?.contentType, 'application/vnd.microsoft.card.adaptive');
        const content = JSON.stringify(card?.content);
        assert.ok(content.includes(JSON.stringify(m.urgent.ongoingTitle)), 'the advice is in the language');
        assert.ok(content.includes(JSON.stringify(m.urgent.ongoingBody)));
        assert.match(content, /"url":"tel:112"/);
        assert.match(content, /"url":"tel:101"/);
        assert.match(
          replies.at(-1)?.text ?? '',
          literal(m.questions.place.prompt.slice(0, 30)),
          'then the next question',
        );
      });

      it('marks the report urgent at once on words of danger in the account, and says why to the officer', async () => {
        const witness = newWitness(l, 'webchat');
        await play(witness, [
          ['hallo', literal(m.questions.urgent.prompt)],
          [l.no, literal(m.questions.category.prompt)],
          ['1', literal(m.questions.account.prompt.slice(0, 30))],
        ]);
        const replies = await witness.says(l.danger[0]);
        const content = JSON.stringify(replies.map((reply) => reply.attachments ?? []));
        assert.match(content, /"url":"tel:112"/, 'the 112 card is shown at once');
        assert.match(replies.map((reply) => reply.text ?? '').join('\n'), literal(m.urgent.wordsMarked));
        await play(witness, [
          ['12:40', /12:40/],
          [l.yes, literal(m.questions.ongoing.prompt)],
          [l.no, literal(m.questions.place.prompt.slice(0, 30))],
          ['Perron 3', literal(m.questions.placeDetail.prompt.slice(0, 30))],
          [l.skip, literal(m.loops.people.gate)],
          ...toReview(l, m),
        ]);
        const report = await confirmAndLoad(witness, l);
        assert.equal(report.urgent, true);
        assert.deepEqual(report.urgentReasons, [{ source: 'account', terms: l.danger[1] }]);
        const urgent = answersInOrder(report, CURRENT_QUESTIONNAIRE, 'en', 'Europe/Brussels').find(
          (answer) => answer.id === 'urgent',
        );
        assert.ok(urgent && 'value' in urgent);
        assert.equal(urgent.value, `Yes – the account mentions: ${l.danger[1].join(', ')}`);
      });

      it('keeps a first message as the beginning of the account, and the detail of a yes with one', async () => {
        const witness = newWitness(l);
        const first = await witness.says(l.firstMessage);
        const firstText = first.map((reply) => reply.text ?? '').join('\n');
        assert.match(firstText, literal(m.engine.firstMessageKept(l.firstMessage)), 'the witness is told');
        assert.match(firstText, literal(m.questions.urgent.prompt));
        await play(witness, [
          [l.no, literal(m.questions.category.prompt)],
          ['2', literal(m.engine.accountContinue(l.firstMessage))],
          ['Niemand kwam terug.', literal(m.questions.when.prompt.slice(0, 30))],
          ['12:40', /12:40/],
          [l.yes, literal(m.questions.ongoing.prompt)],
          [
            l.yesWithDetail[0],
            new RegExp(
              `${literal(m.engine.detailKept).source}[\\s\\S]*${literal(m.questions.place.prompt.slice(0, 30)).source}`,
            ),
          ],
          ['Perron 3', literal(m.questions.placeDetail.prompt.slice(0, 30))],
          [l.skip, literal(m.loops.people.gate)],
          ...toReview(l, m),
        ]);
        const report = await confirmAndLoad(witness, l);
        assert.equal(report.answers.account, `${l.firstMessage}\nNiemand kwam terug.`);
        assert.equal(report.answers.ongoing, true);
        assert.deepEqual(report.answerNotes, [{ question: 'ongoing', text: l.yesWithDetail[1] }]);
        const ongoing = answersInOrder(report, CURRENT_QUESTIONNAIRE, l.locale, 'Europe/Brussels').find(
          (answer) => answer.id === 'ongoing',
        );
        assert.ok(ongoing && 'value' in ongoing);
        assert.equal(ongoing.value, `${m.review.yes} – “${l.yesWithDetail[1]}”`);
      });

      it('offers a start button in the welcome', async () => {
        const witness = newWitness(l);
        const replies = await witness.says({
          type: 'conversationUpdate',
          membersAdded: [{ id: 'witness-1', name: 'Test Witness' }],
        });
        const actions = replies.flatMap((reply) => reply.suggestedActions?.actions ?? []);
        assert.deepEqual(
          actions.map((action) => String(action.value)),
          [m.welcome.startButton],
        );
        await play(witness, [[m.welcome.startButton, literal(m.questions.urgent.prompt)]]);
      });

      it('gives the case number and receipt code in a card of their own, the code in a monospace block', async () => {
        const witness = newWitness(l, 'webchat');
        await play(witness, [
          ['hallo', literal(m.questions.urgent.prompt)],
          [l.no, literal(m.questions.category.prompt)],
          ['2', literal(m.questions.account.prompt.slice(0, 30))],
          ['Een grijze koffer stond alleen onder een bank.', literal(m.questions.when.prompt.slice(0, 30))],
          ['12:40', /12:40/],
          [l.yes, literal(m.questions.ongoing.prompt)],
          [l.no, literal(m.questions.place.prompt.slice(0, 30))],
          ['Perron 3', literal(m.questions.placeDetail.prompt.slice(0, 30))],
          [l.skip, literal(m.loops.people.gate)],
          [l.no, literal(m.loops.vehicles.gate)],
          [l.no, literal(m.questions.suspicious.prompt.slice(0, 30))],
          ['Niemand kwam terug voor de tas.', literal(m.questions.evidence.prompt.slice(0, 30))],
          [l.none, literal(m.questions.witnesses.prompt.slice(0, 30))],
          [l.skip, literal(m.questions.anonymous.prompt.slice(0, 30))],
          [l.yes, literal(m.questions.consent.prompt.slice(0, 30))],
          [l.yes, literal(m.review.intro.slice(0, 30))],
        ]);
        const replies = await witness.says(l.confirm);
        const receipt = replies.find((reply) => reply.attachments?.length);
        assert.ok(receipt, 'a message with the receipt card');
        assert.equal(receipt.text, m.submit.saved, 'the sentence carries neither number nor code');
        const card = receipt.attachments?.[0]?.content as { body: { text: string; fontType?: string }[] };
        const monospace = card.body
          .filter((block) => block.fontType === 'Monospace')
          .map((block) => block.text);
        assert.equal(monospace.length, 2, 'the case number and the code, each in its own block');
        const [caseNumber, code] = monospace.map((text) => text.replace(/\u2011/g, '-'));
        assert.match(caseNumber, /^SR-[0-9A-Z]{5}-[0-9A-Z]{5}$/);
        assert.match(code, /^[0-9A-Z]{4}(-[0-9A-Z]{4}){4}$/);
        assert.doesNotMatch(monospace[1], /-/, 'the code does not break at its dashes');
        // On the web page, a button copies both (the page handles it and sends nothing back).
        const { actions } = receipt.attachments?.[0]?.content as {
          actions: { title: string; data: unknown }[];
        };
        assert.deepEqual(actions, [
          {
            type: 'Action.Submit',
            title: m.submit.copyReceipt,
            data: {
              copy: `${m.submit.caseNumberLabel}: ${caseNumber}\n${m.submit.receiptCodeLabel}: ${code}`,
            },
          },
        ]);
        const report = await reportModel(database.connection).findOne({ caseNumber }).lean();
        assert.ok(report);
        assert.equal(await verifyReceiptCode(code, report.receiptHash), true, 'the card shows the real code');
        const mark = (
          receipt.channelData as { shieldReporter: { kind: string; storedAs: { attachments: unknown[] } } }
        ).shieldReporter;
        assert.equal(mark.kind, 'receipt');
        assert.doesNotMatch(
          JSON.stringify(mark.storedAs),
          new RegExp(code.replace(/-/g, '.')),
          'the version to keep has no code',
        );
        assert.match(JSON.stringify(mark.storedAs), literal(m.submit.receiptShown));
      });

      it('refuses a HEIC photo and tells iPhone users how to send a JPEG', async () => {
        assert.doesNotMatch(m.engine.evidenceUnsupported('x'), /HEIC\)/, 'HEIC is not listed as accepted');
        for (const text of [
          m.engine.evidenceUnsupported('x'),
          m.upload.wrongType('x'),
          m.teams.fileRefused,
        ]) {
          assert.match(text, /JPEG/);
          assert.match(text, /PDF/i);
          assert.match(text, /iPhone.*HEIC.*JPEG/s, 'with the advice for iPhone users');
        }
        const witness = newWitness(l);
        await play(witness, [
          ['hallo', literal(m.questions.urgent.prompt)],
          [l.no, literal(m.questions.category.prompt)],
          ['2', literal(m.questions.account.prompt.slice(0, 30))],
          ['Een grijze koffer stond alleen onder een bank.', literal(m.questions.when.prompt.slice(0, 30))],
          ['12:40', /12:40/],
          [l.yes, literal(m.questions.ongoing.prompt)],
          [l.no, literal(m.questions.place.prompt.slice(0, 30))],
          ['Perron 3', literal(m.questions.placeDetail.prompt.slice(0, 30))],
          [l.skip, literal(m.loops.people.gate)],
          [l.no, literal(m.loops.vehicles.gate)],
          [l.no, literal(m.questions.suspicious.prompt.slice(0, 30))],
          ['Niemand kwam terug voor de tas.', literal(m.questions.evidence.prompt.slice(0, 30))],
        ]);
        const refused = await witness.says({
          attachments: [
            { name: 'IMG_0001.HEIC', contentType: 'image/heic', contentUrl: 'https://files.example.test/1' },
          ],
        });
        assert.match(
          refused.map((reply) => reply.text ?? '').join('\n'),
          literal(m.engine.evidenceUnsupported('IMG_0001.HEIC')),
        );
      });
    });
  }

  it('takes its accepted evidence types from the one list', () => {
    assert.deepEqual([...ACCEPTED_EVIDENCE_TYPES], ['image/jpeg', 'image/png', 'application/pdf']);
  });

  it('refuses "I don\'t know" for the witness\'s own choice (anonymity), saying why', async () => {
    const l = LANGUAGES[3];
    const m = messagesFor('en');
    const witness = newWitness(l);
    await play(witness, [
      ['hallo', literal(m.questions.urgent.prompt)],
      [l.no, literal(m.questions.category.prompt)],
      ['2', literal(m.questions.account.prompt.slice(0, 30))],
      ['A grey suitcase under a bench.', literal(m.questions.when.prompt.slice(0, 30))],
      ['12:40', /12:40/],
      [l.yes, literal(m.questions.ongoing.prompt)],
      [l.no, literal(m.questions.place.prompt.slice(0, 30))],
      ['Platform 3', literal(m.questions.placeDetail.prompt.slice(0, 30))],
      [l.skip, literal(m.loops.people.gate)],
      [l.no, literal(m.loops.vehicles.gate)],
      [l.no, literal(m.questions.suspicious.prompt.slice(0, 30))],
      ['Nobody came back for it.', literal(m.questions.evidence.prompt.slice(0, 30))],
      [l.none, literal(m.questions.witnesses.prompt.slice(0, 30))],
      [l.dontKnow, literal(m.questions.anonymous.prompt.slice(0, 30))],
      [l.dontKnow, literal(m.engine.unknownYourChoice)],
    ]);
  });
});
