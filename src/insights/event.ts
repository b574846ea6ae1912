import type { Language } from '../content/languages.js';
import type { Decision } from '../understanding/decide.js';

/** What one stored event is about. */
export type EventType = 'turn' | 'feedback' | 'tree' | 'handoff';

/** 👍/👎 on an answer, "solved?" at the end of a guided tree, a 1-5 rating after a hand-off and the comment that may follow it. */
export type FeedbackKind = 'helpful' | 'solved' | 'rating' | 'comment';

/** The life of a hand-off: a person offered, taken by an agent, closed by the agent, or left to a ticket (nobody took it in time). */
export type HandoffPhase = 'requested' | 'accepted' | 'closed' | 'abandoned';

/** How a guided tree run ended; a tree event without an outcome is a node reached. */
export type TreeOutcome = 'solved' | 'not-solved' | 'handoff' | 'cancelled' | 'switched';

/**
 * One row of the events table. No field holds what the customer typed except `text`, set
 * only for questions the bot declined, clarified or got a 👎 for and for comments after a
 * hand-off, already masked by the first middleware, and cleared after EVENTS_RETENTION_DAYS.
 */
export interface InsightEvent {
  /** Milliseconds since the epoch. */
  at: number;
  conversation: string;
  channel: string;
  language: Language;
  type: EventType;
  /** turn: what the understander decided for a typed question. */
  decision?: Decision;
  /** The knowledge entry answered, clarified towards, or given feedback on. */
  entry?: string;
  /** turn: the understander's calibrated confidence. */
  confidence?: number;
  /** The guided tree and node, when one was running or reached. */
  tree?: string;
  node?: string;
  feedback?: FeedbackKind;
  /** feedback: 1 / 0 for helpful and solved, 1-5 for a rating (and for the comment on it). */
  value?: number;
  phase?: HandoffPhase;
  /** handoff: how long the customer waited for an agent, in ms. */
  waitMs?: number;
  /** tree: how the run ended; handoff: how the case ended (free word chosen by the hand-off code). */
  outcome?: string;
  /** turn: time the bot spent on the turn, in ms. */
  latencyMs?: number;
  /** The masked question, only where the review loop needs it (see above); for a comment after a hand-off, the masked comment. */
  text?: string;
  /** The entry the understander ranked first, for the review loop to group by. */
  closest?: string;
}

/** Where events go: the database writer, the Prometheus counters. Never throws, never waits. */
export interface EventSink {
  record(event: InsightEvent): void;
}
