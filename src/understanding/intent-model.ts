import type { Language } from '../content/languages.js';
import { createAnalyser, type LanguageAnalyser } from './analyse.js';
import { ANSWER_WEIGHT, type TrainingText } from './entry-texts.js';
import { createExampleIndex, exampleIndexOf, type ExampleIndex, type ExampleIndexData } from './example-index.js';
import { functionWords } from './function-words.js';
import { normalise } from './normalise.js';
import { contradicts } from './opposites.js';
import { defaultSoftmaxOptions, trainSoftmax, type SoftmaxModel, type SoftmaxOptions, type TrainingExample } from './softmax-regression.js';
import { createSpeller, type Speller } from './spelling.js';
import { textFeatures, type TextFeatures } from './text-features.js';
import { fitVectorizer, vectorizerOf, type SparseVector, type Vectorizer, type VectorizerData } from './vectorizer.js';

/** The label of messages that no entry answers. */
export const NONE = 'none';

/** What one language's model is trained on: per intent, the texts that express it. */
export interface TrainingSet {
  language: Language;
  intents: Array<{ id: string; texts: TrainingText[] }>;
  /** Messages that no intent answers. */
  outOfScope: string[];
}

/** How many texts a training set holds (its entries' and its out-of-scope examples): what its training costs grow with. */
export const textCount = (training: TrainingSet) => training.intents.reduce((n, i) => n + i.texts.length, training.outOfScope.length);

/** The evidence one message gives, before any decision. */
export interface IntentEvidence {
  /** Classifier probability of the most probable entries (at most TOP_CANDIDATES), and of `none`. */
  probabilities: Map<string, number>;
  /** For the best few entries, the similarity (0-1) of the message to the entry's closest training text. */
  similarity: Map<string, number>;
  /** Similarity of the message to the closest out-of-scope example. */
  noneSimilarity: number;
  /** IDF-weighted share of the message's words and stems that the training texts know (0-1). */
  coverage: number;
  /** Words of the message that name something (not grammatical words) and that the knowledge base uses. */
  evidence: string[];
  /**
   * For the listed entries, how much of the use of the message's most telling word is that entry's (0-1):
   * "disattivare" is every entry's verb, "kauth" one entry's name.
   */
  distinctive: Map<string, number>;
  /** For the listed entries, the IDF-weighted share of the message's words (not grammatical ones) that the entry's texts use (0-1). */
  explained: Map<string, number>;
  /** For the listed entries, the share of the message's words that mostly belong to another entry instead (0-1). */
  foreign: Map<string, number>;
  /** The listed entries whose title the message contradicts (it asks for the opposite action). */
  contradicted: Set<string>;
  /**
   * The entries trained on example questions. Against one of them, a message that reads like the
   * out-of-scope examples (also questions) is telling; an entry known only by its answer's
   * sentences is not asked about in its own texts' form, so any question reads that way.
   */
  withQuestions: ReadonlySet<string>;
  /** Every word, after spelling correction. */
  words: string[];
}

/**
 * How many entries a message's evidence lists (best first): more than any decision or list
 * shows, few enough that a base of 2,000 entries costs a message no more than one of ten.
 */
export const TOP_CANDIDATES = 10;
/** For how many of the best entries the nearest-example similarity is computed. */
const SIMILARITY_OF = 3;

/** The groups of features a text's vector is made of, each scaled apart. */
export const featureGroups = (f: TextFeatures) => [f.terms, f.grams];
/**
 * How much each group counts in a text's vector: the character n-grams (a word's inflections
 * and typos) at 0.7 of the words' length, so the words and stem pairs, which tell neighbouring
 * intents apart, weigh more. Chosen on CLINC150 val (bench/decide-probe.ts): ranked first
 * 93.1% at equal lengths, 93.3% so.
 */
export const GROUP_WEIGHTS: readonly number[] = [1, 0.7];

const weightOf = (kind: TrainingText['kind']) => (kind === 'answer' ? ANSWER_WEIGHT : 1);

/**
 * One language's intent model, built once at start: TF-IDF over word stems, stem pairs and
 * character n-grams; multinomial logistic regression over it (the `none` label learnt from the
 * out-of-scope examples); an index of the same texts for nearest-example similarity; and a
 * fuse.js speller over their words, so a typo still meets its word.
 */
export interface TrainingShortcuts {
  /** Features of texts already cut, shared by the models of one language (cross-validation folds). */
  features?: Map<string, TextFeatures>;
  analyser?: LanguageAnalyser;
  /** Whether to correct the spelling of messages (the folds' held-out texts need not). */
  spell?: boolean;
  /**
   * A vectorizer fitted on the whole language's texts, with each text's vector, for the folds:
   * IDF learnt without labels from a few more texts changes little, and cutting and weighing
   * every text once per fold would cost most of the start-up time.
   */
  vectors?: { vectorizer: Vectorizer; of: Map<string, SparseVector> };
}

/**
 * One language's intent model but its softmax, as plain data (strings, numbers, typed arrays):
 * what a worker thread can post and a file can keep (model-snapshot.ts), and `intentModelOf`
 * makes the same model again from, without cutting a text.
 */
export interface IntentModelData {
  language: Language;
  labels: string[];
  vocabulary: string[];
  /** The words the speller corrects towards; null: no spelling correction. */
  spelling: string[] | null;
  vectorizer: VectorizerData;
  /** Per feature id, 1 when the softmax was trained on it. */
  trained: Uint8Array;
  /** For stem `stems[i]`, labels `labels[starts[i] .. starts[i + 1])` (indexes into the labels) and their shares. */
  usage: { stems: string[]; starts: Int32Array; labels: Int32Array; shares: Float64Array };
  titles: Array<[string, string[][]]>;
  withQuestions: string[];
  nearest: ExampleIndexData;
  outOfScope: ExampleIndexData;
}

export function trainIntentModel(training: TrainingSet, options: SoftmaxOptions = defaultSoftmaxOptions, shortcuts: TrainingShortcuts = {}): IntentModel {
  const prepared = prepareIntentModel(training, shortcuts);
  return prepared.complete(trainSoftmax(prepared.examples, prepared.classes, prepared.features, options));
}

/**
 * Everything of the intent model but its softmax: the softmax's training examples, and
 * `complete`, which makes the model once they are fitted; `data`, the same as plain data for a
 * worker thread to post back (language-pool.ts) or a file to keep (model-cache.ts).
 */
export function prepareIntentModel(training: TrainingSet, shortcuts: TrainingShortcuts = {}) {
  // Read once: `evidence` must not hold `training`, or every training text stays alive with the model.
  const language = training.language;
  const analyser: LanguageAnalyser = shortcuts.analyser ?? createAnalyser(language);
  const cache = shortcuts.features ?? new Map<string, TextFeatures>();
  const featuresOf = (text: string) => {
    let features = cache.get(text);
    if (!features) cache.set(text, (features = textFeatures(analyser, text)));
    return features;
  };
  const labels = [...training.intents.map((i) => i.id), ...(training.outOfScope.length > 0 ? [NONE] : [])];
  const labelIndex = new Map(labels.map((l, i) => [l, i]));

  const texts: Array<{ text: string; label: string; features: TextFeatures; weight: number }> = [];
  for (const intent of training.intents) {
    for (const t of intent.texts) texts.push({ text: t.text, label: intent.id, features: featuresOf(t.text), weight: weightOf(t.kind) });
  }
  for (const text of training.outOfScope) texts.push({ text, label: NONE, features: featuresOf(text), weight: 1 });
  const usable = texts.filter((t) => t.features.words.length > 0);

  const vocabulary = new Set(usable.filter((t) => t.label !== NONE).flatMap((t) => t.features.words));
  const spelling = shortcuts.spell === false ? undefined : new Set(usable.flatMap((t) => t.features.words));
  const speller = spelling && createSpeller(spelling, analyser.stem);
  const vectorizer = shortcuts.vectors?.vectorizer ?? fitVectorizer(usable.map((t) => featureGroups(t.features)), GROUP_WEIGHTS);
  const vectorOf = (text: string, features: TextFeatures) => {
    const cached = shortcuts.vectors?.of.get(text);
    if (cached) return cached;
    const vector = vectorizer.vector(featureGroups(features));
    shortcuts.vectors?.of.set(text, vector);
    return vector;
  };
  const examples: TrainingExample[] = usable.map((t) => ({ x: vectorOf(t.text, t.features), label: labelIndex.get(t.label)!, weight: t.weight }));
  // The features this model was trained on (fewer than the vectorizer knows in a fold).
  const trained = new Uint8Array(vectorizer.size);
  for (const { x } of examples) for (const id of x.ids) trained[id] = 1;
  // For each stem, the share of each entry in its use (rates per text of the entry, so a large
  // entry does not own every word).
  const sizes = new Map<string, number>();
  for (const t of usable) if (t.label !== NONE) sizes.set(t.label, (sizes.get(t.label) ?? 0) + t.weight);
  const usage = new Map<string, Map<string, number>>();
  for (const t of usable) {
    if (t.label === NONE) continue;
    for (const w of new Set(t.features.words)) {
      const stem = analyser.stem(w);
      const byLabel = usage.get(stem) ?? new Map<string, number>();
      byLabel.set(t.label, (byLabel.get(t.label) ?? 0) + t.weight / sizes.get(t.label)!);
      usage.set(stem, byLabel);
    }
  }
  for (const byLabel of usage.values()) {
    const total = [...byLabel.values()].reduce((a, b) => a + b, 0);
    for (const [label, rate] of byLabel) byLabel.set(label, rate / total);
  }
  // Each entry's title, as stems: what the entry does ("Turn off…"), for contradictions.
  const titles = new Map<string, string[][]>();
  for (const intent of training.intents) {
    titles.set(intent.id, intent.texts.filter((t) => t.kind === 'title').map((t) => featuresOf(t.text).words.map((w) => analyser.stem(w))));
  }
  const withQuestions: ReadonlySet<string> = new Set(training.intents.filter((i) => i.texts.some((t) => t.kind === 'question')).map((i) => i.id));
  const nearest = createExampleIndex(usable.filter((t) => t.label !== NONE).map((t) => ({ label: t.label, stems: t.features.terms })));
  const outOfScope = createExampleIndex(
    usable.filter((t) => t.label === NONE).map((t) => ({ label: NONE, stems: t.features.terms })),
    nearest.idf,
  );

  const parts: ModelParts = { language, analyser, labels, vocabulary, speller, vectorizer, trained, usage, titles, withQuestions, nearest, outOfScope, featuresOf, vectorOf };
  const data = (): IntentModelData => ({
    language,
    labels,
    vocabulary: [...vocabulary],
    spelling: speller ? [...spelling!] : null,
    vectorizer: vectorizer.data(),
    trained,
    usage: usageData(usage, labelIndex),
    titles: [...titles],
    withQuestions: [...withQuestions],
    nearest: nearest.data(),
    outOfScope: outOfScope.data(),
  });
  return { examples, classes: labels.length, features: vectorizer.size, complete: (fitted: SoftmaxModel) => modelOver(parts, fitted), data };
}

/** The model `prepareIntentModel(...).complete(softmax)` made, from its `data()`. */
export function intentModelOf(data: IntentModelData, softmax: SoftmaxModel): IntentModel {
  const analyser = createAnalyser(data.language);
  const vectorizer = vectorizerOf(data.vectorizer);
  const nearest = exampleIndexOf(data.nearest);
  const usage = new Map<string, Map<string, number>>();
  const { stems, starts, labels, shares } = data.usage;
  for (let i = 0; i < stems.length; i++) {
    const byLabel = new Map<string, number>();
    for (let j = starts[i]!; j < starts[i + 1]!; j++) byLabel.set(data.labels[labels[j]!]!, shares[j]!);
    usage.set(stems[i]!, byLabel);
  }
  return modelOver(
    {
      language: data.language,
      analyser,
      labels: data.labels,
      vocabulary: new Set(data.vocabulary),
      speller: data.spelling ? createSpeller(data.spelling, analyser.stem) : undefined,
      vectorizer,
      trained: data.trained,
      usage,
      titles: new Map(data.titles),
      withQuestions: new Set(data.withQuestions),
      nearest,
      outOfScope: exampleIndexOf(data.outOfScope, nearest.idf),
      featuresOf: (text) => textFeatures(analyser, text),
      vectorOf: (_, features) => vectorizer.vector(featureGroups(features)),
    },
    softmax,
  );
}

function usageData(usage: Map<string, Map<string, number>>, labelIndex: Map<string, number>): IntentModelData['usage'] {
  const starts = new Int32Array(usage.size + 1);
  let n = 0;
  let i = 0;
  for (const byLabel of usage.values()) starts[++i] = n += byLabel.size;
  const labels = new Int32Array(n);
  const shares = new Float64Array(n);
  let j = 0;
  for (const byLabel of usage.values()) {
    for (const [label, share] of byLabel) {
      labels[j] = labelIndex.get(label)!;
      shares[j++] = share;
    }
  }
  return { stems: [...usage.keys()], starts, labels, shares };
}

/** What a model's `evidence` reads, however it was made (prepared from texts, or from data). */
interface ModelParts {
  language: Language;
  analyser: LanguageAnalyser;
  labels: string[];
  vocabulary: ReadonlySet<string>;
  speller: Speller | undefined;
  vectorizer: Vectorizer;
  trained: Uint8Array;
  usage: Map<string, Map<string, number>>;
  titles: Map<string, string[][]>;
  withQuestions: ReadonlySet<string>;
  nearest: ExampleIndex;
  outOfScope: ExampleIndex;
  /** A text's features and vector without spelling correction (the folds' held-out texts, cut once). */
  featuresOf(text: string): TextFeatures;
  vectorOf(text: string, features: TextFeatures): SparseVector;
}

function modelOver(parts: ModelParts, model: SoftmaxModel) {
  const { language, analyser, labels, vocabulary, speller, vectorizer, trained, usage, titles, withQuestions, nearest, outOfScope, featuresOf, vectorOf } = parts;
  const grammatical = new Set(functionWords[language].flatMap((w) => normalise(w).split(' ')));
  // The stems that mostly belong to one entry, found once rather than for every message and entry.
  const owned = new Set([...usage].filter(([, shares]) => [...shares.values()].some((share) => share > 0.5)).map(([stem]) => stem));
  const noneIndex = labels.indexOf(NONE);
  function evidence(text: string): IntentEvidence {
    const features = speller ? textFeatures(analyser, text, (w) => speller.correct(w)) : featuresOf(text);
    const vector = speller ? vectorizer.vector(featureGroups(features)) : vectorOf(text, features);
    const probabilities = new Map<string, number>();
    if (labels.length > 0 && features.words.length > 0) {
      const top = model.top(vector, TOP_CANDIDATES, noneIndex);
      top.classes.forEach((c, i) => probabilities.set(labels[c]!, top.p[i]!));
      if (noneIndex >= 0) probabilities.set(NONE, top.pAlso);
    } else if (noneIndex >= 0) probabilities.set(NONE, 1);
    const ranked = [...probabilities.keys()].filter((l) => l !== NONE);
    const evidenceWords = features.words.filter((w) => !grammatical.has(w) && /\p{L}/u.test(w) && vocabulary.has(w));
    const distinctive = new Map<string, number>();
    for (const w of evidenceWords) {
      const shares = usage.get(analyser.stem(w));
      for (const label of ranked) {
        const share = shares?.get(label) ?? 0;
        if (share > (distinctive.get(label) ?? 0)) distinctive.set(label, share);
      }
    }
    // How much of what the message says each listed entry accounts for, and how much of it
    // belongs to another entry instead ("turn ON two-factor" against an entry about turning it
    // off: "on"/"attivare" is another entry's word). Weighed by IDF; a word the base never
    // uses weighs as the rarest, since it is the surest sign of a topic the base lacks.
    const said = features.words.filter((w) => !grammatical.has(w) && /\p{L}/u.test(w));
    const explained = new Map<string, number>();
    const foreign = new Map<string, number>();
    let total = 0;
    for (const w of new Set(said)) {
      const stem = analyser.stem(w);
      const weight = nearest.idf(`w:${stem}`);
      total += weight;
      const shares = usage.get(stem);
      for (const label of ranked) {
        const own = shares?.get(label) ?? 0;
        if (own > 0) explained.set(label, (explained.get(label) ?? 0) + weight);
        else if (owned.has(stem)) foreign.set(label, (foreign.get(label) ?? 0) + weight);
      }
    }
    for (const map of [explained, foreign]) for (const [label, w] of map) map.set(label, w / total);
    const messageStems = features.words.map((w) => analyser.stem(w));
    const contradicted = new Set(ranked.filter((label) => (titles.get(label) ?? []).some((title) => contradicts(language, messageStems, title))));
    return {
      probabilities,
      similarity: nearest.closestAmong(features.terms, ranked.slice(0, SIMILARITY_OF)),
      noneSimilarity: Math.max(0, ...outOfScope.closest(features.terms).values()),
      coverage: vectorizer.known([...features.terms, ...features.grams], (id) => trained[id] === 1),
      evidence: evidenceWords,
      distinctive,
      explained,
      foreign,
      contradicted,
      withQuestions,
      words: features.words,
    };
  }

  return { language, analyser, vocabulary, labels, epochs: model.epochs, evidence };
}

export type IntentModel = ReturnType<typeof modelOver>;
