import { TurnContext } from '../sdk/turn.js';
import { type Activity, type Attachment } from '../sdk/activity.js';
import { z } from 'zod';
import { AGENT_ACTION_KEY, agentTime } from './case-card.js';
import { HandoffDesk } from './desk.js';
import type { AgentChannel, HandoffCase } from './model.js';

const agentAction = z.object({ [AGENT_ACTION_KEY]: z.object({ action: z.enum(['take', 'close']), case: z.string().min(1).max(32) }) });

// Teams adds an HTML copy of every message; cards (an answer the agent inserted) are passed on.
const RELAYED_ATTACHMENT = /^application\/vnd\.microsoft\.card\./;

/** Teams text of a message, without the bot's mention and the little HTML Teams wraps it in. */
function plainText(activity: Activity): string {
  const text = TurnContext.removeRecipientMention(activity) ?? activity.text ?? '';
  return text
    .replace(/<at>[^<]*<\/at>/g, '')
    .replace(/<br\s*\/?>/gi, '\n')
    .replace(/<[^>]+>/g, '')
    .replace(/&nbsp;/g, ' ')
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&amp;/g, '&')
    .trim();
}

/** The channel a Teams activity was posted in (its conversation id without the thread's message id). */
function channelOf(activity: Activity): AgentChannel | undefined {
  const data = activity.channelData as { channel?: { id?: string }; tenant?: { id?: string } } | undefined;
  const channelId = data?.channel?.id ?? (activity.conversation.conversationType === 'channel' ? activity.conversation.id.split(';')[0] : undefined);
  if (!channelId || !activity.serviceUrl) return undefined;
  return { channelId, serviceUrl: activity.serviceUrl, ...(data?.tenant?.id ? { tenantId: data.tenant.id } : {}) };
}

/**
 * What agents do in Teams: Take and Close on a case card, messages in a case's thread (relayed
 * to the customer), and the channel commands "use this channel for hand-offs" and "tickets".
 * Returns false for anything else, which the bot then handles as usual.
 */
export async function handleAgentTurn(desk: HandoffDesk, context: TurnContext): Promise<boolean> {
  const activity = context.activity;
  if (activity.channelId !== 'msteams' || activity.type !== 'message') return false;
  const l = desk.agentLanguage;
  const tl = (key: string, values?: Record<string, unknown>) => desk.t(l, `handoff.agent.${key}`, values);

  const clicked = agentAction.safeParse(activity.value);
  if (clicked.success) {
    const { action, case: caseId } = clicked.data[AGENT_ACTION_KEY];
    const handoffCase = await desk.store.get(caseId);
    if (!handoffCase) return true;
    if (action === 'take') {
      const taken = await desk.take(caseId, HandoffDesk.agentOf(context));
      if (!taken) await context.sendActivity(handoffCase.agent ? tl('alreadyTaken', { name: handoffCase.agent.name }) : tl('isClosed'));
    } else if (!(await desk.close(caseId))) {
      await context.sendActivity(tl('isClosed'));
    }
    return true;
  }

  const caseId = await desk.store.caseOfThread(activity.conversation.id);
  const text = plainText(activity);
  const command = text ? desk.parts.reader.agentCommand(text) : undefined;
  if (caseId) {
    const handoffCase = await desk.store.get(caseId);
    if (!handoffCase) return false;
    if (command === 'close') {
      if (!(await desk.close(caseId))) await context.sendActivity(tl('isClosed'));
      return true;
    }
    if (command === 'tickets') return listTickets(desk, context);
    return relayToCustomer(desk, context, handoffCase, text);
  }

  if (command === 'useChannel') {
    const channel = channelOf(activity);
    if (!channel) {
      await context.sendActivity(tl('channelOnly'));
      return true;
    }
    await desk.store.setAgentChannel(channel);
    await context.sendActivity(tl('channelSet'));
    return true;
  }
  if (command === 'tickets') {
    const channel = channelOf(activity);
    const agents = await desk.agentChannel();
    // Tickets hold customers' questions and addresses: only the agents' own channel lists them.
    if (!channel || !agents || channel.channelId !== agents.channelId) return false;
    return listTickets(desk, context);
  }
  return false;
}

async function relayToCustomer(desk: HandoffDesk, context: TurnContext, handoffCase: HandoffCase, text: string): Promise<boolean> {
  const tl = (key: string, values?: Record<string, unknown>) => desk.t(desk.agentLanguage, `handoff.agent.${key}`, values);
  if (handoffCase.status !== 'connected') {
    await context.sendActivity(handoffCase.status === 'closed' ? tl('isClosed') : tl('notTaken'));
    return true;
  }
  const cards: Attachment[] = (context.activity.attachments ?? []).filter((a) => RELAYED_ATTACHMENT.test(a.contentType));
  if (!text && cards.length === 0) return true;
  const name = context.activity.from.name || handoffCase.agent?.name || '';
  await desk.store.appendMessage(handoffCase.id, { from: 'agent', text: text || `[${cards.length} card]`, at: desk.now().toISOString() });
  await desk.toCustomer(
    handoffCase,
    text ? [{ text: desk.t(handoffCase.language, 'handoff.agentSays', { name, text }) }] : [],
    cards.length > 0 ? [{ type: 'message', attachments: cards }] : [],
  );
  return true;
}

async function listTickets(desk: HandoffDesk, context: TurnContext): Promise<boolean> {
  const l = desk.agentLanguage;
  const tl = (key: string, values?: Record<string, unknown>) => desk.t(l, `handoff.agent.${key}`, values);
  const ids = await desk.store.tickets();
  const tickets = (await Promise.all(ids.map((id) => desk.store.get(id)))).filter((c): c is HandoffCase => c !== undefined);
  if (tickets.length === 0) {
    await context.sendActivity(tl('noTickets'));
    return true;
  }
  const lines = tickets.map((c) =>
    tl('ticketLine', {
      id: c.id,
      time: agentTime(c.openedAt, l, desk.parts.settings.hours?.timeZone),
      language: tl(`languages.${c.language}`),
      question: c.summary.firstQuestion ?? tl('none'),
      email: c.email ?? tl('noEmail'),
    }),
  );
  await context.sendActivity({ type: 'message', textFormat: 'markdown', text: [tl('tickets', { count: tickets.length }), ...lines.map((x) => `- ${x}`)].join('\n') });
  return true;
}
