import assert from 'node:assert/strict';
import { once } from 'node:events';
import { WebSocket } from 'ws';
import type { DirectLineClient } from '../../helpers/directLineClient';
import { directLineServicePerTest } from '../../helpers/serviceConfig';

describe('DirectLineChannel: starts, the bot side and the stream door', function () {
  this.timeout(30_000);
  const clientOfTest = directLineServicePerTest();
  let client: DirectLineClient;
  beforeEach(() => {
    client = clientOfTest();
  });

  it('welcomes only once when a reloaded page starts the conversation again', async () => {
    const { token, conversationId } = await client.open();
    const before = (await client.read(conversationId, token)).activities.length;
    assert.ok(before > 0, 'the bot welcomed the witness');
    assert.equal((await client.call('POST', '/v3/directline/conversations', { token })).status, 201);
    assert.equal((await client.read(conversationId, token)).activities.length, before);
  });

  it('refuses a reply on the connector endpoint from anyone but the bot (401), and writes nothing', async () => {
    const { token, conversationId } = await client.open();
    const before = (await client.read(conversationId, token)).activities.length;
    const answer = await client.call('POST', `/connector/v3/conversations/${conversationId}/activities`, {
      json: { type: 'message', text: 'pretending to be the police' },
    });
    assert.equal(answer.status, 401);
    assert.equal((await client.read(conversationId, token)).activities.length, before);
  });

  it('refuses to open a stream with a forged token (403)', async () => {
    const { streamUrl } = await client.open();
    const socket = new WebSocket(streamUrl.replace(/\?t=.*$/, '?t=forged'));
    socket.on('error', () => undefined);
    const [request, response] = (await once(socket, 'unexpected-response')) as [
      { destroy(): void },
      { statusCode: number },
    ];
    assert.equal(response.statusCode, 403);
    request.destroy();
  });
});
