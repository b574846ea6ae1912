import Fuse from 'fuse.js';
import { editDistance } from './natural-parts.js';

/**
 * Maps a word the knowledge base never uses to the closest one it does ("autenticazone" →
 * "autenticazione"), so that a typo still reaches the classifier as a known word.
 */
export interface Speller {
  correct(word: string): string;
  knows(word: string): boolean;
}

const MIN_LENGTH = 4;
// Fuse scores 0 (exact) to 1 (nothing alike). It only shortlists: the edit distance decides.
const MAX_DISTANCE = 0.4;
// A typo changes a word's length by a letter or two.
const LENGTH_SLACK = 2;
const CACHE_LIMIT = 50_000;
const CANDIDATES = 5;
// Fuse's score is relative to the word's length and forgives too much on short words ("moon"
// would become "money"): a correction must also be this close in plain edits.
const allowedEdits = (length: number) => (length >= 8 ? 2 : 1);

/**
 * People seldom mistype the first letter, and a typo changes a word's length by a letter or
 * two: each (first letter, length) gets its own small fuse index of the words that could be
 * meant, built once here. That keeps "conto" from becoming "costo" and a lookup cheap
 * whatever the size of the vocabulary.
 */
export function createSpeller(vocabulary: Iterable<string>): Speller {
  const words = new Set(vocabulary);
  const byBucket = new Map<string, string[]>();
  for (const word of words) {
    if (word.length < MIN_LENGTH - LENGTH_SLACK) continue;
    for (let d = -LENGTH_SLACK; d <= LENGTH_SLACK; d++) {
      const key = `${word[0]}${word.length + d}`;
      const list = byBucket.get(key) ?? [];
      list.push(word);
      byBucket.set(key, list);
    }
  }
  const searchers = new Map<string, Fuse<string>>();
  for (const [key, list] of byBucket) {
    searchers.set(key, new Fuse(list, { includeScore: true, threshold: MAX_DISTANCE, ignoreLocation: true }));
  }
  const corrections = new Map<string, string>();
  return {
    knows: (word) => words.has(word),
    correct(word) {
      if (words.has(word) || word.length < MIN_LENGTH || /\d/.test(word)) return word;
      let corrected = corrections.get(word);
      if (corrected === undefined) {
        const found = searchers.get(`${word[0]}${word.length}`)?.search(word.slice(0, 32), { limit: CANDIDATES }) ?? [];
        const best = found.find((f) => (f.score ?? 1) <= MAX_DISTANCE && editDistance(word, f.item) <= allowedEdits(word.length));
        corrected = best ? best.item : word;
        // The cache only grows with the words people type; a flood of junk must not grow it forever.
        if (corrections.size >= CACHE_LIMIT) corrections.clear();
        corrections.set(word, corrected);
      }
      return corrected;
    },
  };
}
