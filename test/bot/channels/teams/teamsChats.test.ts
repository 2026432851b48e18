import assert from 'node:assert/strict';
import { startService, type RunningService } from '../../../../bot/service';
import { personalChatLink } from '../../../../bot/channels/teams/teamsGate';
import { en } from '../../../../dialogs/locales/en';
import { messagesFor } from '../../../../dialogs/locales';
import type { Database } from '../../../../models/store/db';
import { saveCaseContact } from '../../../../models/store/caseContact';
import {
  findConversationReference,
  findPersonalReference,
} from '../../../../models/store/conversationReference';
import { registerOrganisation } from '../../../../models/store/organisation';
import { ReportRepository } from '../../../../models/store/reportRepository';
import { openTestDatabase } from '../../../helpers/database';
import { inventedSubmission } from '../../../helpers/fixtures';
import { memoryLogger } from '../../../helpers/logger';
import { testServiceConfig } from '../../../helpers/serviceConfig';
import { temporaryDirectoryPerTest } from '../../../helpers/tempDir';
import { PARTNER_TENANT, teamsActivity, USER_OID } from './teamsActivity';

const BOT_APP_ID = '5f0c1e2d-3b4a-4c5d-8e6f-7a8b9c0d1e2f';
const FORMER_TENANT = '77777777-6666-4555-8444-333333333333';
const BOT = { id: `28:${BOT_APP_ID}`, name: 'Shield Reporter' };
const MENTION = '<at>Shield Reporter</at>';

type Json = Record<string, unknown>;

/** A Teams activity in a conversation of the given type, with the bot @mentioned in front of `text`. */
function inConversation(
  conversationType: 'personal' | 'groupChat' | 'channel',
  text: string | undefined,
  options: { locale?: string; tenantId?: string; value?: unknown; mention?: boolean } = {},
): Json {
  const base = teamsActivity({
    tenantId: options.tenantId,
    locale: options.locale ?? 'en-US',
    ...(text === undefined ? {} : { text: options.mention === false ? text : `${MENTION} ${text}` }),
  });
  const conversation = base.conversation as Json;
  return {
    ...base,
    recipient: BOT,
    conversation: {
      ...conversation,
      id: conversationType === 'channel' ? '19:invented-channel@thread.tacv2' : conversation.id,
      conversationType,
      isGroup: conversationType !== 'personal',
    },
    ...(options.mention === false || text === undefined
      ? {}
      : { entities: [{ type: 'mention', text: MENTION, mentioned: BOT }] }),
    ...(options.value === undefined ? {} : { value: options.value }),
  };
}

async function post(url: string, activity: Json): Promise<{ text?: string; attachments?: Json[] }[]> {
  const response = await fetch(`${url}/api/messages`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify(activity),
  });
  assert.equal(response.status, 200);
  const text = await response.text();
  return text ? ((JSON.parse(text) as { activities?: [] }).activities ?? []) : [];
}

function openUrls(replies: { attachments?: Json[] }[]): string[] {
  const found: string[] = [];
  const walk = (node: unknown): void => {
    if (Array.isArray(node)) node.forEach(walk);
    else if (node && typeof node === 'object') {
      const record = node as Json;
      if (record.type === 'Action.OpenUrl' && typeof record.url === 'string') found.push(record.url);
      Object.values(record).forEach(walk);
    }
  };
  walk(replies.map((reply) => reply.attachments ?? []));
  return found;
}

describe('Teams chats other than the personal one, mentions, tenants', () => {
  const dataDir = temporaryDirectoryPerTest('teams-chats');
  let database: Database;
  let service: RunningService;

  before(async () => {
    database = await openTestDatabase();
    await registerOrganisation(database.connection, { name: 'Invented College', tenantId: PARTNER_TENANT });
    await registerOrganisation(database.connection, {
      name: 'Invented Former Partner',
      tenantId: FORMER_TENANT,
      active: false,
    });
  });
  beforeEach(async () => {
    service = await startService(
      testServiceConfig(dataDir(), { MicrosoftAppId: '', PUBLIC_HOST: 'reports.example.org' }),
      memoryLogger().logger,
      { database },
    );
  });
  afterEach(async () => {
    await service.stop();
  });
  after(async () => {
    await database.close();
  });

  for (const conversationType of ['groupChat', 'channel'] as const) {
    it(`in a ${conversationType}, asks nothing and answers once, in the user's language, with a link to the personal chat`, async () => {
      for (const [locale, language] of [
        ['nl-BE', 'nl'],
        ['de-DE', 'de'],
      ] as const) {
        const replies = await post(service.url, inConversation(conversationType, 'report', { locale }));
        assert.equal(replies.length, 1, 'one answer');
        assert.equal(replies[0]?.text, messagesFor(language).teamsChat.personalOnly);
        assert.equal(openUrls(replies).length, 1);
        assert.match(
          openUrls(replies)[0] ?? '',
          /^https:\/\/teams\.microsoft\.com\/l\/chat\/0\/0\?users=28:/,
        );
      }
      // A card button clicked there (a review card cannot be there, but a forged one) shows nothing either.
      const clicked = await post(
        service.url,
        inConversation(conversationType, undefined, {
          value: { shieldReporter: { action: 'confirm', draftId: 'x', revision: 1 } },
        }),
      );
      assert.deepEqual(
        clicked.map((reply) => reply.text),
        [en.teamsChat.personalOnly],
      );
      // Where the user last wrote is kept, but it is not their personal chat: no question goes there.
      const user = { tenantId: PARTNER_TENANT, aadObjectId: USER_OID };
      assert.equal(await findPersonalReference(database.connection, user), undefined);
    });
  }

  it('links to the bot by its app id', () => {
    assert.equal(
      personalChatLink(`28:${BOT_APP_ID}`),
      `https://teams.microsoft.com/l/chat/0/0?users=28:${BOT_APP_ID}`,
    );
  });

  it('when added to a team, posts only the invitation to the personal chat, and welcomes no new member there', async () => {
    const added = inConversation('channel', undefined);
    const botAdded = await post(service.url, { ...added, type: 'conversationUpdate', membersAdded: [BOT] });
    assert.deepEqual(
      botAdded.map((reply) => reply.text),
      [en.teamsChat.personalOnly],
    );
    const colleague = await post(service.url, {
      ...added,
      type: 'conversationUpdate',
      membersAdded: [{ id: '29:invented-colleague' }],
    });
    assert.deepEqual(colleague, []);
  });

  it('removes its @mention in the personal chat too, so "@bot no" is an answer', async () => {
    const first = inConversation('personal', 'report');
    const conversation = first.conversation as Json;
    const asked = await post(service.url, first);
    assert.match(asked.map((reply) => reply.text).join('\n'), /is someone in danger/);
    const answered = await post(service.url, { ...inConversation('personal', 'no'), conversation });
    assert.match(answered.map((reply) => reply.text).join('\n'), /What is your report about/);
    const user = { tenantId: PARTNER_TENANT, aadObjectId: USER_OID };
    const personal = (await findPersonalReference(database.connection, user)) as { conversation?: Json };
    assert.equal(personal.conversation?.id, conversation.id);
  });

  it('accepts a tenant id in capitals, as some clients send it, and stores it in lower case', async () => {
    const replies = await post(
      service.url,
      inConversation('personal', 'help', { tenantId: PARTNER_TENANT.toUpperCase(), mention: false }),
    );
    assert.deepEqual(
      replies.map((reply) => reply.text),
      [en.main.help],
    );
    const reference = await findConversationReference(database.connection, {
      tenantId: PARTNER_TENANT,
      aadObjectId: USER_OID,
    });
    assert.ok(reference, 'found under the lower-case tenant id');
  });

  it('welcomes an unknown tenant with what to do instead, at once, not with "type report"', async () => {
    const replies = await post(service.url, {
      ...inConversation('personal', undefined, { tenantId: '00000000-0000-4000-8000-000000000123' }),
      type: 'conversationUpdate',
      membersAdded: [{ id: '29:invented-user' }],
    });
    assert.deepEqual(
      replies.map((reply) => reply.text),
      [en.teams.unknownTenant],
    );
  });

  it('lets a witness of a deactivated organisation follow their own reports, and makes no new one', async () => {
    const saved = await new ReportRepository(database.connection, dataDir()).submit(
      inventedSubmission({ channel: 'msteams', organisation: 'Invented Former Partner' }),
    );
    await saveCaseContact(database.connection, {
      caseNumber: saved.caseNumber,
      tenantId: FORMER_TENANT,
      aadObjectId: USER_OID,
      userId: '29:invented-user',
      serviceUrl: 'http://127.0.0.1:9/',
    });
    const status = await post(
      service.url,
      inConversation('personal', 'status', { tenantId: FORMER_TENANT, mention: false }),
    );
    assert.match(status.map((reply) => reply.text).join('\n'), new RegExp(`Case ${saved.caseNumber}`));
    const report = await post(
      service.url,
      inConversation('personal', 'report', { tenantId: FORMER_TENANT, mention: false }),
    );
    assert.deepEqual(
      report.map((reply) => reply.text),
      [en.teamsChat.deactivated],
    );
  });

  it('answers the "language" command with the four languages, also in the middle of a report', async () => {
    const first = inConversation('personal', 'report', { mention: false });
    const conversation = first.conversation as Json;
    await post(service.url, first);
    const menu = await post(service.url, {
      ...inConversation('personal', 'taal', { mention: false }),
      conversation,
    });
    assert.equal(menu[0]?.text, en.teamsChat.chooseLanguage);
    const chosen = await post(service.url, {
      ...inConversation('personal', 'Deutsch', { mention: false }),
      conversation,
    });
    assert.match(chosen.map((reply) => reply.text).join('\n'), /Deutsch|Gefahr/);
  });
});
