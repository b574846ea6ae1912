import type { Activity, Attachment, CardAction, ChannelAccount, Entity } from 'botbuilder';
import type { FakeConnector, PostedActivity } from './fake-connector.js';

export type TeamsConversationType = 'personal' | 'groupChat' | 'channel';

export interface ChannelOptions {
  /** 'msteams' (Teams shapes), 'emulator' (the Bot Framework Emulator's shapes), or any other id. */
  channelId?: string;
  /** Teams only: where the conversation happens. */
  conversationType?: TeamsConversationType;
  locale?: string;
  /** The conversation id; for a Teams channel, the channel's thread (a post's replies go to `<id>;messageid=<post>`). */
  conversationId?: string;
}

export interface ChannelTurn {
  /** The HTTP status /api/messages answered. */
  status: number;
  /** The body /api/messages answered (an invoke's result). */
  body: unknown;
  /** The activity the channel posted. */
  sent: Partial<Activity>;
  /** Everything the bot posted to the connector during this turn, in order. */
  activities: PostedActivity[];
  /** The message activities among them. */
  replies: PostedActivity[];
}

/** The bot as Teams knows it ("28:" + app id) and as the Emulator does. */
export const TEAMS_BOT = { id: '28:sportello-bot', name: 'Sportello' };
export const TENANT = { id: 'tenant-0000' };

let counter = 0;
const uniqueId = (prefix: string) => `${prefix}${process.pid}-${Date.now().toString(36)}-${counter++}`;

/**
 * One conversation on a channel whose replies go through a connector (Teams, the Emulator), as
 * those channels post to /api/messages: no expectReplies, serviceUrl pointing at the fake
 * connector. Each call resolves when the bot's HTTP answer arrives, which is after its turn ran,
 * so the turn's replies are already recorded by the connector.
 */
export class ChannelConversation {
  readonly channelId: string;
  readonly conversationType: TeamsConversationType;
  readonly locale: string;
  /** The conversation id (for a Teams channel: the channel, without ;messageid=). */
  readonly id: string;
  /** The user who talks. */
  user = { id: '29:agent-1', name: 'Agent One', aadObjectId: 'aad-agent-1' };
  /** Replies of the last turn, where `click` looks for buttons. */
  last: PostedActivity[] = [];
  /** The id of the last top-level post in a Teams channel: the thread replies go to. */
  private thread?: string;

  constructor(
    readonly botUrl: string,
    readonly connector: FakeConnector,
    options: ChannelOptions = {},
  ) {
    this.channelId = options.channelId ?? 'msteams';
    this.conversationType = options.conversationType ?? 'personal';
    this.locale = options.locale ?? 'it-IT';
    this.id = options.conversationId ?? this.defaultId();
    if (this.channelId !== 'msteams') this.user = { id: uniqueId('user-'), name: 'User', aadObjectId: '' };
  }

  /** The conversation id replies of the current thread go to (Teams channel: "<channel>;messageid=<post>"). */
  get replyConversationId(): string {
    return this.conversationType === 'channel' && this.thread ? `${this.id};messageid=${this.thread}` : this.id;
  }

  /**
   * Sends text. In Teams, `mention` puts "<at>Sportello</at>" at the start or in the middle of the
   * text with its mention entity; in a channel, `newPost` starts a new thread (default: the first
   * message does, later ones reply in the thread).
   */
  say(text: string, options: { mention?: 'start' | 'middle'; newPost?: boolean; locale?: string } = {}): Promise<ChannelTurn> {
    const entities: Entity[] = [];
    let body = text;
    if (options.mention) {
      const at = `<at>${TEAMS_BOT.name}</at>`;
      if (options.mention === 'start') body = `${at} ${text}`;
      else {
        const words = text.split(' ');
        const middle = Math.max(1, Math.floor(words.length / 2));
        body = [...words.slice(0, middle), at, ...words.slice(middle)].join(' ');
      }
      entities.push({ type: 'mention', mentioned: TEAMS_BOT, text: at });
    }
    return this.post({ type: 'message', text: body, entities, ...(options.locale ? { locale: options.locale } : {}) }, options.newPost);
  }

  /**
   * Clicks a button among the last replies (or `replies`) by title, as the channel sends the
   * click: card buttons (Action.Submit) and suggested actions or hero-card buttons (messageBack, as clicked).
   */
  click(title: string, replies: PostedActivity[] = this.last): Promise<ChannelTurn> {
    const found = findButton(replies, title);
    if (!found) throw new Error(`no button "${title}" among: ${buttonTitles(replies).join(', ')}`);
    const replyToId = found.activity.id;
    if (found.kind === 'submit') return this.post(this.submitClick(found.data, replyToId));
    const action = found.action;
    return this.post({ type: 'message', text: String(action.text ?? action.title), value: action.value, replyToId });
  }

  /** A conversationUpdate: people (or the bot itself, with `TEAMS_BOT`) added to the conversation. */
  membersAdded(members: ChannelAccount[], channelData: Record<string, unknown> = {}): Promise<ChannelTurn> {
    return this.post({ type: 'conversationUpdate', membersAdded: members, channelData: { ...this.channelData(), ...channelData } });
  }

  /** An invoke (Teams compose-box search and the like): its result is the HTTP body. */
  invoke(name: string, value: unknown): Promise<ChannelTurn> {
    return this.post({ type: 'invoke', name, value });
  }

  /** Posts any activity in this conversation, filled in as the channel fills it. */
  async post(partial: Partial<Activity>, newPost?: boolean): Promise<ChannelTurn> {
    const id = uniqueId('incoming-');
    if (this.conversationType === 'channel' && partial.type === 'message' && !partial.replyToId && (newPost ?? !this.thread)) this.thread = id;
    const activity: Partial<Activity> = {
      id,
      channelId: this.channelId,
      serviceUrl: this.connector.url,
      timestamp: new Date(),
      from: this.user,
      recipient: this.channelId === 'msteams' ? TEAMS_BOT : { id: 'sportello', name: 'Sportello', role: 'bot' },
      conversation: this.conversation(partial.type === 'message'),
      locale: this.locale,
      ...(this.channelId === 'msteams' ? { channelData: this.channelData() } : {}),
      ...partial,
    };
    if (this.channelId === 'msteams') {
      activity.entities = [...(activity.entities ?? []), { type: 'clientInfo', locale: activity.locale, country: 'IT', platform: 'Web', timezone: 'Europe/Rome' }];
    }
    const before = this.connector.posted.length;
    const response = await fetch(`${this.botUrl}/api/messages`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(activity) });
    const text = await response.text();
    const activities = this.connector.posted.slice(before);
    const replies = activities.filter((a) => a.type === 'message');
    if (replies.length > 0) this.last = replies;
    return { status: response.status, body: text ? (JSON.parse(text) as unknown) : undefined, sent: activity, activities, replies };
  }

  /** How the channel posts an Action.Submit click. */
  private submitClick(data: Record<string, unknown>, replyToId: string | undefined): Partial<Activity> {
    // Teams (and the Agents Playground) post a plain Action.Submit as a message with the data as
    // its value, no text and no mention, even in a channel, marked as a postBack.
    if (this.channelId === 'msteams') return { type: 'message', value: data, replyToId, channelData: { ...this.channelData(), postBack: true } };
    // Web Chat and the Emulator post the whole data object as value, with no text.
    return { type: 'message', value: data, replyToId };
  }

  private defaultId(): string {
    if (this.channelId !== 'msteams') return uniqueId('emulator-conv-');
    if (this.conversationType === 'personal') return uniqueId('a:personal-');
    if (this.conversationType === 'groupChat') return `19:${uniqueId('group-')}@thread.v2`;
    return `19:${uniqueId('channel-')}@thread.tacv2`;
  }

  private conversation(isMessage: boolean): Activity['conversation'] {
    if (this.channelId !== 'msteams') return { id: this.id, isGroup: false, name: '', conversationType: '' } as Activity['conversation'];
    const shared = this.conversationType !== 'personal';
    const id = isMessage ? this.replyConversationId : this.id;
    return { id, isGroup: shared, conversationType: this.conversationType, tenantId: TENANT.id, name: '' } as Activity['conversation'];
  }

  private channelData(): Record<string, unknown> {
    if (this.channelId !== 'msteams') return {};
    const data: Record<string, unknown> = { tenant: TENANT };
    if (this.conversationType === 'channel') {
      data.teamsChannelId = this.id;
      data.teamsTeamId = '19:team-general@thread.tacv2';
      data.channel = { id: this.id, name: 'Support' };
      data.team = { id: '19:team-general@thread.tacv2', name: 'Support team' };
    }
    return data;
  }
}

type FoundButton =
  | { kind: 'submit'; activity: PostedActivity; data: Record<string, unknown> }
  | { kind: 'action'; activity: PostedActivity; action: CardAction };

interface CardButton {
  title: string;
  data?: Record<string, unknown>;
  action?: CardAction;
}

/** Every Action.Submit in an Adaptive Card (nested in ActionSets, containers, columns) and every hero-card button. */
function cardButtons(attachment: Attachment): CardButton[] {
  const found: CardButton[] = [];
  const walk = (node: unknown): void => {
    if (Array.isArray(node)) return node.forEach(walk);
    if (!node || typeof node !== 'object') return;
    const element = node as Record<string, unknown>;
    if (element.type === 'Action.Submit') found.push({ title: String(element.title), data: (element.data ?? {}) as Record<string, unknown> });
    for (const value of Object.values(element)) walk(value);
  };
  if (attachment.contentType === 'application/vnd.microsoft.card.adaptive') walk(attachment.content);
  const buttons = (attachment.content as { buttons?: CardAction[] } | undefined)?.buttons;
  if (attachment.contentType !== 'application/vnd.microsoft.card.adaptive' && buttons) for (const action of buttons) found.push({ title: action.title, action });
  return found;
}

function findButton(replies: PostedActivity[], title: string): FoundButton | undefined {
  for (const activity of [...replies].reverse()) {
    for (const button of (activity.attachments ?? []).flatMap(cardButtons)) {
      if (button.title !== title) continue;
      return button.data ? { kind: 'submit', activity, data: button.data } : { kind: 'action', activity, action: button.action! };
    }
    const action = activity.suggestedActions?.actions.find((a) => a.title === title);
    if (action) return { kind: 'action', activity, action };
  }
  return undefined;
}

/** The titles of every button the replies offer: card buttons and suggested actions. */
export function buttonTitles(replies: PostedActivity[]): string[] {
  return replies.flatMap((a) => [...(a.attachments ?? []).flatMap(cardButtons).map((b) => b.title), ...(a.suggestedActions?.actions ?? []).map((x) => String(x.title))]);
}

/** What the replies say: their text, or a card's fallback text. */
export function channelTexts(replies: PostedActivity[]): string {
  return replies
    .map((r) => r.text || (r.attachments ?? []).map((a) => (a.content as { fallbackText?: string } | undefined)?.fallbackText ?? '').join('\n'))
    .join('\n');
}
