import type { CloudAdapter } from '../sdk/adapters.js';
import { BoundedMap } from '../util/bounded-map.js';

// botbuilder does not re-export these connector types; derive them instead of importing a transitive package.
type BotFrameworkAuthentication = NonNullable<ConstructorParameters<typeof CloudAdapter>[0]>;
type AuthenticateRequestResult = Awaited<ReturnType<BotFrameworkAuthentication['authenticateRequest']>>;
type ConnectorFactory = NonNullable<AuthenticateRequestResult['connectorFactory']>;
type ClaimsIdentity = AuthenticateRequestResult['claimsIdentity'];
type ConnectorClient = Awaited<ReturnType<ConnectorFactory['create']>>;
type UserTokenClient = Awaited<ReturnType<BotFrameworkAuthentication['createUserTokenClient']>>;

/**
 * The app id the SDK builds a request's clients for: the audience claim (a channel's token), else
 * the appid claim (the Emulator's), as botframework-connector's own getAppId reads it; empty
 * without authentication. Clients are cached by exactly what they are built from.
 */
function appIdOf(claims: ClaimsIdentity): string {
  return claims.getClaimValue('aud') ?? claims.getClaimValue('appid') ?? '';
}

/**
 * CloudAdapter builds a ConnectorClient and a UserTokenClient for every turn, each with its
 * own HTTP pipeline, whether the turn posts to a connector or not (expectReplies and the web
 * widget's Direct Line never do): about 7% of a turn. Both depend only on the bot's app id,
 * the service URL and the audience, so the same client serves every turn with the same three,
 * as the older BotFrameworkAdapter cached them. Only the SDK's public API is used: the
 * authentication the adapter is given answers with cached clients.
 *
 * The connector factory handed to the adapter is cached too, one per app id: the SDK's own
 * is a new object per request, holding nothing but that app id and the authentication's fixed
 * settings. The methods of the real authentication are bound once, not on every call.
 */
export function cachingAuthentication(inner: BotFrameworkAuthentication, maxClients = 64): BotFrameworkAuthentication {
  const connectors = new BoundedMap<string, Promise<ConnectorClient>>(maxClients);
  const tokenClients = new BoundedMap<string, Promise<UserTokenClient>>(maxClients);
  const factories = new BoundedMap<string, ConnectorFactory>(maxClients);
  // The first factory the SDK makes for an app id builds that app id's clients from then on.
  const factory = (appId: string, real: () => ConnectorFactory): ConnectorFactory =>
    factories.remember(appId, () => {
      const made = real();
      return { create: (serviceUrl: string, audience?: string) => connectors.remember(`${appId}\n${serviceUrl}\n${audience ?? ''}`, () => made.create(serviceUrl, audience)) };
    });
  const authenticateRequest: BotFrameworkAuthentication['authenticateRequest'] = async (activity, authHeader) => {
    const result = await inner.authenticateRequest(activity, authHeader);
    const real = result.connectorFactory;
    if (!real) return result;
    return { ...result, connectorFactory: factory(appIdOf(result.claimsIdentity), () => real) };
  };
  const createUserTokenClient: BotFrameworkAuthentication['createUserTokenClient'] = (claims) =>
    tokenClients.remember(appIdOf(claims), () => inner.createUserTokenClient(claims));
  const createConnectorFactory: BotFrameworkAuthentication['createConnectorFactory'] = (claims) =>
    factory(appIdOf(claims), () => inner.createConnectorFactory(claims));
  const overrides: Partial<BotFrameworkAuthentication> = { authenticateRequest, createUserTokenClient, createConnectorFactory };
  const bound = new Map<PropertyKey, unknown>();
  return new Proxy(inner, {
    get(target, property, receiver) {
      if (property in overrides) return overrides[property as keyof typeof overrides];
      const value: unknown = Reflect.get(target, property, receiver);
      if (typeof value !== 'function') return value;
      let method = bound.get(property);
      if (method === undefined) bound.set(property, (method = value.bind(target)));
      return method;
    },
  });
}
