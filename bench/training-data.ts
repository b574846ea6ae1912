import { LANGUAGES, type Language } from '../src/content/languages.js';
import type { KnowledgeBase } from '../src/knowledge/model.js';
import { trainingSetOf } from '../src/understanding/understander.js';

/** One language's training texts, as both classifiers get them. */
export interface LanguageCorpus {
  language: Language;
  /** Per entry: its title, example questions and keywords, the texts our intent model learns from. */
  intents: Array<{ id: string; texts: string[] }>;
  /** knowledge/_out-of-scope.yaml: our model's `none` examples, NLP.js's "None" intent. */
  outOfScope: string[];
}

/**
 * The texts our understander trains on (src/understanding/entry-texts.ts: title, questions,
 * keywords and answer sentences of each entry, and the out-of-scope examples), per language,
 * so that the baselines learn from exactly the same data.
 */
export function corpusOf(kb: KnowledgeBase): Record<Language, LanguageCorpus> {
  const corpus = {} as Record<Language, LanguageCorpus>;
  for (const language of LANGUAGES) {
    corpus[language] = {
      language,
      intents: trainingSetOf(kb, language).intents.map((intent) => ({ id: intent.id, texts: intent.texts.map((t) => t.text) })),
      outOfScope: kb.outOfScope[language],
    };
  }
  return corpus;
}
