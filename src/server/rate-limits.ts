import { RateLimiterMemory, RateLimiterRedis, RateLimiterRes } from 'rate-limiter-flexible';
import type { RedisClient } from '../storage/redis-client.js';

/** Counts one request (or `cost` points of it) for `key`; resolves with the seconds to wait when over the limit, else undefined. */
export type RateLimit = (key: string, cost?: number) => Promise<number | undefined>;

export interface RateLimits {
  /** POSTs and WebSocket upgrades, per client address. */
  perIp: RateLimit;
  /** Direct Line GETs (polling), per client address. */
  readsPerIp: RateLimit;
  /** Kilobytes of request bodies, per client address. */
  bodyKbPerIp: RateLimit;
  /** New Direct Line conversations and page tokens, per client address. */
  conversationsPerIp: RateLimit;
  perConversation: RateLimit;
}

export interface RateLimitSettings {
  rateLimitWindowSeconds: number;
  rateLimitPerIp: number;
  rateLimitReadsPerIp: number;
  rateLimitConversationsPerIp: number;
  rateLimitBodyKbPerIp: number;
  rateLimitPerConversation: number;
  redisKeyPrefix: string;
}

/**
 * Fixed-window limits from rate-limiter-flexible. With Redis the counts are shared by every
 * process, so a limit holds behind a load balancer; if Redis fails, each process falls back to
 * counting in memory instead of refusing or letting everything through.
 */
export function createRateLimits(settings: RateLimitSettings, redis?: RedisClient): RateLimits {
  const limit = (name: string, points: number): RateLimit => {
    if (points === 0) return async () => undefined;
    const duration = settings.rateLimitWindowSeconds;
    const memory = new RateLimiterMemory({ points, duration, keyPrefix: name });
    const limiter = redis
      ? new RateLimiterRedis({ storeClient: redis, points, duration, keyPrefix: `${settings.redisKeyPrefix}rate:${name}`, insuranceLimiter: memory })
      : memory;
    return async (key, cost = 1) => {
      try {
        await limiter.consume(key, cost);
        return undefined;
      } catch (rejection) {
        if (rejection instanceof RateLimiterRes) return Math.max(1, Math.ceil(rejection.msBeforeNext / 1000));
        throw rejection;
      }
    };
  };
  return {
    perIp: limit('ip', settings.rateLimitPerIp),
    readsPerIp: limit('ip-reads', settings.rateLimitReadsPerIp),
    conversationsPerIp: limit('ip-conversations', settings.rateLimitConversationsPerIp),
    bodyKbPerIp: limit('ip-body-kb', settings.rateLimitBodyKbPerIp),
    perConversation: limit('conversation', settings.rateLimitPerConversation),
  };
}
