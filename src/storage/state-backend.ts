import { MemoryStorage, type Storage } from '../sdk/storage.js';
import type { Logger } from '../logging.js';
import { createRedisClient, whenReady, type RedisClient, type RedisSettings } from './redis-client.js';
import { ExpiringMemoryStorage } from './expiring-memory-storage.js';
import { RedisStorage } from './redis-storage.js';
import { MemoryTurnLock, RedisTurnLock, type TurnLock } from './turn-lock.js';

/**
 * Where conversations live: the state storage, the lock that keeps one conversation's turns
 * in order, and the Redis client (when there is one) that other shared limits use too.
 */
export interface StateBackend {
  readonly kind: 'memory' | 'redis';
  readonly storage: Storage;
  readonly turnLock: TurnLock;
  readonly redis?: RedisClient;
  /** Waits (briefly) for the connection; false if the backend is not reachable yet. */
  connect(): Promise<boolean>;
  /** Throws unless the storage answers: the readiness probe. */
  ping(): Promise<void>;
  close(): Promise<void>;
}

export interface BackendSettings extends RedisSettings {
  redisKeyPrefix: string;
  stateTtlSeconds: number;
  /** Most state items kept in memory (no Redis): past it, the least recently used are forgotten. */
  memoryStateMaxItems: number;
  turnLockTtlMs: number;
  turnLockWaitMs: number;
}

/** In one process: lost on restart. The default for `npm start` and tests (createStateBackend gives it STATE_TTL_SECONDS). */
export function memoryBackend(storage: Storage = new MemoryStorage()): StateBackend {
  return {
    kind: 'memory',
    storage,
    turnLock: new MemoryTurnLock(),
    connect: async () => true,
    ping: async () => undefined,
    close: async () => undefined,
  };
}

export function redisBackend(client: RedisClient, settings: BackendSettings): StateBackend {
  const keyPrefix = settings.redisKeyPrefix;
  return {
    kind: 'redis',
    redis: client,
    storage: new RedisStorage(client, { keyPrefix, ttlSeconds: settings.stateTtlSeconds }),
    turnLock: new RedisTurnLock(client, { keyPrefix, ttlMs: settings.turnLockTtlMs, waitMs: settings.turnLockWaitMs }),
    connect: () => whenReady(client, 5_000),
    async ping() {
      await client.ping();
    },
    async close() {
      await client.quit().catch(() => client.disconnect());
    },
  };
}

/** Redis when REDIS_URL or REDIS_CLUSTER_NODES is set, memory otherwise. */
export function createStateBackend(settings: BackendSettings, logger: Logger): StateBackend {
  const client = createRedisClient(settings, logger);
  return client ? redisBackend(client, settings) : memoryBackend(new ExpiringMemoryStorage(settings.stateTtlSeconds * 1000, Date.now, settings.memoryStateMaxItems));
}
