import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { startService, type RunningService } from '../../../../bot/service';
import { openDatabase } from '../../../../models/store/db';
import { startEmbeddedMongo, type EmbeddedMongo } from '../../../../models/store/embeddedMongo';
import { reportModel } from '../../../../models/store/report';
import { DirectLineClient, shownText, type Activity } from '../../../helpers/directLineClient';
import { memoryLogger } from '../../../helpers/logger';
import { testServiceConfig } from '../../../helpers/serviceConfig';
import { TcpProxy, type ProxyMode } from '../../../helpers/tcpProxy';
import { temporaryDirectoryPerTest } from '../../../helpers/tempDir';
import { eventually } from '../../../helpers/eventually';

const isReceipt = (activity: Activity) =>
  (activity.channelData as { shieldReporter?: { kind?: string } } | undefined)?.shieldReporter?.kind ===
  'receipt';

const TO_CONFIRM = [
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
];

describe('The web chat during a database outage, over real HTTP Direct Line', function () {
  this.timeout(120_000);
  const dataDir = temporaryDirectoryPerTest('shield-webchat-outage');
  let server: EmbeddedMongo;
  let proxy: TcpProxy;
  let service: RunningService | undefined;

  beforeEach(async () => {
    server = await startEmbeddedMongo();
    proxy = await TcpProxy.start({ host: '127.0.0.1', port: Number(new URL(server.uri).port) });
  });
  afterEach(async () => {
    proxy.set('open');
    await service?.stop();
    service = undefined;
    await proxy.stop();
    await server.stop();
  });

  for (const mode of ['cut', 'hang'] as ProxyMode[]) {
    it(`shows the case number and receipt code when the database is ${mode} just before "confirm", and stores one report and the whole transcript once it is back`, async () => {
      const dbName = `shield-webchat-outage-${randomUUID().slice(0, 8)}`;
      service = await startService(
        testServiceConfig(dataDir(), {
          MONGODB_URI: proxy.uri(),
          WEBCHAT_TOKEN_SECRET: 'an-invented-web-chat-secret-for-tests-only',
          WEBCHAT_TOKENS_PER_MINUTE: '1000',
        }),
        memoryLogger().logger,
        { dbName, outboxIntervalMs: 200 },
      );
      const client = new DirectLineClient(service.url);
      const { token, conversationId } = await client.open();
      for (const text of TO_CONFIRM) {
        const answer = await client.say(conversationId, token, { text });
        assert.equal(answer.status, 200, `posting "${text}"`);
      }
      const before = await client.read(conversationId, token);

      proxy.set(mode);
      const confirmed = await client.say(conversationId, token, { text: 'confirm' });
      assert.equal(confirmed.status, 200, 'the confirm is taken, not refused');
      const read = await client.read(conversationId, token, before.watermark);
      const receipt = read.activities.find(isReceipt);
      assert.ok(receipt, 'the receipt reaches the witness during the outage');
      const shown = shownText(receipt);
      const caseNumber = /SR-[0-9A-Z]{5}-[0-9A-Z]{5}/.exec(shown)?.[0];
      const code = /[0-9A-Z]{4}(?:-[0-9A-Z]{4}){4}/.exec(shown)?.[0];
      assert.ok(caseNumber && code, `the case number and the receipt code are shown: ${shown}`);
      assert.ok(
        read.activities.some((activity) => activity.from?.role === 'user' && activity.text === 'confirm'),
        'the witness sees their own "confirm"',
      );
      const readAgain = await client.read(conversationId, token, before.watermark);
      assert.doesNotMatch(JSON.stringify(readAgain.activities), new RegExp(code), 'the code is shown once');

      proxy.set('open');
      const observer = await openDatabase({ uri: proxy.uri(), dbName });
      try {
        const reports = await eventually(async () => {
          const found = await reportModel(observer.connection).find({ caseNumber }).lean();
          return found.length > 0 ? found : undefined;
        }, 'the report reaches the database');
        assert.equal(reports.length, 1, 'exactly one report');
        const total = before.activities.length + read.activities.length;
        const stored = await eventually(async () => {
          const found = await observer.connection
            .collection<{ watermark: number; activity: string }>('webchatActivities')
            .find({ conversationId })
            .sort({ watermark: 1 })
            .toArray();
          return found.length >= total ? found : undefined;
        }, 'the transcript written during the outage reaches the database');
        assert.deepEqual(
          stored.map((entry) => entry.watermark),
          stored.map((_, index) => index),
          'every activity once, in order',
        );
        assert.equal(stored.length, total, 'the transcript is complete');
        const compact = code.replace(/-/g, '');
        const anyForm = new RegExp(compact.split('').join('[^0-9A-Z]?'));
        assert.doesNotMatch(JSON.stringify(stored), anyForm, 'the stored transcript has no receipt code');
        const keptReceipt = stored
          .map((entry) => JSON.parse(entry.activity) as Activity)
          .find((activity) => isReceipt(activity));
        assert.ok(keptReceipt, 'the redacted receipt is in the stored transcript');
        assert.match(shownText(keptReceipt), new RegExp(caseNumber));
        const reloaded = await client.read(conversationId, token);
        assert.equal(reloaded.activities.length, total, 'a reload after the outage shows it all');
      } finally {
        await observer.close();
      }
    });
  }

  it('starts a new conversation while the database is cut (nothing is stored yet), and refuses its first message with 503 and Retry-After', async () => {
    const dbName = `shield-webchat-outage-${randomUUID().slice(0, 8)}`;
    service = await startService(
      testServiceConfig(dataDir(), {
        MONGODB_URI: proxy.uri(),
        WEBCHAT_TOKEN_SECRET: 'an-invented-web-chat-secret-for-tests-only',
        WEBCHAT_TOKENS_PER_MINUTE: '1000',
      }),
      memoryLogger().logger,
      { dbName, outboxIntervalMs: 200 },
    );
    const client = new DirectLineClient(service.url);
    const { token } = await client.token();
    proxy.set('cut');
    const started = await client.call('POST', '/v3/directline/conversations', { token });
    assert.equal(started.status, 201);
    const first = await client.say(String(started.body.conversationId), token, { text: 'report' });
    assert.equal(first.status, 503, 'a conversation cannot be stored honestly while the database is cut');
    assert.ok(Number(first.headers.get('retry-after')) > 0, 'with Retry-After');
  });
});
