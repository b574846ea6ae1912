import { randomUUID } from 'node:crypto';
import { setTimeout as sleep } from 'node:timers/promises';
import type { Result } from 'ioredis';
import { SerialByKey } from '../util/serial-by-key.js';
import type { RedisClient } from './redis-client.js';

declare module 'ioredis' {
  interface RedisCommander<Context> {
    sportelloUnlock(key: string, token: string): Result<number, Context>;
    sportelloRenewLock(key: string, token: string, ttlMs: number): Result<number, Context>;
  }
}

/**
 * Runs the turns of one conversation one at a time. botbuilder saves conversation state with
 * eTag "*" (last write wins), so two turns of one conversation running at once, on one process
 * or on two, would each save their own copy and one update would be lost.
 */
export interface TurnLock {
  withLock<T>(conversation: string, turn: () => Promise<T>): Promise<T>;
}

export class TurnLockTimeout extends Error {
  constructor(conversation: string, waitedMs: number) {
    super(`turn lock: another turn of conversation "${conversation}" held the lock for more than ${waitedMs} ms`);
    this.name = 'TurnLockTimeout';
  }
}

/** One process: a queue of turns per conversation. */
export class MemoryTurnLock implements TurnLock {
  private readonly turns = new SerialByKey();

  withLock<T>(conversation: string, turn: () => Promise<T>): Promise<T> {
    return this.turns.run(conversation, turn);
  }
}

// Deletes or extends the lock only if it is still ours: after an expiry another turn may hold it.
const UNLOCK = `
if redis.call('GET', KEYS[1]) == ARGV[1] then return redis.call('DEL', KEYS[1]) end
return 0`;
const RENEW = `
if redis.call('GET', KEYS[1]) == ARGV[1] then return redis.call('PEXPIRE', KEYS[1], ARGV[2]) end
return 0`;

export interface RedisTurnLockOptions {
  keyPrefix: string;
  /**
   * The lock expires after this long unless renewed; a running turn renews it every third of
   * it, so a turn may take longer, and a process killed mid-turn frees its conversation soon.
   */
  ttlMs: number;
  /** How long a turn waits for the lock before giving up. */
  waitMs: number;
}

/** Every process sharing one Redis: SET NX PX with a random token, renewed and released by compare-and-set scripts. */
export class RedisTurnLock implements TurnLock {
  constructor(
    private readonly client: RedisClient,
    private readonly options: RedisTurnLockOptions,
  ) {
    client.defineCommand('sportelloUnlock', { numberOfKeys: 1, lua: UNLOCK });
    client.defineCommand('sportelloRenewLock', { numberOfKeys: 1, lua: RENEW });
  }

  redisKey(conversation: string): string {
    return `${this.options.keyPrefix}lock:${conversation}`;
  }

  async withLock<T>(conversation: string, turn: () => Promise<T>): Promise<T> {
    const key = this.redisKey(conversation);
    const token = randomUUID();
    await this.acquire(key, token, conversation);
    const { ttlMs } = this.options;
    const renewal = setInterval(() => void this.client.sportelloRenewLock(key, token, ttlMs).catch(() => undefined), ttlMs / 3);
    renewal.unref();
    try {
      return await turn();
    } finally {
      clearInterval(renewal);
      // If Redis is gone now, the lock expires by itself after ttlMs.
      await this.client.sportelloUnlock(key, token).catch(() => undefined);
    }
  }

  private async acquire(key: string, token: string, conversation: string): Promise<void> {
    const deadline = Date.now() + this.options.waitMs;
    let pause = 5;
    for (;;) {
      if ((await this.client.set(key, token, 'PX', this.options.ttlMs, 'NX')) === 'OK') return;
      if (Date.now() >= deadline) throw new TurnLockTimeout(conversation, this.options.waitMs);
      // Jittered exponential backoff, so two waiting turns do not poll in step.
      await sleep(Math.min(pause * (0.5 + Math.random()), Math.max(deadline - Date.now(), 1)));
      pause = Math.min(pause * 2, 200);
    }
  }
}
