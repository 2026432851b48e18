import type { Activity } from 'botbuilder';
import {
  AuthenticationConstants,
  ClaimsIdentity,
  ConnectorClient,
  ConnectorFactory,
  type AuthenticateRequestResult,
} from 'botframework-connector';
import { Conversations } from 'botframework-connector/lib/connectorApi/operations/conversations';
import type {
  ConversationsReplyToActivityResponse,
  ConversationsSendToConversationResponse,
} from 'botframework-connector/lib/connectorApi/models';
import type { DirectLineTokens } from './tokens';

interface SignableRequest {
  headers: { set(name: string, value: string): void };
}

/** Signs the bot's outgoing requests to this channel with a connector token the channel issued itself. */
class ChannelCredentials {
  constructor(private readonly tokens: DirectLineTokens) {}

  async signRequest<T extends SignableRequest>(request: T): Promise<T> {
    request.headers.set('Authorization', `Bearer ${await this.tokens.issueConnector()}`);
    return request;
  }
}

/** How the channel takes a reply of the bot's: appended to the conversation, its id returned. */
export type DeliverReply = (conversationId: string, activity: Record<string, unknown>) => Promise<string>;

/**
 * The bot's replies handed to the channel in this process: the channel is part of the service, so a reply
 * costs no HTTP request from the service to itself (and no connector token). The HTTP connector endpoint
 * stays for replies sent from outside a channel turn (proactive messages).
 */
class InProcessConversations extends Conversations {
  constructor(
    client: ConnectorClient,
    private readonly deliver: DeliverReply,
  ) {
    super(client);
  }

  // The adapter reads only the id; there is no HTTP response to describe.
  private async delivered(conversationId: string, activity: Partial<Activity>) {
    const id = await this.deliver(
      conversationId,
      JSON.parse(JSON.stringify(activity)) as Record<string, unknown>,
    );
    return { id } as ConversationsSendToConversationResponse & ConversationsReplyToActivityResponse;
  }

  override sendToConversation(
    conversationId: string,
    activity: Partial<Activity>,
  ): Promise<ConversationsSendToConversationResponse> {
    return this.delivered(conversationId, activity);
  }

  override replyToActivity(
    conversationId: string,
    _activityId: string,
    activity: Partial<Activity>,
  ): Promise<ConversationsReplyToActivityResponse> {
    return this.delivered(conversationId, activity);
  }
}

/**
 * Connectors for the self-hosted channel only. The adapter's default factory would ask Microsoft Entra
 * for a token to call a serviceUrl, which a self-hosted deployment (or this machine) cannot reach; the
 * channel is part of the service, so it accepts its own signed token instead, and only for its own URL.
 */
class ChannelConnectorFactory extends ConnectorFactory {
  constructor(
    private readonly serviceUrl: string,
    private readonly tokens: DirectLineTokens,
    private readonly deliver?: DeliverReply,
  ) {
    super();
  }

  override create(serviceUrl: string): Promise<ConnectorClient> {
    if (serviceUrl !== this.serviceUrl) {
      return Promise.reject(new Error('the web chat channel only connects to its own serviceUrl'));
    }
    const client = new ConnectorClient(new ChannelCredentials(this.tokens), { baseUri: serviceUrl });
    if (this.deliver) client.conversations = new InProcessConversations(client, this.deliver);
    return Promise.resolve(client);
  }
}

/**
 * What the adapter needs to run a turn that arrived through the self-hosted channel: the channel has
 * already authenticated the client (its conversation token), so the turn is processed with the bot's own
 * identity and replies go back through the channel's connector.
 */
export function channelTurnAuthentication(
  appId: string,
  serviceUrl: string,
  tokens: DirectLineTokens,
  deliver?: DeliverReply,
): AuthenticateRequestResult {
  return {
    audience: appId,
    callerId: 'urn:botframework:shield-webchat',
    claimsIdentity: new ClaimsIdentity(
      [
        { type: AuthenticationConstants.AudienceClaim, value: appId },
        { type: AuthenticationConstants.AppIdClaim, value: appId },
      ],
      true,
    ),
    connectorFactory: new ChannelConnectorFactory(serviceUrl, tokens, deliver),
  };
}
