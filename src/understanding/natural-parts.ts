import { createRequire } from 'node:module';
import type { Language } from '../content/languages.js';

/**
 * The pieces of `natural` we use, loaded one by one. natural's index loads every storage
 * backend it ships (MongoDB, Postgres, Redis, Memcached), which costs start-up time and
 * memory and makes dotenv print tips on our console; the tokenizers, stemmers and the Bayes
 * classifier do not need any of that.
 */
const require = createRequire(import.meta.url);
const load = <T>(part: string): T => require(`natural/lib/natural/${part}`) as T;

interface Tokenizer {
  tokenize(text: string): string[];
}
interface Stemmer {
  stem(token: string): string;
}
type TokenizerClass = new () => Tokenizer;

export const tokenizers: Record<Language, Tokenizer> = {
  it: new (load<TokenizerClass>('tokenizers/aggressive_tokenizer_it'))(),
  en: new (load<TokenizerClass>('tokenizers/aggressive_tokenizer'))(),
  fr: new (load<TokenizerClass>('tokenizers/aggressive_tokenizer_fr'))(),
  de: new (load<TokenizerClass>('tokenizers/aggressive_tokenizer_de'))(),
};

export const stemmers: Record<Language, Stemmer> = {
  it: load<Stemmer>('stemmers/porter_stemmer_it'),
  en: load<Stemmer>('stemmers/porter_stemmer'),
  fr: load<Stemmer>('stemmers/porter_stemmer_fr'),
  de: load<Stemmer>('stemmers/porter_stemmer_de'),
};

/** Edit distance counting a swap of two neighbouring letters as one edit ("swtich" → "switch"). */
export const editDistance: (a: string, b: string) => number = (() => {
  const { DamerauLevenshteinDistance } = load<{ DamerauLevenshteinDistance: (a: string, b: string) => number }>(
    'distance/levenshtein_distance',
  );
  return (a, b) => DamerauLevenshteinDistance(a, b);
})();

/** A sparse observation: the values are the feature names present in a message. */
export type SparseObservation = Record<number, string>;

/**
 * natural's BayesClassifier turns every observation into a dense vector as long as the whole
 * vocabulary; the classifier inside it (apparatus) also takes sparse observations, which keeps
 * classification cost proportional to the message, not to the knowledge base.
 */
export interface SparseBayes {
  addExample(observation: SparseObservation, label: string): void;
  getClassifications(observation: SparseObservation): Array<{ label: string; value: number }>;
}

interface ApparatusBayes extends SparseBayes {
  classTotals: Record<string, number>;
  totalExamples: number;
}

type BayesClass = new (stemmer?: unknown, smoothing?: number) => { classifier: ApparatusBayes };

export function createBayes(smoothing?: number): SparseBayes {
  const Bayes = load<BayesClass>('classifiers/bayes_classifier');
  const inner = new Bayes(undefined, smoothing).classifier;
  return {
    addExample(observation, label) {
      inner.addExample(observation, label);
      // apparatus counts examples only on its dense path; without these two counts the
      // class priors and likelihood denominators of sparse examples stay at their seed of 1.
      inner.totalExamples++;
      inner.classTotals[label] = (inner.classTotals[label] ?? 1) + 1;
    },
    getClassifications: (observation) => inner.getClassifications(observation),
  };
}
