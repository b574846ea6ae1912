import { randomBytes } from 'node:crypto';
import { ActivityTypes, type Activity } from '../sdk/activity.js';
import { type TurnContext } from '../sdk/turn.js';
import type { Language } from '../content/languages.js';
import type { Translate } from '../i18n/i18n.js';
import type { KnowledgeBase } from '../knowledge/model.js';
import type { EventSink, HandoffPhase } from '../insights/event.js';
import type { Logger } from '../logging.js';
import type { Reply, ReplyChoice } from '../replies/reply.js';
import type { TreeCatalog } from '../trees/model.js';
import type { CaseNotes } from './case-notes.js';
import { caseCard } from './case-card.js';
import type { ProactiveConnector } from './connector.js';
import type { CustomerDelivery } from './delivery.js';
import { isOpen, type SupportHours } from './hours.js';
import type { Agent, AgentChannel, CustomerAddress, HandoffCase } from './model.js';
import { queuePlace } from './queue.js';
import type { HandoffStore } from './store.js';
import { buildSummary } from './summary.js';
import type { HandoffReader } from './vocabulary.js';

export interface HandoffSettings {
  /** The agents' channel from HANDOFF_TEAMS_*; one set with "use this channel" in Teams wins. */
  channel?: AgentChannel;
  waitSeconds: number;
  hours?: SupportHours;
  /** HANDOFF_HOURS as written, to tell customers. */
  hoursText?: string;
  agentLanguage: Language;
}

export interface DeskParts {
  settings: HandoffSettings;
  store: HandoffStore;
  connector: ProactiveConnector;
  delivery: CustomerDelivery;
  t: Translate;
  kb: KnowledgeBase;
  trees: TreeCatalog;
  reader: HandoffReader;
  logger: Logger;
  /** The support team's events (src/insights): a case taken, closed, or left to a ticket. */
  events?: EventSink;
  now?: () => Date;
}

const newCaseId = () => randomBytes(4).toString('hex').toUpperCase().slice(0, 6);

/** Bot Framework's hand-off status event, for channels or contact centres that follow the convention. */
export const handoffStatus = (state: 'accepted' | 'completed' | 'failed', message?: string): Partial<Activity> => ({
  type: ActivityTypes.Event,
  name: 'handoff.status',
  value: { state, ...(message ? { message } : {}) },
});

/**
 * The hand-off desk: opens cases, posts them to the agents' Teams channel, moves them through
 * take, close and tickets, and carries messages between the two sides. Every change goes
 * through the store's atomic update, so two processes (or a sweep and a click) never both win.
 */
export class HandoffDesk {
  readonly now: () => Date;
  constructor(readonly parts: DeskParts) {
    this.now = parts.now ?? (() => new Date());
  }

  get t(): Translate {
    return this.parts.t;
  }
  get store(): HandoffStore {
    return this.parts.store;
  }
  get agentLanguage(): Language {
    return this.parts.settings.agentLanguage;
  }

  /** An event of the case's life, in the customer's conversation (it happens in an agent's turn or a sweep). */
  private record(handoffCase: HandoffCase, phase: HandoffPhase, at: Date, extra: { waitMs?: number; outcome?: string } = {}): void {
    const { conversationId: conversation, channelId: channel } = handoffCase.customer;
    this.parts.events?.record({ at: at.getTime(), type: 'handoff', phase, conversation, channel, language: handoffCase.language, ...extra });
  }

  /** Where cases go: the channel agents chose in Teams, else the configured one; none: hand-offs are not set up. */
  async agentChannel(): Promise<AgentChannel | undefined> {
    return (await this.parts.store.agentChannel()) ?? this.parts.settings.channel;
  }

  /** The case as it would be told, in `language`, from this conversation's notes. */
  summarise(context: TurnContext, notes: CaseNotes, language: Language, customerLanguage: Language) {
    return buildSummary(notes, {
      kb: this.parts.kb,
      trees: this.parts.trees,
      language,
      customerLanguage,
      channel: context.activity.channelId,
      openedAt: this.now(),
    });
  }

  /** Opens a case for this customer: stored, queued, posted to the agents' channel. Returns what to tell the customer. */
  async open(context: TurnContext, notes: CaseNotes, language: Language): Promise<{ replies: Reply[]; handoffCase?: HandoffCase }> {
    const channel = await this.agentChannel();
    if (!channel) return { replies: [] };
    const now = this.now();
    const activity = context.activity;
    const customer: CustomerAddress = {
      channelId: activity.channelId,
      conversationId: activity.conversation.id,
      ...(activity.serviceUrl ? { serviceUrl: activity.serviceUrl } : {}),
      userId: activity.from.id,
      ...(activity.from.name ? { userName: activity.from.name } : {}),
      botId: activity.recipient.id,
      ...(activity.recipient.name ? { botName: activity.recipient.name } : {}),
    };
    const inHours = isOpen(this.parts.settings.hours, now);
    const handoffCase: HandoffCase = {
      id: newCaseId(),
      status: inHours ? 'queued' : 'ticket',
      step: inHours ? 'waiting' : 'email',
      language,
      customer,
      summary: this.summarise(context, notes, this.agentLanguage, language),
      openedAt: now.toISOString(),
      ...(inHours ? {} : { emailOfferedAt: now.toISOString() }),
    };
    await this.store.create(handoffCase);
    await this.store.setCaseOfCustomer(customer.conversationId, handoffCase.id);
    if (inHours) await this.store.enqueue(handoffCase.id, now.getTime());
    else await this.store.addTicket(handoffCase.id, now.getTime());
    await this.postCard(handoffCase, channel);
    if (!inHours) return { replies: [this.emailOffer(language, 'closed')], handoffCase };
    return { replies: [{ text: this.t(language, 'handoff.queued', { ...(await this.place(handoffCase.id)) }) }], handoffCase };
  }

  /** Starts the case's thread in the agents' channel with its card. */
  private async postCard(handoffCase: HandoffCase, channel: AgentChannel): Promise<void> {
    const card = this.card(handoffCase);
    const thread = await this.parts.connector.createThread(channel, { type: ActivityTypes.Message, attachments: [card] });
    // Teams names a channel thread "<channel>;messageid=<first post>": the card's id is there when the connector does not say.
    const cardActivityId = thread.activityId ?? /;messageid=(\d+)/.exec(thread.conversationId)?.[1];
    await this.store.setCaseOfThread(thread.conversationId, handoffCase.id);
    await this.store.update(handoffCase.id, (c) => ({
      ...c,
      thread: { conversationId: thread.conversationId, serviceUrl: channel.serviceUrl, ...(cardActivityId ? { cardActivityId } : {}) },
    }));
  }

  card(handoffCase: HandoffCase) {
    return caseCard(handoffCase, this.t, this.agentLanguage, this.parts.settings.hours?.timeZone);
  }

  /** Redraws the case's card in its thread, where it is (a failed update is logged: the thread still works). */
  async refreshCard(handoffCase: HandoffCase): Promise<void> {
    const thread = handoffCase.thread;
    if (!thread?.cardActivityId) return;
    try {
      await this.parts.connector.update(thread, thread.cardActivityId, { type: ActivityTypes.Message, attachments: [this.card(handoffCase)] });
    } catch (error) {
      this.parts.logger.warn({ err: error, case: handoffCase.id }, 'hand-off: card update failed');
    }
  }

  /** Posts in the case's thread. */
  async toThread(handoffCase: HandoffCase, activity: Partial<Activity>): Promise<void> {
    if (!handoffCase.thread) return;
    await this.parts.connector.send(handoffCase.thread, { type: ActivityTypes.Message, textFormat: 'markdown', ...activity });
  }

  async toCustomer(handoffCase: HandoffCase, replies: Reply[], events: Partial<Activity>[] = []): Promise<void> {
    await this.parts.delivery.deliver(handoffCase.customer, replies, events);
  }

  async place(caseId: string) {
    return queuePlace(await this.store.queued(), caseId, await this.store.recentWaits()) ?? { position: 1, minutes: 1 };
  }

  /** An agent takes a case: named on the card, the customer told who joined. Undefined when someone else was first. */
  async take(caseId: string, agent: Agent): Promise<HandoffCase | undefined> {
    const now = this.now();
    const taken = await this.store.update(caseId, (c) =>
      (c.status === 'queued' || c.status === 'ticket') && c.step !== undefined
        ? { ...c, status: 'connected', step: 'chat', agent, takenAt: now.toISOString() }
        : undefined,
    );
    if (!taken) return undefined;
    await this.store.dequeue(caseId);
    await this.store.removeTicket(caseId);
    await this.store.recordWait(Math.round((now.getTime() - Date.parse(taken.openedAt)) / 1000));
    this.record(taken, 'accepted', now, { waitMs: now.getTime() - Date.parse(taken.openedAt) });
    await this.refreshCard(taken);
    await this.toCustomer(taken, [{ text: this.t(taken.language, 'handoff.joined', { name: agent.name }) }], [handoffStatus('accepted')]);
    return taken;
  }

  /** The agent ends the conversation: the customer is asked to rate it. */
  async close(caseId: string): Promise<HandoffCase | undefined> {
    const now = this.now();
    const closed = await this.store.update(caseId, (c) =>
      c.status === 'connected' ? { ...c, status: 'closed', step: 'rating', closedAt: now.toISOString() } : undefined,
    );
    if (!closed) return undefined;
    this.record(closed, 'closed', now);
    await this.refreshCard(closed);
    const name = closed.agent?.name ?? '';
    await this.toCustomer(closed, [{ text: this.t(closed.language, 'handoff.closed', { name }), choices: ratingChoices() }], [handoffStatus('completed')]);
    return closed;
  }

  /** "Leave an e-mail?", after the wait or outside support hours. */
  emailOffer(language: Language, why: 'wait' | 'closed'): Reply {
    const choice = (key: string, step: 'leave-email' | 'keep-waiting' | 'decline'): ReplyChoice => ({ title: this.t(language, key), payload: { action: 'handoff', step } });
    return why === 'wait'
      ? { text: this.t(language, 'handoff.offerEmail'), choices: [choice('handoff.leaveEmail', 'leave-email'), choice('handoff.keepWaiting', 'keep-waiting')] }
      : {
          text: this.t(language, 'handoff.offerEmailClosed', { hours: this.parts.settings.hoursText ?? '' }),
          choices: [choice('handoff.leaveEmail', 'leave-email'), choice('handoff.noThanks', 'decline')],
        };
  }

  /**
   * Cases nobody took within HANDOFF_WAIT_SECONDS become tickets, and their customers are offered
   * to leave an e-mail. Every process sweeps; the atomic update lets one of them win each case.
   */
  async sweep(): Promise<void> {
    const now = this.now();
    const waitMs = this.parts.settings.waitSeconds * 1000;
    for (const id of await this.store.queued()) {
      const expired = await this.store.update(id, (c) =>
        c.status === 'queued' && !c.emailOfferedAt && now.getTime() - Date.parse(c.openedAt) >= waitMs
          ? { ...c, status: 'ticket', step: 'email', emailOfferedAt: now.toISOString() }
          : undefined,
      );
      if (!expired) continue;
      this.record(expired, 'abandoned', now, { outcome: 'ticket' });
      await this.store.dequeue(id);
      await this.store.addTicket(id, Date.parse(expired.openedAt));
      await this.refreshCard(expired);
      try {
        await this.toCustomer(expired, [this.emailOffer(expired.language, 'wait')]);
      } catch (error) {
        // The customer may be gone (page closed): the ticket stays for the agents.
        this.parts.logger.warn({ err: error, case: id }, 'hand-off: could not offer the e-mail');
      }
    }
  }

  private sweeper?: NodeJS.Timeout;

  /** Sweeps for expired waits a few times per HANDOFF_WAIT_SECONDS (at most every 5 s) until stopped. */
  startSweeping(): void {
    if (this.sweeper) return;
    const every = Math.min(5_000, Math.max(250, (this.parts.settings.waitSeconds * 1000) / 4));
    let running = false;
    this.sweeper = setInterval(() => {
      if (running) return;
      running = true;
      this.sweep()
        .catch((error: unknown) => this.parts.logger.warn({ err: error }, 'hand-off: sweep failed'))
        .finally(() => {
          running = false;
        });
    }, every);
    this.sweeper.unref();
  }

  stopSweeping(): void {
    clearInterval(this.sweeper);
    this.sweeper = undefined;
  }

  /** The agent's display name as Teams sends it. */
  static agentOf(context: TurnContext): Agent {
    const from = context.activity.from;
    return { id: from.id, name: from.name || from.id, ...(from.aadObjectId ? { aadObjectId: from.aadObjectId } : {}) };
  }

  /** The conversation is the customer's as long as one of their cases waits for an answer from them. */
  async release(handoffCase: HandoffCase): Promise<void> {
    await this.store.setCaseOfCustomer(handoffCase.customer.conversationId, undefined);
  }
}

export const ratingChoices = (): ReplyChoice[] => [1, 2, 3, 4, 5].map((score) => ({ title: String(score), payload: { action: 'rate', score } }));


