import type { CloudAdapter } from '../sdk/adapters.js';

// botbuilder does not re-export these connector types; derive them instead of importing a transitive package.
type BotFrameworkAuthentication = NonNullable<ConstructorParameters<typeof CloudAdapter>[0]>;
type AuthenticateRequestResult = Awaited<ReturnType<BotFrameworkAuthentication['authenticateRequest']>>;
type ConnectorFactory = NonNullable<AuthenticateRequestResult['connectorFactory']>;
type ClaimsIdentity = AuthenticateRequestResult['claimsIdentity'];
type ConnectorClient = Awaited<ReturnType<ConnectorFactory['create']>>;
type UserTokenClient = Awaited<ReturnType<BotFrameworkAuthentication['createUserTokenClient']>>;

/** A map that forgets its oldest entry past `max`: service URLs come from requests, so the cache is bounded. */
class Bounded<V> {
  private readonly entries = new Map<string, V>();
  constructor(private readonly max: number) {}
  get(key: string, make: () => V): V {
    let value = this.entries.get(key);
    if (value === undefined) {
      value = make();
      this.entries.set(key, value);
      if (this.entries.size > this.max) this.entries.delete(this.entries.keys().next().value!);
    }
    return value;
  }
}

/** The bot's own app id in a request's claims (azp for v2 tokens, appid for v1); empty without authentication. */
function appIdOf(claims: ClaimsIdentity): string {
  return claims.getClaimValue('azp') ?? claims.getClaimValue('appid') ?? claims.getClaimValue('aud') ?? '';
}

/**
 * CloudAdapter builds a ConnectorClient and a UserTokenClient for every turn, each with its
 * own HTTP pipeline, whether the turn posts to a connector or not (expectReplies and the web
 * widget's Direct Line never do): about 7% of a turn. Both depend only on the bot's app id,
 * the service URL and the audience, so the same client serves every turn with the same three,
 * as the older BotFrameworkAdapter cached them. Only the SDK's public API is used: the
 * authentication the adapter is given answers with cached clients.
 */
export function cachingAuthentication(inner: BotFrameworkAuthentication, maxClients = 64): BotFrameworkAuthentication {
  const connectors = new Bounded<Promise<ConnectorClient>>(maxClients);
  const tokenClients = new Bounded<Promise<UserTokenClient>>(maxClients);
  const factory = (real: ConnectorFactory, appId: string): ConnectorFactory =>
    Object.assign(Object.create(real) as ConnectorFactory, {
      create: (serviceUrl: string, audience?: string) => connectors.get(`${appId}\n${serviceUrl}\n${audience ?? ''}`, () => real.create(serviceUrl, audience)),
    });
  const authenticateRequest: BotFrameworkAuthentication['authenticateRequest'] = async (activity, authHeader) => {
    const result = await inner.authenticateRequest(activity, authHeader);
    if (!result.connectorFactory) return result;
    return { ...result, connectorFactory: factory(result.connectorFactory, appIdOf(result.claimsIdentity)) };
  };
  const createUserTokenClient: BotFrameworkAuthentication['createUserTokenClient'] = (claims) =>
    tokenClients.get(appIdOf(claims), () => inner.createUserTokenClient(claims));
  const createConnectorFactory: BotFrameworkAuthentication['createConnectorFactory'] = (claims) =>
    factory(inner.createConnectorFactory(claims), appIdOf(claims));
  const overrides: Partial<BotFrameworkAuthentication> = { authenticateRequest, createUserTokenClient, createConnectorFactory };
  return new Proxy(inner, {
    get(target, property, receiver) {
      if (property in overrides) return overrides[property as keyof typeof overrides];
      const value: unknown = Reflect.get(target, property, receiver);
      return typeof value === 'function' ? value.bind(target) : value;
    },
  });
}
