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
 * training cost proportional to the examples.
 */
export interface SparseBayes {
  addExample(observation: SparseObservation, label: string): void;
  /** natural's own posterior (unnormalised), for checking the compiled one. */
  getClassifications(observation: SparseObservation): Array<{ label: string; value: number }>;
  /** The trained model as a posterior over labels, for messages given as feature lists. */
  compile(): (features: readonly string[]) => Map<string, number>;
}

interface ApparatusBayes {
  addExample(observation: SparseObservation, label: string): void;
  getClassifications(observation: SparseObservation): Array<{ label: string; value: number }>;
  classFeatures: Record<string, Record<string, number>>;
  classTotals: Record<string, number>;
  totalExamples: number;
  smoothing: number;
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
    compile: () => compileBayes(inner),
  };
}

/**
 * apparatus scores a message by walking every class and taking a logarithm per feature and
 * class, then leaves the numbers unnormalised (and at 0 once a long message underflows). This is
 * the same posterior, from the same trained counts, with the logarithms taken once at start:
 * a class starts from its prior and "feature unseen" for every feature, and only the classes
 * that have seen one of the message's features are corrected for it.
 */
function compileBayes(model: ApparatusBayes): (features: readonly string[]) => Map<string, number> {
  const labels = Object.keys(model.classFeatures);
  const logSmoothing = Math.log(model.smoothing);
  const logPrior = labels.map((l) => Math.log(model.classTotals[l]! / model.totalExamples));
  const logTotal = labels.map((l) => Math.log(model.classTotals[l]!));
  const seenBy = new Map<string, Array<[number, number]>>();
  labels.forEach((label, c) => {
    for (const [feature, count] of Object.entries(model.classFeatures[label]!)) {
      const list = seenBy.get(feature) ?? [];
      list.push([c, Math.log(count) - logSmoothing]);
      seenBy.set(feature, list);
    }
  });
  return (features) => {
    const k = features.length;
    const scores = labels.map((_, c) => logPrior[c]! + k * (logSmoothing - logTotal[c]!));
    for (const feature of features) for (const [c, gain] of seenBy.get(feature) ?? []) scores[c]! += gain;
    const top = Math.max(...scores);
    const weights = scores.map((s) => Math.exp(s - top));
    const sum = weights.reduce((a, b) => a + b, 0);
    return new Map(labels.map((label, c) => [label, weights[c]! / sum]));
  };
}
