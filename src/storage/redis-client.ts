import { createRequire } from 'node:module';
import type { Cluster, ClusterNode, Redis, RedisOptions } from 'ioredis';
import type { Logger } from '../logging.js';

/** One Redis or a Redis Cluster: the code above this module does not care which. */
export type RedisClient = Redis | Cluster;

/** Told apart by ioredis' own flag, so callers need not load ioredis to use `instanceof`. */
export const isCluster = (client: RedisClient): client is Cluster => client.isCluster;

export interface RedisSettings {
  redisUrl?: string;
  redisClusterNodes?: string;
}

/**
 * Fail fast instead of queueing: while Redis is away a turn should end in an apology within a
 * couple of seconds, not hang until the load balancer gives up. ioredis keeps reconnecting in
 * the background (capped backoff), so the first turn after Redis is back works again.
 */
const failFast: RedisOptions = {
  enableOfflineQueue: false,
  maxRetriesPerRequest: 1,
  connectTimeout: 5_000,
  commandTimeout: 2_000,
  enableAutoPipelining: true,
  retryStrategy: (attempt: number) => Math.min(50 * 2 ** attempt, 1_000),
};

/** "redis://:pw@host:6380" or "host:6380" → a cluster seed, plus the credentials it carries. */
function clusterSeed(text: string): { node: ClusterNode; options: RedisOptions } {
  const url = new URL(text.includes('://') ? text : `redis://${text}`);
  const options: RedisOptions = {};
  if (url.username) options.username = decodeURIComponent(url.username);
  if (url.password) options.password = decodeURIComponent(url.password);
  if (url.protocol === 'rediss:') options.tls = {};
  return { node: { host: url.hostname, port: Number(url.port || 6379) }, options };
}

/** Builds the client the settings ask for, or undefined when Redis is not configured. */
export function createRedisClient(settings: RedisSettings, logger: Logger): RedisClient | undefined {
  const { redisClusterNodes, redisUrl } = settings;
  if (!redisClusterNodes && !redisUrl) return undefined;
  // Loaded only when Redis is configured: ioredis costs ~8 MB of heap that a single process on
  // memory state would carry for nothing. require keeps this function synchronous.
  const ioredis = createRequire(import.meta.url)('ioredis') as typeof import('ioredis');
  let client: RedisClient;
  if (redisClusterNodes) {
    const seeds = redisClusterNodes.split(',').map((s) => s.trim()).filter(Boolean).map(clusterSeed);
    client = new ioredis.Cluster(
      seeds.map((s) => s.node),
      {
        redisOptions: { ...failFast, ...seeds[0]?.options },
        enableOfflineQueue: false,
        enableAutoPipelining: true,
        clusterRetryStrategy: failFast.retryStrategy,
      },
    );
  } else if (redisUrl) {
    client = new ioredis.Redis(redisUrl, failFast);
  } else {
    return undefined;
  }
  // Without a listener ioredis prints every failed reconnect to stderr; one structured line is ours.
  let down = false;
  client.on('error', (error: Error) => {
    if (!down) logger.error({ err: { message: error.message, name: error.name } }, 'redis unavailable');
    down = true;
  });
  client.on('ready', () => {
    if (down) logger.info('redis available again');
    down = false;
  });
  return client;
}

/** Resolves when the client is connected, or after `timeoutMs` (the app starts anyway and reports not ready). */
export function whenReady(client: RedisClient, timeoutMs: number): Promise<boolean> {
  if (client.status === 'ready') return Promise.resolve(true);
  return new Promise((resolve) => {
    const timer = setTimeout(() => {
      client.off('ready', onReady);
      resolve(false);
    }, timeoutMs);
    const onReady = () => {
      clearTimeout(timer);
      resolve(true);
    };
    client.once('ready', onReady);
  });
}
