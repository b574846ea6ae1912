import Fuse from 'fuse.js';

/**
 * Maps a word the knowledge base never uses to the closest one it does ("autenticazone" →
 * "autenticazione"), so that a typo still reaches the classifier as a known word.
 */
export interface Speller {
  correct(word: string): string;
  knows(word: string): boolean;
}

const MIN_LENGTH = 4;
// Fuse scores 0 (exact) to 1 (nothing alike); beyond this a "correction" is a different word.
const MAX_DISTANCE = 0.3;

export function createSpeller(vocabulary: Iterable<string>): Speller {
  const words = new Set(vocabulary);
  const byLength = new Map<number, string[]>();
  for (const word of words) {
    const list = byLength.get(word.length) ?? [];
    list.push(word);
    byLength.set(word.length, list);
  }
  // A typo changes a word's length by one or two letters at most: each length searches only
  // the words of a close length, indexed once here rather than at every message.
  const longest = Math.max(MIN_LENGTH, ...byLength.keys());
  const searchers = new Map<number, Fuse<string>>();
  for (let length = MIN_LENGTH; length <= longest + 2; length++) {
    const candidates = [-2, -1, 0, 1, 2].flatMap((d) => byLength.get(length + d) ?? []);
    searchers.set(length, new Fuse(candidates, { includeScore: true, threshold: MAX_DISTANCE, ignoreLocation: true }));
  }
  const corrections = new Map<string, string>();
  return {
    knows: (word) => words.has(word),
    correct(word) {
      if (words.has(word) || word.length < MIN_LENGTH || /\d/.test(word)) return word;
      let corrected = corrections.get(word);
      if (corrected === undefined) {
        const [best] = searchers.get(word.length)?.search(word.slice(0, 32), { limit: 1 }) ?? [];
        // People seldom mistype the first letter; requiring it keeps "conto" from becoming "costo".
        corrected = best && (best.score ?? 1) <= MAX_DISTANCE && best.item[0] === word[0] ? best.item : word;
        if (corrections.size > 50_000) corrections.clear();
        corrections.set(word, corrected);
      }
      return corrected;
    },
  };
}
