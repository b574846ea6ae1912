import type { Activity } from 'botbuilder';
import type { Redis } from 'ioredis';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { loadConfig } from '../../src/config.js';
import type { ActivitySet, ConversationStore } from '../../src/directline/conversation-store.js';
import { followConversation } from '../../src/directline/follow.js';
import { RedisConversationStore } from '../../src/directline/redis-conversation-store.js';
import { createLogger } from '../../src/logging.js';
import { createRedisClient, whenReady, type RedisClient } from '../../src/storage/redis-client.js';
import { RedisServer, hasRedisServer } from '../support/redis-server.js';

const message = (text: string): Partial<Activity> => ({ type: 'message', text });
const texts = (set: ActivitySet | undefined) => set?.activities.map((a) => a.text);
const sequence = (id: string) => Number(id.slice(id.lastIndexOf('|') + 1));
let counter = 0;
const newId = () => `conv-${process.pid}-${counter++}`;

/** What a stream receives, until `count` activities are in (or the test times out). */
class Received {
  readonly sets: ActivitySet[] = [];
  private waiting?: { count: number; resolve: () => void };
  readonly send = (set: ActivitySet) => {
    this.sets.push(set);
    if (this.waiting && this.activities().length >= this.waiting.count) this.waiting.resolve();
  };
  activities() {
    return this.sets.flatMap((s) => s.activities);
  }
  until(count: number): Promise<void> {
    if (this.activities().length >= count) return Promise.resolve();
    return new Promise((resolve) => (this.waiting = { count, resolve }));
  }
}

describe.skipIf(!hasRedisServer)('the Direct Line store in Redis', () => {
  let redis: RedisServer;
  const clients: RedisClient[] = [];
  const stores: RedisConversationStore[] = [];
  let inspect: Redis;

  /** A store as one bot process has it: its own connection to the shared Redis. */
  async function processStore(options: { ttlSeconds?: number; maxActivities?: number } = {}): Promise<RedisConversationStore> {
    const client = createRedisClient(loadConfig({ REDIS_URL: redis.url }), createLogger('silent'))!;
    clients.push(client);
    await whenReady(client, 5_000);
    const store = new RedisConversationStore(client, {
      keyPrefix: 'test:',
      ttlSeconds: options.ttlSeconds ?? 3600,
      maxActivities: options.maxActivities ?? 500,
      logger: createLogger('silent'),
    });
    stores.push(store);
    return store;
  }

  beforeAll(async () => {
    redis = await RedisServer.start();
    inspect = redis.client();
  });
  afterEach(async () => {
    await Promise.all(stores.splice(0).map((s) => s.close()));
    clients.splice(0).forEach((c) => c.disconnect());
  });
  afterAll(async () => {
    inspect?.disconnect();
    await redis?.stop();
  });

  it('numbers activities in order and reads those after a watermark, with the ids the memory store gives', async () => {
    const store = await processStore();
    const id = newId();
    expect(await store.create({ id, userId: 'u', locale: 'fr-FR' })).toBe(true);
    expect(await store.get(id)).toEqual({ id, userId: 'u', locale: 'fr-FR' });
    await store.append(id, [message('a'), message('b')]);
    const appended = await store.append(id, [message('c')]);
    expect(appended.watermark).toBe(3);
    expect(appended.activities.map((a) => a.id)).toEqual([`${id}|0000003`]);
    const after = await store.read(id, 1);
    expect(after!.activities.map((a) => [a.id, a.text])).toEqual([
      [`${id}|0000002`, 'b'],
      [`${id}|0000003`, 'c'],
    ]);
    expect(after!.watermark).toBe(3);
    expect((await store.read(id, 3))!.activities).toEqual([]);
    expect(texts(await store.read(id))).toEqual(['a', 'b', 'c']);
  });

  it('knows no conversation it was not told about, and refuses to create one twice (no second welcome)', async () => {
    const store = await processStore();
    const id = newId();
    expect(await store.get(id)).toBeUndefined();
    expect(await store.read(id)).toBeUndefined();
    await expect(store.append(id, [message('lost')])).rejects.toThrow(/does not exist/);
    expect(await store.create({ id, userId: 'u' })).toBe(true);
    expect(await store.create({ id, userId: 'someone else' })).toBe(false);
    expect((await store.get(id))!.userId).toBe('u');
  });

  it('serves every call of a conversation from any process, and a restarted process finds it all', async () => {
    const a = await processStore();
    const b = await processStore();
    const id = newId();
    await a.create({ id, userId: 'u' });
    await b.append(id, [message('hello from B')]);
    await a.append(id, [message('hello from A')]);
    expect(texts(await b.read(id))).toEqual(['hello from B', 'hello from A']);
    await Promise.all([a.close(), b.close()]);
    clients.forEach((c) => c.disconnect());

    const restarted = await processStore();
    expect(await restarted.get(id)).toEqual({ id, userId: 'u' });
    const all = await restarted.read(id);
    expect(all!.watermark).toBe(2);
    expect(texts(all)).toEqual(['hello from B', 'hello from A']);
  });

  it('gives two processes appending at once distinct, gapless watermarks', async () => {
    const [a, b] = [await processStore(), await processStore()];
    const id = newId();
    await a.create({ id, userId: 'u' });
    const results = await Promise.all(
      Array.from({ length: 100 }, (_, i) => (i % 2 === 0 ? a : b).append(id, [message(`m${i}`), message(`m${i}'`)])),
    );
    const watermarks = results.map((r) => r.watermark).sort((x, y) => x - y);
    expect(watermarks).toEqual(Array.from({ length: 100 }, (_, i) => 2 * (i + 1)));
    const all = await a.read(id);
    expect(all!.activities.map((x) => sequence(x.id))).toEqual(Array.from({ length: 200 }, (_, i) => i + 1));
    // Each append's two activities are next to each other: an append is one script.
    for (let i = 0; i < 200; i += 2) expect(all!.activities[i + 1]!.text).toBe(`${all!.activities[i]!.text}'`);
  });

  it('keeps only the latest activities of a long conversation, and watermarks keep counting', async () => {
    const store = await processStore({ maxActivities: 3 });
    const id = newId();
    await store.create({ id, userId: 'u' });
    for (const text of ['a', 'b', 'c', 'd', 'e']) await store.append(id, [message(text)]);
    const all = await store.read(id);
    expect(texts(all)).toEqual(['c', 'd', 'e']);
    expect(all!.activities.map((x) => sequence(x.id))).toEqual([3, 4, 5]);
    expect(all!.watermark).toBe(5);
    expect(texts(await store.read(id, 3))).toEqual(['d', 'e']);
    const [, log] = store.keys(id);
    expect(await inspect.llen(log)).toBe(3);
  });

  it('lets an idle conversation expire after STATE_TTL_SECONDS, and posting or opening it starts the clock again', async () => {
    const store = await processStore({ ttlSeconds: 120 });
    const id = newId();
    await store.create({ id, userId: 'u' });
    await store.append(id, [message('a')]);
    const keys = store.keys(id);
    for (const key of keys) {
      const ttl = await inspect.pttl(key);
      expect(ttl).toBeGreaterThan(100_000);
      expect(ttl).toBeLessThanOrEqual(120_000);
    }
    for (const key of keys) await inspect.pexpire(key, 5_000);
    await store.get(id);
    for (const key of keys) expect(await inspect.pttl(key)).toBeGreaterThan(100_000);

    const forever = await processStore({ ttlSeconds: 0 });
    const kept = newId();
    await forever.create({ id: kept, userId: 'u' });
    await forever.append(kept, [message('a')]);
    for (const key of forever.keys(kept)) expect(await inspect.pttl(key)).toBe(-1);
  });

  it('tells a subscriber on one process about appends made on another, in order, until it stops listening', async () => {
    const [a, b] = [await processStore(), await processStore()];
    const id = newId();
    await a.create({ id, userId: 'u' });
    const seen: Array<ActivitySet | undefined> = [];
    let arrived: () => void = () => undefined;
    const stop = await b.subscribe(id, (set) => {
      seen.push(set);
      if (seen.length === 3) arrived();
    });
    const three = new Promise<void>((resolve) => (arrived = resolve));
    await a.append(id, [message('one')]);
    await a.append(id, [message('two'), message('three')]);
    await b.append(id, [message('four')]);
    await three;
    expect(seen.map((set) => [set!.watermark, texts(set)])).toEqual([
      [1, ['one']],
      [3, ['two', 'three']],
      [4, ['four']],
    ]);
    expect(seen[1]!.activities.map((x) => x.id)).toEqual([`${id}|0000002`, `${id}|0000003`]);
    stop();
    // Once nobody on B listens, B's feed leaves the channel.
    await expect.poll(async () => (await inspect.pubsub('NUMSUB', b.channel(id)))[1], { timeout: 10_000 }).toBe(0);
  });

  it('streams a conversation from one process while two others post to it: nothing lost, doubled or out of order', async () => {
    const [streaming, a, b] = [await processStore(), await processStore(), await processStore()];
    const id = newId();
    await a.create({ id, userId: 'u' });
    await a.append(id, [message('before the stream 1'), message('before the stream 2')]);
    const received = new Received();
    // The client saw the first activity already: it asks from watermark 1.
    const stop = await followConversation(streaming, id, 1, received.send);
    await Promise.all(
      Array.from({ length: 60 }, (_, i) => (i % 2 === 0 ? a : b).append(id, [message(`m${i}`)])),
    );
    await received.until(61);
    stop();
    const got = received.activities().map((x) => sequence(x.id));
    expect(got).toEqual(Array.from({ length: 61 }, (_, i) => i + 2));
  });

  it('fills the gap when its feed was cut: a stream reconnected to Redis re-reads what it missed', async () => {
    const [streaming, poster] = [await processStore(), await processStore()];
    const id = newId();
    await poster.create({ id, userId: 'u' });
    const received = new Received();
    const stop = await followConversation(streaming, id, 0, received.send);
    await poster.append(id, [message('first')]);
    await received.until(1);
    // Cut the streaming process's subscriber connection, then post while it reconnects.
    await inspect.call('CLIENT', 'KILL', 'TYPE', 'pubsub');
    await poster.append(id, [message('while cut 1')]);
    await poster.append(id, [message('while cut 2')]);
    await received.until(3);
    await poster.append(id, [message('after')]);
    await received.until(4);
    stop();
    expect(received.activities().map((x) => x.text)).toEqual(['first', 'while cut 1', 'while cut 2', 'after']);
  });
});

describe.skipIf(!hasRedisServer)('the Direct Line store on a Redis Cluster', () => {
  let cluster: RedisServer;
  let client: RedisClient;
  let store: ConversationStore;
  beforeAll(async () => {
    cluster = await RedisServer.start({ cluster: true });
    client = createRedisClient(loadConfig({ REDIS_CLUSTER_NODES: `127.0.0.1:${cluster.port}` }), createLogger('silent'))!;
    await whenReady(client, 5_000);
    store = new RedisConversationStore(client, { keyPrefix: 'test:', ttlSeconds: 60, maxActivities: 100, logger: createLogger('silent') });
  });
  afterAll(async () => {
    await store?.close?.();
    client?.disconnect();
    await cluster?.stop();
  });

  it('appends, reads and streams through the cluster client (both keys of a conversation share a slot)', async () => {
    const id = newId();
    await store.create({ id, userId: 'u' });
    const received = new Received();
    const stop = await followConversation(store, id, 0, received.send);
    await store.append(id, [message('a'), message('b')]);
    await received.until(2);
    stop();
    expect(received.activities().map((x) => x.text)).toEqual(['a', 'b']);
    expect(texts(await store.read(id, 1))).toEqual(['b']);
  });
});
