import { describe, expect, it } from 'vitest';
import { createBayes } from '../../src/understanding/natural-parts.js';

const observation = (features: string[]) => Object.assign({}, features);

describe("natural's Bayes classifier, compiled", () => {
  const bayes = createBayes();
  const examples: Array<[string[], string]> = [
    [['codic', 'support'], 'support-code'],
    [['codic', 'vip'], 'support-code'],
    [['2fa', 'disattiv'], '2fa-disable'],
    [['codic', 'emergenz', '2fa'], '2fa-disable'],
    [['newsletter', 'disiscriv'], 'newsletter'],
    [['pizza'], 'none'],
  ];
  for (const [features, label] of examples) bayes.addExample(observation(features), label);
  const compiled = bayes.compile();

  it.each([[['codic']], [['2fa', 'codic']], [['newsletter']], [['sconosciut']], [['codic', 'vip', 'support', 'xyz']]])(
    'gives the posterior natural computes for %j, normalised',
    (features) => {
      const natural = bayes.getClassifications(observation(features));
      const total = natural.reduce((sum, r) => sum + r.value, 0);
      const posterior = compiled(features);
      for (const { label, value } of natural) expect(posterior.get(label)).toBeCloseTo(value / total, 10);
    },
  );

  it('stays a probability for a message too long for natural, whose products underflow to 0', () => {
    const long = Array.from({ length: 3000 }, (_, i) => `word${i}`).concat('codic', 'vip');
    expect(bayes.getClassifications(observation(long)).every((r) => r.value === 0)).toBe(true);
    const posterior = compiled(long);
    expect([...posterior.values()].reduce((a, b) => a + b, 0)).toBeCloseTo(1, 10);
    for (const p of posterior.values()) expect(Number.isFinite(p)).toBe(true);
  });
});
