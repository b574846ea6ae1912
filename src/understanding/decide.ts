import { predictLogistic, type Logistic } from './logistic-fit.js';
import { NONE, type IntentEvidence } from './intent-model.js';

export type Decision = 'answer' | 'clarify' | 'none';

export interface Candidate {
  intent: string;
  score: number;
}

export interface Verdict {
  /** An entry id, or `none`. */
  intent: string;
  decision: Decision;
  /** Calibrated probability that `intent` is right (for `none`: that no entry answers). */
  confidence: number;
  /** Entry candidates, best first. */
  candidates: Candidate[];
  /** For `clarify`, the entries worth offering as "did you mean…". */
  offered: string[];
}

/**
 * The answer / clarify / none decision, learnt from the knowledge base itself at start-up
 * (src/understanding/calibrate.ts): two small logistic models over the evidence of a message,
 * one for "the best entry is right", one for "the right entry is among the first three".
 */
export interface DecisionModel {
  top1: Logistic;
  top3: Logistic;
  /** P(top-1 right) from which an entry is answered outright: the lowest that kept answers this precise in cross-validation. */
  answerAt: number;
  /** P(right entry among the offered) from which "did you mean" is asked rather than declining. */
  clarifyAt: number;
  /** How many entries a clarifying question offers at most. */
  maxChoices: number;
}

/** The entries the classifier lists, best first (`intents` says which labels are entries). */
export function rankEntries(evidence: IntentEvidence, intents: ReadonlySet<string>): Candidate[] {
  const ranked: Candidate[] = [];
  for (const [intent, score] of evidence.probabilities) if (intents.has(intent)) ranked.push({ intent, score });
  return ranked.sort((a, b) => b.score - a.score);
}

/** What the decision models read of a message's evidence: all in 0-1, none about any particular entry. */
export function decisionFeatures(evidence: IntentEvidence, ranked: readonly Candidate[]): number[] {
  const [first, second, third] = ranked;
  const pNone = evidence.probabilities.get(NONE) ?? 0;
  // The entries' probabilities among themselves: the share `none` takes is a feature of its
  // own, and where the out-of-scope examples outnumber an entry's texts (entries without
  // example questions) it would otherwise flatten every entry's belief alike.
  const among = (c: Candidate | undefined) => (c?.score ?? 0) / Math.max(1e-9, 1 - pNone);
  const p1 = among(first);
  const sim1 = first ? (evidence.similarity.get(first.intent) ?? 0) : 0;
  const asked = first !== undefined && evidence.withQuestions.has(first.intent);
  return [
    p1,
    p1 - among(second),
    Math.min(1, p1 + among(second) + among(third)),
    pNone,
    sim1,
    evidence.noneSimilarity,
    sim1 - evidence.noneSimilarity,
    evidence.coverage,
    Math.min(evidence.evidence.length, 3) / 3,
    first ? (evidence.explained.get(first.intent) ?? 0) : 0,
    first ? (evidence.foreign.get(first.intent) ?? 0) : 0,
    asked ? pNone : 0,
  ];
}

/** Where `decisionFeatures` puts the classifier's probability of `none`, and that probability where the best entry has example questions. */
const NONE_PROBABILITY = 3;
/** Where `decisionFeatures` puts the share of the message's words the model knows. */
export const COVERAGE = 7;
const NONE_AGAINST_QUESTIONS = 11;

/** The features with the one at `index` read as 0: each model reads the same vector, each without what would mislead it. */
const without = (index: number) => (features: readonly number[]): number[] => features.map((f, i) => (i === index ? 0 : f));

/** The features "the best entry is right" reads: all but the second copy of the `none` probability. */
export const answerFeatures = without(NONE_AGAINST_QUESTIONS);

/**
 * The features "clarify rather than decline" reads: the classifier's `none` probability only
 * where the best entry has example questions. That probability learns the out-of-scope
 * examples' wording against the entries' texts: against an entry asked about in its own
 * texts, a message in the out-of-scope examples' wording is the surest sign of a topic the
 * base lacks (a hosting question next to ours: "how do I switch my site to PHP 8.3?"), and
 * without it the decision must decline from weaker evidence, in-scope messages with them.
 * Against an entry known only by its answer's sentences, any question reads like an
 * out-of-scope example, and it would decline the base's own topics.
 */
export const scopeFeatures = without(NONE_PROBABILITY);

/** Turns the evidence of one message into ranked candidates and a decision. */
export function decide(evidence: IntentEvidence, intents: ReadonlySet<string>, model: DecisionModel): Verdict {
  const candidates = rankEntries(evidence, intents);
  const none = (confidence: number): Verdict => ({ intent: NONE, decision: 'none', confidence, candidates, offered: [] });
  // No evidence, no answer: a message of grammatical or unknown words names no topic.
  if (candidates.length === 0 || evidence.evidence.length === 0) return none(1);
  const features = decisionFeatures(evidence, candidates);
  const right1 = predictLogistic(model.top1, answerFeatures(features));
  const right3 = Math.max(right1, predictLogistic(model.top3, scopeFeatures(features)));
  const first = candidates[0]!;
  // An answer outright needs a word that belongs mostly to that entry; a word that every entry
  // uses ("disattivare", "code") can only ask which one is meant.
  // Nor may it ask for the opposite of what the entry does ("turn on" against "Turn off…").
  const telling = (evidence.distinctive.get(first.intent) ?? 0) > 0.5 && !evidence.contradicted.has(first.intent);
  if (right1 >= model.answerAt && telling) return { intent: first.intent, decision: 'answer', confidence: right1, candidates, offered: [] };
  if (right3 < model.clarifyAt) return none(1 - right3);
  // Offer the entries that share the classifier's belief, not every one of the first three.
  const offered = candidates.slice(0, model.maxChoices).filter((c, i) => i === 0 || c.score >= first.score / 20);
  return { intent: first.intent, decision: 'clarify', confidence: right1, candidates, offered: offered.map((c) => c.intent) };
}

/**
 * For lists of entries outside the answer / clarify / none decision (the Teams compose-box
 * search): the lowest classifier probability worth listing an entry at.
 */
export const defaultPolicy = { offerAt: 0.05 } as const;
