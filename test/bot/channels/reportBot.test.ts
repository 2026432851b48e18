import assert from 'node:assert/strict';
import { messagesFor } from '../../../dialogs/locales';
import { loadConfig } from '../../../bot/config';
import { startService, type RunningService } from '../../../bot/service';
import type { Database } from '../../../models/store/db';
import { openTestDatabase } from '../../helpers/database';
import { postActivity, testActivity } from '../../helpers/http';
import { memoryLogger } from '../../helpers/logger';

// The expected words are written out here, not taken from dialogs/locales, so that a locale file that
// lost or swapped its translation fails the test.
const WELCOMES = [
  { locale: 'nl-BE', language: 'Dutch', greeting: 'Welkom bij Shield Reporter' },
  { locale: 'fr-BE', language: 'French', greeting: 'Bienvenue sur Shield Reporter' },
  { locale: 'de-DE', language: 'German', greeting: 'Willkommen bei Shield Reporter' },
  { locale: 'en-US', language: 'English', greeting: 'Welcome to Shield Reporter' },
  { locale: 'ja-JP', language: 'English (fallback)', greeting: 'Welcome to Shield Reporter' },
  { locale: '', language: 'English (no locale)', greeting: 'Welcome to Shield Reporter' },
];

describe('ReportBot', () => {
  let database: Database;
  let service: RunningService;

  before(async () => {
    database = await openTestDatabase();
    const config = loadConfig({ NODE_ENV: 'test', PORT: '0', HOST: '127.0.0.1' });
    service = await startService(config, memoryLogger().logger, { database });
  });
  after(async () => {
    await service.stop();
    await database.close();
  });

  describe('welcomes a new member in their language', () => {
    for (const { locale, language, greeting } of WELCOMES) {
      it(`in ${language} for locale "${locale}"`, async () => {
        const answer = await postActivity(
          service.url,
          testActivity({
            type: 'conversationUpdate',
            locale,
            membersAdded: [{ id: 'shield-bot' }, { id: 'witness-1' }],
          }),
        );
        assert.equal(answer.status, 200);
        assert.equal(answer.replies.length, 1, 'one welcome: for the witness, not for the bot itself');
        assert.ok(answer.replies[0].startsWith(greeting), `got: ${answer.replies[0].slice(0, 60)}`);
        assert.match(answer.replies[0], /\b112\b[^]*\b101\b/, 'reminds of 112, then the police on 101');
      });
    }
  });

  it('says nothing when only the bot itself joins', async () => {
    const answer = await postActivity(
      service.url,
      testActivity({ type: 'conversationUpdate', membersAdded: [{ id: 'shield-bot' }] }),
    );
    assert.equal(answer.status, 200);
    assert.deepEqual(answer.replies, []);
  });

  it('answers a first message with the welcome in the language of the message, then the first question', async () => {
    const answer = await postActivity(service.url, testActivity({ text: 'hallo', locale: 'nl-BE' }));
    assert.equal(answer.status, 200);
    assert.equal(answer.replies.length, 2);
    assert.ok(answer.replies[0].startsWith('Welkom bij Shield Reporter'));
    assert.equal(answer.replies[1], messagesFor('nl').questions.urgent.prompt);
  });
});
