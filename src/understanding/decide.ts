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
  const p1 = first?.score ?? 0;
  const sim1 = first ? (evidence.similarity.get(first.intent) ?? 0) : 0;
  return [
    p1,
    p1 - (second?.score ?? 0),
    p1 + (second?.score ?? 0) + (third?.score ?? 0),
    evidence.probabilities.get(NONE) ?? 0,
    sim1,
    evidence.noneSimilarity,
    sim1 - evidence.noneSimilarity,
    evidence.coverage,
    Math.min(evidence.evidence.length, 3) / 3,
    first ? (evidence.explained.get(first.intent) ?? 0) : 0,
    first ? (evidence.foreign.get(first.intent) ?? 0) : 0,
  ];
}

/** Turns the evidence of one message into ranked candidates and a decision. */
export function decide(evidence: IntentEvidence, intents: ReadonlySet<string>, model: DecisionModel): Verdict {
  const candidates = rankEntries(evidence, intents);
  const none = (confidence: number): Verdict => ({ intent: NONE, decision: 'none', confidence, candidates, offered: [] });
  // No evidence, no answer: a message of grammatical or unknown words names no topic.
  if (candidates.length === 0 || evidence.evidence.length === 0) return none(1);
  const features = decisionFeatures(evidence, candidates);
  const right1 = predictLogistic(model.top1, features);
  const right3 = Math.max(right1, predictLogistic(model.top3, features));
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
