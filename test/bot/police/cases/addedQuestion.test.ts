import assert from 'node:assert/strict';
import { questionnaireHash } from '../../../../models/store/questionnaireArchive';
import { reportModel, type Report } from '../../../../models/store/report';
import { withLightingQuestion } from '../../../helpers/fixtures';
import { seed, startCaseFixture, type CaseFixture } from '../../../helpers/cases';

// Adding a question is one entry: a questionnaire with one more question (injected, the real one
// untouched) gives reports that store, show, search and export its answer with no other edit.
describe('a question added to the questionnaire', () => {
  let fixture: CaseFixture;
  let supervisor: string;
  let caseNumber: string;
  let earlier: string;
  const lighting = 'The street lamp above the bench was broken';

  before(async () => {
    fixture = await startCaseFixture();
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
    const ids = (answer.body as { answers: { id: string; value?: string | null }[] }).answers;
    const at = ids.findIndex((item) => item.id === 'lighting');
    assert.equal(ids[at - 1]?.id, 'placeDetail', 'right after the place detail');
    assert.equal(ids[at]?.value, lighting);
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
    const column = columns.indexOf('"lighting"');
    assert.ok(column > 0, `a column for the question in: ${header}`);
    const row = rows.find((line) => line.startsWith(`"${caseNumber}"`));
    assert.ok(row?.includes(`"${lighting}"`), 'its answer in the row of its case');
  });
});
