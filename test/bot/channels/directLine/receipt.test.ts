import assert from 'node:assert/strict';
import { WebSocket } from 'ws';
import { startService, type RunningService } from '../../../../bot/service';
import type { Database } from '../../../../models/store/db';
import { reportModel } from '../../../../models/store/report';
import { verifyReceiptCode } from '../../../../models/core/receipt';
import { messagesFor } from '../../../../dialogs/locales';
import { openTestDatabase } from '../../../helpers/database';
import { DirectLineClient, shownText, type Activity } from '../../../helpers/directLineClient';
import { memoryLogger } from '../../../helpers/logger';
import { testServiceConfig } from '../../../helpers/serviceConfig';
import { temporaryDirectoryPerTest } from '../../../helpers/tempDir';

const m = messagesFor('en');

/** A WebSocket stream of a conversation, collecting every activity it delivers. */
class Stream {
  readonly received: Activity[] = [];
  private readonly socket: WebSocket;
  private waiters: (() => void)[] = [];

  constructor(url: string) {
    this.socket = new WebSocket(url);
    this.socket.on('message', (data: Buffer) => {
      const batch = JSON.parse(data.toString('utf8')) as { activities: Activity[] };
      this.received.push(...batch.activities);
      for (const wake of this.waiters.splice(0)) wake();
    });
  }

  opened(): Promise<void> {
    return new Promise((resolve) => this.socket.once('open', () => resolve()));
  }

  /** The first delivered activity that matches, once it has arrived. */
  async first(match: (activity: Activity) => boolean): Promise<Activity> {
    for (;;) {
      const found = this.received.find(match);
      if (found) return found;
      await new Promise<void>((resolve) => this.waiters.push(resolve));
    }
  }

  close(): void {
    this.socket.close();
  }
}

const isReceipt = (activity: Activity) =>
  (activity.channelData as { shieldReporter?: { kind?: string } } | undefined)?.shieldReporter?.kind ===
  'receipt';

describe('The receipt on the web chat, over real HTTP Direct Line', function () {
  this.timeout(60_000);
  const dataDir = temporaryDirectoryPerTest('shield-receipt');
  let database: Database;
  let service: RunningService;

  before(async () => {
    database = await openTestDatabase();
  });
  after(async () => {
    await database.close();
  });
  beforeEach(async () => {
    service = await startService(
      testServiceConfig(dataDir(), {
        WEBCHAT_TOKEN_SECRET: 'an-invented-web-chat-secret-for-tests-only',
        WEBCHAT_TOKENS_PER_MINUTE: '1000',
      }),
      memoryLogger().logger,
      { database },
    );
  });
  afterEach(async () => {
    await service.stop();
  });

  it('reaches the witness once over the stream, while the transcript keeps only that it was given', async () => {
    const client = new DirectLineClient(service.url);
    const { token, conversationId, streamUrl } = await client.open();
    const stream = new Stream(streamUrl);
    await stream.opened();
    const say = async (text: string) => {
      const answer = await client.say(conversationId, token, { text });
      assert.equal(answer.status, 200, `posting "${text}"`);
    };
    for (const text of [
      'report',
      'no',
      '2',
      'A grey suitcase was left under a bench on the invented platform 9.',
      'yesterday at 7:40',
      'yes',
      'no',
      'Invented station, platform 9',
      'skip',
      'no',
      'no',
      'Nobody came back for it for an hour.',
      'none',
      'skip',
      'yes',
      'yes',
      'confirm',
    ])
      await say(text);

    // Live: the witness's page gets the code, in the card.
    const live = await stream.first(isReceipt);
    const shown = shownText(live);
    const caseNumber = /SR-[0-9A-Z]{5}-[0-9A-Z]{5}/.exec(shown)?.[0];
    const code = /[0-9A-Z]{4}(?:-[0-9A-Z]{4}){4}/.exec(shown)?.[0];
    assert.ok(caseNumber && code, `the case number and the code reach the witness: ${shown}`);
    const report = await reportModel(database.connection).findOne({ caseNumber }).lean();
    assert.ok(report);
    assert.equal(await verifyReceiptCode(code, report.receiptHash), true, 'it is the real code');
    stream.close();

    // Stored: neither the transcript in MongoDB nor a reload has the code in any form.
    const compact = code.replace(/-/g, '');
    const anyForm = new RegExp(compact.split('').join('[^0-9A-Z]?'));
    const stored = await database.connection
      .collection('webchatActivities')
      .find({ conversationId })
      .toArray();
    assert.ok(stored.length > 30, 'the whole conversation is in the transcript');
    assert.doesNotMatch(JSON.stringify(stored), anyForm, 'the stored transcript has no receipt code');

    const reloaded = await client.read(conversationId, token);
    assert.doesNotMatch(JSON.stringify(reloaded.activities), anyForm, 'a reload has no receipt code');
    const kept = reloaded.activities.find(isReceipt);
    assert.ok(kept, 'the reload shows the receipt message');
    const keptText = shownText(kept);
    assert.match(keptText, new RegExp(caseNumber), 'with the case number');
    assert.ok(keptText.includes(m.submit.receiptShown), 'and that the code was shown once');
    assert.equal(kept.id, live.id, 'in the same place of the conversation');

    // A reconnected stream reads the same stored version.
    const again = new Stream(streamUrl);
    const replayed = await again.first(isReceipt);
    again.close();
    assert.doesNotMatch(JSON.stringify(replayed), anyForm, 'a reconnected stream has no receipt code');
  });
});
