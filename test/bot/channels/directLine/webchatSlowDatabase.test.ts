import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { startService, type RunningService } from '../../../../bot/service';
import { startEmbeddedMongo, type EmbeddedMongo } from '../../../../models/store/embeddedMongo';
import { DirectLineClient } from '../../../helpers/directLineClient';
import { memoryLogger } from '../../../helpers/logger';
import { testServiceConfig } from '../../../helpers/serviceConfig';
import { TcpProxy } from '../../../helpers/tcpProxy';
import { temporaryDirectoryPerTest } from '../../../helpers/tempDir';

// Each answer of the database comes this late, well over the service's bound for one operation.
const SLOW_MS = 700;
const TIMEOUT_MS = 250;
const ANSWERS = ['report', 'no', '2'];

describe('The web chat on a slow (not down) database, over real HTTP Direct Line', function () {
  this.timeout(120_000);
  const dataDir = temporaryDirectoryPerTest('shield-webchat-slow');
  let server: EmbeddedMongo;
  let proxy: TcpProxy;
  let service: RunningService | undefined;
  let others: NodeJS.Timeout | undefined;

  beforeEach(async () => {
    server = await startEmbeddedMongo();
    proxy = await TcpProxy.start({ host: '127.0.0.1', port: Number(new URL(server.uri).port) });
  });
  afterEach(async () => {
    clearInterval(others);
    proxy.set('open');
    await service?.stop();
    service = undefined;
    await proxy.stop();
    await server.stop();
  });

  it('waits for a loaded database that answers other work late, instead of refusing a turn with 503', async () => {
    const logs = memoryLogger();
    service = await startService(
      testServiceConfig(dataDir(), {
        MONGODB_URI: proxy.uri(),
        WEBCHAT_TOKEN_SECRET: 'an-invented-web-chat-secret-for-tests-only',
        WEBCHAT_TOKENS_PER_MINUTE: '1000',
      }),
      logs.logger,
      { dbName: `shield-webchat-slow-${randomUUID().slice(0, 8)}`, databaseTimeoutMs: TIMEOUT_MS },
    );
    const client = new DirectLineClient(service.url);
    const { token, conversationId } = await client.open();

    // Other witnesses' work keeps the database busy: it answers all the time, each answer late.
    const connection = service.database.connection;
    others = setInterval(() => {
      connection.db?.command({ ping: 1 }).catch(() => undefined);
    }, 40);
    proxy.slowMs = SLOW_MS;
    proxy.set('slow');
    // Until the first late answer arrives, a database that answers nothing looks hung.
    await new Promise((resolve) => setTimeout(resolve, SLOW_MS + 100));

    let watermark: string | undefined;
    for (const text of ANSWERS) {
      const started = Date.now();
      const answer = await client.say(conversationId, token, { text });
      assert.equal(
        answer.status,
        200,
        `posting "${text}" on a slow database: ${JSON.stringify(answer.body)} ${logs.lines().slice(-5).join('\n')}`,
      );
      assert.ok(Date.now() - started >= SLOW_MS, 'the turn did wait for the database');
      const read = await client.read(conversationId, token, watermark);
      assert.ok(
        read.activities.some((activity) => activity.from?.role !== 'user'),
        `the bot answers "${text}"`,
      );
      watermark = read.watermark;
    }
    assert.doesNotMatch(
      logs.lines().join('\n'),
      /web chat transcript: database unavailable/,
      'a slow database is not taken for a down one',
    );
  });
});
