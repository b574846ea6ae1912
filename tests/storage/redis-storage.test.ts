import { MemoryStorage, type Storage } from 'botbuilder';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createLogger } from '../../src/logging.js';
import { createRedisClient, whenReady, type RedisClient } from '../../src/storage/redis-client.js';
import { RedisStorage } from '../../src/storage/redis-storage.js';
import { RedisServer, hasRedisServer } from '../support/redis-server.js';

const silent = createLogger('silent');
const key = () => `conv-${Math.random().toString(36).slice(2)}`;

/** What every Storage must do, checked the same way on botbuilder's MemoryStorage and on ours. */
function storageContract(name: string, makeStorage: () => Storage) {
  describe(`${name} behaves like botbuilder's stores`, () => {
    it('reads back what it wrote, with an eTag', async () => {
      const storage = makeStorage();
      const k = key();
      await storage.write({ [k]: { step: 'start', nested: { list: [1, 2] } } });
      const items = await storage.read([k]);
      expect(items[k]).toMatchObject({ step: 'start', nested: { list: [1, 2] } });
      expect(typeof items[k]!.eTag).toBe('string');
    });

    it('leaves keys it does not have out of a read', async () => {
      const items = await makeStorage().read([key()]);
      expect(items).toEqual({});
    });

    it('writes unconditionally with eTag "*" or no eTag', async () => {
      const storage = makeStorage();
      const k = key();
      await storage.write({ [k]: { n: 1 } });
      await storage.write({ [k]: { n: 2, eTag: '*' } });
      await storage.write({ [k]: { n: 3 } });
      expect((await storage.read([k]))[k]).toMatchObject({ n: 3 });
    });

    it('accepts a write carrying the current eTag and gives the item a new one', async () => {
      const storage = makeStorage();
      const k = key();
      await storage.write({ [k]: { n: 1 } });
      const first = (await storage.read([k]))[k]!;
      await storage.write({ [k]: { ...first, n: 2 } });
      const second = (await storage.read([k]))[k]!;
      expect(second).toMatchObject({ n: 2 });
      expect(second.eTag).not.toBe(first.eTag);
    });

    it('rejects a write carrying a stale eTag and keeps the newer item', async () => {
      const storage = makeStorage();
      const k = key();
      await storage.write({ [k]: { n: 1 } });
      const stale = (await storage.read([k]))[k]!;
      await storage.write({ [k]: { ...stale, n: 2 } });
      await expect(storage.write({ [k]: { ...stale, n: 3 } })).rejects.toThrow(/eTag conflict/);
      expect((await storage.read([k]))[k]).toMatchObject({ n: 2 });
    });

    it('deletes items', async () => {
      const storage = makeStorage();
      const k = key();
      await storage.write({ [k]: { n: 1 } });
      await storage.delete([k]);
      expect(await storage.read([k])).toEqual({});
    });
  });
}

storageContract('MemoryStorage', () => new MemoryStorage());

describe.skipIf(!hasRedisServer)('RedisStorage', () => {
  let server: RedisServer;
  let cluster: RedisServer;
  let client: RedisClient;
  let clusterClient: RedisClient;
  beforeAll(async () => {
    [server, cluster] = await Promise.all([RedisServer.start(), RedisServer.start({ cluster: true })]);
    client = createRedisClient({ redisUrl: server.url }, silent)!;
    clusterClient = createRedisClient({ redisClusterNodes: `127.0.0.1:${cluster.port}` }, silent)!;
    expect(await whenReady(client, 5000)).toBe(true);
    expect(await whenReady(clusterClient, 5000)).toBe(true);
  });
  afterAll(async () => {
    client?.disconnect();
    clusterClient?.disconnect();
    await Promise.all([server?.stop(), cluster?.stop()]);
  });

  storageContract('RedisStorage on one Redis', () => new RedisStorage(client, { keyPrefix: 'test:', ttlSeconds: 60 }));
  storageContract('RedisStorage on Redis Cluster', () => new RedisStorage(clusterClient, { keyPrefix: 'test:', ttlSeconds: 60 }));

  it('keeps items under its key prefix', async () => {
    const storage = new RedisStorage(client, { keyPrefix: 'prefix-check:', ttlSeconds: 60 });
    await storage.write({ 'msteams/conversations/a/': { n: 1 } });
    expect(await client.exists('prefix-check:state:msteams/conversations/a/')).toBe(1);
  });

  it('lets an idle item expire, and starts its timer again on every read and write', async () => {
    const storage = new RedisStorage(client, { keyPrefix: 'ttl:', ttlSeconds: 100 });
    const k = key();
    await storage.write({ [k]: { n: 1 } });
    const redisKey = storage.redisKey(k);
    expect(await client.pttl(redisKey)).toBeGreaterThan(99_000);
    await client.pexpire(redisKey, 5_000);
    await storage.read([k]);
    expect(await client.pttl(redisKey)).toBeGreaterThan(99_000);
    await client.pexpire(redisKey, 5_000);
    await storage.write({ [k]: { n: 2 } });
    expect(await client.pttl(redisKey)).toBeGreaterThan(99_000);
  });

  it('keeps items forever when the TTL is 0', async () => {
    const storage = new RedisStorage(client, { keyPrefix: 'ttl0:', ttlSeconds: 0 });
    const k = key();
    await storage.write({ [k]: { n: 1 } });
    expect(await client.pttl(storage.redisKey(k))).toBe(-1);
  });

  it('lets exactly one of many concurrent writers with the same eTag win', async () => {
    const storage = new RedisStorage(client, { keyPrefix: 'race:', ttlSeconds: 60 });
    const k = key();
    await storage.write({ [k]: { n: 0 } });
    const read = (await storage.read([k]))[k]!;
    const results = await Promise.allSettled(Array.from({ length: 10 }, (_, i) => storage.write({ [k]: { ...read, n: i + 1 } })));
    expect(results.filter((r) => r.status === 'fulfilled')).toHaveLength(1);
  });
});
