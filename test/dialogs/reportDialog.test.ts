import assert from 'node:assert/strict';
import { mkdtemp } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import type { Database } from '../../models/store/db';
import { MongoStorage } from '../../models/store/mongoStorage';
import { reportModel, type Report } from '../../models/store/report';
import { ReportRepository } from '../../models/store/reportRepository';
import { verifyReceiptCode } from '../../models/core/receipt';
import type { Activity } from 'botbuilder';
import { DialogTurnStatus } from 'botbuilder-dialogs';
import { DialogTestClient } from 'botbuilder-testing';
import { messagesFor } from '../../dialogs/locales';
import { ReportDialog } from '../../dialogs/reportDialog';
import { openTestDatabase } from '../helpers/database';
import { shownText } from '../helpers/directLineClient';
import { CURRENT_QUESTIONNAIRE } from '../../models/core/questionnaire';
import { questionnaireHash } from '../../models/store/questionnaireArchive';
import {
  codesFrom,
  comparable,
  contactOf,
  evidenceOf,
  play,
  TO_REVIEW,
  whenOf,
  type Turn,
} from '../helpers/reportScript';
import { TestClock, Witness, witnessDeps, type WitnessDeps } from '../helpers/witness';

const DAY = 86_400_000;

describe('ReportDialog', function () {
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
      await mkdtemp(path.join(os.tmpdir(), 'shield-outbox-')),
    );
    deps = witnessDeps(database.connection, reports);
  });

  const newWitness = (options: ConstructorParameters<typeof Witness>[2] = {}) =>
    new Witness(new MongoStorage(database.connection), deps, options);

  // On channels with cards the case number and code come in the receipt card.
  const receiptFrom = async (witness: Witness) =>
    codesFrom((await witness.says('confirm')).map(shownText).join('\n'));

  async function storedReport(caseNumber: string) {
    const report = await reportModel(database.connection).findOne({ caseNumber }).lean<Report>();
    assert.ok(report, `report ${caseNumber} is in MongoDB`);
    return report;
  }

  // The start of every English report up to the people question.
  const opening: Turn[] = [
    ['hello', /is someone in danger/],
    ['no', /What is your report about\?\n1\. Suspicious behaviour/],
    ['2', /Tell us in your own words/],
    [
      'A grey suitcase was left under a bench on platform 3 and nobody came back for it.',
      /When did it happen/,
    ],
    ['yesterday around 5pm', /I understood: Saturday, November 21, 2026, around 17:00\. Is that right\?/],
    ['yes', /still going on/],
    ['no', /Where did it happen/],
    ['Central station, platform 3', /Where exactly/],
    ['Under the bench next to the stairs', /any people involved/],
  ];

  // From "no people" to the question about anonymity, with the given reason.
  const toAnonymity = (why: string): Turn[] => [
    ['no', /vehicle/],
    ['no', /suspicious/],
    [why, /photos/],
    ['none', /anyone else/],
    ['skip', /anonymous/],
  ];
  // ... and on to the consent, anonymously.
  const toConsent = (why: string): Turn[] => [...toAnonymity(why), ['yes', /agree/]];

  it('tells the witness the retention period in force, when an administrator has changed it', async () => {
    deps = { ...deps, currentRetentionDays: () => Promise.resolve(30) };
    await play(newWitness(), [
      ...opening,
      ...toAnonymity('It was left on purpose.'),
      ['yes', /deleted 30 days after the case is closed/],
    ]);
  });

  it('takes an anonymous report from the first question to the receipt, and stores every answer', async () => {
    const witness = newWitness();
    await play(witness, [
      ...opening,
      ['no', /vehicle involved/],
      [
        'no',
        /Why did it seem suspicious.*appearance, ethnicity or religion are not in themselves signs of anything/s,
      ],
      [
        'It was left on purpose: the person looked around, put it down and walked off fast.',
        /photos or documents/,
      ],
      ['none', /anyone else see or hear/],
      ['skip', /stay anonymous/],
      ['yes', /deleted 90 days after the case is closed.*24 hours.*Do you agree/s],
      ['yes', /Please check your report\n1\. Urgent: No\n2\. Category: Unattended or suspicious item/],
    ]);
    const done = await witness.expect(
      'confirm',
      /sent to the police\.\nCase number: SR-/,
      /Receipt code: .*shown only this once/s,
    );
    const { caseNumber, receiptCode } = codesFrom(done);
    assert.ok(receiptCode.replace(/-/g, '').length >= 16, 'the receipt code has at least 16 characters');

    const report = await storedReport(caseNumber);
    assert.equal(
      await verifyReceiptCode(receiptCode, report.receiptHash),
      true,
      'the stored hash matches the code',
    );
    assert.equal(await verifyReceiptCode('AAAA-BBBB-CCCC-DDDD-EEEE', report.receiptHash), false);
    assert.doesNotMatch(JSON.stringify(report), new RegExp(receiptCode), 'the code itself is not stored');
    assert.deepEqual(comparable(report), {
      questionnaireHash: questionnaireHash(CURRENT_QUESTIONNAIRE),
      status: 'new',
      urgent: false,
      channel: 'other', // the test adapter's channel: recorded as no channel it is not
      locale: 'en',
      answerNotes: [],
      answers: {
        urgent: false,
        category: 'item',
        account: 'A grey suitcase was left under a bench on platform 3 and nobody came back for it.',
        when: {
          start: '2026-11-21T16:00:00.000Z',
          precision: 'minute',
          approximate: true,
          asSaid: 'yesterday around 5pm',
        },
        ongoing: false,
        place: 'Central station, platform 3',
        placeDetail: 'Under the bench next to the stairs',
        people: [],
        vehicles: [],
        suspicious: 'It was left on purpose: the person looked around, put it down and walked off fast.',
        anonymous: true,
        consent: '2026-11-22T12:00:00.000Z',
      },
      questions: [],
      unknownAnswers: [],
      urgentReasons: [],
    });
  });

  describe('the full happy path in each language', () => {
    const literal = (text: string) => new RegExp(text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&'));
    const languages = [
      {
        channelLocale: 'nl-BE',
        locale: 'nl',
        yes: 'ja',
        no: 'nee',
        skip: 'overslaan',
        none: 'geen',
        confirm: 'bevestigen',
        when: 'gisteren rond 17u',
        day: /zaterdag 21 november 2026, rond 17:00/,
      },
      {
        channelLocale: 'fr-BE',
        locale: 'fr',
        yes: 'oui',
        no: 'non',
        skip: 'passer',
        none: 'aucun',
        confirm: 'confirmer',
        when: 'hier vers 17h',
        day: /samedi 21 novembre 2026, vers 17:00/,
      },
      {
        channelLocale: 'de-DE',
        locale: 'de',
        yes: 'ja',
        no: 'nein',
        skip: 'überspringen',
        none: 'keine',
        confirm: 'bestätigen',
        when: 'gestern gegen 17 Uhr',
        day: /Samstag, 21\. November 2026, gegen 17:00/,
      },
      {
        channelLocale: 'en-GB',
        locale: 'en',
        yes: 'yes',
        no: 'no',
        skip: 'skip',
        none: 'none',
        confirm: 'confirm',
        when: 'yesterday around 5pm',
        day: /Saturday, November 21, 2026, around 17:00/,
      },
    ] as const;
    for (const language of languages) {
      it(`takes a complete report in ${language.locale}, every word in that language`, async () => {
        const m = messagesFor(language.locale);
        const witness = newWitness({ locale: language.channelLocale });
        await play(witness, [
          ['hallo', literal(m.welcome.greeting)],
          [language.no, literal(m.questions.category.prompt)],
          ['3', literal(m.questions.account.prompt)],
          [
            'Een bestelwagen stond een uur met draaiende motor voor de ingang.',
            literal(m.questions.when.prompt),
          ],
          [language.when, language.day],
          [language.yes, literal(m.questions.ongoing.prompt)],
          [language.no, literal(m.questions.place.prompt)],
          ['Grote Markt 1', literal(m.questions.placeDetail.prompt)],
          [language.skip, literal(m.loops.people.gate)],
          [language.no, literal(m.loops.vehicles.gate)],
          [language.no, literal(m.questions.suspicious.prompt)],
          ['De bestuurder filmde de ingang.', literal(m.questions.evidence.prompt)],
          [language.none, literal(m.questions.witnesses.prompt)],
          [language.skip, literal(m.questions.anonymous.prompt)],
          [language.yes, literal(m.questions.consent.prompt.slice(0, 40))],
          [language.yes, literal(m.review.title)],
        ]);
        const done = await witness.expect(language.confirm, literal(m.submit.saved));
        const report = await storedReport(codesFrom(done).caseNumber);
        assert.equal(report.locale, language.locale);
        assert.equal(report.answers.category, 'vehicle');
        assert.equal(whenOf(report)?.start.toISOString(), '2026-11-21T16:00:00.000Z');
        assert.equal(whenOf(report)?.approximate, true);
        assert.equal(report.answers.place, 'Grote Markt 1');
        assert.equal(report.answers.placeDetail, undefined, 'the skipped question is not stored');
        assert.deepEqual(contactOf(report), { anonymous: true });
      });
    }
  });

  it('shows the emergency numbers at once for an urgent report and marks it urgent', async () => {
    const witness = newWitness({ channelId: 'webchat' });
    await witness.expect('hi', /in danger/);
    const replies = await witness.says('yes');
    const card = replies.find((reply) => reply.attachments?.length)?.attachments?.[0];
    assert.equal(card?.contentType, 'application/vnd.microsoft.card.adaptive');
    const content = JSON.stringify(card?.content);
    assert.match(content, /tel:112/);
    assert.match(content, /tel:101/);
    assert.match(content, /"version":"1\.5"/);
    assert.match(
      replies.map((reply) => reply.text).join('\n'),
      /marked URGENT[\s\S]*What is your report about/,
    );
    await play(witness, [
      ['1', /own words/],
      ['Someone is shouting threats and waving a knife at people on the square.', /When/],
      ['today at 12:55', /12:55/],
      ['yes', /still going on/],
      ['yes', /Where did it happen/],
      ['The square in front of the library', /Where exactly/],
      ['skip', /people/],
      ...toConsent('The threats and the knife.'),
      ['yes', /Here is everything you told us/],
    ]);
    const report = await storedReport((await receiptFrom(witness)).caseNumber);
    assert.equal(report.urgent, true);
    assert.equal(report.answers.ongoing, true);
  });

  it('works as a plain dialog too (botbuilder-testing DialogTestClient), asking first about danger', async () => {
    const client = new DialogTestClient('test', new ReportDialog({ ...deps, clock: () => new Date() }), {
      locale: 'fr',
    });
    const first = (await client.sendActivity('bonjour')) as Activity;
    assert.equal(first.text, messagesFor('fr').questions.urgent.prompt);
    assert.equal(client.dialogTurnResult.status, DialogTurnStatus.waiting);
    const second = (await client.sendActivity('non')) as Activity;
    assert.match(second.text ?? '', /De quoi parle votre signalement/);
  });

  it('records two people and one vehicle, one at a time', async () => {
    const witness = newWitness();
    await play(witness, [
      ...opening,
      ['yes', /Person 1\nWas this person a woman or a man\?/],
      ['woman', /How old/i],
      ['around 30', /How tall/],
      ['about 1m70', /What build/],
      ['slim', /What hair/],
      ['long dark hair in a ponytail', /What clothing/],
      ['red raincoat, white trainers', /distinguishing marks/],
      ['none', /do or say/],
      ['She put the suitcase down and filmed the platform', /know their name/],
      ['skip', /another person/],
      ['yes', /Person 2\nWas this person a woman or a man\?/],
      ['3', /how old/],
      ['skip', /How tall/],
      ['skip', /What build/],
      ['skip', /What hair/],
      ['skip', /What clothing/],
      ['black hoodie', /distinguishing marks/],
      ['skip', /do or say/],
      ['Waited by the exit', /know their name/],
      ['skip', /another person/],
      ['no', /vehicle involved/],
      ['yes', /Vehicle 1\nWhat was the number plate/],
      ['1-abc-23?', /Which country/],
      ['Belgium', /What make/],
      ['Volkswagen', /What model/],
      ['Transporter', /What colour/],
      ['white', /What kind of vehicle\?\n1\. Car\n2\. Van/],
      ['van', /Which direction/],
      ['towards the ring road', /How many people were in it/],
      ['one driver', /another vehicle/],
      ['no', /Why did it seem suspicious/],
      ['They seemed to coordinate and left the suitcase behind.', /photos or documents/],
      ['none', /anyone else/],
      ['skip', /anonymous/],
      ['yes', /Do you agree/],
      ['yes', /Person 2 – Sex: Unknown/],
    ]);
    const { caseNumber } = codesFrom(await witness.expect('confirm', /Case number/));
    const report = await storedReport(caseNumber);
    assert.deepEqual(JSON.parse(JSON.stringify(report.answers.people)), [
      {
        sex: 'female',
        age: 'around 30',
        height: 'about 1m70',
        build: 'slim',
        hair: 'long dark hair in a ponytail',
        clothing: 'red raincoat, white trainers',
        actions: 'She put the suitcase down and filmed the platform',
      },
      { sex: 'unknown', clothing: 'black hoodie', actions: 'Waited by the exit' },
    ]);
    assert.deepEqual(JSON.parse(JSON.stringify(report.answers.vehicles)), [
      {
        plate: '1-ABC-23?',
        plateCountry: 'Belgium',
        make: 'Volkswagen',
        model: 'Transporter',
        colour: 'white',
        vehicleType: 'van',
        direction: 'towards the ring road',
        passengers: 'one driver',
      },
    ]);
  });

  it('lets the witness change one answer from the review and comes back to the review', async () => {
    const witness = newWitness();
    await play(witness, [
      ...opening,
      ...toConsent('Nobody claimed it for an hour.'),
      ['yes', /6\. Location: Central station, platform 3/],
      ['change the location', /new answer[\s\S]*Where did it happen/],
      ['North station, platform 1', /Please check your report[\s\S]*6\. Location: North station, platform 1/],
      ['change 4', /When did it happen/],
      ['21/11 at 16:15', /I understood: Saturday, November 21, 2026, 16:15/],
      ['yes', /4\. When: Saturday, November 21, 2026, 16:15/],
    ]);
    const { caseNumber } = codesFrom(await witness.expect('confirm', /Case number/));
    const report = await storedReport(caseNumber);
    assert.equal(report.answers.place, 'North station, platform 1');
    assert.equal(whenOf(report)?.start.toISOString(), '2026-11-21T15:15:00.000Z');
    assert.equal(whenOf(report)?.approximate, false);
  });

  it('asks for contact details when the witness is not anonymous, and validates them', async () => {
    const witness = newWitness();
    await play(witness, [
      ...opening,
      ['no', /vehicle/],
      ['no', /suspicious/],
      ['It was left on purpose.', /photos/],
      ['none', /anyone else/],
      ['A cleaner, Sam, saw it too', /anonymous/],
      ['no', /What is your name/],
      ['Alex Example', /phone number/],
      ['call me maybe', /does not look like a phone number/],
      ['+32 470 00 00 00', /e-mail/],
      ['not-an-address', /does not look like an e-mail address/],
      ['alex@example.org', /organisation/],
      ['Example School', /How do you prefer to be contacted\?\n1\. Phone\n2\. E-mail\n3\. This chat/],
      ['E-mail', /agree/],
      ['no', /only send the report with your agreement/],
      ['yes', /12\. Other witnesses: A cleaner, Sam, saw it too[\s\S]*14\. Your name: Alex Example/],
    ]);
    const { caseNumber } = codesFrom(await witness.expect('send', /Case number/));
    const report = await storedReport(caseNumber);
    assert.deepEqual(contactOf(report), {
      anonymous: false,
      contactName: 'Alex Example',
      contactPhone: '+32 470 00 00 00',
      contactEmail: 'alex@example.org',
      organisation: 'Example School',
      preferredContact: 'email',
    });
    assert.equal(report.answers.witnesses, 'A cleaner, Sam, saw it too');
  });

  it('in Teams, offers the profile name instead of asking, and records the tenant', async () => {
    const witness = newWitness({
      channelId: 'msteams',
      from: {
        id: '29:teams-user',
        name: 'Robin Example',
        aadObjectId: '00000000-0000-4000-8000-0000000000a1',
      },
      channelData: { tenant: { id: '00000000-0000-4000-8000-00000000c0de' } },
    });
    await play(witness, [
      ...opening,
      ...toAnonymity('It was left on purpose.'),
      ['no', /Teams tells us your name is Robin Example\. Shall we use it\?/],
      ['yes', /phone number/],
      ['skip', /e-mail/],
      ['skip', /organisation/],
      ['skip', /prefer to be contacted/],
      ['3', /agree/],
      ['yes', /Here is everything you told us/],
    ]);
    const replies = await witness.says('confirm');
    const { caseNumber } = codesFrom(replies.map(shownText).join('\n'));
    const cards = replies.flatMap((reply) => reply.attachments ?? []).map((card) => card.content as object);
    assert.equal(cards.length, 1, 'the receipt comes in a card');
    assert.equal('actions' in cards[0], false, 'with no copy button: Teams would send its data to the bot');
    const report = await storedReport(caseNumber);
    assert.equal(report.channel, 'msteams');
    assert.deepEqual(JSON.parse(JSON.stringify(report.teams)), {
      tenantId: '00000000-0000-4000-8000-00000000c0de',
      aadObjectId: '00000000-0000-4000-8000-0000000000a1',
      userId: '29:teams-user',
    });
    assert.deepEqual(contactOf(report), {
      anonymous: false,
      contactName: 'Robin Example',
      preferredContact: 'chat',
    });
  });

  it('accepts photos and documents that arrive as attachments, records links, and refuses other types', async () => {
    const witness = newWitness();
    await play(witness, [
      ...opening,
      ['no', /vehicle/],
      ['no', /suspicious/],
      ['It was left on purpose.', /photos or documents/],
      ['done', /anyone else/],
      ['back', /photos or documents/],
    ]);
    await witness.expect(
      {
        text: '',
        attachments: [
          {
            name: 'platform.jpg',
            contentType: 'image/jpeg',
            contentUrl: 'https://files.test.invalid/platform.jpg',
          },
          {
            name: 'tool.exe',
            contentType: 'application/octet-stream',
            contentUrl: 'https://files.test.invalid/tool.exe',
          },
        ],
      },
      /could not accept "tool\.exe"\. Photos \(JPEG, PNG\) and PDF documents are accepted\. On an iPhone/,
      /Received: 1 file\. /,
    );
    await witness.expect(
      'the video is at https://video.test.invalid/clip-1 please look',
      /Received: 1 file and 1 link\. /,
    );
    await witness.expect('just some words', /send a photo or document, paste a link, or type "done"/);
    await play(witness, [
      ['done', /anyone else/],
      ['skip', /anonymous/],
      ['yes', /agree/],
      ['yes', /Evidence: 1 file and 1 link\nplatform\.jpg\nhttps:\/\/video\.test\.invalid\/clip-1/],
    ]);
    const { caseNumber } = codesFrom(await witness.expect('confirm', /Case number/));
    const report = await storedReport(caseNumber);
    assert.deepEqual(JSON.parse(JSON.stringify(evidenceOf(report).attachments)), [
      {
        name: 'platform.jpg',
        contentType: 'image/jpeg',
        contentUrl: 'https://files.test.invalid/platform.jpg',
      },
    ]);
    assert.deepEqual(evidenceOf(report).links, ['https://video.test.invalid/clip-1']);
  });

  it('goes back to the previous question, keeps the answer, and re-asks', async () => {
    const witness = newWitness();
    await play(witness, [
      ['hi', /danger/],
      ['back', /first question[\s\S]*danger/],
      ['no', /about\?/],
      ['1', /own words/],
      ['back', /What is your report about/],
      ['3', /own words/],
    ]);
    const state = await new MongoStorage(database.connection).read([witness.stateKey]);
    assert.match(JSON.stringify(state), /"category":"vehicle"/);
  });

  it('skips optional questions but refuses to skip required ones', async () => {
    const witness = newWitness();
    await play(witness, [
      ['hi', /danger/],
      ['skip', /needs an answer[\s\S]*danger/],
      ['no', /about/],
    ]);
  });

  it('explains the current question on "help" and asks it again', async () => {
    const witness = newWitness();
    await play(witness, [
      ['hi', /danger/],
      ['no', /about/],
      ['help', /route your report to the right team[\s\S]*What is your report about/],
    ]);
  });

  it('cancels only after confirmation, and discards the draft', async () => {
    const witness = newWitness();
    await play(witness, [
      ['hi', /danger/],
      ['no', /about/],
      ['cancel', /want to cancel this report\?/],
      ['no', /carry on[\s\S]*What is your report about/],
      ['cancel', /want to cancel/],
      ['yes', /cancelled and your answers were discarded/],
      ['report', /danger/],
    ]);
  });

  it('restarts from the first question after confirmation', async () => {
    const witness = newWitness();
    await play(witness, [
      ['hi', /danger/],
      ['no', /about/],
      ['restart', /start again from the first question/],
      ['yes', /danger/],
    ]);
  });

  it('switches language mid-dialog when the witness names one', async () => {
    const witness = newWitness();
    const nl = messagesFor('nl');
    await play(witness, [
      ['hi', /danger/],
      ['no', /about/],
    ]);
    const reply = await witness.expect('Nederlands', new RegExp(nl.engine.languageSwitched));
    assert.ok(reply.includes(nl.questions.category.prompt), 'the open question is asked again in Dutch');
    await witness.expect('Deutsch', new RegExp(messagesFor('de').engine.languageSwitched));
  });

  it('switches language at the review, the last step, and shows the review again in that language', async () => {
    const witness = newWitness({ channelId: 'webchat' });
    await play(witness, TO_REVIEW.slice(0, -1));
    await witness.says('yes');
    for (const [typed, locale] of [
      ['Nederlands', 'nl'],
      ['français', 'fr'],
      ['Deutsch', 'de'],
      ['English', 'en'],
    ] as const) {
      const m = messagesFor(locale);
      const replies = await witness.says(typed);
      const shown = replies.map(shownText).join('\n');
      assert.ok(shown.includes(m.engine.languageSwitched), `"${typed}" switches to ${locale}: ${shown}`);
      assert.ok(shown.includes(m.review.title), `the review is shown again in ${locale}`);
      assert.ok(JSON.stringify(replies).includes(m.review.confirmButton), `its button is in ${locale}`);
    }
    const { caseNumber } = codesFrom((await witness.says('confirm')).map(shownText).join('\n'));
    assert.equal((await storedReport(caseNumber)).locale, 'en');
  });

  it('switches language while asking to confirm a cancel, and asks again in that language', async () => {
    const witness = newWitness();
    await play(witness, [
      ['hi', /danger/],
      ['no', /about/],
      ['cancel', /want to cancel this report\?/],
    ]);
    const nl = messagesFor('nl');
    const reply = await witness.expect('Nederlands', new RegExp(nl.engine.languageSwitched));
    assert.ok(
      reply.includes(nl.engine.confirmCancel),
      `the cancel question is asked again in Dutch: ${reply}`,
    );
    await witness.expect('nee', new RegExp(nl.engine.carryOn));
  });

  it('re-asks on an unreadable date and explains a date in the future', async () => {
    const witness = newWitness();
    await play(witness, [
      ['hi', /danger/],
      ['no', /about/],
      ['6', /own words/],
      ['Threatening messages in a group chat', /When/],
      ['the day the music died', /could not find a date or time/],
      ['tomorrow at 3pm', /in the future/],
      ['today at 9:00', /Sunday, November 22, 2026, 09:00/],
      ['no', /When was it/],
      ['yesterday', /Saturday, November 21, 2026 \(time not given\)/],
    ]);
  });

  it('refuses an overlong answer with its length and limit, and keeps nothing of it', async () => {
    const witness = newWitness();
    await play(witness, [
      ['hi', /danger/],
      ['no', /about/],
      ['6', /own words/],
    ]);
    await witness.expect('x'.repeat(4001), /4001 characters long; the limit here is 4000[\s\S]*own words/);
    await witness.expect('Short and clear.', /When did it happen/);
  });

  it('ignores a stale card click and a double submit sends one report', async () => {
    const witness = newWitness({ channelId: 'webchat' });
    await play(witness, [...opening, ...toConsent('It was left on purpose.')]);
    const review = await witness.says('yes');
    const card = review.find((reply) => reply.attachments?.length)?.attachments?.[0]?.content as {
      actions: { data: unknown }[];
    };
    const confirmData = card.actions[0].data;
    const changeData = JSON.parse(JSON.stringify(confirmData)) as { shieldReporter: Record<string, unknown> };
    changeData.shieldReporter = { ...changeData.shieldReporter, action: 'change', target: 6 };

    // A change click moves the draft on: the old card's "send" is now stale and changes nothing.
    await witness.expect({ value: changeData }, /Where did it happen/);
    await witness.expect({ value: confirmData }, /belongs to an earlier message[\s\S]*Where did it happen/);
    await witness.expect('Central station, platform 3', /Here is everything you told us/);

    const fresh = (await witness.says('anything else')).length;
    assert.ok(fresh > 0);
    const latest = await witness.says('change 99');
    assert.match(latest.map((reply) => reply.text).join('\n'), /Which answer do you want to change/);
    const currentCard = latest.find((reply) => reply.attachments?.length)?.attachments?.[0]?.content as {
      actions: { data: unknown }[];
    };
    const confirm = { value: currentCard.actions[0].data };
    const [first, second] = await Promise.all([witness.says(confirm), witness.says(confirm)]);
    const texts = [...first, ...second].map((reply) => reply.text).join('\n');
    assert.match(texts, /Case number: SR-/);
    const caseNumbers = new Set(texts.match(/SR-[0-9A-Z]{5}-[0-9A-Z]{5}/g));
    assert.equal(caseNumbers.size, 1, 'both clicks name the same case');
    await witness.expect(confirm, /already sent/);
    const count = await reportModel(database.connection).countDocuments({ caseNumber: [...caseNumbers][0] });
    assert.equal(count, 1, 'exactly one report was stored');
  });

  it('welcomes back a witness after a pause and discards a draft older than the limit', async () => {
    const clock = new TestClock();
    const witness = newWitness({ clock });
    await play(witness, [
      ['hi', /danger/],
      ['no', /about/],
    ]);
    clock.advance(2 * 60 * 60_000);
    await witness.expect('hello again', /Welcome back[\s\S]*What is your report about/);
    await witness.expect('1', /own words/);
    clock.advance(DAY + 60_000);
    await witness.expect(
      'Something happened',
      /not touched for more than 24 hours and was discarded[\s\S]*danger/,
    );
  });
});
