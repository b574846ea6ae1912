import { Counter, Histogram, Registry, collectDefaultMetrics } from 'prom-client';
import type { EventSink, InsightEvent } from './event.js';

/**
 * The events as Prometheus counters and histograms, named sportello_*, each process its own
 * (Prometheus sums the instances). Entry labels hold entry ids (a few dozen at most), never text.
 */
export class TurnMetrics implements EventSink {
  readonly registry = new Registry();
  private readonly turns = new Counter({ name: 'sportello_turns_total', help: 'Messages the bot handled', labelNames: ['channel', 'language'], registers: [this.registry] });
  private readonly decisions = new Counter({
    name: 'sportello_decisions_total',
    help: 'What the understander decided for typed questions: answer, clarify or none (declined)',
    labelNames: ['decision', 'language', 'entry'],
    registers: [this.registry],
  });
  private readonly feedback = new Counter({
    name: 'sportello_feedback_total',
    help: 'Feedback: helpful (👍 value=yes / 👎 value=no) on answers, solved at the end of guided trees, rating after a hand-off (value=1..5), comment on that rating (value=the rating)',
    labelNames: ['kind', 'value', 'language', 'entry'],
    registers: [this.registry],
  });
  private readonly handoffs = new Counter({ name: 'sportello_handoffs_total', help: 'Hand-offs to a person, by phase: requested (a person offered), accepted (an agent took it), closed (the agent ended it), abandoned (nobody took it in time: a ticket)', labelNames: ['phase', 'language'], registers: [this.registry] });
  private readonly treeNodes = new Counter({ name: 'sportello_tree_nodes_total', help: 'Nodes of guided trees reached', labelNames: ['tree', 'node', 'language'], registers: [this.registry] });
  private readonly latency = new Histogram({
    name: 'sportello_turn_duration_seconds',
    help: 'Time the bot spent on a message',
    labelNames: ['language', 'entry'],
    buckets: [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5],
    registers: [this.registry],
  });
  private readonly wait = new Histogram({
    name: 'sportello_handoff_wait_seconds',
    help: 'How long customers waited for an agent to take a hand-off',
    labelNames: ['language'],
    buckets: [10, 30, 60, 120, 300, 600, 1800, 3600],
    registers: [this.registry],
  });

  constructor() {
    collectDefaultMetrics({ register: this.registry, prefix: 'sportello_process_' });
  }

  record(event: InsightEvent): void {
    const { language } = event;
    switch (event.type) {
      case 'turn':
        this.turns.inc({ channel: event.channel, language });
        if (event.decision) this.decisions.inc({ decision: event.decision, language, entry: event.entry ?? 'none' });
        this.latency.observe({ language, entry: event.entry ?? 'none' }, (event.latencyMs ?? 0) / 1000);
        break;
      case 'feedback': {
        const scored = event.feedback === 'rating' || event.feedback === 'comment';
        const value = scored ? String(event.value) : event.value ? 'yes' : 'no';
        this.feedback.inc({ kind: event.feedback ?? 'unknown', value, language, entry: event.entry ?? event.tree ?? 'none' });
        break;
      }
      case 'handoff':
        this.handoffs.inc({ phase: event.phase ?? 'unknown', language });
        if (event.waitMs !== undefined) this.wait.observe({ language }, event.waitMs / 1000);
        break;
      case 'tree':
        if (!event.outcome && event.tree && event.node) this.treeNodes.inc({ tree: event.tree, node: event.node, language });
        break;
    }
  }

  async text(): Promise<string> {
    return this.registry.metrics();
  }
}
