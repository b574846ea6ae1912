import { ConfigurationBotFrameworkAuthentication, type Activity } from 'botbuilder';
import { ClaimsIdentity } from 'botframework-connector';
import { describe, expect, it } from 'vitest';
import { cachingAuthentication } from '../../src/server/connector-cache.js';

const activity = (serviceUrl: string) => ({ type: 'message', serviceUrl, channelId: 'emulator' }) as Activity;

describe('the connector cache', () => {
  const auth = cachingAuthentication(new ConfigurationBotFrameworkAuthentication({}), 2);

  it('gives every turn from the same service URL the same connector client and token client', async () => {
    const first = await auth.authenticateRequest(activity('http://127.0.0.1:1'), '');
    const second = await auth.authenticateRequest(activity('http://127.0.0.1:1'), '');
    const a = await first.connectorFactory!.create('http://127.0.0.1:1', first.audience);
    const b = await second.connectorFactory!.create('http://127.0.0.1:1', second.audience);
    expect(a).toBe(b);
    expect(await auth.createUserTokenClient(first.claimsIdentity)).toBe(await auth.createUserTokenClient(second.claimsIdentity));
  });

  it('builds a client of its own for another service URL, talking to that URL', async () => {
    const result = await auth.authenticateRequest(activity('http://127.0.0.1:1'), '');
    const one = await result.connectorFactory!.create('http://127.0.0.1:1', result.audience);
    const two = await result.connectorFactory!.create('http://127.0.0.1:2', result.audience);
    expect(two).not.toBe(one);
    expect((two as unknown as { baseUri?: string }).baseUri).toMatch(/127\.0\.0\.1:2/);
  });

  it('forgets the oldest client past its bound, so request-given URLs cannot grow it', async () => {
    const result = await auth.authenticateRequest(activity('http://127.0.0.1:1'), '');
    const first = await result.connectorFactory!.create('http://127.0.0.1:10', result.audience);
    await result.connectorFactory!.create('http://127.0.0.1:11', result.audience);
    await result.connectorFactory!.create('http://127.0.0.1:12', result.audience);
    expect(await result.connectorFactory!.create('http://127.0.0.1:10', result.audience)).not.toBe(first);
  });

  it('still answers everything else as the real authentication does', async () => {
    const real = new ConfigurationBotFrameworkAuthentication({}).createBotFrameworkClient();
    expect(auth.createBotFrameworkClient().constructor).toBe(real.constructor);
    expect(auth).toBeInstanceOf(ConfigurationBotFrameworkAuthentication);
  });

  it('hands every request the same connector factory, and one of its own to another app id', async () => {
    const first = await auth.authenticateRequest(activity('http://127.0.0.1:1'), '');
    const second = await auth.authenticateRequest(activity('http://127.0.0.1:1'), '');
    expect(second.connectorFactory).toBe(first.connectorFactory);
    const bot = (aud: string) => new ClaimsIdentity([{ type: 'aud', value: aud }], true);
    expect(auth.createConnectorFactory(bot('app-a'))).toBe(auth.createConnectorFactory(bot('app-a')));
    expect(auth.createConnectorFactory(bot('app-a'))).not.toBe(auth.createConnectorFactory(bot('app-b')));
    expect(await auth.createUserTokenClient(bot('app-a'))).not.toBe(await auth.createUserTokenClient(bot('app-b')));
  });

  it('keys clients by the audience claim, as the SDK builds them, not by the token\'s issuer party', async () => {
    // A channel's token: aud is the bot, azp the channel's own app; two bots on one channel get two clients.
    const token = (aud: string) => new ClaimsIdentity([{ type: 'aud', value: aud }, { type: 'azp', value: 'the-channel' }], true);
    expect(await auth.createUserTokenClient(token('bot-1'))).not.toBe(await auth.createUserTokenClient(token('bot-2')));
  });
});
