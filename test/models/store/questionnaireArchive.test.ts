import assert from 'node:assert/strict';
import {
  CURRENT_QUESTIONNAIRE,
  canonicalQuestionnaire,
  searchableAnswerPaths,
  type QuestionnaireSpec,
} from '../../../models/core/questionnaire';
import { QUESTIONNAIRE_V1 } from '../../../models/core/questionnaireV1';
import type { Database } from '../../../models/store/db';
import {
  QUESTIONNAIRE_V1_HASH,
  QuestionnaireArchive,
  answersSchema,
  questionnaireHash,
} from '../../../models/store/questionnaireArchive';
import { openTestDatabase } from '../../helpers/database';
import { inventedAnswers, withLightingQuestion } from '../../helpers/fixtures';

describe('the questionnaire as data', () => {
  it('has a content hash that ignores key order and changes when a question is added', () => {
    const reordered: QuestionnaireSpec = {
      choiceLists: CURRENT_QUESTIONNAIRE.choiceLists,
      entries: CURRENT_QUESTIONNAIRE.entries,
    };
    assert.equal(questionnaireHash(reordered), questionnaireHash(CURRENT_QUESTIONNAIRE));
    assert.match(questionnaireHash(CURRENT_QUESTIONNAIRE), /^[0-9a-f]{64}$/);
    assert.notEqual(questionnaireHash(withLightingQuestion()), questionnaireHash(CURRENT_QUESTIONNAIRE));
  });

  it('keeps version 1 frozen: its hash is what migrated reports point to', () => {
    assert.equal(QUESTIONNAIRE_V1_HASH, '12f8be81174095ffd117d9d7f04eb9b7ff4c491c47ce07486760b7fda18193a8');
    assert.equal(canonicalQuestionnaire(QUESTIONNAIRE_V1).includes('"contactName"'), true);
  });

  it('searches the observed text answers, not the witness’s own details', () => {
    const paths = searchableAnswerPaths(CURRENT_QUESTIONNAIRE);
    for (const path of [
      'account',
      'place',
      'people.clothing',
      'vehicles.plate',
      'evidence.links',
      'witnesses',
    ])
      assert.ok(paths.includes(path), `${path} is searched`);
    for (const path of ['contactName', 'contactEmail', 'contactPhone', 'organisation', 'category'])
      assert.ok(!paths.includes(path), `${path} is not searched`);
    assert.ok(searchableAnswerPaths(withLightingQuestion()).includes('lighting'), 'a new text question is');
  });
});

describe('answersSchema', () => {
  const schema = answersSchema(CURRENT_QUESTIONNAIRE);
  const cases: { what: string; answers: Record<string, unknown>; valid: boolean }[] = [
    { what: 'a complete set of answers', answers: inventedAnswers(), valid: true },
    { what: 'a choice outside its list', answers: inventedAnswers({ category: 'rumour' }), valid: false },
    { what: 'a text over its maximum', answers: inventedAnswers({ place: 'x'.repeat(501) }), valid: false },
    { what: 'a text at its maximum', answers: inventedAnswers({ place: 'x'.repeat(500) }), valid: true },
    { what: 'an answer to no question', answers: inventedAnswers({ mood: 'calm' }), valid: false },
    { what: 'a yes or no that is text', answers: inventedAnswers({ ongoing: 'yes' }), valid: false },
    { what: 'consent that is not a moment', answers: inventedAnswers({ consent: true }), valid: false },
    {
      what: 'a person with a described field',
      answers: inventedAnswers({ people: [{ sex: 'female', clothing: 'A red coat' }] }),
      valid: true,
    },
    {
      what: 'a person with an unknown field',
      answers: inventedAnswers({ people: [{ shoeSize: '44' }] }),
      valid: false,
    },
    {
      what: 'more people than the loop allows',
      answers: inventedAnswers({ people: Array.from({ length: 11 }, () => ({ age: '30' })) }),
      valid: false,
    },
  ];
  for (const { what, answers, valid } of cases) {
    it(`${valid ? 'accepts' : 'refuses'} ${what}`, () => {
      assert.equal(schema.safeParse(answers).success, valid, what);
    });
  }

  it('takes its limits from the questionnaire it is derived from', () => {
    const lighting = answersSchema(withLightingQuestion());
    assert.equal(lighting.safeParse(inventedAnswers({ lighting: 'A broken lamp' })).success, true);
    assert.equal(lighting.safeParse(inventedAnswers({ lighting: 'x'.repeat(81) })).success, false);
    assert.equal(schema.safeParse(inventedAnswers({ lighting: 'A broken lamp' })).success, false);
  });
});

describe('QuestionnaireArchive', () => {
  let database: Database;
  before(async () => {
    database = await openTestDatabase();
  });
  after(async () => {
    await database.close();
  });

  it('writes each questionnaire once and reads an unknown one back from the database', async () => {
    const fixture = withLightingQuestion();
    const writer = new QuestionnaireArchive(database.connection, []);
    const hash = await writer.archive(fixture);
    assert.equal(
      await new QuestionnaireArchive(database.connection, []).archive(fixture),
      hash,
      'again: same hash',
    );
    const stored = await database.connection.collection('questionnaires').countDocuments({ hash });
    assert.equal(stored, 1, 'one copy');
    const reader = new QuestionnaireArchive(database.connection, []);
    const found = await reader.find(hash);
    assert.ok(found, 'found by a process that never saw it');
    assert.equal(questionnaireHash(found), hash, 'the copy is the same questionnaire');
    assert.equal(await reader.find('0'.repeat(64)), undefined);
    assert.ok((await reader.all()).some((spec) => questionnaireHash(spec) === hash));
  });
});
