import type { Language } from '../content/languages.js';
import { createAnalyser, type LanguageAnalyser } from './analyse.js';
import { createBayes, type SparseObservation } from './natural-parts.js';
import { createSpeller } from './spelling.js';
import { createExampleIndex } from './example-index.js';

/** The label of messages that no entry answers. */
export const NONE = 'none';

/** What one language's model is trained on: per intent, the texts that express it. */
export interface TrainingSet {
  language: Language;
  intents: Array<{ id: string; title: string; questions: string[]; keywords: string[] }>;
  /** Messages that no intent answers. */
  outOfScope: string[];
}

/** The evidence one message gives, before any decision. */
export interface IntentEvidence {
  /** Classifier probability per label, the `none` label included; sums to 1. */
  classifier: Map<string, number>;
  /** Per intent, the similarity (0-1) of the message to its closest example, title or keyword. */
  similarity: Map<string, number>;
  /** Similarity of the message to the closest out-of-scope example. */
  noneSimilarity: number;
  /** Share of the message's meaning (IDF-weighted words) that the intents' vocabulary knows (0-1). */
  coverage: number;
  /** Content words after spelling correction. */
  words: string[];
}

// How often a keyword is counted in training against one example question: keywords are the
// authors' strongest statement of what an entry is about.
const KEYWORD_WEIGHT = 2;

/** Stems plus adjacent-stem pairs, so "two factor" weighs more than "two" and "factor" apart. */
export function features(stems: string[]): string[] {
  const pairs = stems.slice(1).map((s, i) => `${stems[i]}+${s}`);
  return [...new Set([...stems, ...pairs])];
}

const observation = (list: string[]): SparseObservation => Object.assign({}, list);

/**
 * One language's intent model, built once at start: a natural Bayes classifier over the stems
 * of the example questions and keywords; an index of the same texts for nearest-example
 * similarity; and a fuse.js speller over their words, so a typo still meets its word.
 * A message costs a handful of map lookups, whatever the size of the knowledge base.
 */
export function trainIntentModel(training: TrainingSet) {
  // A keyword that is a single stopword ("off", "stop") is content here; the small words
  // inside longer keywords ("my" in "my support code") are not.
  const keep = new Set(training.intents.flatMap((i) => i.keywords.filter((k) => !/\s/.test(k.trim())).map((k) => k.trim().toLowerCase())));
  const analyser: LanguageAnalyser = createAnalyser(training.language, keep);
  const stemsOf = (words: string[]) => words.map((w) => analyser.stem(w));

  const vocabulary = new Set<string>();
  const labelled: Array<{ label: string; stems: string[]; weight: number }> = [];
  const add = (text: string, label: string, weight = 1) => {
    const words = analyser.analyse(text).content;
    words.forEach((w) => vocabulary.add(w));
    const stems = stemsOf(words);
    if (stems.length > 0) labelled.push({ label, stems, weight });
  };
  for (const intent of training.intents) {
    for (const text of [intent.title, ...intent.questions]) add(text, intent.id);
    for (const keyword of intent.keywords) add(keyword, intent.id, KEYWORD_WEIGHT);
  }
  for (const text of training.outOfScope) add(text, NONE);

  const speller = createSpeller(vocabulary);
  const bayes = createBayes();
  for (const { label, stems, weight } of labelled) {
    for (let n = 0; n < weight; n++) bayes.addExample(observation(features(stems)), label);
  }
  const classify = bayes.compile();
  const examples = createExampleIndex(labelled.filter((l) => l.label !== NONE));
  const outOfScope = createExampleIndex(labelled.filter((l) => l.label === NONE), examples.idf);

  function evidence(text: string): IntentEvidence {
    const words = analyser.analyse(text).content.map((w) => speller.correct(w));
    const stems = stemsOf(words);
    return {
      classifier: stems.length > 0 ? classify(features(stems)) : new Map(),
      similarity: examples.closest(stems),
      noneSimilarity: Math.max(0, ...outOfScope.closest(stems).values()),
      coverage: examples.coverage(stems),
      words,
    };
  }

  return { language: training.language, analyser, vocabulary, evidence };
}

export type IntentModel = ReturnType<typeof trainIntentModel>;
