import type { Attachment, ConversationReference } from 'botbuilder';
import type { ShieldAdapter } from '../../channels/adapter';
import { DeliveryError } from '../../channels/teams/questionDelivery';

/** What delivering alert cards needs from the Bot Framework connector. */
export interface AlertConnector {
  /** Posts a card into a conversation; returns the new activity's id. */
  sendCard(reference: Partial<ConversationReference>, card: Attachment): Promise<string>;
  /** Replaces a card sent earlier (an updated or withdrawn alert). */
  updateCard(reference: Partial<ConversationReference>, activityId: string, card: Attachment): Promise<void>;
}

const CONNECTOR_TIMEOUT_MS = 15_000;

function retryAfterMs(header: string | null): number | undefined {
  if (header === null) return undefined;
  const seconds = Number(header);
  if (Number.isFinite(seconds) && seconds >= 0) return seconds * 1000;
  const date = Date.parse(header);
  return Number.isNaN(date) ? undefined : Math.max(0, date - Date.now());
}

/**
 * The Bot Connector REST API (v3), one request per attempt (as for officers' questions, see
 * questionDelivery.ts): the alert queue decides when to try again, at the tenant's rate.
 */
export function restAlertConnector(
  adapter: Pick<ShieldAdapter, 'connectorAuthorization'>,
  appId: string,
): AlertConnector {
  const call = async (
    method: 'POST' | 'PUT',
    reference: Partial<ConversationReference>,
    path: string,
    body: unknown,
  ): Promise<unknown> => {
    const { serviceUrl } = reference;
    if (!serviceUrl) throw new DeliveryError('NoConversation');
    const base = serviceUrl.endsWith('/') ? serviceUrl : `${serviceUrl}/`;
    const authorization = await adapter.connectorAuthorization(appId, serviceUrl);
    const response = await fetch(new URL(path, base), {
      method,
      headers: { 'content-type': 'application/json', ...(authorization ? { authorization } : {}) },
      body: JSON.stringify(body),
      redirect: 'error',
      signal: AbortSignal.timeout(CONNECTOR_TIMEOUT_MS),
    });
    if (!response.ok) {
      await response.body?.cancel();
      throw new DeliveryError(
        'ConnectorError',
        response.status,
        retryAfterMs(response.headers.get('retry-after')),
      );
    }
    return response.json().catch(() => ({}));
  };
  const activity = (reference: Partial<ConversationReference>, card: Attachment) => ({
    type: 'message',
    attachments: [card],
    channelId: 'msteams',
    from: reference.bot,
    recipient: reference.user,
    conversation: reference.conversation,
  });
  const activitiesPath = (reference: Partial<ConversationReference>) => {
    const conversationId = reference.conversation?.id;
    if (!conversationId) throw new DeliveryError('NoConversation');
    return `v3/conversations/${encodeURIComponent(conversationId)}/activities`;
  };
  return {
    async sendCard(reference, card) {
      const sent = (await call('POST', reference, activitiesPath(reference), activity(reference, card))) as {
        id?: unknown;
      };
      return typeof sent.id === 'string' ? sent.id : '';
    },
    async updateCard(reference, activityId, card) {
      await call('PUT', reference, `${activitiesPath(reference)}/${encodeURIComponent(activityId)}`, {
        ...activity(reference, card),
        id: activityId,
      });
    },
  };
}
