import { LANGUAGES, type Language } from '../src/content/languages.js';
import type { KnowledgeBase } from '../src/knowledge/model.js';

/** One language's training texts, as both classifiers get them. */
export interface LanguageCorpus {
  language: Language;
  /** Per entry: its title, example questions and keywords, the texts our intent model learns from. */
  intents: Array<{ id: string; texts: string[] }>;
  /** knowledge/_out-of-scope.yaml: our model's `none` examples, NLP.js's "None" intent. */
  outOfScope: string[];
}

/**
 * The texts our understander trains on (see src/understanding/intent-model.ts: title,
 * questions and keywords of each entry, and the out-of-scope examples), per language, so that
 * the baseline learns from exactly the same data.
 */
export function corpusOf(kb: KnowledgeBase): Record<Language, LanguageCorpus> {
  const corpus = {} as Record<Language, LanguageCorpus>;
  for (const language of LANGUAGES) {
    corpus[language] = {
      language,
      intents: [...kb.entries.values()].map((entry) => {
        const { title, questions, keywords } = entry.text[language];
        return { id: entry.id, texts: [title, ...questions, ...keywords] };
      }),
      outOfScope: kb.outOfScope[language],
    };
  }
  return corpus;
}
