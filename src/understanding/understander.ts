import { createHash } from 'node:crypto';
import { BoundedMap } from '../util/bounded-map.js';
import { createAnalyser } from './analyse.js';
import { LANGUAGES, type Language } from '../content/languages.js';
import type { KnowledgeBase } from '../knowledge/model.js';
import { defaultCalibrationOptions, crossValidate, crossValidateFolds, fitDecisionModel, languageVectors, type CalibrationOptions, type HeldOut } from './calibrate.js';
import { calibrationCache } from './calibration-cache.js';
import { startCrossValidation } from './cross-validation-pool.js';
import { createCommandRecognizer, type Command, type CommandVocabulary } from './commands.js';
import { decide, type Candidate, type Decision, type DecisionModel } from './decide.js';
import { createLanguageDetector, type LanguageContext } from './detect-language.js';
import { trainingTexts } from './entry-texts.js';
import { intentModelOf, NONE, prepareIntentModel, textCount, type IntentModel, type TrainingSet, type TrainingShortcuts } from './intent-model.js';
import { modelCache, type LanguageSnapshot } from './model-cache.js';
import { startSoftmaxPool, type SoftmaxPool } from './softmax-pool.js';
import { fitSoftmax, trainSoftmax, type SoftmaxOptions } from './softmax-regression.js';
import { softmaxModel, type SoftmaxModel, type SoftmaxWeights } from './softmax-scorer.js';
import type { TextFeatures } from './text-features.js';
import { normalise } from './normalise.js';

/** What Sportello understood of one message. No bot types: the CLI and the bot share it. */
export interface Understanding {
  text: string;
  language: Language;
  /** How clearly the text itself showed its language (0-1). */
  languageConfidence: number;
  /** An entry id, or `none`. */
  intent: string;
  decision: Decision;
  /** Calibrated probability that `intent` is right. */
  confidence: number;
  candidates: Candidate[];
  /** For `clarify`, the entries to offer as "did you mean…". */
  offered: string[];
  /** Set when the message is a conversational command ("help", "grazie", "annulla"…). */
  command?: Command;
}

export interface UnderstandingOptions {
  calibration?: CalibrationOptions;
  /** How many candidates an Understanding lists. */
  maxCandidates?: number;
}

/**
 * One language's training set. An entry written in other languages only is trained on all
 * of them here: names, product words and numbers ("MySQL", "kSuite", "2FA") still find it.
 */
export function trainingSetOf(kb: KnowledgeBase, language: Language): TrainingSet {
  return {
    language,
    intents: [...kb.entries.values()].map((entry) => {
      const sides = entry.languages.includes(language) ? [entry.text[language]] : entry.languages.map((l) => entry.text[l]);
      return { id: entry.id, texts: sides.flatMap(trainingTexts) };
    }),
    outOfScope: kb.outOfScope[language],
  };
}

/**
 * Trains one model per language from the knowledge base, and the answer / clarify / none
 * decision from cross-validation over the same base; then answers "what does this mean?".
 * All on the calling thread: `trainUnderstander` gives the same understander sooner.
 */
export function createUnderstander(kb: KnowledgeBase, commands: CommandVocabulary, options: UnderstandingOptions = {}): Understander {
  // Training is a pure function of the content: a process that builds the bot twice on the
  // same content (tests, a restart in place) trains once.
  const key = keyOf(kb, commands, options);
  const known = trained.get(key);
  if (known) return known;
  const calibration = options.calibration ?? defaultCalibrationOptions;
  const plan = planOf(kb);
  const languages: TrainedLanguage[] = [];
  const heldOut: HeldOut[] = [];
  // The decision reads features that name no language, so the held-out messages of all
  // languages are pooled; the largest languages are cross-validated first, and once enough
  // messages are held out the others are not (on a base of 1,000 entries one language's fold
  // gives thousands: three more would cost seconds of start-up and teach little).
  for (const training of plan.trainings) {
    const language = trainLanguage(kb, commands, training, calibration);
    const wanted = calibration.heldOut - heldOut.length;
    if (wanted > 0) heldOut.push(...crossValidate(training, { ...calibration, heldOut: wanted }, language.shared));
    language.release();
    languages.push(language);
  }
  return trained.set(key, assemble(kb, commands, options, plan, languages, heldOut));
}

export interface TrainingOptions extends UnderstandingOptions {
  /** Worker threads for the cross-validation and for the final models, each (cross-validation-pool.ts, softmax-pool.ts decide when none is worth it). */
  workers?: number;
  /** Folder of the calibration and model caches (calibration-cache.ts, model-cache.ts); none: everything is trained at every start. */
  cacheDir?: string;
  /** Told what went wrong when a worker or the cache could not be used (training goes on without them). */
  warn?: (message: string) => void;
}

/**
 * The same understander as `createUnderstander` (the same answers), trained sooner: the
 * languages' cross-validations and whole final models come from the caches when they have them
 * (calibration-cache.ts, model-cache.ts), or the cross-validations and softmax fits run on worker threads
 * on a large base while this thread prepares the next language (cross-validation-pool.ts,
 * softmax-pool.ts).
 */
export async function trainUnderstander(kb: KnowledgeBase, commands: CommandVocabulary, options: TrainingOptions = {}): Promise<Understander> {
  const key = keyOf(kb, commands, options);
  const known = trained.get(key);
  if (known) return known;
  const calibration = options.calibration ?? defaultCalibrationOptions;
  const warn = options.warn ?? (() => {});
  const plan = planOf(kb);
  const cache = options.cacheDir ? calibrationCache(options.cacheDir, plan.trainings, calibration, warn) : undefined;
  const cached = await cache?.read();
  const crossValidation = cached ? undefined : startCrossValidation(plan.trainings, calibration, { workers: options.workers, onWorkerError: warn });
  const models = options.cacheDir ? modelCache(options.cacheDir, plan.trainings, calibration.softmax, warn) : undefined;
  const snapshots = await Promise.all(plan.trainings.map((_, i) => models?.read(i)));
  const fitting = startSoftmaxPool(plan.trainings.filter((_, i) => !snapshots[i]).map(textCount), { workers: options.workers });
  const prepared: Array<PreparedLanguage | undefined> = [];
  const languages: ModelOfLanguage[] = [];
  const fitted: Array<Promise<void>> = [];
  const written: Array<Promise<void>> = [];
  let heldOut: HeldOut[];
  try {
    for (const [i, training] of plan.trainings.entries()) {
      const loaded = snapshots[i];
      if (loaded) languages[i] = languageOf(loaded);
      else {
        const language = (prepared[i] = prepareLanguage(kb, commands, training));
        const done = (weights: SoftmaxWeights) => {
          if (models) written.push(models.write(i, language.snapshot(weights)));
          languages[i] = language.complete(softmaxModel(weights));
        };
        const weights = fitLanguage(language, calibration.softmax, fitting, warn);
        if (weights instanceof Promise) fitted.push(weights.then(done));
        else done(weights);
      }
      // Let the workers' messages in (a worker done with one language asks for the next).
      await new Promise((resolve) => setImmediate(resolve));
    }
    // (A language loaded from its file was not cut here: its folds cut their texts themselves.)
    heldOut = cached ?? (await crossValidation!.finish((i) => crossValidateFolds(plan.trainings[i]!, calibration, prepared[i]?.shared)));
    await Promise.all(fitted);
  } catch (error) {
    await crossValidation?.cancel();
    // The workers stop below; the models they were fitting are not wanted.
    for (const pending of fitted) pending.catch(() => {});
    throw error;
  } finally {
    await fitting.close();
  }
  await Promise.all(written);
  for (const language of prepared) language?.release();
  if (!cached) await cache?.write(heldOut);
  return trained.set(key, assemble(kb, commands, options, plan, languages, heldOut));
}

/**
 * A language's softmax weights: on a free worker (the promise of them) while this thread goes
 * on with the next language, or else fitted here.
 */
function fitLanguage(language: PreparedLanguage, softmax: SoftmaxOptions, fitting: SoftmaxPool, warn: (message: string) => void): SoftmaxWeights | Promise<SoftmaxWeights> {
  const { examples, classes, features } = language.model;
  const remote = fitting.fit(examples, classes, features, softmax);
  if (!remote) return fitSoftmax(examples, classes, features, softmax);
  return remote.catch((error: unknown) => {
    // Stopped because training failed elsewhere: nothing waits for this model any more.
    if (fitting.closed) throw error;
    warn(`softmax worker failed, training on the main thread instead: ${error instanceof Error ? error.message : String(error)}`);
    return fitSoftmax(examples, classes, features, softmax);
  });
}

// (A digest of the content, not the content itself: the key outlives training.)
const keyOf = (kb: KnowledgeBase, commands: CommandVocabulary, options: UnderstandingOptions) =>
  createHash('sha256').update(JSON.stringify([[...kb.entries.values()], kb.outOfScope, commands, { calibration: options.calibration, maxCandidates: options.maxCandidates }])).digest('hex');

const CACHED_UNDERSTANDERS = 4;
const trained = new BoundedMap<string, Understander>(CACHED_UNDERSTANDERS);

/** The languages to train, largest first (the order the held-out messages are taken in). */
function planOf(kb: KnowledgeBase) {
  // A language no entry is written in gets the model of the base's first language: training
  // the same texts once more would only cost start-up time.
  const written = LANGUAGES.filter((l) => [...kb.entries.values()].some((e) => e.languages.includes(l)));
  const trainings = written.map((language) => trainingSetOf(kb, language)).sort((a, b) => textCount(b) - textCount(a));
  return { written, trainings };
}

/** What the understander keeps of a language. */
interface ModelOfLanguage {
  model: IntentModel;
  vocabulary: Set<string>;
}

/** A language as its snapshot keeps it (model-cache.ts): nothing to cut nor fit. */
const languageOf = (snapshot: LanguageSnapshot): ModelOfLanguage => ({
  model: intentModelOf(snapshot.model, softmaxModel(snapshot.weights)),
  vocabulary: new Set(snapshot.words),
});

interface TrainedLanguage extends ModelOfLanguage {
  /** What the language's cross-validation can reuse of the final model's training. */
  shared: TrainingShortcuts & { vectors: NonNullable<TrainingShortcuts['vectors']> };
  /** Drops `shared` once no cross-validation needs it. */
  release(): void;
}

function trainLanguage(kb: KnowledgeBase, commands: CommandVocabulary, training: TrainingSet, calibration: CalibrationOptions): TrainedLanguage {
  const language = prepareLanguage(kb, commands, training);
  const { examples, classes, features } = language.model;
  return language.complete(trainSoftmax(examples, classes, features, calibration.softmax));
}

/** A language's model but for its softmax (`model.examples`), and what completes it once that is fitted. */
function prepareLanguage(kb: KnowledgeBase, commands: CommandVocabulary, training: TrainingSet) {
  const language = training.language;
  // The folds and the final model cut the same texts: cut each once.
  const cut = { features: new Map<string, TextFeatures>(), analyser: createAnalyser(language) };
  const shared = { ...cut, vectors: languageVectors(training, cut) };
  const model = prepareIntentModel(training, shared);
  // Only an entry's own language teaches which language a word is.
  const words = new Set<string>();
  for (const entry of kb.entries.values()) {
    if (entry.languages.includes(language)) for (const t of trainingTexts(entry.text[language])) normalise(t.text).split(' ').forEach((w) => words.add(w));
  }
  for (const t of kb.outOfScope[language]) normalise(t).split(' ').forEach((w) => words.add(w));
  for (const w of cut.analyser.stopwords) words.add(w);
  for (const phrases of Object.values(commands[language])) for (const p of phrases) normalise(p).split(' ').forEach((w) => words.add(w));
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

type PreparedLanguage = ReturnType<typeof prepareLanguage>;

function assemble(kb: KnowledgeBase, commands: CommandVocabulary, options: UnderstandingOptions, plan: ReturnType<typeof planOf>, languages: ModelOfLanguage[], heldOut: HeldOut[]) {
  const calibration = options.calibration ?? defaultCalibrationOptions;
  const maxCandidates = options.maxCandidates ?? 5;
  const ids = new Set(kb.ids());
  const models = {} as Record<Language, IntentModel>;
  const vocabularies = {} as Record<Language, Set<string>>;
  for (const { model, vocabulary } of languages) {
    models[model.language] = model;
    vocabularies[model.language] = vocabulary;
  }
  const written = plan.written;
  for (const language of LANGUAGES) models[language] ??= models[written[0]!]!;
  for (const language of LANGUAGES) vocabularies[language] ??= new Set(createAnalyser(language).stopwords);
  const decisionModel: DecisionModel = fitDecisionModel(heldOut, calibration);
  const detector = createLanguageDetector(vocabularies);
  const commandRecognizer = createCommandRecognizer(commands);

  function understand(text: string, context: LanguageContext): Understanding {
    const guess = detector.detect(text, context);
    const command = commandRecognizer.recognise(text, guess.language);
    const verdict = decide(models[guess.language].evidence(text), ids, decisionModel);
    const understanding: Understanding = {
      text,
      language: guess.language,
      languageConfidence: guess.confidence,
      intent: verdict.intent,
      decision: verdict.decision,
      confidence: verdict.confidence,
      candidates: verdict.candidates.slice(0, maxCandidates),
      offered: verdict.offered,
    };
    // "help", "grazie", "annulla" steer the conversation; no entry answers them.
    if (command) return { ...understanding, intent: NONE, decision: 'none', confidence: 1, offered: [], command: command.command };
    return understanding;
  }

  return { understand, recognizeCommand: commandRecognizer.recognise, detectLanguage: detector.detect, models, decisionModel, heldOut };
}

export type Understander = ReturnType<typeof assemble>;
