import { TurnContext, type Activity } from 'botbuilder';
import { readPayload } from '../replies/payload.js';

/** Teams conversation types where people talk among themselves, and the bot only when called. */
const SHARED_CONVERSATIONS = new Set(['channel', 'groupChat']);

/**
 * Whether a message is for the bot. In a personal chat (and every other channel) always; in a
 * Teams channel or group chat only when it mentions the bot, or clicks one of its buttons.
 */
export function isAddressedToBot(activity: Activity): boolean {
  if (!SHARED_CONVERSATIONS.has(activity.conversation?.conversationType ?? '')) return true;
  if (readPayload(activity.value)) return true;
  return TurnContext.getMentions(activity).some((mention) => mention.mentioned?.id === activity.recipient?.id);
}
