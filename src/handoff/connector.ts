import type { Activity } from '../sdk/activity.js';
import { AuthenticationConstants, ClaimsIdentity, type BotFrameworkAuthentication, type ConnectorClient } from '../sdk/connector.js';

/** Where a proactive message goes: a conversation at a channel's service URL. */
export interface ConversationAddress {
  serviceUrl: string;
  conversationId: string;
}

/**
 * Proactive messages through the Bot Framework connector, as any Teams bot sends them: start a
 * thread in a channel (create conversation), post into a conversation, update a card in place.
 * Outside any turn, so no middleware or turn lock runs: sending to the agents' thread from a
 * customer's turn (and back) can never wait on the other conversation's turn.
 */
export interface ProactiveConnector {
  /** Starts a new thread in a Teams channel with `activity` as its first post. */
  createThread(channel: { serviceUrl: string; channelId: string; tenantId?: string }, activity: Partial<Activity>): Promise<{ conversationId: string; activityId?: string }>;
  send(to: ConversationAddress, activity: Partial<Activity>): Promise<string | undefined>;
  update(to: ConversationAddress, activityId: string, activity: Partial<Activity>): Promise<void>;
}

/** The connector with the bot's own credentials (none on the Emulator), from the same authentication the adapter uses. */
export function botConnector(auth: BotFrameworkAuthentication, bot: { id: string; name: string }, appId: string | undefined): ProactiveConnector {
  const identity = new ClaimsIdentity([
    { type: AuthenticationConstants.AudienceClaim, value: appId ?? '' },
    { type: AuthenticationConstants.AppIdClaim, value: appId ?? '' },
  ]);
  const factory = auth.createConnectorFactory(identity);
  const clients = new Map<string, Promise<ConnectorClient>>();
  const client = (serviceUrl: string): Promise<ConnectorClient> => {
    const made = clients.get(serviceUrl) ?? factory.create(serviceUrl);
    clients.set(serviceUrl, made);
    return made;
  };
  return {
    async createThread(channel, activity) {
      const connector = await client(channel.serviceUrl);
      const created = await connector.conversations.createConversation({
        isGroup: true,
        channelData: { channel: { id: channel.channelId }, ...(channel.tenantId ? { tenant: { id: channel.tenantId } } : {}) },
        ...(channel.tenantId ? { tenantId: channel.tenantId } : {}),
        activity: activity as Activity,
        bot: { id: appId ? `28:${appId}` : bot.id, name: bot.name },
      });
      return { conversationId: created.id, ...(created.activityId ? { activityId: created.activityId } : {}) };
    },
    async send(to, activity) {
      const connector = await client(to.serviceUrl);
      const sent = await connector.conversations.sendToConversation(to.conversationId, { ...activity, conversation: { id: to.conversationId } } as Activity);
      return sent.id;
    },
    async update(to, activityId, activity) {
      const connector = await client(to.serviceUrl);
      await connector.conversations.updateActivity(to.conversationId, activityId, { ...activity, id: activityId, conversation: { id: to.conversationId } } as Activity);
    },
  };
}
