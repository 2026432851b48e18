import type { CloudAdapter, ConversationReference } from 'botbuilder';

/** Delivers a plain-text message into a reporter's Teams chat, from a stored conversation reference. */
export async function sendProactive(
  adapter: CloudAdapter,
  appId: string,
  reference: Partial<ConversationReference>,
  text: string,
): Promise<void> {
  await adapter.continueConversationAsync(appId, reference, async (context) => {
    // Plain text: the message may carry an officer's words, which must never be read as markup.
    await context.sendActivity({ type: 'message', text, textFormat: 'plain' });
  });
}
