import assert from 'node:assert/strict';
import { createServer, type IncomingMessage, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { createAdapter } from '../../../bot/adapter';
import { sendProactive } from '../../../bot/teams/proactive';
import { memoryLogger } from '../../helpers/logger';

interface Captured {
  path: string;
  authorization: string | undefined;
  body: { type?: string; text?: string; textFormat?: string; conversation?: { id?: string } };
}

/** A stand-in for the Teams connector: records every activity POSTed to it. */
async function standInConnector(): Promise<{ url: string; captured: Captured[]; server: Server }> {
  const captured: Captured[] = [];
  const server = createServer((req: IncomingMessage, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (chunk: Buffer) => chunks.push(chunk));
    req.on('end', () => {
      captured.push({
        path: req.url ?? '',
        authorization: req.headers.authorization,
        body: JSON.parse(Buffer.concat(chunks).toString('utf8')) as Captured['body'],
      });
      res.writeHead(200, { 'content-type': 'application/json' });
      res.end(JSON.stringify({ id: 'delivered-1' }));
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return { url: `http://127.0.0.1:${port}/`, captured, server };
}

describe('sendProactive', () => {
  it("delivers a message into the reporter's chat from a stored conversation reference", async () => {
    const connector = await standInConnector();
    try {
      const adapter = createAdapter(
        { bot: { appId: '', appPassword: '', appType: 'MultiTenant', appTenantId: '' } },
        memoryLogger().logger,
      );
      const reference = {
        channelId: 'msteams',
        serviceUrl: connector.url,
        conversation: {
          id: 'a:invented-personal-chat',
          name: '',
          isGroup: false,
          conversationType: 'personal',
        },
        user: { id: '29:invented-user', name: 'Test Witness' },
        bot: { id: '28:shield-bot', name: 'Shield Reporter' },
      };
      await sendProactive(
        adapter,
        '',
        reference,
        'An officer has a question about SR-AAAAA-BBBBB. <b>not markup</b>',
      );
      assert.equal(connector.captured.length, 1);
      const [sent] = connector.captured;
      assert.ok(
        sent?.path.startsWith('/v3/conversations/a%3Ainvented-personal-chat/activities'),
        'posted to the conversation',
      );
      assert.equal(sent?.body.type, 'message');
      assert.equal(sent?.body.text, 'An officer has a question about SR-AAAAA-BBBBB. <b>not markup</b>');
      assert.equal(sent?.body.textFormat, 'plain');
      assert.equal(sent?.body.conversation?.id, 'a:invented-personal-chat');
    } finally {
      await new Promise((resolve) => connector.server.close(resolve));
    }
  });
});
