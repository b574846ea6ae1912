import type { Activity } from 'botbuilder';
import { afterAll, beforeAll } from 'vitest';
import type { App } from '../../src/app.js';
import { ChannelConversation, TENANT } from '../support/channel.js';
import { FakeConnector, type PostedActivity } from '../support/fake-connector.js';
import { startHttpBot } from '../support/http-bot.js';

export const AGENTS_CHANNEL = '19:agents-support@thread.tacv2';

/** The env that points hand-offs at the fake connector, as HANDOFF_TEAMS_* point them at Teams. */
export const handoffEnv = (connector: FakeConnector, extra: Record<string, string> = {}) => ({
  HANDOFF_TEAMS_CHANNEL_ID: AGENTS_CHANNEL,
  HANDOFF_TEAMS_SERVICE_URL: connector.url,
  HANDOFF_TEAMS_TENANT_ID: TENANT.id,
  HANDOFF_AGENT_LANGUAGE: 'en',
  ...extra,
});

/**
 * One bot over HTTP with hand-offs pointed at a fake connector, started before a file's tests
 * and stopped after them. Read its parts inside tests: they exist once `beforeAll` has run.
 */
export function useHandoffBot(extra: Record<string, string> = {}): { readonly app: App; readonly url: string; readonly connector: FakeConnector } {
  let started: { app: App; url: string; connector: FakeConnector } | undefined;
  beforeAll(async () => {
    const connector = await FakeConnector.start();
    started = { connector, ...(await startHttpBot(handoffEnv(connector, extra))) };
  });
  afterAll(async () => {
    await started?.app.stop();
    await started?.connector.stop();
  });
  const part = <K extends 'app' | 'url' | 'connector'>(key: K) => {
    if (!started) throw new Error('the hand-off bot is read before beforeAll started it');
    return started[key];
  };
  return {
    get app() {
      return part('app');
    },
    get url() {
      return part('url');
    },
    get connector() {
      return part('connector');
    },
  };
}

/** A customer in the web widget, talking to the bot's own Direct Line endpoint as Web Chat does (polling). */
export class WidgetCustomer {
  conversationId = '';
  private watermark = '';
  /** Every activity the bot sent, in order. */
  readonly received: Activity[] = [];

  constructor(readonly base: string) {}

  private request(method: string, path: string, body?: unknown): Promise<Response> {
    return fetch(`${this.base}/v3/directline${path}`, {
      method,
      headers: { 'Content-Type': 'application/json' },
      ...(body === undefined ? {} : { body: JSON.stringify(body) }),
    });
  }

  async start(locale: string): Promise<void> {
    const response = await this.request('POST', '/conversations', { user: { id: 'dl_customer' }, locale });
    if (response.status !== 201) throw new Error(`start: ${response.status}`);
    this.conversationId = ((await response.json()) as { conversationId: string }).conversationId;
    this.locale = locale;
  }
  private locale = 'it-IT';

  /** Sends text (or a button's value) and returns what the bot said in answer to it. */
  async say(text: string, value?: unknown): Promise<Activity[]> {
    const before = this.received.length;
    const response = await this.request('POST', `/conversations/${this.conversationId}/activities`, {
      type: 'message',
      text,
      locale: this.locale,
      from: { id: 'dl_customer', role: 'user' },
      ...(value ? { value } : {}),
    });
    if (response.status !== 200) throw new Error(`post: ${response.status} ${await response.text()}`);
    await this.poll();
    return this.received.slice(before);
  }

  /** Clicks a button of the bot's latest activities that offer one with this title. */
  async click(title: string): Promise<Activity[]> {
    for (const activity of [...this.received].reverse()) {
      const action = activity.suggestedActions?.actions.find((a) => a.title === title);
      if (action) return this.say(String(action.text ?? action.title), action.value);
    }
    throw new Error(`no button "${title}" among: ${this.buttons().join(', ')}`);
  }

  buttons(): string[] {
    return this.received.flatMap((a) => a.suggestedActions?.actions ?? []).map((a) => String(a.title));
  }

  /** GET …/activities?watermark=, as Web Chat polls; keeps the bot's activities. */
  async poll(): Promise<Activity[]> {
    const response = await this.request('GET', `/conversations/${this.conversationId}/activities?watermark=${this.watermark}`);
    const set = (await response.json()) as { activities: Activity[]; watermark: string };
    this.watermark = set.watermark;
    const fromBot = set.activities.filter((a) => a.from?.role === 'bot' || a.from?.id !== 'dl_customer');
    this.received.push(...fromBot);
    return fromBot;
  }

  /** Polls until the bot has sent a message whose text matches; no clock: the test's timeout is the limit. */
  async waitFor(match: RegExp | string): Promise<Activity> {
    for (;;) {
      const found = this.received.find((a) => a.type === 'message' && (typeof match === 'string' ? textOf(a).includes(match) : match.test(textOf(a))));
      if (found) return found;
      await this.poll();
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
  }

  texts(): string {
    return this.received.filter((a) => a.type === 'message').map(textOf).join('\n');
  }
}

export const textOf = (a: Partial<Activity>) =>
  [a.text ?? '', ...(a.attachments ?? []).map((x) => JSON.stringify(x.content ?? ''))].join('\n');

/** The agents' side: Teams posting the agent's clicks and messages in a case's thread to /api/messages. */
export class TeamsAgent {
  constructor(
    readonly botUrl: string,
    readonly connector: FakeConnector,
    readonly user = { id: '29:anna', name: 'Anna Rossi', aadObjectId: 'aad-anna' },
  ) {}

  /** The agents' channel as Teams posts from it; thread messages name their thread's conversation. */
  private channel(): ChannelConversation {
    const conversation = new ChannelConversation(this.botUrl, this.connector, { conversationType: 'channel', conversationId: AGENTS_CHANNEL, locale: 'en-US' });
    conversation.user = this.user;
    return conversation;
  }

  /** Clicks a card button (Take, Close) as Teams posts an Action.Submit: a message with the data as value, in the thread. */
  clickCard(threadId: string, card: PostedActivity, title: string) {
    const actions = JSON.stringify(card.attachments?.[0]?.content ?? {});
    const parsed = JSON.parse(actions) as unknown;
    const data = findSubmit(parsed, title);
    if (!data) throw new Error(`no "${title}" on the card`);
    return this.channel().post({ type: 'message', text: '', value: data, replyToId: card.id, conversation: this.thread(threadId), channelData: this.channelData() });
  }

  /** A message in the case's thread (no mention needed: the bot reads its threads). */
  say(threadId: string, text: string, extra: Partial<Activity> = {}) {
    return this.channel().post({ type: 'message', text, conversation: this.thread(threadId), channelData: this.channelData(), ...extra });
  }

  /** A top-level post in the channel that mentions the bot ("@Sportello tickets"). */
  mention(text: string) {
    return this.channel().say(text, { mention: 'start', newPost: true });
  }

  private thread(threadId: string): Activity['conversation'] {
    return { id: threadId, isGroup: true, conversationType: 'channel', tenantId: TENANT.id, name: '' } as Activity['conversation'];
  }

  private channelData() {
    return { tenant: TENANT, channel: { id: AGENTS_CHANNEL, name: 'Support' }, teamsChannelId: AGENTS_CHANNEL };
  }
}

function findSubmit(node: unknown, title: string): Record<string, unknown> | undefined {
  if (Array.isArray(node)) {
    for (const n of node) {
      const found = findSubmit(n, title);
      if (found) return found;
    }
    return undefined;
  }
  if (!node || typeof node !== 'object') return undefined;
  const element = node as Record<string, unknown>;
  if (element.type === 'Action.Submit' && element.title === title) return element.data as Record<string, unknown>;
  for (const value of Object.values(element)) {
    const found = findSubmit(value, title);
    if (found) return found;
  }
  return undefined;
}

/** The case thread the bot started last, and its card as it stands now (updates included). */
export function lastThread(connector: FakeConnector): { threadId: string; card: () => PostedActivity } {
  // The fake connector names the conversations it creates "created-<n>".
  const threadId = connector.posted.filter((a) => a.postedTo.startsWith('created-')).at(-1)?.postedTo;
  if (!threadId) throw new Error('the bot started no case thread');
  return { threadId, card: () => connector.activities(threadId).filter((a) => a.attachments?.length).at(-1)! };
}
