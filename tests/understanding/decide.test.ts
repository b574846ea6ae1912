import { describe, expect, it } from 'vitest';
import { answerFeatures, decide, decisionFeatures, rankEntries, scopeFeatures, type DecisionModel } from '../../src/understanding/decide.js';
import type { IntentEvidence } from '../../src/understanding/intent-model.js';

const intents = new Set(['a', 'b', 'c']);
const evidence = (parts: Partial<IntentEvidence>): IntentEvidence => ({
  probabilities: new Map(),
  similarity: new Map(),
  noneSimilarity: 0,
  coverage: 1,
  evidence: ['word'],
  distinctive: new Map([['a', 1], ['b', 1], ['c', 1]]),
  explained: new Map([['a', 1], ['b', 1], ['c', 1]]),
  foreign: new Map(),
  contradicted: new Set(),
  withQuestions: intents,
  words: ['word'],
  ...parts,
});
// A decision model that reads only the best entry's probability (the first feature) to answer,
// and the similarity to the best entry's closest text (the fifth) to clarify rather than
// decline: enough to check what the decision does with them.
const model: DecisionModel = {
  top1: { weights: [20, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0], bias: -10 },
  top3: { weights: [0, 0, 0, 0, 20, 0, 0, 0, 0, 0, 0, 0], bias: -10 },
  answerAt: 0.9,
  clarifyAt: 0.5,
  maxChoices: 3,
};

describe('the answer / clarify / none decision', () => {
  it('answers a clear winner', () => {
    const verdict = decide(evidence({ probabilities: new Map([['a', 0.9], ['b', 0.05]]) }), intents, model);
    expect(verdict).toMatchObject({ intent: 'a', decision: 'answer' });
    expect(verdict.confidence).toBeGreaterThan(0.9);
  });
  it('asks "did you mean" when two entries share the belief', () => {
    const verdict = decide(evidence({ probabilities: new Map([['a', 0.45], ['b', 0.4], ['c', 0.01]]), similarity: new Map([['a', 0.8]]) }), intents, model);
    expect(verdict.decision).toBe('clarify');
    expect(verdict.offered).toEqual(['a', 'b']);
  });
  it('declines when the message resembles no entry', () => {
    const spread = new Map([['a', 0.1], ['b', 0.1], ['c', 0.1], ['none', 0.7]]);
    const verdict = decide(evidence({ probabilities: spread, similarity: new Map([['a', 0.1]]) }), intents, model);
    expect(verdict).toMatchObject({ intent: 'none', decision: 'none' });
  });
  it('declines a message without evidence, however sure the classifier is', () => {
    const verdict = decide(evidence({ probabilities: new Map([['a', 0.99]]), evidence: [] }), intents, model);
    expect(verdict.decision).toBe('none');
  });
  it('ranks the entries the classifier lists, best first, and never none', () => {
    const verdict = decide(evidence({ probabilities: new Map([['c', 0.1], ['none', 0.3], ['a', 0.02], ['b', 0.58]]) }), intents, model);
    expect(verdict.candidates.map((c) => c.intent)).toEqual(['b', 'c', 'a']);
  });
  it('reads the entries\' probabilities among themselves, the share of none apart', () => {
    const e = evidence({ probabilities: new Map([['a', 0.2], ['b', 0.1], ['none', 0.7]]) });
    const [p1, margin, , none] = decisionFeatures(e, rankEntries(e, intents));
    expect(p1).toBeCloseTo(2 / 3, 5);
    expect(margin).toBeCloseTo(1 / 3, 5);
    expect(none).toBeCloseTo(0.7, 5);
  });
  // A clarify-or-decline model that reads every copy of the none probability, and nothing else.
  const readingNone = { ...model, top3: { weights: [0, 0, 0, -20, 0, 0, 0, 0, 0, 0, 0, -20], bias: 10 } };
  const likeNone = { probabilities: new Map([['a', 0.05], ['b', 0.05], ['c', 0.05], ['none', 0.85]]) };
  it('declines what reads like the out-of-scope examples when the best entry has example questions', () => {
    expect(decide(evidence(likeNone), intents, readingNone).decision).toBe('none');
  });
  it('does not let the none probability decline an entry known only by its answer', () => {
    const unasked = evidence({ ...likeNone, withQuestions: new Set(['b', 'c']) });
    expect(decide(unasked, intents, readingNone).decision).toBe('clarify');
  });
  it('answers from the none probability once, however many entries have questions', () => {
    const e = evidence({ probabilities: new Map([['a', 0.6], ['none', 0.4]]) });
    const asked = decisionFeatures(e, rankEntries(e, intents));
    const unasked = decisionFeatures({ ...e, withQuestions: new Set() }, rankEntries(e, intents));
    expect(answerFeatures(asked)).toEqual(answerFeatures(unasked));
    expect(scopeFeatures(asked)).not.toEqual(scopeFeatures(unasked));
  });
  it('reads features between 0 and 1 that name no entry', () => {
    const e = evidence({ probabilities: new Map([['a', 0.6], ['b', 0.3], ['none', 0.1]]), similarity: new Map([['a', 0.7]]), noneSimilarity: 0.2 });
    const features = decisionFeatures(e, rankEntries(e, intents));
    for (const f of features) expect(Math.abs(f)).toBeLessThanOrEqual(1);
  });
});
