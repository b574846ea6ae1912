import type { Language } from '../content/languages.js';

/**
 * A hand-off case: one customer passed to a person. It lives in the hand-off store (memory or
 * Redis), not in any process, so any bot process can carry it on, and a closed page loses nothing.
 */
export type CaseStatus =
  /** Waiting for an agent to take it. */
  | 'queued'
  /** An agent took it: messages are relayed both ways. */
  | 'connected'
  /** Nobody took it in time (or out of hours): kept for agents to pick up later. */
  | 'ticket'
  /** The agent closed it. */
  | 'closed';

/**
 * What the customer's next message means while a case is theirs: wait for the agent, an
 * e-mail address for the ticket, a message for the agent, a rating, a comment. Without one,
 * the bot answers again.
 */
export type CustomerStep = 'waiting' | 'email' | 'chat' | 'rating' | 'comment';

/** Where the customer talks to the bot, so agent messages can reach them from any process. */
export interface CustomerAddress {
  channelId: string;
  conversationId: string;
  serviceUrl?: string;
  userId: string;
  userName?: string;
  botId: string;
  botName?: string;
  tenantId?: string;
}

/** The agents' Teams channel: where case threads are started. */
export interface AgentChannel {
  /** The channel's conversation id, 19:…@thread.tacv2 */
  channelId: string;
  serviceUrl: string;
  tenantId?: string;
}

/** A case's thread in the agents' channel, and its card (updated in place). */
export interface AgentThread {
  conversationId: string;
  serviceUrl: string;
  cardActivityId?: string;
}

export interface Agent {
  id: string;
  name: string;
  aadObjectId?: string;
}

/** A guided-check question and the answer the customer gave. */
export interface SummaryStep {
  question: string;
  answer: string;
}

/** The case, told once: what the agent needs to know before saying a word. Secrets were masked before any of it was kept. */
export interface CaseSummary {
  language: Language;
  /** The customer's first question, in their words (as masked by the first middleware). */
  firstQuestion?: string;
  /** Titles of the knowledge entries the bot showed. */
  entries: string[];
  /** Each guided check walked, with each answer. */
  checks: Array<{ title: string; steps: SummaryStep[]; outcome?: string; solved?: boolean }>;
  supportCode?: string;
  channel: string;
  /** ISO time the case was opened. */
  openedAt: string;
}

export interface Rating {
  score: number;
  comment?: string;
  at: string;
}

export interface HandoffCase {
  id: string;
  status: CaseStatus;
  /** What the customer's next message is read as; undefined once the bot has taken over again. */
  step?: CustomerStep;
  language: Language;
  customer: CustomerAddress;
  summary: CaseSummary;
  openedAt: string;
  thread?: AgentThread;
  agent?: Agent;
  takenAt?: string;
  closedAt?: string;
  /** When the customer was offered to leave an e-mail (once per case). */
  emailOfferedAt?: string;
  email?: string;
  rating?: Rating;
}

/** One message relayed, kept with the case so nothing is lost if a page closes. */
export interface CaseMessage {
  from: 'customer' | 'agent';
  text: string;
  at: string;
}
