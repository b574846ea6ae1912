import Fuse from 'fuse.js';
import type { Language } from '../content/languages.js';
import { createAnalyser, type LanguageAnalyser } from './analyse.js';
import { createBayes, type SparseObservation } from './natural-parts.js';
import { createSpeller, type Speller } from './spelling.js';

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
  /** Best fuzzy similarity (0-1) of the message to each intent's title, questions or keywords. */
  fuzzy: Map<string, number>;
  /** Share of the message's content words that the intents' vocabulary knows (0-1). */
  coverage: number;
  /** Content words after spelling correction. */
  words: string[];
}

interface Phrase {
  intent: string;
  text: string;
}

// Bitap compares at most 32 characters at a time; longer queries are split into chunks, which
// costs time and says little more than the classifier already does.
const FUZZY_QUERY_LIMIT = 48;
// How often a keyword is counted in training against one example question: keywords are the
// authors' strongest statement of what an entry is about.
const KEYWORD_WEIGHT = 2;

/** Stems plus adjacent-stem pairs, so "two factor" weighs more than "two" and "factor" apart. */
export function features(analyser: LanguageAnalyser, words: string[]): string[] {
  const stems = words.map((w) => analyser.stem(w));
  const pairs = stems.slice(1).map((s, i) => `${stems[i]}+${s}`);
  return [...new Set([...stems, ...pairs])];
}

const observation = (list: string[]): SparseObservation => Object.assign({}, list);

/**
 * One language's intent model: a natural Bayes classifier over stemmed words of the example
 * questions and keywords, a fuse.js index over titles, questions and keywords, and a speller
 * over the same vocabulary. Built once at start; a message costs a handful of lookups.
 */
export function trainIntentModel(training: TrainingSet) {
  const inScopeText = training.intents.flatMap((i) => [i.title, ...i.questions, ...i.keywords]);
  const keep = new Set(training.intents.flatMap((i) => i.keywords.flatMap((k) => k.toLowerCase().split(/\s+/))));
  const analyser = createAnalyser(training.language, keep);

  const vocabulary = new Set<string>();
  const inScopeStems = new Set<string>();
  for (const text of inScopeText) {
    for (const word of analyser.analyse(text).content) {
      vocabulary.add(word);
      inScopeStems.add(analyser.stem(word));
    }
  }
  for (const text of training.outOfScope) for (const word of analyser.analyse(text).content) vocabulary.add(word);
  const speller: Speller = createSpeller(vocabulary);

  const bayes = createBayes();
  const phrases: Phrase[] = [];
  const learn = (text: string, label: string, times = 1) => {
    const found = features(analyser, analyser.analyse(text).content);
    if (found.length === 0) return;
    for (let n = 0; n < times; n++) bayes.addExample(observation(found), label);
  };
  for (const intent of training.intents) {
    for (const text of [intent.title, ...intent.questions]) {
      learn(text, intent.id);
      phrases.push({ intent: intent.id, text: analyser.analyse(text).normalised });
    }
    for (const keyword of intent.keywords) {
      learn(keyword, intent.id, KEYWORD_WEIGHT);
      phrases.push({ intent: intent.id, text: analyser.analyse(keyword).normalised });
    }
  }
  for (const text of training.outOfScope) learn(text, NONE);

  const fuse = new Fuse(phrases, {
    keys: ['text'],
    includeScore: true,
    ignoreLocation: true,
    threshold: 0.4,
  });

  function evidence(text: string): IntentEvidence {
    const analysis = analyser.analyse(text);
    const words = analysis.content.map((w) => speller.correct(w));
    const found = features(analyser, words);
    const classifier = new Map<string, number>();
    if (found.length > 0) {
      const ranked = bayes.getClassifications(observation(found));
      const total = ranked.reduce((sum, r) => sum + r.value, 0);
      for (const r of ranked) classifier.set(r.label, total > 0 ? r.value / total : 0);
    }
    const fuzzy = new Map<string, number>();
    const query = words.join(' ').slice(0, FUZZY_QUERY_LIMIT);
    if (query.length >= 3) {
      for (const hit of fuse.search(query)) {
        const similarity = 1 - (hit.score ?? 1);
        if (similarity > (fuzzy.get(hit.item.intent) ?? 0)) fuzzy.set(hit.item.intent, similarity);
      }
    }
    const known = words.filter((w) => inScopeStems.has(analyser.stem(w))).length;
    const coverage = words.length > 0 ? known / words.length : 0;
    return { classifier, fuzzy, coverage, words };
  }

  return { language: training.language, analyser, vocabulary, evidence };
}

export type IntentModel = ReturnType<typeof trainIntentModel>;
