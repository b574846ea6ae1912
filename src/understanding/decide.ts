import { calibrated, type Calibration } from './calibration.js';
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
  /** The uncalibrated score behind `confidence`, for calibrating it. */
  raw: number;
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
  /** Below this score a lone intent is not offered; several close ones still are. */
  clarifyAt: number;
  /** Below this score an intent is never offered. */
  offerAt: number;
  /** Share of the message's meaning the knowledge base must know before any entry is offered. */
  minCoverage: number;
  /** Similarity to the closest example an entry needs before it is offered. */
  minSimilarity: number;
  /** An entry is declined when an out-of-scope example is closer than its own by this much. */
  noneMargin: number;
  /** How many entries a clarifying question offers at most. */
  maxChoices: number;
  /** Raw score → probability of being right, for entry labels and for `none`. */
  calibration: { entry: Calibration; none: Calibration };
}

export const defaultPolicy: DecisionPolicy = {
  classifierWeight: 0.7,
  answerAt: 0.5,
  answerMargin: 0.2,
  clarifyAt: 0.4,
  offerAt: 0.25,
  minCoverage: 0.3,
  minSimilarity: 0.25,
  noneMargin: 0.15,
  maxChoices: 3,
  // Fitted with `npm run eval -- --calibrate` on the held-out set, whose mix of in-scope and
  // out-of-scope messages is the realistic one (an all-out-of-scope set would skew it).
  calibration: { entry: { slope: 9.396, intercept: -3.462 }, none: { slope: 9.55, intercept: -5.321 } },
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
  const none = (raw: number): Verdict => ({
    intent: NONE,
    decision: 'none',
    confidence: calibrated(raw, policy.calibration.none),
    raw,
    candidates,
    offered: [],
  });
  const entry = (decision: 'answer' | 'clarify', offered: string[]): Verdict => ({
    intent: first!.intent,
    decision,
    confidence: calibrated(first!.score, policy.calibration.entry),
    raw: first!.score,
    candidates,
    offered,
  });
  if (!first || evidence.words.length === 0) return none(1);
  const declined = none(Math.max(evidence.classifier.get(NONE) ?? 0, 1 - first.score));
  // Entries worth naming at all: close enough to one of their examples, with some score.
  const viable = candidates.filter((c) => c.score >= policy.offerAt && (evidence.similarity.get(c.intent) ?? 0) >= policy.minSimilarity);
  if (evidence.coverage < policy.minCoverage || viable[0] !== first) return declined;
  const similarity = evidence.similarity.get(first.intent) ?? 0;
  const strong = first.score >= policy.answerAt;
  // Closer to something we know we do not answer than to anything we do.
  if (!strong && evidence.noneSimilarity > similarity + policy.noneMargin) return declined;
  if (strong && first.score - (second?.score ?? 0) >= policy.answerMargin) {
    return entry('answer', []);
  }
  if (first.score < policy.clarifyAt && viable.length < 2) return declined;
  return entry('clarify', viable.slice(0, policy.maxChoices).map((c) => c.intent));
}
