import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { startService, type RunningService } from '../../bot/service';
import { openDatabase } from '../../models/store/db';
import { startEmbeddedMongo, type EmbeddedMongo } from '../../models/store/embeddedMongo';
import { reportModel, type Report } from '../../models/store/report';
import { postActivity, testActivity } from '../helpers/http';
import { memoryLogger } from '../helpers/logger';
import { codesFrom, RECEIPT_CODE, TO_REVIEW } from '../helpers/reportScript';
import { testServiceConfig } from '../helpers/serviceConfig';
import { TcpProxy } from '../helpers/tcpProxy';
import { temporaryDirectoryPerTest } from '../helpers/tempDir';
import { TestClock } from '../helpers/witness';
import { eventually } from '../helpers/eventually';

describe('startService with an unreachable MONGODB_URI', function () {
  this.timeout(60_000);
  const dataDir = temporaryDirectoryPerTest('shield-service-outage');
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

  it('starts, says in /readyz that reports are queued, takes a whole report, and delivers it once the database answers', async () => {
    proxy.set('cut');
    const dbName = `shield-outage-${randomUUID().slice(0, 8)}`;
    const log = memoryLogger();
    service = await startService(testServiceConfig(dataDir(), { MONGODB_URI: proxy.uri() }), log.logger, {
      dbName,
      clock: new TestClock().now,
      databaseTimeoutMs: 300,
      outboxIntervalMs: 200,
    });
    const url = service.url;
    assert.equal((await fetch(`${url}/healthz`)).status, 200, 'alive');
    const ready = await fetch(`${url}/readyz`);
    assert.equal(ready.status, 503);
    const readiness = (await ready.json()) as Record<string, unknown>;
    assert.equal(readiness.database, 'unreachable');
    assert.equal(readiness.reports, 'queued');
    assert.match(String(readiness.message), /unreachable.*outbox/);
    assert.ok(
      log.lines().some((line) => line.includes('the database is unreachable')),
      'the start-up log says so',
    );

    const conversationId = `conversation-${randomUUID()}`;
    const say = async (text: string) => {
      const answer = await postActivity(url, testActivity({ conversationId, text }));
      assert.equal(answer.status, 200, `"${text}" is answered, not refused`);
      return answer.shown.join('\n');
    };
    for (const [text, expected] of TO_REVIEW.slice(0, -1)) assert.match(await say(text), expected);
    // The emulator channel shows the review as a card, with its instructions as the text.
    assert.match(await say('yes'), /Type "confirm" to send it/);
    const confirmed = await say('confirm');
    assert.match(confirmed, /database is unavailable/);
    const { caseNumber } = codesFrom(confirmed);
    const queued = (await (await fetch(`${url}/readyz`)).json()) as Record<string, unknown>;
    assert.equal(queued.queuedReports, 1, '/readyz counts the report waiting in the outbox');
    const again = await say('confirm');
    assert.match(again, /already sent/);
    assert.ok(again.includes(caseNumber));
    assert.doesNotMatch(again, RECEIPT_CODE, 'the receipt code is shown only once');

    proxy.set('open');
    await eventually(
      async () => ((await fetch(`${url}/readyz`)).status === 200 ? true : undefined),
      '/readyz turns 200',
      200,
    );
    const observer = await openDatabase({ uri: proxy.uri(), dbName });
    try {
      const stored = await eventually(
        async () => {
          const found = await reportModel(observer.connection).find({ caseNumber }).lean<Report[]>();
          return found.length > 0 ? found : undefined;
        },
        'the queued report reaches the database',
        200,
      );
      assert.equal(stored.length, 1);
      assert.equal(stored[0].answers.place, 'Main entrance of the town hall');
      const afterwards = await say('confirm');
      assert.match(afterwards, /already sent/);
      assert.doesNotMatch(afterwards, RECEIPT_CODE);
      assert.equal(
        await reportModel(observer.connection).countDocuments({ draftId: stored[0].draftId }),
        1,
        'exactly one report',
      );
    } finally {
      await observer.close();
    }
  });
});
