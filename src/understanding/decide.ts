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
  /** Estimated probability that `intent` is right (for `none`: that no entry answers). */
  confidence: number;
  /** Entry candidates, best first. */
  candidates: Candidate[];
  /** For `clarify`, the entries worth offering as "did you mean…". */
  offered: string[];
}

/** The knobs of the answer / clarify / none decision; tuned with `npm run eval`. */
export interface DecisionPolicy {
  /** Weight of the classifier probability in an intent's score (the rest is example similarity). */
  classifierWeight: number;
  /** Score from which the best intent is answered outright… */
  answerAt: number;
  /** …provided it leads the second by at least this much. */
  answerMargin: number;
  /** Below this score no intent is offered at all. */
  clarifyAt: number;
  /** Share of the message's meaning the knowledge base must know before any entry is offered. */
  minCoverage: number;
  /** Similarity to the closest example an entry needs before it is offered. */
  minSimilarity: number;
  /** An entry is declined when an out-of-scope example is closer than its own by this much. */
  noneMargin: number;
  /** How many entries a clarifying question offers at most. */
  maxChoices: number;
}

export const defaultPolicy: DecisionPolicy = {
  classifierWeight: 0.7,
  answerAt: 0.5,
  answerMargin: 0.15,
  clarifyAt: 0.35,
  minCoverage: 0.3,
  minSimilarity: 0.25,
  noneMargin: 0.1,
  maxChoices: 3,
};

/** Turns the evidence of one message into ranked candidates and a decision. */
export function decide(evidence: IntentEvidence, intents: readonly string[], policy: DecisionPolicy = defaultPolicy): Verdict {
  const candidates = intents
    .map((intent) => ({
      intent,
      score:
        policy.classifierWeight * (evidence.classifier.get(intent) ?? 0) +
        (1 - policy.classifierWeight) * (evidence.similarity.get(intent) ?? 0),
    }))
    .sort((a, b) => b.score - a.score);
  const [first, second] = candidates;
  const none = (confidence: number): Verdict => ({ intent: NONE, decision: 'none', confidence, candidates, offered: [] });
  if (!first || evidence.words.length === 0) return none(1);
  const similarity = evidence.similarity.get(first.intent) ?? 0;
  const noneProbability = evidence.classifier.get(NONE) ?? 0;
  if (
    evidence.coverage < policy.minCoverage ||
    similarity < policy.minSimilarity ||
    first.score < policy.clarifyAt ||
    evidence.noneSimilarity > similarity + policy.noneMargin
  ) {
    return none(Math.max(noneProbability, 1 - first.score));
  }
  const margin = first.score - (second?.score ?? 0);
  if (first.score >= policy.answerAt && margin >= policy.answerMargin) {
    return { intent: first.intent, decision: 'answer', confidence: first.score, candidates, offered: [] };
  }
  const offered = candidates.filter((c) => c.score >= policy.clarifyAt).slice(0, policy.maxChoices).map((c) => c.intent);
  return { intent: first.intent, decision: 'clarify', confidence: first.score, candidates, offered };
}
