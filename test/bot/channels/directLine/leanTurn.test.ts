import assert from 'node:assert/strict';
import type { Request } from 'restify';
import WebSocket from 'ws';
import { startService, type RunningService } from '../../../../bot/service';
import type { Database } from '../../../../models/store/db';
import { countCommands } from '../../../helpers/commandCounter';
import { openTestDatabase } from '../../../helpers/database';
import { DirectLineClient } from '../../../helpers/directLineClient';
import { memoryLogger } from '../../../helpers/logger';
import { testServiceConfig } from '../../../helpers/serviceConfig';
import { temporaryDirectoryPerTest } from '../../../helpers/tempDir';

// Answers of the report questionnaire after its first turns: steady-state turns, one reply each.
const ANSWERS = ['no', '2', 'A grey suitcase was left under a bench on platform 3.', 'yesterday around 5pm'];

describe('a steady-state web chat turn, over real HTTP Direct Line and the real MongoDB protocol', function () {
  this.timeout(60_000);
  const dataDir = temporaryDirectoryPerTest('shield-leanturn');
  let database: Database;
  let service: RunningService;

  before(async () => {
    database = await openTestDatabase({ monitorCommands: true });
  });
  after(async () => {
    await database.close();
  });
  beforeEach(async () => {
    const config = testServiceConfig(dataDir(), {
      WEBCHAT_TOKEN_SECRET: 'an-invented-web-chat-secret-for-tests-only',
    });
    // The streams' shared poll for other instances' activities runs once a second in service; here never
    // during the test, so what a turn costs is counted alone.
    service = await startService(config, memoryLogger().logger, { database, streamPollMs: 3_600_000 });
  });
  afterEach(async () => {
    await service.stop();
  });

  it('costs at most 4 database round trips, and its reply reaches the channel without an HTTP request', async () => {
    const client = new DirectLineClient(service.url);
    const { token, conversationId, streamUrl } = await client.open();
    const socket = new WebSocket(streamUrl);
    const replies = new Map<string, () => void>();
    const early = new Set<string>();
    socket.on('message', (data: Buffer) => {
      const batch = JSON.parse(data.toString('utf8')) as {
        activities: { replyToId?: string; from: { role?: string } }[];
      };
      for (const activity of batch.activities) {
        if (activity.from.role !== 'bot' || !activity.replyToId) continue;
        const resolve = replies.get(activity.replyToId);
        if (resolve) resolve();
        else early.add(activity.replyToId);
      }
    });
    await new Promise<void>((resolve) => socket.once('open', () => resolve()));
    const routes: string[] = [];
    service.http.server.on('after', (req: Request) => routes.push(req.getRoute().path.toString()));
    const turn = async (text: string) => {
      const answer = await client.say(conversationId, token, { text });
      assert.equal(answer.status, 200, 'the message is accepted');
      const id = String(answer.body.id);
      if (!early.delete(id)) await new Promise<void>((resolve) => replies.set(id, resolve));
    };
    await turn('report'); // the first message stores the conversation: not a steady-state turn
    const commands = countCommands(database);
    try {
      for (const text of ANSWERS) {
        commands.reset();
        routes.length = 0;
        await turn(text);
        // Sharing the message counters with other instances is a background write about once a second,
        // whatever the number of messages (see SharedCounterLimiter), so it is not a turn's.
        const turnCommands = commands.seen.filter((command) => !command.endsWith(':webchatLimits'));
        assert.deepEqual(
          turnCommands,
          [
            'findAndModify:webchatConversations', // the record and the places of the message and its reply
            'find:botState', // the conversation's state
            'insert:webchatActivities', // the message and the reply, in one insert
            'update:botState', // the state, against its eTag
          ],
          `the round trips of the turn answering "${text.slice(0, 12)}"`,
        );
        assert.ok(turnCommands.length <= 4);
        assert.deepEqual(
          routes.filter((route) => route.startsWith('/connector')),
          [],
          'the reply is handed to the channel in-process, not posted to the service itself',
        );
      }
    } finally {
      socket.close();
    }
    const { activities } = await client.read(conversationId, token);
    const texts = activities.filter((activity) => activity.from?.role === 'user').map((a) => a.text);
    assert.deepEqual(texts, ['report', ...ANSWERS], 'every message is stored, in order');
    assert.equal(
      activities.filter((activity) => activity.from?.role === 'bot').length,
      1 + 1 + ANSWERS.length,
      'the welcome and one reply per message are stored',
    );
  });
});
