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
// Fuse scores 0 (exact) to 1 (nothing alike); a correction must be at least this alike.
const MAX_DISTANCE = 0.4;
const CACHE_LIMIT = 50_000;
// Fuse's score is relative to the word's length and forgives too much on short words ("moon"
// would become "money"): a correction must also be this close in plain edits.
const allowedEdits = (length: number) => (length >= 8 ? 2 : 1);
const MAX_EDITS = 2;

/** Every way of dropping up to `depth` letters from a word, the word included. */
function deletions(word: string, depth: number, into = new Set<string>()): Set<string> {
  into.add(word);
  if (depth === 0 || word.length <= 1) return into;
  for (let i = 0; i < word.length; i++) {
    const shorter = word.slice(0, i) + word.slice(i + 1);
    if (!into.has(shorter)) deletions(shorter, depth - 1, into);
  }
  return into;
}

/**
 * Candidates come from a symmetric-deletion index (a word and a typo of it share a form with a
 * letter or two dropped), so a lookup costs a few map reads however large the vocabulary;
 * fuse.js then says which candidate is closest, and natural's edit distance vetoes any that
 * is a different word rather than a typo. People seldom mistype the first letter, which also
 * keeps "conto" from becoming "costo".
 */
export function createSpeller(vocabulary: Iterable<string>, stem?: (word: string) => string): Speller {
  const words = new Set(vocabulary);
  // A word the base never uses whose stem it does ("iniziano" beside "iniziare") is another form
  // of a known word, not a typo: its stem already matches, and a correction could only move it
  // to a different word ("iniziali"). Stems made at the first word that needs them, as the index.
  let stems: Set<string> | undefined;
  const knownForm = (word: string) => stem !== undefined && (stems ??= new Set([...words].map(stem))).has(stem(word));
  // Built at the first word that needs correcting, not at start: a model that never meets a
  // typo (a language nobody writes in, a cross-validation fold) never pays for it.
  // Most forms belong to one word: that word is the entry, an array only where several share it
  // (an array per form would double the index).
  let index: Map<string, string | string[]> | undefined;
  const buildIndex = () => {
    const built = new Map<string, string | string[]>();
    for (const word of words) {
      if (word.length < MIN_LENGTH - 1) continue;
      // Indexed as deep as any query may reach, so a long typo of a shorter word is found too.
      for (const form of deletions(word, MAX_EDITS)) {
        const known = built.get(form);
        if (known === undefined) built.set(form, word);
        else if (typeof known === 'string') built.set(form, [known, word]);
        else known.push(word);
      }
    }
    return built;
  };
  const corrections = new Map<string, string>();

  function lookup(word: string): string {
    index ??= buildIndex();
    const candidates = new Set<string>();
    for (const form of deletions(word, allowedEdits(word.length))) {
      const known = index.get(form);
      if (typeof known === 'string') candidates.add(known);
      else if (known) for (const k of known) candidates.add(k);
    }
    // Fuse ranks the candidates (cheap); the edit distance (dear) only checks them best first.
    const ranked = [...candidates]
      .filter((known) => known[0] === word[0])
      .map((known) => ({ known, score: Fuse.match(word, known, { includeScore: true, ignoreLocation: true, threshold: MAX_DISTANCE }).score ?? 1 }))
      .filter((c) => c.score <= MAX_DISTANCE)
      .sort((a, b) => a.score - b.score || (a.known < b.known ? -1 : 1));
    return ranked.find((c) => editDistance(word, c.known) <= allowedEdits(word.length))?.known ?? word;
  }

  return {
    knows: (word) => words.has(word),
    correct(word) {
      if (words.has(word) || word.length < MIN_LENGTH || word.length > 40 || /\d/.test(word)) return word;
      let corrected = corrections.get(word);
      if (corrected === undefined) {
        corrected = knownForm(word) ? word : lookup(word);
        // The cache only grows with the words people type; a flood of junk must not grow it forever.
        if (corrections.size >= CACHE_LIMIT) corrections.clear();
        corrections.set(word, corrected);
      }
      return corrected;
    },
  };
}
