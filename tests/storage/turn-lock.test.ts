import { setTimeout as sleep } from 'node:timers/promises';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createLogger } from '../../src/logging.js';
import { createRedisClient, whenReady, type RedisClient } from '../../src/storage/redis-client.js';
import { MemoryTurnLock, RedisTurnLock, TurnLockTimeout, type TurnLock } from '../../src/storage/turn-lock.js';
import { RedisServer, hasRedisServer } from '../support/redis-server.js';

/** Runs overlapping turns and records how many ran at once, per conversation. */
async function maxOverlap(locks: TurnLock[], conversations: string[], turnsEach: number): Promise<number> {
  let running = 0;
  let max = 0;
  const turn = async () => {
    running++;
    max = Math.max(max, running);
    await sleep(5);
    running--;
  };
  await Promise.all(
    conversations.flatMap((c) => Array.from({ length: turnsEach }, (_, i) => locks[i % locks.length]!.withLock(c, turn))),
  );
  return max;
}

describe('MemoryTurnLock', () => {
  it('runs the turns of one conversation one after another', async () => {
    expect(await maxOverlap([new MemoryTurnLock()], ['a'], 6)).toBe(1);
  });

  it('runs turns of different conversations at the same time', async () => {
    expect(await maxOverlap([new MemoryTurnLock()], ['a', 'b', 'c'], 1)).toBe(3);
  });

  it('lets the next turn run after a turn fails', async () => {
    const lock = new MemoryTurnLock();
    const failed = lock.withLock('a', async () => {
      throw new Error('boom');
    });
    await expect(failed).rejects.toThrow('boom');
    expect(await lock.withLock('a', async () => 'next')).toBe('next');
  });
});

describe.skipIf(!hasRedisServer)('RedisTurnLock', () => {
  let server: RedisServer;
  const clients: RedisClient[] = [];
  const newClient = async () => {
    const client = createRedisClient({ redisUrl: server.url }, createLogger('silent'))!;
    await whenReady(client, 5000);
    clients.push(client);
    return client;
  };
  const options = { keyPrefix: 'test:', ttlMs: 2_000, waitMs: 3_000 };
  beforeAll(async () => {
    server = await RedisServer.start();
  });
  afterAll(async () => {
    clients.forEach((c) => c.disconnect());
    await server?.stop();
  });

  it('runs the turns of one conversation one after another across processes', async () => {
    const locks = [new RedisTurnLock(await newClient(), options), new RedisTurnLock(await newClient(), options)];
    expect(await maxOverlap(locks, ['conv'], 6)).toBe(1);
  });

  it('runs turns of different conversations at the same time', async () => {
    const lock = new RedisTurnLock(await newClient(), options);
    expect(await maxOverlap([lock], ['x', 'y', 'z'], 1)).toBe(3);
  });

  it('releases the lock when a turn fails', async () => {
    const client = await newClient();
    const lock = new RedisTurnLock(client, options);
    await expect(lock.withLock('failing', async () => Promise.reject(new Error('boom')))).rejects.toThrow('boom');
    expect(await client.exists(lock.redisKey('failing'))).toBe(0);
  });

  it('gives up with TurnLockTimeout when another turn holds the lock too long', async () => {
    const client = await newClient();
    const lock = new RedisTurnLock(client, { ...options, waitMs: 200 });
    await client.set(lock.redisKey('busy'), 'someone-else', 'PX', 10_000);
    await expect(lock.withLock('busy', async () => 'ran')).rejects.toBeInstanceOf(TurnLockTimeout);
    expect(await client.get(lock.redisKey('busy'))).toBe('someone-else');
  });

  it('gets a lock left by a crashed process once it expires', async () => {
    const client = await newClient();
    const lock = new RedisTurnLock(client, options);
    await client.set(lock.redisKey('crashed'), 'dead-process', 'PX', 300);
    // SET NX only succeeds once the dead lock is gone: the turn then holds a lock of its own.
    const holder = await lock.withLock('crashed', () => client.get(lock.redisKey('crashed')));
    expect(holder).not.toBeNull();
    expect(holder).not.toBe('dead-process');
  });

  it('keeps the lock while a turn runs longer than the lock lifetime', async () => {
    const client = await newClient();
    // A lifetime a busy machine cannot miss by accident (renewed every third of it), and a turn
    // that outlives it: it waits for the lock to have been renewed past its first lifetime.
    const lock = new RedisTurnLock(client, { ...options, ttlMs: 1_500 });
    const other = new RedisTurnLock(await newClient(), { ...options, waitMs: 0 });
    const key = lock.redisKey('long');
    await lock.withLock('long', async () => {
      let renewals = 0;
      let previous = await client.pttl(key);
      while (renewals < 4) {
        await sleep(50);
        const left = await client.pttl(key);
        expect(left).toBeGreaterThan(0);
        if (left > previous) renewals++;
        previous = left;
      }
      await expect(other.withLock('long', async () => 'ran')).rejects.toBeInstanceOf(TurnLockTimeout);
    });
    expect(await other.withLock('long', async () => 'ran')).toBe('ran');
  });

  it('never releases a lock that has passed to another turn', async () => {
    const client = await newClient();
    const lock = new RedisTurnLock(client, { ...options, ttlMs: 100 });
    await lock.withLock('slow', async () => {
      await sleep(200);
      // Our lock expired meanwhile and another process took it.
      await client.set(lock.redisKey('slow'), 'other-turn', 'PX', 5_000);
    });
    expect(await client.get(lock.redisKey('slow'))).toBe('other-turn');
  });
});
