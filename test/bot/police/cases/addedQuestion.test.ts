import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { questionnaireHash } from '../../../../models/store/questionnaireArchive';
import { reportModel, type Report } from '../../../../models/store/report';
import { withLightingQuestion } from '../../../helpers/fixtures';
import { seed, startCaseFixture, type CaseFixture } from '../../../helpers/cases';
import { postActivity, testActivity } from '../../../helpers/http';
import { codesFrom } from '../../../helpers/reportScript';

// Adding a question is one entry: a questionnaire with one more question (injected, the real one
// untouched) gives reports that store, show, search and export its answer with no other edit, and the
// service started with it asks the question in the chat.
describe('a question added to the questionnaire', () => {
  let fixture: CaseFixture;
  let supervisor: string;
  let caseNumber: string;
  let earlier: string;
  const lighting = 'The street lamp above the bench was broken';

  before(async () => {
    fixture = await startCaseFixture({}, { questionnaire: withLightingQuestion() });
    supervisor = await fixture.login('supervisor@police.test');
    earlier = await seed(fixture, { answers: { place: 'Invented Square' } });
    caseNumber = await seed(fixture, {
      questionnaire: withLightingQuestion(),
      answers: { lighting },
    });
  });
  after(async () => {
    await fixture.close();
  });

  it('is stored under its id, with the hash of the questionnaire that asked it', async () => {
    const stored = await reportModel(fixture.database.connection).findOne({ caseNumber }).lean<Report>();
    assert.equal(stored?.answers.lighting, lighting);
    assert.equal(stored?.questionnaireHash, questionnaireHash(withLightingQuestion()));
  });

  it('is refused over the length its entry gives', async () => {
    await assert.rejects(
      seed(fixture, { questionnaire: withLightingQuestion(), answers: { lighting: 'x'.repeat(81) } }),
      { name: 'ValidationError' },
      'the maximum comes from the entry',
    );
  });

  it('is shown in the case view in questionnaire order; an older report reads against its own questions', async () => {
    const answer = await fixture.call('GET', `/api/cases/${caseNumber}?lang=en`, supervisor);
    assert.equal(answer.status, 200);
    const ids = (answer.body as { answers: { id: string; label: string; value?: string | null }[] }).answers;
    const at = ids.findIndex((item) => item.id === 'lighting');
    assert.equal(ids[at - 1]?.id, 'placeDetail', 'right after the place detail');
    assert.equal(ids[at]?.value, lighting);
    assert.equal(ids[at]?.label, 'Lighting', "labelled with the entry's own words");
    const dutch = await fixture.call('GET', `/api/cases/${caseNumber}?lang=nl`, supervisor);
    const dutchAnswers = (dutch.body as { answers: { id: string; label: string }[] }).answers;
    assert.equal(dutchAnswers.find((item) => item.id === 'lighting')?.label, 'Verlichting');
    const older = await fixture.call('GET', `/api/cases/${earlier}?lang=en`, supervisor);
    const olderIds = (older.body as { answers: { id: string }[] }).answers.map((item) => item.id);
    assert.equal(
      olderIds.includes('lighting'),
      false,
      'a report asked without the question does not show it',
    );
  });

  it('is searched by the free-text search', async () => {
    const answer = await fixture.call('GET', '/api/cases?q=street%20lamp', supervisor);
    assert.equal(answer.status, 200);
    const found = (answer.body as { cases: { caseNumber: string }[] }).cases.map((item) => item.caseNumber);
    assert.deepEqual(found, [caseNumber]);
  });

  it('is a column of the CSV export', async () => {
    const answer = await fixture.call('GET', '/api/cases/export?format=csv', supervisor);
    assert.equal(answer.status, 200);
    const [header, ...rows] = answer.bytes
      .toString('utf8')
      .replace(/^\uFEFF/, '')
      .split('\r\n');
    const columns = header.split(',');
    const column = columns.indexOf('"Lighting"'); // the entry's own label, as every column is labelled
    assert.ok(column > 0, `a column for the question in: ${header}`);
    const row = rows.find((line) => line.startsWith(`"${caseNumber}"`));
    assert.ok(row?.includes(`"${lighting}"`), 'its answer in the row of its case');
  });

  describe('asked in the chat', () => {
    const answer = 'Only the kiosk sign was lit, the rest was dark';
    let chatCase: string;

    it('is asked after the place detail, in the words its entry carries, and read back in the review', async () => {
      // A channel without cards, over the service's real HTTP endpoint: the review comes back as text.
      const conversationId = `witness-${randomUUID()}`;
      const say = async (text: string): Promise<string> => {
        const turn = await postActivity(
          fixture.service.url,
          testActivity({ text, conversationId, channelId: 'test' }),
        );
        assert.equal(turn.status, 200);
        return turn.shown.join('\n');
      };
      const turns: [string, RegExp][] = [
        ['hello', /danger/],
        ['no', /about/],
        ['2', /own words/],
        ['A grey suitcase was left under a bench and nobody came back for it.', /When/],
        ['yesterday around 5pm', /I understood/],
        ['yes', /still going on/],
        ['no', /Where did it happen/],
        ['Invented Square, by the kiosk', /Where exactly/],
        ['Under the bench next to the kiosk', /^How was the lighting there\?$/m],
        ['help', /Light or dark, lamps on or off/],
        [answer, /people involved/],
        ['no', /vehicle/],
        ['no', /suspicious/],
        ['It was left on purpose.', /photos/],
        ['none', /anyone else/],
        ['skip', /anonymous/],
        ['yes', /agree/],
      ];
      for (const [text, expected] of turns) assert.match(await say(text), expected, `after "${text}"`);
      const review = await say('yes');
      assert.match(
        review,
        new RegExp(`^8\\. Lighting: ${answer}$`, 'm'),
        `the review reads it back, after the place detail:\n${review}`,
      );
      chatCase = codesFrom(await say('confirm')).caseNumber;
    });

    it('is stored under its id, with the hash of the questionnaire that asked it', async () => {
      const stored = await reportModel(fixture.database.connection)
        .findOne({ caseNumber: chatCase })
        .lean<Report>();
      assert.equal(stored?.answers.lighting, answer);
      assert.equal(stored?.questionnaireHash, questionnaireHash(withLightingQuestion()));
    });

    it('is shown in the case view, searched and exported', async () => {
      const view = await fixture.call('GET', `/api/cases/${chatCase}?lang=en`, supervisor);
      const shown = (view.body as { answers: { id: string; value?: string | null }[] }).answers;
      assert.equal(shown.find((item) => item.id === 'lighting')?.value, answer);
      const search = await fixture.call('GET', '/api/cases?q=kiosk%20sign', supervisor);
      const found = (search.body as { cases: { caseNumber: string }[] }).cases.map((item) => item.caseNumber);
      assert.deepEqual(found, [chatCase]);
      const csv = (await fixture.call('GET', '/api/cases/export?format=csv', supervisor)).bytes.toString(
        'utf8',
      );
      const row = csv.split('\r\n').find((line) => line.startsWith(`"${chatCase}"`));
      assert.ok(row?.includes(`"${answer}"`), 'its answer in the row of its case');
    });
  });
});
