import { LANGUAGES, type Language } from '../content/languages.js';
import { reliability } from '../understanding/calibration.js';
import type { LabelledMessage } from './labelled-set.js';

/** What a classifier said of one message: the label it picked and, if it knows, the language. */
export interface Prediction {
  intent: string;
  decision?: string;
  language?: string;
  /** Probability the classifier gives its own label, when it has one. */
  confidence?: number;
}

export type Classify = (message: LabelledMessage) => Prediction;

export interface EvaluationReport {
  total: number;
  /** Share of messages whose label is right (`none` included), per language and overall. */
  accuracy: Record<Language | 'all', number>;
  /** Share of in-scope messages whose label is right. */
  inScopeAccuracy: Record<Language | 'all', number>;
  /** Share of `none` messages labelled `none`. */
  outOfScopeRecall: Record<Language | 'all', number>;
  /** Share of messages whose detected language is right (when the classifier reports one). */
  languageAccuracy?: number;
  /** Of in-scope messages: answered outright, asked "did you mean", or declined. */
  decisions: Record<string, number>;
  perIntent: Array<{ intent: string; support: number; precision: number; recall: number }>;
  confusions: Array<{ expected: string; got: string; count: number; examples: string[] }>;
  /** How well `confidence` matches how often the label is right (when the classifier reports one). */
  calibration?: ReturnType<typeof reliability>;
  /** Milliseconds per message. */
  latency: { p50: number; p99: number; mean: number };
}

export const NONE_LABEL = 'none';

export function percentile(sorted: number[], p: number): number {
  if (sorted.length === 0) return 0;
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))]!;
}

const share = (hits: number, total: number) => (total === 0 ? Number.NaN : hits / total);

/** Runs every message through `classify` and measures accuracy, out-of-scope recall, confusions and latency. */
export function evaluate(messages: LabelledMessage[], classify: Classify): EvaluationReport {
  const times: number[] = [];
  const results = messages.map((message) => {
    const start = process.hrtime.bigint();
    const prediction = classify(message);
    times.push(Number(process.hrtime.bigint() - start) / 1e6);
    return { message, prediction, right: prediction.intent === message.expected };
  });
  const groups = [...LANGUAGES, 'all'] as const;
  const rate = (filter: (r: (typeof results)[number]) => boolean) =>
    Object.fromEntries(
      groups.map((g) => {
        const inGroup = results.filter((r) => (g === 'all' || r.message.language === g) && filter(r));
        return [g, share(inGroup.filter((r) => r.right).length, inGroup.length)];
      }),
    ) as Record<Language | 'all', number>;
  const labels = [...new Set(messages.map((m) => m.expected))].sort();
  const perIntent = labels.map((intent) => {
    const predicted = results.filter((r) => r.prediction.intent === intent);
    const actual = results.filter((r) => r.message.expected === intent);
    return {
      intent,
      support: actual.length,
      precision: share(predicted.filter((r) => r.right).length, predicted.length),
      recall: share(actual.filter((r) => r.right).length, actual.length),
    };
  });
  const confusionMap = new Map<string, { expected: string; got: string; count: number; examples: string[] }>();
  for (const r of results.filter((x) => !x.right)) {
    const key = `${r.message.expected}→${r.prediction.intent}`;
    const entry = confusionMap.get(key) ?? { expected: r.message.expected, got: r.prediction.intent, count: 0, examples: [] };
    entry.count++;
    if (entry.examples.length < 3) entry.examples.push(`[${r.message.language}] ${r.message.text}`);
    confusionMap.set(key, entry);
  }
  const decisions: Record<string, number> = {};
  for (const r of results.filter((x) => x.message.expected !== NONE_LABEL)) {
    const d = r.prediction.decision ?? 'answer';
    decisions[d] = (decisions[d] ?? 0) + 1;
  }
  const withLanguage = results.filter((r) => r.prediction.language);
  const withConfidence = results.filter((r) => r.prediction.confidence !== undefined);
  const sorted = [...times].sort((a, b) => a - b);
  return {
    total: messages.length,
    accuracy: rate(() => true),
    inScopeAccuracy: rate((r) => r.message.expected !== NONE_LABEL),
    outOfScopeRecall: rate((r) => r.message.expected === NONE_LABEL),
    ...(withLanguage.length > 0
      ? { languageAccuracy: share(withLanguage.filter((r) => r.prediction.language === r.message.language).length, withLanguage.length) }
      : {}),
    decisions,
    ...(withConfidence.length > 0
      ? { calibration: reliability(withConfidence.map((r) => ({ confidence: r.prediction.confidence!, right: r.right }))) }
      : {}),
    perIntent,
    confusions: [...confusionMap.values()].sort((a, b) => b.count - a.count),
    latency: { p50: percentile(sorted, 50), p99: percentile(sorted, 99), mean: times.reduce((a, b) => a + b, 0) / Math.max(1, times.length) },
  };
}
