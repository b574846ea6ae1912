import { Channels, type Activity } from '../sdk/activity.js';
import { TurnContext } from '../sdk/turn.js';
import { readPayload, type Payload } from '../replies/payload.js';

/** Teams conversation types where people talk among themselves, and the bot only when called. */
const SHARED_CONVERSATIONS = new Set(['channel', 'groupChat']);
const CARD_TYPES = new Set(['application/vnd.microsoft.card.adaptive', 'application/vnd.microsoft.card.thumbnail', 'application/vnd.microsoft.card.hero']);

const isShared = (activity: Partial<Activity>) => SHARED_CONVERSATIONS.has(activity.conversation?.conversationType ?? '');
const mentionsBot = (activity: Partial<Activity>) =>
  TurnContext.getMentions(activity).some((mention) => mention.mentioned?.id === activity.recipient?.id);

/**
 * The words without "<at>…</at>" mentions and without markup (without changing the activity, as
 * TurnContext's helper does): Teams puts a card picked from the compose-box search into the
 * message as a `<span class="inline-compose-card" …>` placeholder, which is no one's words.
 */
const textBesideMentions = (activity: Partial<Activity>) =>
  (activity.text ?? '')
    .replace(/<at>[^<]*<\/at>/g, ' ')
    .replace(/<[^>]*>/g, ' ')
    .replace(/\s+/g, ' ')
    .trim();

/**
 * A card an agent put into the conversation (from the compose-box search, or any Adaptive Card
 * with no words of its own): it is an answer already, not a question for the bot. Teams may
 * copy the card's text into the message; words found in the card are still the card's.
 */
function isInsertedCard(activity: Partial<Activity>): boolean {
  const cards = (activity.attachments ?? []).filter((a) => CARD_TYPES.has(a.contentType));
  if (cards.length === 0 || readPayload(activity.value)) return false;
  const text = textBesideMentions(activity);
  return !text || cards.some((card) => JSON.stringify(card.content ?? '').includes(text));
}

/**
 * Whether a message is for the bot. In a personal chat (and every other channel) always; in a
 * Teams channel or group chat only when it mentions the bot, or clicks one of its buttons.
 * Never a card inserted by an agent.
 */
export function isAddressedToBot(activity: Activity): boolean {
  if (isInsertedCard(activity)) return false;
  if (!isShared(activity)) return true;
  if (readPayload(activity.value)) return true;
  return mentionsBot(activity);
}

/** A bare "@Sportello", with nothing else: as if "help" had been clicked. */
export function impliedPayload(activity: Activity): Payload | undefined {
  if (activity.value !== undefined || (activity.attachments?.length ?? 0) > 0) return undefined;
  if (!mentionsBot(activity) || textBesideMentions(activity)) return undefined;
  return { action: 'command', command: 'help' };
}

/**
 * Who gets greeted when members are added: in a Teams team or group chat only the bot's own
 * arrival, with a short hello to everyone (a person joining a team is not the bot's business);
 * in a Teams personal chat the installation (the bot added, often alone); elsewhere (web,
 * Emulator) anyone but the bot joining, with the full welcome and its topic menu.
 */
export function welcomeFor(activity: Activity): 'welcome' | 'team' | undefined {
  const added = activity.membersAdded ?? [];
  const botAdded = added.some((m) => m.id === activity.recipient?.id);
  if (activity.channelId === Channels.Msteams) {
    if (isShared(activity)) return botAdded ? 'team' : undefined;
    return added.length > 0 ? 'welcome' : undefined;
  }
  return added.some((m) => m.id !== activity.recipient?.id) ? 'welcome' : undefined;
}
