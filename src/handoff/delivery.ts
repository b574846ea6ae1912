import { ActivityTypes, type Activity } from '../sdk/activity.js';
import type { ConversationStore } from '../directline/conversation-store.js';
import { DIRECTLINE_CHANNEL_ID } from '../directline/directline-channel.js';
import type { Reply } from '../replies/reply.js';
import { rendererFor } from '../replies/send.js';
import type { ProactiveConnector } from './connector.js';
import type { CustomerAddress } from './model.js';

/**
 * Gets what an agent (or the hand-off desk) says to a customer, outside the customer's own turn.
 * On our Direct Line the activities go into the conversation's log, which every process shares
 * once the log is in Redis, so the widget streaming from another process reads them; on Teams
 * and the Emulator they go through the connector at the conversation's service URL.
 */
export interface CustomerDelivery {
  deliver(customer: CustomerAddress, replies: Reply[], extra?: Partial<Activity>[]): Promise<void>;
}

export function customerDelivery(directLine: ConversationStore, connector: ProactiveConnector): CustomerDelivery {
  return {
    async deliver(customer, replies, extra = []) {
      const render = rendererFor(customer.channelId);
      const from = { id: customer.botId, name: customer.botName ?? '', role: 'bot' };
      const recipient = { id: customer.userId, name: customer.userName ?? '', role: 'user' };
      // Teams refuses events (400 BadArgument): hand-off status events go only where channels take them.
      const events = customer.channelId === 'msteams' ? extra.filter((a) => a.type !== ActivityTypes.Event) : extra;
      const activities: Partial<Activity>[] = [...replies.map((r) => ({ ...render(r) })), ...events].map((a) => ({
        type: ActivityTypes.Message,
        ...a,
        from,
        recipient,
        channelId: customer.channelId,
        conversation: { id: customer.conversationId, isGroup: false, conversationType: 'personal', name: '' },
        timestamp: new Date(),
      }));
      if (activities.length === 0) return;
      if (customer.channelId === DIRECTLINE_CHANNEL_ID) {
        await directLine.append(customer.conversationId, activities);
        return;
      }
      if (!customer.serviceUrl) throw new Error(`hand-off: no service URL to reach conversation ${customer.conversationId} on ${customer.channelId}`);
      for (const activity of activities) await connector.send({ serviceUrl: customer.serviceUrl, conversationId: customer.conversationId }, activity);
    },
  };
}
