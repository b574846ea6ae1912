import { describe, expect, it } from 'vitest';
import { decide, defaultPolicy } from '../../src/understanding/decide.js';
import type { IntentEvidence } from '../../src/understanding/intent-model.js';

const intents = ['a', 'b', 'c'];
const evidence = (parts: Partial<IntentEvidence>): IntentEvidence => ({
  classifier: new Map(),
  similarity: new Map(),
  noneSimilarity: 0,
  coverage: 1,
  words: ['word'],
  ...parts,
});

describe('the answer / clarify / none decision', () => {
  it('answers a clear winner that is close to its examples', () => {
    const verdict = decide(evidence({ classifier: new Map([['a', 0.9], ['b', 0.05]]), similarity: new Map([['a', 0.8]]) }), intents);
    expect(verdict).toMatchObject({ intent: 'a', decision: 'answer' });
    expect(verdict.confidence).toBeGreaterThan(defaultPolicy.answerAt);
  });
  it('asks "did you mean" when two entries are close', () => {
    const verdict = decide(
      evidence({ classifier: new Map([['a', 0.5], ['b', 0.45]]), similarity: new Map([['a', 0.6], ['b', 0.6]]) }),
      intents,
    );
    expect(verdict.decision).toBe('clarify');
    expect(verdict.offered).toEqual(['a', 'b']);
  });
  it('declines when the message is mostly words the knowledge base does not know', () => {
    const verdict = decide(evidence({ classifier: new Map([['a', 0.9]]), similarity: new Map([['a', 0.8]]), coverage: 0.1 }), intents);
    expect(verdict).toMatchObject({ intent: 'none', decision: 'none' });
  });
  it('declines when no example of the best entry is close', () => {
    const verdict = decide(evidence({ classifier: new Map([['a', 0.9]]), similarity: new Map([['a', 0.05]]) }), intents);
    expect(verdict.decision).toBe('none');
  });
  it('declines a weak candidate when an out-of-scope example is closer', () => {
    const verdict = decide(
      evidence({ classifier: new Map([['a', 0.45], ['none', 0.5]]), similarity: new Map([['a', 0.4]]), noneSimilarity: 0.9 }),
      intents,
    );
    expect(verdict.decision).toBe('none');
  });
  it('declines an empty message', () => {
    expect(decide(evidence({ words: [] }), intents).decision).toBe('none');
  });
  it('ranks every entry in the candidates, best first', () => {
    const verdict = decide(evidence({ classifier: new Map([['b', 0.9], ['c', 0.1]]), similarity: new Map([['b', 0.9]]) }), intents);
    expect(verdict.candidates.map((c) => c.intent)).toEqual(['b', 'c', 'a']);
  });
});
