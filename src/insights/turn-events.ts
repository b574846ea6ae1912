import type { Middleware, TurnContext } from '../sdk/turn.js';
import { languageOf, type Language } from '../content/languages.js';
import { peekTurnInput } from '../dialogs/turn-input.js';
import type { Decision } from '../understanding/decide.js';
import type { EventSink, FeedbackKind, HandoffPhase, InsightEvent, TreeOutcome } from './event.js';

/** What the understander said of a typed question, as the turn's event keeps it. */
export interface DecisionNote {
  decision: Decision;
  intent: string;
  confidence: number;
  /** The masked question. Kept only when the bot declined or clarified it. */
  text: string;
  candidates: ReadonlyArray<{ intent: string }>;
}

export interface FeedbackNote {
  kind: FeedbackKind;
  /** 1 / 0 for helpful and solved, 1-5 for a rating (and for the comment on it). */
  value: number;
  entry?: string;
  tree?: string;
  node?: string;
  /** The masked question the feedback is about (kept for a 👎 only), or the masked comment. */
  text?: string;
}

export interface HandoffNote {
  phase: HandoffPhase;
  waitMs?: number;
  outcome?: string;
  tree?: string;
  node?: string;
  /** The customer's conversation, when recorded from another one (an agent's turn in Teams). */
  conversation?: string;
  channel?: string;
  language?: Language;
}

/**
 * What a turn tells the support team, noted by the dialogs as they go. The RecordTurns
 * middleware turns the notes into events when the turn ends; without it (unit tests of a
 * dialog) the notes go nowhere.
 */
export interface TurnEvents {
  decided(note: DecisionNote): void;
  /** An entry's answer was shown. */
  answered(entry: string): void;
  /** A guided tree reached this node. */
  treeNode(tree: string, node: string): void;
  treeEnded(tree: string, node: string, outcome: TreeOutcome): void;
  feedback(note: FeedbackNote): void;
  handoff(note: HandoffNote): void;
  /**
   * This message is not a customer's (an agent's in a case thread, people talking among
   * themselves in a Teams channel): no turn event, so it counts as no conversation.
   */
  notCustomer(): void;
}

const RECORDER = Symbol('sportello.turnEvents');
const nowhere: TurnEvents = { decided() {}, answered() {}, treeNode() {}, treeEnded() {}, feedback() {}, handoff() {}, notCustomer() {} };

/** This turn's notes; a no-op recorder when events are not wired in. */
export function turnEvents(context: TurnContext): TurnEvents {
  return (context.turnState.get(RECORDER) as TurnEvents | undefined) ?? nowhere;
}

/** Decisions whose question text is kept for the review loop. */
const KEEP_TEXT: ReadonlySet<Decision> = new Set(['none', 'clarify']);

/**
 * One 'turn' event per message (decision, entry, confidence, tree and node, latency), plus the
 * feedback, tree and hand-off events the dialogs noted. Events go to the sink after the turn
 * has run; the sink writes them in the background, so a slow or broken database is never felt.
 */
export class RecordTurns implements Middleware {
  constructor(
    private readonly sink: EventSink,
    private readonly defaultLanguage: Language,
    private readonly clock: () => number = Date.now,
  ) {}

  async onTurn(context: TurnContext, next: () => Promise<void>): Promise<void> {
    if (context.activity.type !== 'message') return next();
    const started = performance.now();
    const turn: Partial<InsightEvent> = {};
    const later: Array<Omit<InsightEvent, 'conversation' | 'channel' | 'language'> & Partial<InsightEvent>> = [];
    const at = () => this.clock();
    let customer = true;
    context.turnState.set(RECORDER, {
      decided(note) {
        Object.assign(turn, {
          decision: note.decision,
          confidence: note.confidence,
          closest: note.candidates[0]?.intent,
          ...(note.decision !== 'none' ? { entry: note.intent } : {}),
          ...(KEEP_TEXT.has(note.decision) && note.text ? { text: note.text } : {}),
        });
      },
      answered(entry) {
        turn.entry = entry;
      },
      treeNode(tree, node) {
        Object.assign(turn, { tree, node });
        later.push({ at: at(), type: 'tree', tree, node });
      },
      treeEnded(tree, node, outcome) {
        Object.assign(turn, { tree, node });
        later.push({ at: at(), type: 'tree', tree, node, outcome });
      },
      feedback(note) {
        // The question's text is kept for a 👎 only (that is what the review loop reads), and a
        // comment after a hand-off is the text itself.
        const { kind, ...rest } = note;
        const keep = (kind === 'helpful' && note.value === 0) || kind === 'comment';
        later.push({ at: at(), type: 'feedback', ...rest, feedback: kind, text: keep ? note.text : undefined });
      },
      handoff(note) {
        later.push({ at: at(), type: 'handoff', ...note });
      },
      notCustomer() {
        customer = false;
      },
    } satisfies TurnEvents);
    try {
      await next();
    } finally {
      const base = {
        conversation: context.activity.conversation?.id ?? 'unknown',
        channel: context.activity.channelId ?? 'unknown',
        language: peekTurnInput(context)?.language ?? languageOf(context.activity.locale) ?? this.defaultLanguage,
      };
      if (customer) this.sink.record({ ...base, ...turn, at: at(), type: 'turn', latencyMs: performance.now() - started });
      for (const event of later) this.sink.record({ ...base, ...stripUndefined(event) });
    }
  }
}

function stripUndefined<T extends object>(value: T): T {
  return Object.fromEntries(Object.entries(value).filter(([, v]) => v !== undefined)) as T;
}
