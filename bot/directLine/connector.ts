import {
  AuthenticationConstants,
  ClaimsIdentity,
  ConnectorClient,
  ConnectorFactory,
  type AuthenticateRequestResult,
} from 'botframework-connector';
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

/**
 * Connectors for the self-hosted channel only. The adapter's default factory would ask Microsoft Entra
 * for a token to call a serviceUrl, which a self-hosted deployment (or this machine) cannot reach; the
 * channel is part of the service, so it accepts its own signed token instead, and only for its own URL.
 */
class ChannelConnectorFactory extends ConnectorFactory {
  constructor(
    private readonly serviceUrl: string,
    private readonly tokens: DirectLineTokens,
  ) {
    super();
  }

  override create(serviceUrl: string): Promise<ConnectorClient> {
    if (serviceUrl !== this.serviceUrl) {
      return Promise.reject(new Error('the web chat channel only connects to its own serviceUrl'));
    }
    return Promise.resolve(new ConnectorClient(new ChannelCredentials(this.tokens), { baseUri: serviceUrl }));
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
    connectorFactory: new ChannelConnectorFactory(serviceUrl, tokens),
  };
}
