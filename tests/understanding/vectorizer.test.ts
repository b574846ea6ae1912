import { describe, expect, it } from 'vitest';
import { fitVectorizer } from '../../src/understanding/vectorizer.js';

describe('the vectorizer', () => {
  it('scales each group of features to its own length', () => {
    const vectorizer = fitVectorizer([[['w:a', 'w:b'], ['ab', 'bc', 'cd']], [['w:c'], ['cd']]], [1, 0.7]);
    const vector = vectorizer.vector([['w:a', 'w:b'], ['ab', 'bc']]);
    const length = (ids: number[]) => Math.hypot(...[...vector.ids].map((id, i) => (ids.includes(id) ? vector.values[i]! : 0)));
    const words = ['w:a', 'w:b'].map((f) => vectorizer.idOf(f)!);
    const grams = ['ab', 'bc'].map((f) => vectorizer.idOf(f)!);
    expect(length(words)).toBeCloseTo(1, 5);
    expect(length(grams)).toBeCloseTo(0.7, 5);
  });
});
