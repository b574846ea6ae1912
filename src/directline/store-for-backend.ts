import type { Logger } from '../logging.js';
import type { StateBackend } from '../storage/state-backend.js';
import { defaultLimits, MemoryConversationStore, type ConversationStore } from './conversation-store.js';
import { RedisConversationStore } from './redis-conversation-store.js';

export interface ConversationStoreSettings {
  redisKeyPrefix: string;
  stateTtlSeconds: number;
  /** In memory only: conversations kept at most (MAX_CONVERSATIONS). */
  maxConversations: number;
}

/**
 * Direct Line conversations live where conversation state lives: in Redis when the backend has
 * it (every process serves every conversation, a restart loses nothing), else in this process.
 */
export function conversationStoreFor(backend: StateBackend, settings: ConversationStoreSettings, logger: Logger): ConversationStore {
  if (!backend.redis) {
    return new MemoryConversationStore({ ...defaultLimits, maxConversations: settings.maxConversations, idleMs: settings.stateTtlSeconds * 1000 });
  }
  return new RedisConversationStore(backend.redis, {
    keyPrefix: settings.redisKeyPrefix,
    ttlSeconds: settings.stateTtlSeconds,
    maxActivities: defaultLimits.maxActivities,
    logger,
  });
}
