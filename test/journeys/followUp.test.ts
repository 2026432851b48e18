import assert from 'node:assert/strict';
import { startService, type RunningService } from '../../bot/service';
import type { Database } from '../../models/store/db';
import { OfficerAccounts } from '../../models/store/officer';
import { registerOrganisation } from '../../models/store/organisation';
import { PARTNER_TENANT } from '../bot/channels/teams/teamsActivity';
import { standInConnector, type Captured } from '../helpers/connectorStandIn';
import { openTestDatabase } from '../helpers/database';
import { DirectLineClient, shownText } from '../helpers/directLineClient';
import { memoryLogger } from '../helpers/logger';
import { codesFrom } from '../helpers/reportScript';
import { cardSubmit, TeamsChat } from '../helpers/teamsChat';
import { temporaryDirectoryPerTest } from '../helpers/tempDir';
import { testServiceConfig } from '../helpers/serviceConfig';

type Json = Record<string, unknown>;
const PASSWORD = 'an invented passphrase for the journey';

/** A witness in the web chat, over the service's own Direct Line channel (what Web Chat sends). */
class WebWitness {
  private watermark: string | undefined;
  private constructor(
    private readonly client: DirectLineClient,
    private readonly conversationId: string,
    private readonly token: string,
  ) {}

  static async open(base: string): Promise<WebWitness> {
    const client = new DirectLineClient(base);
    const { token, conversationId } = await client.open();
    const witness = new WebWitness(client, conversationId, token);
    await witness.replies(); // the welcome
    return witness;
  }

  private async replies(): Promise<string> {
    const read = await this.client.read(this.conversationId, this.token, this.watermark);
    this.watermark = read.watermark;
    return read.activities
      .filter((activity) => activity.from?.role === 'bot')
      .map(shownText)
      .join('\n');
  }

  /** Types a message and returns the bot's replies, failing when they do not match. */
  async say(text: string, expect: RegExp): Promise<string> {
    const posted = await this.client.say(this.conversationId, this.token, { text });
    assert.equal(posted.status, 200, `posting "${text}"`);
    const replies = await this.replies();
    assert.match(replies, expect, `after "${text}": ${replies}`);
    return replies;
  }
}

/** The questions every report in this journey answers the same way, up to the evidence question. */
async function reportUpToEvidence(
  say: (text: string, expect: RegExp) => Promise<unknown>,
  account: string,
): Promise<void> {
  await say('report', /is someone in danger/);
  await say('no', /What is your report about/);
  await say('1', /own words/);
  await say(account, /When/);
  await say('yesterday at 7:40', /Is that right/);
  await say('yes', /still going on/);
  await say('no', /Where did it happen/);
  await say('Invented business park, gate 2', /Where exactly/);
  await say('skip', /people involved/);
  await say('no', /vehicle/);
  await say('no', /suspicious/);
  await say('They walked the fence twice and photographed the lock.', /photos or documents/);
  await say('none', /anyone else/);
  await say('skip', /anonymous/);
}

describe('Journey: two witnesses, one on the web and one in Teams, are asked and answer; the cases close', () => {
  const dataDir = temporaryDirectoryPerTest('journey');
  let database: Database;
  let service: RunningService;
  let connector: Awaited<ReturnType<typeof standInConnector>>;

  before(async () => {
    database = await openTestDatabase();
    connector = await standInConnector();
    await registerOrganisation(database.connection, { name: 'Invented Logistics', tenantId: PARTNER_TENANT });
    await new OfficerAccounts(database.connection).add('sergeant@police.test', 'supervisor', PASSWORD);
  });
  beforeEach(async () => {
    service = await startService(
      testServiceConfig(dataDir(), {
        CASE_TOKEN_SECRET: 'an-invented-case-token-secret-of-enough-length',
      }),
      memoryLogger().logger,
      { database },
    );
  });
  afterEach(async () => {
    await service.stop();
  });
  after(async () => {
    connector.server.close();
    await database.close();
  });

  async function api(method: string, url: string, token?: string, body?: unknown) {
    const response = await fetch(`${service.url}${url}`, {
      method,
      headers: {
        ...(token ? { authorization: `Bearer ${token}` } : {}),
        ...(body === undefined ? {} : { 'content-type': 'application/json' }),
      },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    return { status: response.status, body: (await response.json()) as Json };
  }

  it('runs from both reports to both closed cases', async () => {
    // 1. An anonymous witness reports on the public website.
    const web = await WebWitness.open(service.url);
    await reportUpToEvidence((text, expect) => web.say(text, expect), 'Someone tested the gates at night.');
    await web.say('yes', /agree/);
    await web.say('yes', /Here is everything you told us/);
    const webCodes = codesFrom(await web.say('confirm', /sent to the police/));

    // 2. An employee of a partner organisation reports from Teams, giving their name.
    const teams = new TeamsChat(service.url, {
      name: 'Invented Warehouse Lead',
      connectorUrl: connector.url,
    });
    const tsay = (text: string, expect: RegExp) => teams.say(text, expect);
    await reportUpToEvidence(tsay, 'A van without plates parked at the loading dock all evening.');
    await tsay('no', /name/);
    await tsay('Invented Warehouse Lead', /phone/i);
    await tsay('skip', /e-mail/i);
    await tsay('skip', /organisation/i);
    await tsay('skip', /How do you prefer to be contacted/);
    await tsay('This chat', /agree/);
    const review = await teams.send({ text: 'yes' });
    const confirmed = await teams.send({ value: cardSubmit(review, 'confirm') });
    const teamsCase = codesFrom(confirmed.map(shownText).join('\n')).caseNumber;

    // 3. A supervisor logs in, finds both new cases, triages them and asks each witness a question.
    const login = await api('POST', '/api/auth/login', undefined, {
      email: 'sergeant@police.test',
      password: PASSWORD,
    });
    assert.equal(login.status, 200);
    const token = String(login.body.token);
    const listed = await api('GET', '/api/cases?status=new', token);
    const numbers = (listed.body.cases as Json[]).map((found) => found.caseNumber);
    assert.ok(numbers.includes(webCodes.caseNumber) && numbers.includes(teamsCase), 'both cases listed');
    for (const caseNumber of [webCodes.caseNumber, teamsCase]) {
      for (const status of ['triaged', 'in_progress']) {
        assert.equal((await api('PATCH', `/api/cases/${caseNumber}`, token, { status })).status, 200);
      }
      await api('POST', `/api/cases/${caseNumber}/notes`, token, {
        text: 'INTERNAL: compare with camera 4.',
      });
    }
    const sentBefore = connector.captured.length;
    assert.equal(
      (await api('POST', `/api/cases/${teamsCase}/questions`, token, { text: 'What colour was the van?' }))
        .status,
      201,
    );
    assert.equal(
      (
        await api('POST', `/api/cases/${webCodes.caseNumber}/questions`, token, {
          text: 'Did they carry tools?',
        })
      ).status,
      201,
    );

    // 4. The Teams witness gets the question at once in their chat (through the connector stand-in)...
    await service.questionDelivery.idle();
    const delivered: Captured[] = connector.captured.slice(sentBefore);
    assert.equal(delivered.length, 1, 'one proactive message, for the Teams witness only');
    assert.equal(delivered[0]?.body.conversation?.id, teams.conversationId);
    assert.match(delivered[0]?.body.text ?? '', /The police ask you: What colour was the van\?/);
    assert.doesNotMatch(delivered[0]?.body.text ?? '', /INTERNAL|sergeant/, 'no notes, no officer');
    // ... and answers in the same chat.
    await tsay(
      'status',
      new RegExp(`Case ${teamsCase}: being investigated.*What colour was the van\\?`, 's'),
    );
    await tsay('White, with a dented rear door.', /answer has been added/);

    // 5. The web witness comes back, proves the case is theirs with the receipt code, and answers.
    await web.say('status', /case number/);
    await web.say(webCodes.caseNumber, /receipt code/);
    const shown = await web.say(webCodes.receiptCode, /Did they carry tools\?/);
    assert.doesNotMatch(shown, /INTERNAL|sergeant/, 'no notes, no officer');
    await web.say('A crowbar and a torch.', /answer has been added/);

    // 6. The supervisor reads both answers on the cases and closes them.
    const answers: Record<string, string> = {
      [teamsCase]: 'White, with a dented rear door.',
      [webCodes.caseNumber]: 'A crowbar and a torch.',
    };
    for (const [caseNumber, answer] of Object.entries(answers)) {
      const detail = await api('GET', `/api/cases/${caseNumber}`, token);
      assert.equal((detail.body.questions as Json[])[0].answer, answer);
      const closed = await api('PATCH', `/api/cases/${caseNumber}`, token, {
        status: 'closed',
        outcome: 'passed_on',
      });
      assert.equal(closed.status, 200);
      assert.equal((closed.body.case as Json).status, 'closed');
    }

    // 7. Both witnesses now see their case closed, and nothing more is asked.
    await tsay('status', new RegExp(`Case ${teamsCase}: closed.*no questions`, 's'));
    await web.say('status', /case number/);
    await web.say(webCodes.caseNumber, /receipt code/);
    await web.say(webCodes.receiptCode, new RegExp(`Case ${webCodes.caseNumber}: closed.*no questions`, 's'));

    // 8. The audit trail holds the supervisor's reads, changes and questions for both cases.
    for (const caseNumber of [webCodes.caseNumber, teamsCase]) {
      const trail = await api('GET', `/api/cases/${caseNumber}/audit`, token);
      const actions = (trail.body.entries as Json[]).map((entry) => entry.action);
      for (const action of ['case.read', 'case.updated', 'case.questionAsked', 'case.noteAdded']) {
        assert.ok(actions.includes(action), `${caseNumber}: ${action} audited`);
      }
    }
  });
});
