import type { ChannelAccount } from '../sdk/activity.js';
import type { BotFrameworkAuthentication } from '../sdk/connector.js';
import type { Config } from '../config.js';
import type { Content } from '../content/load-content.js';
import type { ConversationStore } from '../directline/conversation-store.js';
import type { Translate } from '../i18n/i18n.js';
import type { EventSink } from '../insights/event.js';
import type { Logger } from '../logging.js';
import type { StateBackend } from '../storage/state-backend.js';
import { botConnector } from './connector.js';
import { customerDelivery } from './delivery.js';
import { HandoffDesk } from './desk.js';
import { parseHours } from './hours.js';
import { RedisHandoffStore } from './redis-store.js';
import { MemoryHandoffStore } from './store.js';
import { createHandoffReader } from './vocabulary.js';

export interface DeskWiring {
  config: Config;
  content: Content;
  t: Translate;
  logger: Logger;
  backend: StateBackend;
  auth: BotFrameworkAuthentication;
  directLineStore: ConversationStore;
  bot: ChannelAccount;
  /** Where the desk records cases taken, closed and left to tickets (the support team's events). */
  events?: EventSink;
}

/** The hand-off desk from config: cases in Redis next to conversation state when there is one, else in memory. */
export function createHandoffDesk(w: DeskWiring): HandoffDesk {
  const { config } = w;
  const store = w.backend.redis ? new RedisHandoffStore(w.backend.redis, config.redisKeyPrefix) : new MemoryHandoffStore();
  const connector = botConnector(w.auth, { id: w.bot.id, name: w.bot.name }, config.appId);
  return new HandoffDesk({
    settings: {
      ...(config.handoffTeamsChannelId && config.handoffTeamsServiceUrl
        ? { channel: { channelId: config.handoffTeamsChannelId, serviceUrl: config.handoffTeamsServiceUrl, ...(config.handoffTeamsTenantId ? { tenantId: config.handoffTeamsTenantId } : {}) } }
        : {}),
      waitSeconds: config.handoffWaitSeconds,
      ...(config.handoffHours ? { hours: parseHours(config.handoffHours), hoursText: config.handoffHours } : {}),
      agentLanguage: config.handoffAgentLanguage ?? config.defaultLocale,
    },
    store,
    connector,
    delivery: customerDelivery(w.directLineStore, connector),
    t: w.t,
    kb: w.content.kb,
    trees: w.content.trees,
    reader: createHandoffReader(w.content.handoff),
    logger: w.logger,
    ...(w.events ? { events: w.events } : {}),
  });
}
