import assert from 'node:assert/strict';
import { startService, type RunningService } from '../../../../bot/service';
import { normaliseTeamsFiles } from '../../../../bot/channels/teams/teamsGate';
import { en } from '../../../../dialogs/locales/en';
import { messagesFor, LOCALES } from '../../../../dialogs/locales';
import type { Database } from '../../../../models/store/db';
import { findConversationReference } from '../../../../models/store/conversationReference';
import { registerOrganisation } from '../../../../models/store/organisation';
import { openTestDatabase } from '../../../helpers/database';
import { postActivity } from '../../../helpers/http';
import { memoryLogger } from '../../../helpers/logger';
import { temporaryDirectoryPerTest } from '../../../helpers/tempDir';
import { testServiceConfig } from '../../../helpers/serviceConfig';
import { OTHER_TENANT, PARTNER_TENANT, teamsActivity, USER_OID } from './teamsActivity';

const fileInfo = (content: Record<string, unknown>, name = 'photo.jpg') => ({
  contentType: 'application/vnd.microsoft.teams.file.download.info',
  name,
  content,
});

describe('Teams turns through the real adapter', () => {
  const dataDir = temporaryDirectoryPerTest('teams-gate');
  let database: Database;
  let service: RunningService | undefined;

  before(async () => {
    database = await openTestDatabase();
    await registerOrganisation(database.connection, { name: 'Invented School', tenantId: PARTNER_TENANT });
    await registerOrganisation(database.connection, {
      name: 'Former Partner',
      tenantId: OTHER_TENANT,
      active: false,
    });
  });
  after(async () => {
    await database.close();
  });
  afterEach(async () => {
    await service?.stop();
    service = undefined;
  });

  async function start(extra: Record<string, string> = {}): Promise<string> {
    const config = testServiceConfig(dataDir(), extra);
    service = await startService(config, memoryLogger().logger, { database });
    return service.url;
  }

  it('welcomes an install in personal scope in each of the four languages', async () => {
    const url = await start();
    for (const locale of LOCALES) {
      const answer = await postActivity(
        url,
        teamsActivity({ type: 'conversationUpdate', locale, membersAdded: [{ id: '29:invented-user' }] }),
      );
      assert.equal(answer.status, 200);
      assert.equal(answer.replies.length, 1, `one welcome in ${locale}`);
      assert.ok(answer.replies[0]?.startsWith(messagesFor(locale).welcome.greeting), `welcome in ${locale}`);
    }
  });

  it('welcomes a locale the bot does not speak in English and offers the other languages', async () => {
    const url = await start();
    const answer = await postActivity(
      url,
      teamsActivity({
        type: 'conversationUpdate',
        locale: 'pl-PL',
        membersAdded: [{ id: '29:invented-user' }],
      }),
    );
    assert.equal(answer.replies.length, 1);
    assert.ok(answer.replies[0]?.startsWith(en.welcome.greeting));
    assert.ok(answer.replies[0]?.endsWith(en.welcome.otherLanguages));
  });

  it('answers a conversation update with no members without a reply or an error', async () => {
    const url = await start();
    const activity = teamsActivity({ type: 'conversationUpdate' });
    delete activity.membersAdded;
    const answer = await postActivity(url, activity);
    assert.equal(answer.status, 200);
    assert.deepEqual(answer.replies, []);
  });

  it('tells a user from an unknown tenant politely and runs no dialog', async () => {
    const url = await start();
    const answer = await postActivity(
      url,
      teamsActivity({ text: 'report', tenantId: '00000000-0000-4000-8000-000000000000' }),
    );
    assert.deepEqual(answer.replies, [en.teams.unknownTenant]);
  });

  it('treats an inactive partner organisation as unknown', async () => {
    const url = await start();
    const answer = await postActivity(
      url,
      teamsActivity({ text: 'report', tenantId: OTHER_TENANT, locale: 'nl-BE' }),
    );
    assert.deepEqual(answer.replies, [messagesFor('nl').teams.unknownTenant]);
  });

  it('lets every tenant in when TEAMS_ALLOW_ALL_TENANTS is true', async () => {
    const url = await start({ TEAMS_ALLOW_ALL_TENANTS: 'true' });
    const answer = await postActivity(
      url,
      teamsActivity({ text: 'report', tenantId: '00000000-0000-4000-8000-000000000000' }),
    );
    assert.ok(answer.replies.length > 0);
    assert.ok(!answer.replies.includes(en.teams.unknownTenant));
  });

  it('runs the dialog for a partner tenant and stores the conversation reference of the reporter', async () => {
    const url = await start();
    const activity = teamsActivity({ text: 'report' });
    const answer = await postActivity(url, activity);
    assert.ok(answer.replies.length > 0 && !answer.replies.includes(en.teams.unknownTenant));
    const reference = (await findConversationReference(database.connection, {
      tenantId: PARTNER_TENANT,
      aadObjectId: USER_OID,
    })) as { conversation?: { id?: string }; serviceUrl?: string } | undefined;
    assert.equal(reference?.conversation?.id, (activity.conversation as { id: string }).id);
    assert.equal(reference?.serviceUrl, activity.serviceUrl);
  });

  it('refuses a Teams file with no download URL or a type that is not accepted, and says so', async () => {
    const url = await start();
    for (const attachment of [
      fileInfo({ fileType: 'jpg' }),
      fileInfo({ downloadUrl: 'https://files.example.org/x.exe', fileType: 'exe' }, 'tool.exe'),
    ]) {
      const answer = await postActivity(url, teamsActivity({ extra: { attachments: [attachment] } }));
      assert.deepEqual(answer.replies, [en.teams.fileRefused]);
    }
  });

  it('handles a card submit with missing or extra fields as a stale card, without failing the turn', async () => {
    const url = await start();
    for (const value of [
      { shieldReporter: {} },
      { shieldReporter: { action: 'confirm', draftId: 'x', unexpected: 1 } },
      { other: true },
    ]) {
      const answer = await postActivity(url, teamsActivity({ extra: { value } }));
      assert.equal(answer.status, 200);
      assert.ok(!answer.replies.includes(en.errors.turnFailed), 'the turn did not fail');
    }
  });
});

describe('normaliseTeamsFiles', () => {
  it('turns a Teams file download info into the evidence shape the dialog accepts', () => {
    assert.deepEqual(
      normaliseTeamsFiles([
        fileInfo({ downloadUrl: 'https://files.example.org/p.jpg', fileType: 'JPG' }, 'p.jpg'),
      ]),
      [{ name: 'p.jpg', contentType: 'image/jpeg', contentUrl: 'https://files.example.org/p.jpg' }],
    );
    assert.deepEqual(
      normaliseTeamsFiles([
        fileInfo({ downloadUrl: 'https://files.example.org/d.pdf', fileType: 'pdf' }, 'd.pdf'),
      ]),
      [{ name: 'd.pdf', contentType: 'application/pdf', contentUrl: 'https://files.example.org/d.pdf' }],
    );
  });

  it('refuses a missing download URL, a non-web URL and an unaccepted type', () => {
    assert.equal(normaliseTeamsFiles([fileInfo({ fileType: 'png' })]), undefined);
    assert.equal(
      normaliseTeamsFiles([fileInfo({ downloadUrl: 'file:///etc/passwd', fileType: 'png' })]),
      undefined,
    );
    assert.equal(
      normaliseTeamsFiles([fileInfo({ downloadUrl: 'https://files.example.org/a.docx', fileType: 'docx' })]),
      undefined,
    );
  });
});
