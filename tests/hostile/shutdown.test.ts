import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Redis } from 'ioredis';
import { loadConfig } from '../../src/config.js';
import { useChildBots, type ChildBot } from '../support/bot-process.js';
import { RedisServer, hasRedisServer } from '../support/redis-server.js';

/**
 * SIGTERM on the real bot process while Direct Line turns are in flight. Each turn is held
 * in flight deterministically: its conversation's turn lock is taken in Redis first, as
 * another process's turn would hold it, and Redis MONITOR shows when every turn is waiting.
 */
const TURNS = 30;
const lockKey = (conversationId: string) => `${loadConfig({}).redisKeyPrefix}lock:directline/${conversationId}`;

describe.skipIf(!hasRedisServer)('shutting down the bot process', { timeout: 180_000 }, () => {
  let redis: RedisServer;
  const bots = useChildBots();
  beforeAll(async () => {
    redis = await RedisServer.start();
  });
  afterAll(() => redis?.stop());

  async function startConversations(bot: ChildBot, count: number): Promise<string[]> {
    const ids: string[] = [];
    for (let i = 0; i < count; i++) {
      const response = await fetch(`${bot.url}/v3/directline/conversations`, { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: '{}' });
      expect(response.status).toBe(201);
      ids.push(((await response.json()) as { conversationId: string }).conversationId);
    }
    return ids;
  }

  /** Posts a message in each conversation, and resolves once every one of those turns waits for its lock. */
  async function turnsWaitingForLocks(bot: ChildBot, ids: string[], client: Redis) {
    const monitor = await client.monitor();
    const waiting = new Set<string>();
    const allWaiting = new Promise<void>((resolve) => {
      monitor.on('monitor', (_time: string, args: string[]) => {
        if (args[0]?.toLowerCase() === 'set' && args.includes('NX') && ids.some((id) => args[1] === lockKey(id))) waiting.add(args[1]!);
        if (waiting.size === ids.length) resolve();
      });
    });
    const replies = ids.map((id) =>
      fetch(`${bot.url}/v3/directline/conversations/${id}/activities`, {
        method: 'POST',
        headers: { 'Content-Type': 'application/json' },
        body: JSON.stringify({ type: 'message', text: 'Where do I find my support code?', locale: 'en-US', from: { id: 'u' } }),
      }).then(
        (r) => r.status,
        () => 0, // reset
      ),
    );
    await allWaiting;
    monitor.disconnect();
    client.disconnect();
    return replies;
  }

  it(`finishes all ${TURNS} Direct Line turns in flight on SIGTERM, then exits 0`, async () => {
    const bot = await bots.start({ REDIS_URL: redis.url, LOG_LEVEL: 'warn', RATE_LIMIT_PER_IP: '0', RATE_LIMIT_CONVERSATIONS_PER_IP: '0' });
    const ids = await startConversations(bot, TURNS);
    const client = redis.client();
    for (const id of ids) await client.set(lockKey(id), 'another-turn', 'PX', 60_000);
    const replies = await turnsWaitingForLocks(bot, ids, redis.client());

    bot.child.kill('SIGTERM');
    while ((await fetch(`${bot.url}/readyz`).then((r) => r.status, () => 0)) === 200) await new Promise((r) => setTimeout(r, 50));
    expect(bot.child.exitCode).toBeNull();
    await client.del(...ids.map(lockKey));
    client.disconnect();

    expect(await Promise.all(replies)).toEqual(ids.map(() => 200));
    expect(await bot.exited).toBe(0);
  });

  it('gives up on turns that outlast SHUTDOWN_TIMEOUT_MS and exits while they still wait', async () => {
    const bot = await bots.start({ REDIS_URL: redis.url, LOG_LEVEL: 'warn', SHUTDOWN_TIMEOUT_MS: '1000', TURN_LOCK_WAIT_MS: '120000', RATE_LIMIT_PER_IP: '0', RATE_LIMIT_CONVERSATIONS_PER_IP: '0' });
    const ids = await startConversations(bot, 3);
    const client = redis.client();
    for (const id of ids) await client.set(lockKey(id), 'another-turn', 'PX', 120_000);
    const replies = await turnsWaitingForLocks(bot, ids, redis.client());

    bot.child.kill('SIGTERM');
    // The locks are still held (for two minutes): the process exits because of its own deadline.
    expect(await bot.exited).toBe(0);
    expect(await client.exists(...ids.map(lockKey))).toBe(ids.length);
    expect(bot.output()).toMatch(/shutdown timeout/);
    client.disconnect();
    await Promise.all(replies);
  });
});
