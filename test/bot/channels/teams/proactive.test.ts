import assert from 'node:assert/strict';
import { createAdapter } from '../../../../bot/channels/adapter';
import { sendProactive } from '../../../../bot/channels/teams/proactive';
import { standInConnector } from '../../../helpers/connectorStandIn';
import { memoryLogger } from '../../../helpers/logger';

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
