import { randomUUID } from 'node:crypto';
import type { Storage, StoreItems } from '../sdk/storage.js';
import type { Result } from 'ioredis';
import type { RedisClient } from './redis-client.js';

declare module 'ioredis' {
  interface RedisCommander<Context> {
    sportelloReadState(key: string, ttlMs: number): Result<[string | null, string | null], Context>;
    sportelloWriteState(key: string, expected: string, eTag: string, doc: string, ttlMs: number): Result<number, Context>;
  }
}

/**
 * Each item is a hash { e: eTag, d: JSON }. Every script touches exactly one key, so it runs
 * unchanged on Redis Cluster (a script's keys must share a slot).
 */
// Reading an item counts as activity: its idle timer starts again.
const READ = `
local found = redis.call('HMGET', KEYS[1], 'e', 'd')
if found[1] and tonumber(ARGV[1]) > 0 then redis.call('PEXPIRE', KEYS[1], ARGV[1]) end
return found`;

// Compare-and-set. ARGV: expected eTag ('' or '*' = unconditional), new eTag, JSON, TTL ms.
// A missing item is written whatever the expected eTag, as botbuilder's MemoryStorage does.
const WRITE = `
if ARGV[1] ~= '' and ARGV[1] ~= '*' then
  local current = redis.call('HGET', KEYS[1], 'e')
  if current and current ~= ARGV[1] then return 0 end
end
redis.call('HSET', KEYS[1], 'e', ARGV[2], 'd', ARGV[3])
if tonumber(ARGV[4]) > 0 then redis.call('PEXPIRE', KEYS[1], ARGV[4]) else redis.call('PERSIST', KEYS[1]) end
return 1`;

export interface RedisStorageOptions {
  /** Prepended to every key, e.g. "sportello:". */
  keyPrefix: string;
  /** An item nobody reads or writes for this long disappears; 0 keeps items forever. */
  ttlSeconds: number;
}

/**
 * botbuilder Storage on Redis with optimistic concurrency: a write carrying a stale eTag is
 * rejected with an error, like botbuilder's own stores; eTag "*" or none writes unconditionally.
 */
export class RedisStorage implements Storage {
  private readonly ttlMs: number;

  constructor(
    private readonly client: RedisClient,
    private readonly options: RedisStorageOptions,
  ) {
    this.ttlMs = options.ttlSeconds * 1000;
    client.defineCommand('sportelloReadState', { numberOfKeys: 1, lua: READ });
    client.defineCommand('sportelloWriteState', { numberOfKeys: 1, lua: WRITE });
  }

  /** The Redis key of a storage key. */
  redisKey(key: string): string {
    return `${this.options.keyPrefix}state:${key}`;
  }

  async read(keys: string[]): Promise<StoreItems> {
    if (!keys) throw new ReferenceError('Keys are required when reading.');
    // One command per key, not MGET: keys of one read may live on different cluster nodes.
    const found = await Promise.all(keys.map((key) => this.client.sportelloReadState(this.redisKey(key), this.ttlMs)));
    const items: StoreItems = {};
    found.forEach(([eTag, doc], i) => {
      if (eTag !== null && doc !== null) items[keys[i]!] = { ...JSON.parse(doc), eTag };
    });
    return items;
  }

  async write(changes: StoreItems): Promise<void> {
    if (!changes) throw new ReferenceError('Changes are required when writing.');
    await Promise.all(
      Object.entries(changes).map(async ([key, item]) => {
        const { eTag: expected, ...rest } = (item ?? {}) as { eTag?: string };
        const written = await this.client.sportelloWriteState(this.redisKey(key), expected ?? '', randomUUID(), JSON.stringify(rest), this.ttlMs);
        if (written !== 1) throw new Error(`Storage: error writing "${key}" due to eTag conflict.`);
      }),
    );
  }

  async delete(keys: string[]): Promise<void> {
    if (!keys) throw new ReferenceError('Keys are required when deleting.');
    // One DEL per key, for the same reason as read.
    await Promise.all(keys.map((key) => this.client.del(this.redisKey(key))));
  }
}
