import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { HandoffCase } from '../../src/handoff/model.js';
import { RedisHandoffStore } from '../../src/handoff/redis-store.js';
import { MemoryHandoffStore, type HandoffStore } from '../../src/handoff/store.js';
import { createLogger } from '../../src/logging.js';
import { createRedisClient, whenReady, type RedisClient } from '../../src/storage/redis-client.js';
import { hasRedisServer, RedisServer } from '../support/redis-server.js';

let counter = 0;
const aCase = (): HandoffCase => ({
  id: `C${counter++}`,
  status: 'queued',
  step: 'waiting',
  language: 'it',
  customer: { channelId: 'directline', conversationId: `dl-${counter}`, userId: 'u', botId: 'b' },
  summary: { language: 'it', entries: [], checks: [], channel: 'directline', openedAt: new Date(0).toISOString() },
  openedAt: new Date(0).toISOString(),
});

/** What every hand-off store must do, checked the same way in memory and on Redis. */
function storeContract(name: string, makeStore: () => HandoffStore) {
  describe(`the ${name} hand-off store`, () => {
    it('keeps a case and changes it atomically: of two takes at once, one wins', async () => {
      const store = makeStore();
      const c = aCase();
      await store.create(c);
      const take = (agent: string) => store.update(c.id, (x) => (x.status === 'queued' ? { ...x, status: 'connected', agent: { id: agent, name: agent } } : undefined));
      const results = await Promise.all([take('anna'), take('bruno')]);
      expect(results.filter(Boolean)).toHaveLength(1);
      expect((await store.get(c.id))?.agent?.name).toBe(results.find(Boolean)?.agent?.name);
    });

    it('keeps the queue and the tickets oldest first', async () => {
      const store = makeStore();
      const [a, b] = [aCase(), aCase()];
      await store.enqueue(b.id, 2);
      await store.enqueue(a.id, 1);
      expect((await store.queued()).filter((id) => id === a.id || id === b.id)).toEqual([a.id, b.id]);
      await store.dequeue(a.id);
      expect(await store.queued()).not.toContain(a.id);
      await store.addTicket(b.id, 2);
      expect(await store.tickets()).toContain(b.id);
    });

    it('finds a case by the customer conversation and by its thread, and keeps its messages in order', async () => {
      const store = makeStore();
      const c = aCase();
      await store.setCaseOfCustomer('conv', c.id);
      await store.setCaseOfThread('thread', c.id);
      expect(await store.caseOfCustomer('conv')).toBe(c.id);
      expect(await store.caseOfThread('thread')).toBe(c.id);
      await store.setCaseOfCustomer('conv', undefined);
      expect(await store.caseOfCustomer('conv')).toBeUndefined();
      for (const n of [1, 2, 3]) await store.appendMessage(c.id, { from: 'customer', text: `m${n}`, at: '' });
      expect((await store.messages(c.id)).map((m) => m.text)).toEqual(['m1', 'm2', 'm3']);
    });

    it('keeps the agents channel chosen in Teams', async () => {
      const store = makeStore();
      await store.setAgentChannel({ channelId: '19:x@thread.tacv2', serviceUrl: 'https://smba.example/' });
      expect(await store.agentChannel()).toEqual({ channelId: '19:x@thread.tacv2', serviceUrl: 'https://smba.example/' });
    });
  });
}

storeContract('memory', () => new MemoryHandoffStore());

describe.skipIf(!hasRedisServer)('on Redis', () => {
  let redis: RedisServer;
  let client: RedisClient;
  beforeAll(async () => {
    redis = await RedisServer.start();
    client = createRedisClient({ redisUrl: redis.url }, createLogger('silent'))!;
    await whenReady(client, 5_000);
  });
  afterAll(async () => {
    await client?.quit();
    await redis?.stop();
  });
  const prefix = `test-${process.pid}:`;
  storeContract('Redis', () => new RedisHandoffStore(client, prefix));

  it('a second process (a new client) sees the cases and the channel: they survive a restart of the bot', async () => {
    const store = new RedisHandoffStore(client, prefix);
    const c = aCase();
    await store.create(c);
    await store.setAgentChannel({ channelId: '19:kept@thread.tacv2', serviceUrl: 'https://smba.example/' });
    const other = createRedisClient({ redisUrl: redis.url }, createLogger('silent'))!;
    await whenReady(other, 5_000);
    const again = new RedisHandoffStore(other, prefix);
    expect((await again.get(c.id))?.id).toBe(c.id);
    expect((await again.agentChannel())?.channelId).toBe('19:kept@thread.tacv2');
    await other.quit();
  });
});
