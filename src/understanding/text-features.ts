import { BoundedMap } from '../util/bounded-map.js';
import type { LanguageAnalyser } from './analyse.js';

/** What the models read of one text: word-level terms and character n-grams. */
export interface TextFeatures {
  /** The words, normalised (after spelling correction when a speller was given). */
  words: string[];
  /** Stems of the words, then adjacent-stem pairs: "two factor" weighs more than "two" and "factor" apart. */
  terms: string[];
  /** Character 3- to 5-grams of each word with its boundaries: "disattivare" and "disattiva" share most. */
  grams: string[];
}

const MIN_GRAM = 3;
const MAX_GRAM = 4;

function charGrams(word: string, into: string[]): void {
  const padded = ` ${word} `;
  for (let n = MIN_GRAM; n <= MAX_GRAM; n++) {
    if (padded.length < n) break;
    for (let i = 0; i + n <= padded.length; i++) into.push(padded.slice(i, i + n));
  }
}

/**
 * Cuts a text into features. No stopword list: "not", "why", "how", "up", "new" carry meaning in
 * support questions, and inverse document frequency already weighs down words every text uses.
 */
export function textFeatures(analyser: LanguageAnalyser, text: string, correct: (word: string) => string = (w) => w): TextFeatures {
  const words = analyser.analyse(text).tokens.map(correct);
  const cut = words.map((w) => wordFeatures(analyser, w));
  const stems = cut.map((c) => c.stem);
  const terms = [...stems];
  for (let i = 1; i < stems.length; i++) terms.push(`${stems[i - 1]}+${stems[i]!.slice(2)}`);
  const grams: string[] = [];
  for (const c of cut) for (const g of c.grams) grams.push(g);
  return { words, terms, grams };
}

// A word's stem term and n-grams, remembered per analyser: the same strings each time, so the
// models' Map lookups find their hash already computed, and a message allocates little.
const WORD_CACHE_LIMIT = 50_000;
const wordCaches = new WeakMap<LanguageAnalyser, BoundedMap<string, { stem: string; grams: string[] }>>();
function wordFeatures(analyser: LanguageAnalyser, word: string): { stem: string; grams: string[] } {
  let cache = wordCaches.get(analyser);
  // The cache only grows with the words people type; a flood of junk must not grow it forever.
  if (!cache) wordCaches.set(analyser, (cache = new BoundedMap(WORD_CACHE_LIMIT)));
  let known = cache.get(word);
  if (!known) {
    const grams: string[] = [];
    charGrams(word, grams);
    known = cache.set(word, { stem: `w:${analyser.stem(word)}`, grams });
  }
  return known;
}
