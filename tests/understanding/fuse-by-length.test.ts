import { describe, expect, it } from 'vitest';
import { fuseByLength } from '../../src/understanding/fuse-by-length.js';

describe('fuse indexes grouped by length', () => {
  const words = ['annulla', 'aiuto', 'indietro', 'ricomincia', 'annullare'];
  const index = fuseByLength(words, (w) => w, { slack: 2, keyOf: (w) => w[0] ?? '', includeScore: true, threshold: 0.3 });

  it('finds a typo of a word of about the same length', () => {
    expect(index.search('annula', 1)[0]?.item).toBe('annulla');
    expect(index.search('indietor', 1)[0]?.item).toBe('indietro');
  });
  it('does not compare words whose lengths are too far apart', () => {
    expect(index.search('ricominciamo da capo adesso', 1)).toEqual([]);
  });
  it('only compares words that start alike when grouped by first letter', () => {
    expect(index.search('xiuto', 1)).toEqual([]);
  });
});
