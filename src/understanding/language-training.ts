import type { CommandVocabulary } from './commands.js';
import { createAnalyser } from './analyse.js';
import { languageVectors } from './calibrate.js';
import type { Language } from '../content/languages.js';
import type { KnowledgeBase } from '../knowledge/model.js';
import { trainingTexts } from './entry-texts.js';
import { prepareIntentModel, type IntentModel, type TrainingSet, type TrainingShortcuts } from './intent-model.js';
import type { LanguageSnapshot } from './model-cache.js';
import { normalise } from './normalise.js';
import { fitSoftmax, type SoftmaxOptions } from './softmax-regression.js';
import type { SoftmaxModel, SoftmaxWeights } from './softmax-scorer.js';
import type { TextFeatures } from './text-features.js';

/**
 * Training one language's final model, apart from the knowledge base's objects: what the
 * calling thread does for some languages and a worker thread for others (language-pool.ts).
 */

/** The texts whose words tell that a message is in `language`, besides its out-of-scope examples: only an entry's own language teaches which language a word is. */
export interface LanguageWords {
  /** The training texts of the entries written in the language. */
  own: string[];
  /** The command phrases of the language ("annulla", "grazie"). */
  commands: string[];
}

export function languageWords(kb: KnowledgeBase, commands: CommandVocabulary, language: Language): LanguageWords {
  const own: string[] = [];
  for (const entry of kb.entries.values()) if (entry.languages.includes(language)) for (const t of trainingTexts(entry.text[language])) own.push(t.text);
  return { own, commands: Object.values(commands[language]).flat() };
}

/** What the understander keeps of a language. */
export interface ModelOfLanguage {
  model: IntentModel;
  vocabulary: Set<string>;
}

/** A language trained on this thread: its model, and what its cross-validation can still reuse. */
export interface TrainedLanguage extends ModelOfLanguage {
  /** What the language's cross-validation can reuse of the final model's training. */
  shared: TrainingShortcuts & { vectors: NonNullable<TrainingShortcuts['vectors']> };
  /** Drops `shared` once no cross-validation needs it. */
  release(): void;
}

/** A language's model but for its softmax (`model.examples`), and what completes it once that is fitted. */
export function prepareLanguage(training: TrainingSet, sources: LanguageWords) {
  const language = training.language;
  // The folds and the final model cut the same texts: cut each once.
  const cut = { features: new Map<string, TextFeatures>(), analyser: createAnalyser(language) };
  const shared = { ...cut, vectors: languageVectors(training, cut) };
  const model = prepareIntentModel(training, shared);
  const words = new Set<string>();
  const add = (text: string) => normalise(text).split(' ').forEach((w) => words.add(w));
  sources.own.forEach(add);
  training.outOfScope.forEach(add);
  for (const w of cut.analyser.stopwords) words.add(w);
  sources.commands.forEach(add);
  // The texts' cut features served training and the folds; the models keep what they need.
  const release = () => {
    shared.features.clear();
    shared.vectors.of.clear();
  };
  return {
    model,
    shared,
    release,
    complete: (softmax: SoftmaxModel): TrainedLanguage => ({ model: model.complete(softmax), vocabulary: words, shared, release }),
    snapshot: (weights: SoftmaxWeights): LanguageSnapshot => ({ model: model.data(), weights, words: [...words] }),
  };
}

export type PreparedLanguage = ReturnType<typeof prepareLanguage>;

/** The whole of one language's training, as plain data (what a worker thread posts back). */
export function trainLanguageSnapshot(training: TrainingSet, sources: LanguageWords, softmax: SoftmaxOptions): LanguageSnapshot {
  const language = prepareLanguage(training, sources);
  const { examples, classes, features } = language.model;
  return language.snapshot(fitSoftmax(examples, classes, features, softmax));
}
