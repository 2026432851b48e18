import type { CloudAdapter, ConversationReference } from 'botbuilder';

/**
 * Delivers a plain-text message into a reporter's Teams chat, from a stored conversation reference. A
 * failure is thrown to the caller, never given to the adapter's turn error handler (which would try to
 * tell the witness "something went wrong" in the same unreachable chat).
 */
export async function sendProactive(
  adapter: CloudAdapter,
  appId: string,
  reference: Partial<ConversationReference>,
  text: string,
): Promise<void> {
  let failure: unknown;
  await adapter.continueConversationAsync(appId, reference, async (context) => {
    try {
      // Plain text: the message may carry an officer's words, which must never be read as markup.
      await context.sendActivity({ type: 'message', text, textFormat: 'plain' });
    } catch (error) {
      failure = error;
    }
  });
  if (failure !== undefined) throw failure instanceof Error ? failure : new Error('proactive send failed');
}
