import assert from 'node:assert/strict';
import { UNKNOWN, newDraft, type Position, type ReportDraft } from '../../../models/core/draft';
import { messagesFor } from '../../../dialogs/locales';
import { CURRENT_QUESTIONNAIRE } from '../../../dialogs/questionnaire';
import {
  leadingYesNo,
  readAnswer,
  type AnswerContext,
  type Interpretation,
} from '../../../dialogs/report/answers';
import { withLightingQuestion } from '../../helpers/fixtures';

const NOW = new Date('2026-11-22T12:00:00Z');
const en = messagesFor('en');
const context: AnswerContext = {
  questionnaire: CURRENT_QUESTIONNAIRE,
  now: NOW,
  timeZone: 'Europe/Brussels',
  files: [],
};
const question = (id: string): Position => ({ at: 'question', id });

function read(
  position: Position,
  text: string,
  options: { draft?: ReportDraft; context?: Partial<AnswerContext> } = {},
): Interpretation {
  return readAnswer(options.draft ?? newDraft('d', 'en', NOW), position, text, {
    ...context,
    ...options.context,
  });
}

// Reading answers is pure: no bot, no database; these are the rules the report dialog applies to every turn.
describe('readAnswer', () => {
  const cases: [what: string, position: Position, text: string, expected: Interpretation][] = [
    ['yes at a yes/no question', question('ongoing'), 'yes', { ok: true, value: true }],
    ['"nee" in Dutch at an English dialog', question('ongoing'), 'nee', { ok: true, value: false }],
    [
      'a yes with what the witness added',
      question('ongoing'),
      'yes, they are still there',
      { ok: true, value: true, detail: 'they are still there' },
    ],
    [
      'anything else at a yes/no question',
      question('ongoing'),
      'perhaps',
      { ok: false, message: en.engine.answerYesNo },
    ],
    [
      '"I don\'t know" at an observation',
      question('ongoing'),
      "I don't know",
      { ok: true, value: UNKNOWN, reply: en.engine.unknownRecorded },
    ],
    [
      '"I don\'t know" at a choice the witness must make',
      question('anonymous'),
      "I don't know",
      { ok: false, message: en.engine.unknownYourChoice },
    ],
    [
      'a no to the declaration the witness must make',
      question('consent'),
      'no',
      { ok: false, message: en.engine.consentRequired },
    ],
    ['a choice by its number', question('category'), '3', { ok: true, value: 'vehicle' }],
    [
      'a choice by its label in another language',
      question('category'),
      'Iets anders',
      { ok: true, value: 'other' },
    ],
    ['a choice by a part of its label', question('category'), 'vehicle', { ok: true, value: 'vehicle' }],
    ['a number outside the list', question('category'), '9', { ok: false, message: en.engine.chooseOption }],
    [
      '"unknown" at a list with an unknown option of its own',
      { at: 'item', loop: 'people', index: 0, id: 'sex' },
      "don't know",
      { ok: true, value: 'unknown' },
    ],
    ['"none" at an optional text', question('placeDetail'), 'none', { ok: true, value: null }],
    [
      'a text under its minimum',
      question('place'),
      'x',
      { ok: false, message: en.engine.invalid.tooShort(2) },
    ],
    [
      'a gate answered "I don\'t know"',
      { at: 'gate', loop: 'people' },
      "I don't know",
      { ok: true, value: false, reply: en.engine.unknownRecorded },
    ],
    ['at the review', { at: 'review' }, 'hello', { ok: false, message: en.engine.changeWhich }],
  ];
  for (const [what, position, text, expected] of cases) {
    it(`reads ${what}`, () => {
      assert.deepEqual(read(position, text), expected);
    });
  }

  it('reads an added question by the kind its entry gives, with the limit its entry gives', () => {
    const lighting = question('lighting');
    const fixture = { questionnaire: withLightingQuestion() };
    assert.deepEqual(read(lighting, 'Dark, one lamp', { context: fixture }), {
      ok: true,
      value: 'Dark, one lamp',
    });
    assert.deepEqual(read(lighting, 'x'.repeat(81), { context: fixture }), {
      ok: false,
      message: en.engine.invalid.tooLong(80, 81),
    });
    assert.throws(
      () => read(lighting, 'Dark'),
      /no question lighting/,
      "today's questionnaire has no such question",
    );
  });

  it('keeps a date open until the witness confirms it, then takes it with their words', () => {
    const draft = newDraft('d', 'en', NOW);
    assert.deepEqual(read(question('when'), 'yesterday at 5pm', { draft }), { ok: 'pending' });
    assert.equal(draft.pendingWhen?.asSaid, 'yesterday at 5pm');
    const confirmed = read(question('when'), 'yes', { draft });
    assert.equal(confirmed.ok, true);
    assert.deepEqual(confirmed.ok === true ? confirmed.value : undefined, draft.pendingWhen);
    assert.deepEqual(read(question('when'), 'next year', { draft: newDraft('d', 'en', NOW) }), {
      ok: false,
      message: en.engine.whenFuture,
    });
  });

  it('collects evidence until "done", refusing the file types that are not accepted', () => {
    const draft = newDraft('d', 'en', NOW);
    const files = [
      { name: 'photo.jpg', contentType: 'image/JPEG', contentUrl: 'https://files.invalid/1' },
      { name: 'photo.heic', contentType: 'image/heic', contentUrl: 'https://files.invalid/2' },
    ];
    const first = read(question('evidence'), 'see https://example.org/post', { draft, context: { files } });
    assert.equal(first.ok, 'pending');
    assert.match(first.ok === 'pending' ? (first.message ?? '') : '', /could not accept "photo\.heic"/);
    assert.deepEqual(draft.pendingEvidence, {
      attachments: [{ name: 'photo.jpg', contentType: 'image/jpeg', contentUrl: 'https://files.invalid/1' }],
      links: ['https://example.org/post'],
    });
    assert.deepEqual(read(question('evidence'), 'done', { draft }), {
      ok: true,
      value: draft.pendingEvidence,
    });
  });

  it('adds to an account the first message began, or keeps it as it is on "done"', () => {
    const draft = { ...newDraft('d', 'en', NOW), accountStart: 'A bag was left on the platform.' };
    assert.deepEqual(read(question('account'), 'done', { draft }), {
      ok: true,
      value: 'A bag was left on the platform.',
    });
    assert.deepEqual(read(question('account'), 'It was grey.', { draft }), {
      ok: true,
      value: 'A bag was left on the platform.\nIt was grey.',
    });
  });

  it('offers the Teams profile name, and asks for the name when the witness declines it', () => {
    const draft = { ...newDraft('d', 'en', NOW, 'Invented Name'), answers: { anonymous: false } };
    assert.deepEqual(read(question('contactName'), 'yes', { draft }), { ok: true, value: 'Invented Name' });
    assert.deepEqual(read(question('contactName'), 'no', { draft }), { ok: 'pending' });
    assert.equal(draft.profileNameDeclined, true);
  });
});

describe('leadingYesNo', () => {
  it('splits a yes or no word from what follows it, and leaves a bare word or other text alone', () => {
    assert.deepEqual(leadingYesNo('ja, de tas staat er nog'), { value: true, detail: 'de tas staat er nog' });
    assert.deepEqual(leadingYesNo('no - nobody was there'), { value: false, detail: 'nobody was there' });
    assert.equal(leadingYesNo('yes'), undefined);
    assert.equal(leadingYesNo('the bag was grey'), undefined);
  });
});
