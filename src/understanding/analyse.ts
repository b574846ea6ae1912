import { createRequire } from 'node:module';
import type { Language } from '../content/languages.js';
import { stemmers, tokenizers } from './natural-parts.js';
import { normalise } from './normalise.js';

const require = createRequire(import.meta.url);
const stopwordLists = require('stopwords-iso') as Record<string, string[]>;

/** One message cut into the pieces the matchers use, in one language. */
export interface Analysis {
  normalised: string;
  /** Every word, in order. */
  tokens: string[];
  /** The words that carry meaning (stopwords dropped), in order. */
  content: string[];
}

export interface LanguageAnalyser {
  language: Language;
  analyse(text: string): Analysis;
  stem(token: string): string;
  isStopword(token: string): boolean;
  /** The language's stopwords: the surest sign of which language a short text is in. */
  stopwords: ReadonlySet<string>;
}

/**
 * Builds the analyser of one language. `keep` lists words that stay content words even where
 * the stopword list names them, because the knowledge base uses them as keywords ("off", "stop").
 */
export function createAnalyser(language: Language, keep: Iterable<string> = []): LanguageAnalyser {
  const tokenizer = tokenizers[language];
  const stemmer = stemmers[language];
  const kept = new Set(keep);
  const stopwords = new Set((stopwordLists[language] ?? []).map(normalise).filter((w) => !kept.has(w)));
  const stems = new Map<string, string>();
  const isStopword = (token: string) => stopwords.has(token);
  return {
    language,
    isStopword,
    stopwords,
    stem(token) {
      let stem = stems.get(token);
      if (stem === undefined) {
        stem = /^\d+$/.test(token) ? token : stemmer.stem(token);
        // The cache only grows with the words people type; cap it so a flood of junk cannot.
        if (stems.size > 50_000) stems.clear();
        stems.set(token, stem);
      }
      return stem;
    },
    analyse(text) {
      const normalised = normalise(text);
      const tokens = normalised ? tokenizer.tokenize(normalised).filter(Boolean) : [];
      // A bare number ("12 users", "6 months") says nothing about the topic.
      return { normalised, tokens, content: tokens.filter((t) => !isStopword(t) && !/^\d+$/.test(t)) };
    },
  };
}
