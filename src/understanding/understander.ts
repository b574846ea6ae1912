import { createHash } from 'node:crypto';
import { BoundedMap } from '../util/bounded-map.js';
import { createAnalyser } from './analyse.js';
import { LANGUAGES, type Language } from '../content/languages.js';
import type { KnowledgeBase } from '../knowledge/model.js';
import { defaultCalibrationOptions, crossValidate, crossValidateFolds, fitDecisionModel, type CalibrationOptions, type HeldOut } from './calibrate.js';
import { calibrationCache } from './calibration-cache.js';
import { startCrossValidation } from './cross-validation-pool.js';
import { createCommandRecognizer, type Command, type CommandVocabulary } from './commands.js';
import { decide, type Candidate, type Decision, type DecisionModel } from './decide.js';
import { createLanguageDetector, type LanguageContext } from './detect-language.js';
import { trainingTexts } from './entry-texts.js';
import { intentModelOf, NONE, textCount, type IntentModel, type TrainingSet } from './intent-model.js';
import { startLanguagePool } from './language-pool.js';
import { languageWords, prepareLanguage, type ModelOfLanguage, type PreparedLanguage, type TrainedLanguage } from './language-training.js';
import { modelCache, type LanguageSnapshot } from './model-cache.js';
import { fitSoftmax, trainSoftmax } from './softmax-regression.js';
import { softmaxModel } from './softmax-scorer.js';

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
  /** Worker threads for the cross-validation and for the final models, each (cross-validation-pool.ts, language-pool.ts decide when none is worth it). */
  workers?: number;
  /** Folder of the calibration and model caches (calibration-cache.ts, model-cache.ts); none: everything is trained at every start. */
  cacheDir?: string;
  /** Told what went wrong when a worker or the cache could not be used (training goes on without them). */
  warn?: (message: string) => void;
  /** Told, once the understander is ready, what was trained and what was read from the caches. */
  report?: (report: TrainingReport) => void;
}

/** How a start got its understanding: which languages' models it trained and which it loaded. */
export interface TrainingReport {
  trained: Language[];
  loaded: Language[];
  /** The decision's held-out messages: read from the calibration cache, or cross-validated now. */
  calibration: 'loaded' | 'cross-validated';
  /** Already trained by this process on the same content (a second bot in one process): nothing done. */
  reused: boolean;
}

/**
 * The same understander as `createUnderstander` (the same answers), trained sooner: the
 * languages' cross-validations and whole final models come from the caches when they have them
 * (calibration-cache.ts, model-cache.ts); on a large base the cross-validations and the languages'
 * models are trained on worker threads besides this one (cross-validation-pool.ts, language-pool.ts).
 */
export async function trainUnderstander(kb: KnowledgeBase, commands: CommandVocabulary, options: TrainingOptions = {}): Promise<Understander> {
  const key = keyOf(kb, commands, options);
  const known = trained.get(key);
  if (known) {
    options.report?.({ trained: [], loaded: [], calibration: 'loaded', reused: true });
    return known;
  }
  const calibration = options.calibration ?? defaultCalibrationOptions;
  const warn = options.warn ?? (() => {});
  const plan = planOf(kb);
  const cache = options.cacheDir ? calibrationCache(options.cacheDir, plan.trainings, calibration, warn) : undefined;
  const cached = await cache?.read();
  const models = options.cacheDir ? modelCache(options.cacheDir, plan.trainings, calibration.softmax, warn) : undefined;
  const snapshots = await Promise.all(plan.trainings.map((_, i) => models?.read(i)));
  const todo = plan.trainings.flatMap((_, i) => (snapshots[i] ? [] : [i]));
  // (Only the languages to train: a loaded one's words are in its snapshot.)
  const words = new Map(todo.map((i) => [i, languageWords(kb, commands, plan.trainings[i]!.language)]));
  const pool = startLanguagePool(
    todo.map((i) => ({ training: plan.trainings[i]!, words: words.get(i)! })),
    calibration.softmax,
    { workers: options.workers },
  );
  // With workers training languages, this thread cross-validates the first language itself once
  // it has trained it: its texts are cut already, where a worker would cut them again.
  const crossValidation = cached ? undefined : startCrossValidation(plan.trainings, calibration, { workers: pool.workers > 0 ? 0 : options.workers, onWorkerError: warn });
  const prepared: Array<PreparedLanguage | undefined> = [];
  const languages: ModelOfLanguage[] = [];
  const written: Array<Promise<void>> = [];
  const keep = (i: number, snapshot: () => LanguageSnapshot) => {
    if (models) written.push(models.write(i, snapshot()));
  };
  const trainHere = (i: number) => {
    const language = (prepared[i] = prepareLanguage(plan.trainings[i]!, words.get(i)!));
    const { examples, classes, features } = language.model;
    const weights = fitSoftmax(examples, classes, features, calibration.softmax);
    keep(i, () => language.snapshot(weights));
    languages[i] = language.complete(softmaxModel(weights));
  };
  let heldOut: HeldOut[] | undefined = cached;
  // (A language trained elsewhere or loaded from its file was not cut here: its folds cut their texts themselves.)
  const crossValidated = () => crossValidation!.finish((i) => crossValidateFolds(plan.trainings[i]!, calibration, prepared[i]?.shared));
  try {
    for (const [i, snapshot] of snapshots.entries()) if (snapshot) languages[i] = languageOf(snapshot);
    // This thread takes languages from the first, the pool's workers from the last (language-pool.ts).
    for (const [j, i] of todo.entries()) {
      if (!pool.claim(j)) break;
      trainHere(i);
      // With workers, the first language is cross-validated as soon as it is trained (on a large
      // base it is the only one the calibration needs), while they train the last languages;
      // alone, this thread trains every language first, so each one's folds find its texts cut.
      if (pool.workers > 0) heldOut ??= await crossValidated();
      // Let the workers' messages in (a cross-validation worker done with one language asks for the next).
      await new Promise((resolve) => setImmediate(resolve));
    }
    heldOut ??= await crossValidated();
    for (const [j, i] of todo.entries()) {
      if (languages[i]) continue;
      try {
        const snapshot = await pool.result(j);
        keep(i, () => snapshot);
        languages[i] = languageOf(snapshot);
      } catch (error) {
        warn(`language worker failed, training on the main thread instead: ${error instanceof Error ? error.message : String(error)}`);
        trainHere(i);
      }
    }
  } catch (error) {
    await crossValidation?.cancel();
    throw error;
  } finally {
    await pool.close();
  }
  await Promise.all(written);
  for (const language of prepared) language?.release();
  if (!cached) await cache?.write(heldOut);
  const understander = trained.set(key, assemble(kb, commands, options, plan, languages, heldOut));
  const languageOfTraining = (i: number) => plan.trainings[i]!.language;
  options.report?.({
    trained: todo.map(languageOfTraining),
    loaded: plan.trainings.flatMap((_, i) => (snapshots[i] ? [languageOfTraining(i)] : [])),
    calibration: cached ? 'loaded' : 'cross-validated',
    reused: false,
  });
  return understander;
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

/** A language as its snapshot keeps it (model-cache.ts): nothing to cut nor fit. */
const languageOf = (snapshot: LanguageSnapshot): ModelOfLanguage => ({
  model: intentModelOf(snapshot.model, softmaxModel(snapshot.weights)),
  vocabulary: new Set(snapshot.words),
});

function trainLanguage(kb: KnowledgeBase, commands: CommandVocabulary, training: TrainingSet, calibration: CalibrationOptions): TrainedLanguage {
  const language = prepareLanguage(training, languageWords(kb, commands, training.language));
  const { examples, classes, features } = language.model;
  return language.complete(trainSoftmax(examples, classes, features, calibration.softmax));
}

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
