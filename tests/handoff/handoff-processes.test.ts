import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { useChildBots } from '../support/bot-process.js';
import { ChannelConversation } from '../support/channel.js';
import { FakeConnector } from '../support/fake-connector.js';
import { freePort, hasRedisServer, RedisServer } from '../support/redis-server.js';
import { handoffEnv, lastThread, TeamsAgent, WidgetCustomer } from './support.js';

const { start } = useChildBots();

// Four bot processes start in this test (two, then each restarted once): on two busy cores that takes a while.
const PROCESS_TEST_MS = 300_000;

describe.skipIf(!hasRedisServer)('a hand-off across bot processes on one Redis', { timeout: PROCESS_TEST_MS }, () => {
  let redis: RedisServer;
  let connector: FakeConnector;
  beforeAll(async () => {
    redis = await RedisServer.start();
    connector = await FakeConnector.start();
  });
  afterAll(async () => {
    await connector?.stop();
    await redis?.stop();
  });

  it('the agent at process B reaches the customer at process A, and the case carries on after SIGKILL and restart of either', async () => {
    const env = (port: number) => ({ ...handoffEnv(connector), REDIS_URL: redis.url, PORT: String(port), TURN_LOCK_TTL_MS: '1500', LOG_LEVEL: 'warn' });
    const [portA, portB] = [await freePort(), await freePort()];
    let a = await start(env(portA));
    let b = await start(env(portB));

    // The customer talks to A (on the Emulator: its replies go through the connector, so any process can reach it).
    const customer = new ChannelConversation(a.url, connector, { channelId: 'emulator', locale: 'en-US' });
    await customer.say('my payment reminder makes no sense, I want to talk to a human');
    await customer.click('Talk to a person');
    const { threadId, card } = lastThread(connector);

    // The agent's click and messages arrive at B.
    const agent = new TeamsAgent(b.url, connector);
    await agent.clickCard(threadId, card(), 'Take');
    await agent.say(threadId, 'first from B');
    const toCustomer = (n: number) => connector.waitForActivities(n, (x) => x.postedTo === customer.id && x.type === 'message' && /Anna Rossi/.test(x.text ?? ''));
    expect((await toCustomer(2)).map((x) => x.text)).toEqual(['**Anna Rossi** from support has joined the conversation.', '**Anna Rossi**: first from B']);

    // A is killed and comes back on the same port: the customer's next message still reaches the thread.
    await a.kill('SIGKILL');
    a = await start(env(portA));
    await customer.say('still there after A restarted');
    expect(connector.messages(threadId).map((x) => x.text)).toContain('**Customer**: still there after A restarted');

    // B is killed and comes back: the agent carries on, and closes.
    await b.kill('SIGKILL');
    b = await start(env(portB));
    await agent.say(threadId, 'second from B, after its restart');
    expect((await toCustomer(3)).at(-1)?.text).toBe('**Anna Rossi**: second from B, after its restart');
    await agent.say(threadId, '/close');
    const [rating] = await connector.waitForActivities(1, (x) => x.postedTo === customer.id && /How would you rate/.test(x.text ?? ''));
    // The rating question came proactively, not as the reply to a turn of the customer's: click on it.
    await customer.click('4', [rating!]);
    expect(connector.messages(threadId).map((x) => x.text)).toContain('The customer rated the help 4/5.');
  });

  it('an agent message posted to process B reaches a widget conversation at process A (Direct Line in Redis)', async () => {
    const env = (port: number) => ({ ...handoffEnv(connector), REDIS_URL: redis.url, PORT: String(port), TURN_LOCK_TTL_MS: '1500', LOG_LEVEL: 'warn' });
    const a = await start(env(await freePort()));
    const b = await start(env(await freePort()));
    const customer = new WidgetCustomer(a.url);
    await customer.start('it-IT');
    await customer.say('voglio parlare con un operatore');
    await customer.click('Parla con una persona');
    const { threadId, card } = lastThread(connector);
    const agent = new TeamsAgent(b.url, connector);
    await agent.clickCard(threadId, card(), 'Take');
    await agent.say(threadId, 'ciao da B');
    await customer.waitFor('**Anna Rossi**: ciao da B');
  });
});
