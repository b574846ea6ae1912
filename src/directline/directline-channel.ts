import { ActivityTypes, DeliveryModes, type Activity, type ChannelAccount } from '../sdk/activity.js';
import { type TurnContext } from '../sdk/turn.js';
import type { Logger } from '../logging.js';
import type { ConversationStore, StoredConversation } from './conversation-store.js';
import type { InProcessAdapter } from './in-process-adapter.js';
import { MemoryTurnLock, type TurnLock } from '../storage/turn-lock.js';
import type { ClientActivity } from './schemas.js';

export const DIRECTLINE_CHANNEL_ID = 'directline';
/** Replies come back in the response body (expectReplies), so this address is never called. */
const SERVICE_URL = 'https://directline.sportello.invalid/';

export interface DirectLineChannelOptions {
  store: ConversationStore;
  /**
   * An adapter with no Bot Framework credentials, used by this channel alone: the Direct Line
   * routes check their own secret and tokens, and replies never leave the process.
   */
  adapter: InProcessAdapter;
  logic: (context: TurnContext) => Promise<void>;
  bot: ChannelAccount;
  logger: Logger;
  /**
   * Keeps a conversation's turns apart: the echo, the turn and its replies are logged together,
   * on whichever process posts next. By default in this process only; with Redis, shared.
   */
  turns?: TurnLock;
  /** Hides secrets in the copy the log keeps (the echo clients read back); the turn redacts its own. */
  redact?: (activity: Partial<Activity>) => Partial<Activity>;
}

/**
 * The bot's side of our Direct Line: runs each client activity through the bot in process,
 * with deliveryMode expectReplies, and appends the activity and the replies to the
 * conversation's log, where clients poll or stream them in order.
 */
export class DirectLineChannel {
  /** One turn at a time per conversation, so replies never interleave and state is not raced. */
  private readonly turns: TurnLock;

  constructor(private readonly options: DirectLineChannelOptions) {
    this.turns = options.turns ?? new MemoryTurnLock();
  }

  /**
   * The log's own lock key: the turn inside takes the bot's lock (OneTurnAtATime) on
   * `directline/<id>`, and a Redis lock is not re-entrant.
   */
  private lockKey(conversation: StoredConversation): string {
    return `directline-log/${conversation.id}`;
  }

  /** Tells the bot who joined a new conversation, so it greets them; the greeting is logged. */
  start(conversation: StoredConversation): Promise<void> {
    const user: ChannelAccount = { id: conversation.userId, name: '', role: 'user' };
    return this.turns.withLock(this.lockKey(conversation), async () => {
      await this.runTurn(conversation, {
        type: ActivityTypes.ConversationUpdate,
        membersAdded: [this.options.bot, user],
        from: user,
        ...(conversation.locale ? { locale: conversation.locale } : {}),
      });
    });
  }

  /** Logs the client's activity (the echo Web Chat waits for), runs the turn; resolves with the activity's id. */
  post(conversation: StoredConversation, activity: ClientActivity): Promise<string> {
    return this.turns.withLock(this.lockKey(conversation), async () => {
      const incoming: Partial<Activity> = {
        ...activity,
        // The conversation's user, whatever the client claims: a token speaks for one user.
        from: { id: conversation.userId, name: activity.from?.name ?? '', role: 'user' },
        locale: activity.locale ?? conversation.locale,
      };
      // Typing is passed on but not echoed: nobody needs it back.
      if (incoming.type === ActivityTypes.Typing) return (await this.runTurn(conversation, incoming)).id;
      const logged = this.options.redact ? this.options.redact(incoming) : incoming;
      const [echo] = (await this.options.store.append(conversation.id, [this.address(conversation, logged)])).activities;
      await this.runTurn(conversation, { ...incoming, id: echo!.id });
      return echo!.id;
    });
  }

  private async runTurn(conversation: StoredConversation, activity: Partial<Activity>): Promise<{ id: string }> {
    const { adapter, logic, store, logger } = this.options;
    const id = activity.id ?? `${conversation.id}|${activity.type}-${Date.now()}`;
    const turn = {
      ...this.address(conversation, activity),
      id,
      recipient: this.options.bot,
      serviceUrl: SERVICE_URL,
      deliveryMode: DeliveryModes.ExpectReplies,
    } as Activity;
    const response = await adapter.runTurn(turn, logic);
    // Debugging traces never get here: OutgoingForChannel keeps them on the Emulator's channel.
    const replies = ((response?.body as { activities?: Activity[] } | undefined)?.activities ?? [])
      .map((reply) =>
      this.address(conversation, { ...reply, deliveryMode: undefined, serviceUrl: undefined, callerId: undefined }),
    );
    if (replies.length > 0) await store.append(conversation.id, replies);
    logger.debug({ conversation: conversation.id, type: activity.type, replies: replies.length }, 'direct line turn');
    return { id };
  }

  /** The fields every logged activity carries on this channel. */
  private address(conversation: StoredConversation, activity: Partial<Activity>): Partial<Activity> {
    return {
      ...activity,
      channelId: DIRECTLINE_CHANNEL_ID,
      conversation: { id: conversation.id, isGroup: false, conversationType: 'personal', name: '' },
      timestamp: new Date(),
    };
  }
}
