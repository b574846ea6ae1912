import { createAnalyser } from './analyse.js';
import type { TrainingText } from './entry-texts.js';
import { answerFeatures, COVERAGE, decisionFeatures, rankEntries, scopeFeatures, type DecisionModel } from './decide.js';
import { fitLogistic, predictLogistic } from './logistic-fit.js';
import { featureGroups, GROUP_WEIGHTS, textCount, trainIntentModel, type TrainingSet, type TrainingShortcuts } from './intent-model.js';
import { textFeatures, type TextFeatures } from './text-features.js';
import { fitVectorizer } from './vectorizer.js';
import { defaultSoftmaxOptions, seededRandom, type SoftmaxOptions } from './softmax-regression.js';

/** One held-out message of the cross-validation, as the decision sees it. */
export interface HeldOut {
  language: string;
  text: string;
  /** The entry it belongs to, or `none`: an out-of-scope example, or an entry hidden from the fold's model. */
  expected: string;
  /** What the fold's model ranked first, and the first three. */
  got: string;
  top3: string[];
  features: number[];
  /** Whether the fold's model had never seen its entry (it stands for a topic the base lacks). */
  hidden: boolean;
}

export interface CalibrationOptions {
  folds: number;
  /** Beyond this many texts in a language, only one of the folds is run: enough messages to calibrate on, at a fraction of the start-up time. */
  oneFoldFrom: number;
  /** Most held-out messages the cross-validation classifies, all languages together (a sample beyond it). */
  heldOut: number;
  /** Share of answers given outright that must be right, in cross-validation. */
  answerPrecision: number;
  /**
   * How much the out-of-scope examples count, all together, against the in-scope messages when
   * the "some entry is meant" model is fitted: a base lists far fewer of them than it has
   * questions, and their number would otherwise be read as how rare such messages are.
   * Chosen on CLINC150 val (bench/decide-probe.ts).
   */
  outOfScopeShare: number;
  seed: number;
  softmax: SoftmaxOptions;
}

export const defaultCalibrationOptions: CalibrationOptions = {
  folds: 4,
  oneFoldFrom: 3000,
  heldOut: 2500,
  answerPrecision: 0.95,
  outOfScopeShare: 0.1,
  seed: 7,
  softmax: defaultSoftmaxOptions,
};

// The texts that stand for customer messages when held out: example questions, and the title
// and keywords, as short as many messages are ("code", "Adresse ändern"). Answer sentences
// are not how customers ask.
// An entry without example questions is found by its answer's sentences, and a customer's
// message about it reads more like one of them than like a two-word keyword: its answer
// sentences are held out too, or the calibration would see only the hardest cases.
const asksLike = (texts: TrainingText[]) =>
  texts.some((t) => t.kind === 'question') ? texts.filter((t) => t.kind !== 'answer') : texts;

/** The most messages `crossValidateFolds` can hold out of a training set: its texts that stand for messages, and its out-of-scope examples. */
export const heldOutBound = (training: TrainingSet) => training.intents.reduce((n, i) => n + asksLike(i.texts).length, training.outOfScope.length);

function shuffled<T>(items: readonly T[], random: () => number): T[] {
  const copy = [...items];
  for (let i = copy.length - 1; i > 0; i--) {
    const j = Math.floor(random() * (i + 1));
    [copy[i], copy[j]] = [copy[j]!, copy[i]!];
  }
  return copy;
}

/**
 * The vectorizer of one language's texts, with room for each text's vector: the folds share
 * it, and so does the final model, whose own fit over the same texts in the same order would
 * be the same vectorizer (understander.ts fits it once for both).
 */
export function languageVectors(training: TrainingSet, shared: TrainingShortcuts = {}): NonNullable<TrainingShortcuts['vectors']> {
  const analyser = shared.analyser ?? createAnalyser(training.language);
  const features = shared.features ?? new Map<string, TextFeatures>();
  const cut = (text: string) => {
    let f = features.get(text);
    if (!f) features.set(text, (f = textFeatures(analyser, text)));
    return f;
  };
  const allTexts = [...training.intents.flatMap((i) => i.texts.map((t) => t.text)), ...training.outOfScope];
  // (Texts without a word have no feature: trainIntentModel leaves them out the same way.)
  return { vectorizer: fitVectorizer(allTexts.map((t) => featureGroups(cut(t))).filter((g) => g[0]!.length + g[1]!.length > 0), GROUP_WEIGHTS), of: new Map() };
}

/**
 * K-fold cross-validation of one language's model on the knowledge base's own texts. In each
 * fold a share of the entries is also hidden from the model entirely: their held-out questions
 * then stand for what real customers ask about topics the base does not cover (a neighbouring
 * hosting topic), together with the held-out out-of-scope examples.
 */
export function crossValidate(training: TrainingSet, options: CalibrationOptions = defaultCalibrationOptions, shared: TrainingShortcuts = {}): HeldOut[] {
  return keepWanted(crossValidateFolds(training, options, shared), options.heldOut);
}

/**
 * The held-out messages of each fold run (every fold, in order; empty when the fold hid every
 * entry), each fold's in-scope messages limited to its share of `options.heldOut`. Run with a
 * larger `heldOut` than finally wanted, it gives the same messages plus more at each fold's end:
 * `keepWanted` then cuts them to what a smaller one would have given, so a language can be
 * cross-validated before it is known how many messages the languages before it leave to it.
 */
export function crossValidateFolds(training: TrainingSet, options: CalibrationOptions = defaultCalibrationOptions, shared: TrainingShortcuts = {}): HeldOut[][] {
  const random = seededRandom(options.seed);
  const k = options.folds;
  const foldOf = new Map<TrainingText, number>();
  for (const intent of training.intents) {
    const offset = Math.floor(random() * k);
    shuffled(asksLike(intent.texts), random).forEach((t, i) => foldOf.set(t, (i + offset) % k));
  }
  const oosFold = shuffled(training.outOfScope.map((text, i) => ({ text, i })), random).map(({ text }, i) => ({ text, fold: i % k }));
  const hiddenIn = new Map(shuffled(training.intents.map((i) => i.id), random).map((id, i) => [id, i % k]));
  const results: HeldOut[][] = [];
  const analyser = shared.analyser ?? createAnalyser(training.language);
  const features = shared.features ?? new Map<string, TextFeatures>();
  const shortcuts: TrainingShortcuts = { features, analyser, spell: false, vectors: shared.vectors ?? languageVectors(training, { features, analyser }) };
  const runs = textCount(training) > options.oneFoldFrom ? 1 : k;
  for (let fold = 0; fold < runs; fold++) {
    const kept: HeldOut[] = [];
    results.push(kept);
    const visible = training.intents.filter((i) => hiddenIn.get(i.id) !== fold);
    if (visible.length === 0) continue;
    const model = trainIntentModel(
      {
        language: training.language,
        intents: visible.map((i) => ({ id: i.id, texts: i.texts.filter((t) => foldOf.get(t) !== fold) })),
        outOfScope: oosFold.filter((o) => o.fold !== fold).map((o) => o.text),
      },
      options.softmax,
      shortcuts,
    );
    const ids = new Set(visible.map((i) => i.id));
    const heldOut = shuffled(
      [
        ...training.intents.flatMap((i) => i.texts.filter((t) => foldOf.get(t) === fold).map((t) => ({ text: t.text, expected: i.id }))),
        ...oosFold.filter((o) => o.fold === fold).map((o) => ({ text: o.text, expected: 'none' })),
      ],
      random,
    );
    // A sample is enough to fit a decision of nine features: a large base need not classify
    // thousands of its own texts at every start.
    // Every out-of-scope example of the fold is kept: they are few, and they alone tell the
    // "none" decision what a message no entry is meant for looks like.
    const quota = Math.ceil(options.heldOut / runs);
    let sampled = 0;
    for (const { text, expected } of heldOut) {
      if (expected !== 'none' && sampled >= quota) continue;
      const evidence = model.evidence(text);
      if (evidence.evidence.length === 0) continue; // declined before any decision model is asked
      const ranked = rankEntries(evidence, ids);
      const hidden = expected !== 'none' && hiddenIn.get(expected) === fold;
      kept.push({
        language: training.language,
        text,
        expected: hidden ? 'none' : expected,
        got: ranked[0]?.intent ?? 'none',
        top3: ranked.slice(0, 3).map((c) => c.intent),
        features: decisionFeatures(evidence, ranked),
        hidden,
      });
      if (expected !== 'none') sampled++;
    }
  }
  return results;
}

/** Whether a held-out message stood for an entry's question (hidden or not), which the quota counts, or was an out-of-scope example. */
const askedAnEntry = (h: HeldOut) => h.hidden || h.expected !== 'none';

/**
 * The messages `crossValidateFolds` with `heldOut: wanted` gives, cut from a run with a larger
 * `heldOut`: in each fold, every out-of-scope example and the first entries' questions up to
 * the fold's share of `wanted`.
 */
export function keepWanted(folds: readonly HeldOut[][], wanted: number): HeldOut[] {
  const quota = Math.ceil(wanted / Math.max(1, folds.length));
  const kept: HeldOut[] = [];
  for (const fold of folds) {
    let asked = 0;
    for (const h of fold) {
      if (!askedAnEntry(h)) kept.push(h);
      else if (asked++ < quota) kept.push(h);
    }
  }
  return kept;
}

const RIDGE = 1;

/** Where a held-out message comes from: an entry the fold's model knew, an out-of-scope example, a hidden entry. */
const kindOf = (h: HeldOut) => (h.hidden ? 'hidden' : h.expected === 'none' ? 'outOfScope' : 'inScope');

/**
 * The decision models fitted on cross-validated messages (of every language, pooled).
 * "Answer outright" learns from every held-out message, those of hidden entries counting as
 * wrong answers: they are the near misses an outright answer must not meet. Each kind of
 * message (the visible entries' questions, the out-of-scope examples, the hidden entries'
 * questions) counts as much as the others in all, for the answer model and its precision
 * alike: how many of each a base happens to have says nothing of how often customers send them.
 * For the precision, the hidden entries' questions are weighed as near misses
 * (`asNearMisses`).
 * "Some entry among the first three is meant" (clarify rather than decline) learns from the
 * visible entries' messages against the out-of-scope examples only: a near miss may be asked
 * about, and a hidden entry's question reads like an in-scope one, so counting them as "none"
 * would teach the decision to decline the base's own questions.
 */
export function fitDecisionModel(heldOut: readonly HeldOut[], options: CalibrationOptions = defaultCalibrationOptions): DecisionModel {
  const counts = { inScope: 0, outOfScope: 0, hidden: 0 };
  for (const h of heldOut) counts[kindOf(h)]++;
  const even = heldOut.map((h) => counts.inScope / counts[kindOf(h)]);
  // A firm ridge: the cross-validated messages resemble real ones only roughly, and extreme
  // weights would turn any difference between them into certainty.
  const top1 = fitLogistic(heldOut.map((h) => answerFeatures(h.features)), heldOut.map((h) => h.got === h.expected), RIDGE, undefined, even);
  const seen = heldOut.filter((h) => !h.hidden);
  const top3 = fitLogistic(
    seen.map((h) => scopeFeatures(h.features)),
    seen.map((h) => h.expected !== 'none' && h.top3.includes(h.expected)),
    RIDGE,
    undefined,
    seen.map((h) => (h.expected === 'none' ? (options.outOfScopeShare * counts.inScope) / counts.outOfScope : 1)),
  );
  // The lowest threshold at which the answers given outright were still precise enough.
  const weights = asNearMisses(heldOut, even);
  const scored = heldOut
    .map((h, i) => ({ p: predictLogistic(top1, answerFeatures(h.features)), right: h.got === h.expected, weight: weights[i]! }))
    .sort((a, b) => b.p - a.p);
  let answerAt = 1;
  let right = 0;
  let answered = 0;
  for (const s of scored) {
    answered += s.weight;
    if (s.right) right += s.weight;
    if (right / answered >= options.answerPrecision) answerAt = s.p;
  }
  return { top1, top3, answerAt: Math.max(0.5, answerAt), clarifyAt: 0.5, maxChoices: 3 };
}

/** Bands of coverage (the share of a message's words the model knows) in which hidden entries' questions are compared with in-scope ones. */
const COVERAGE_BANDS = 10;
/** Most a hidden entry's question can count for, against the others of its kind: one message in a thin band must not stand for them all. */
const MOST_LIKE = 5;

/**
 * `weights` with the hidden entries' questions weighed, still as much in all, as near misses:
 * each as much as its coverage is usual for an in-scope question (the in-scope messages' share
 * in its coverage band, over the hidden ones'). A customer asking about a topic next to the
 * base's asks in the base's words ("turn ON two-factor", "pay the invoice by PayPal"), and such
 * near misses were answered outright 3 to 4 times as often as the hidden entries' questions in
 * cross-validation: those are mostly in their entry's own words, which the fold's model never
 * saw, and are declined for their unknown words alone. The answer model still learns from
 * every hidden question alike: weighed so, a handful of them would steer its weights.
 */
function asNearMisses(heldOut: readonly HeldOut[], weights: readonly number[]): number[] {
  const bandOf = (h: HeldOut) => Math.min(COVERAGE_BANDS - 1, Math.floor(h.features[COVERAGE]! * COVERAGE_BANDS));
  const inScope = new Array<number>(COVERAGE_BANDS).fill(0);
  const hidden = new Array<number>(COVERAGE_BANDS).fill(0);
  for (const h of heldOut) {
    if (h.hidden) hidden[bandOf(h)]!++;
    else if (h.expected !== 'none') inScope[bandOf(h)]!++;
  }
  const inScopeCount = inScope.reduce((a, b) => a + b, 0);
  const hiddenCount = hidden.reduce((a, b) => a + b, 0);
  if (inScopeCount === 0 || hiddenCount === 0) return [...weights];
  const like = heldOut.map((h) => (h.hidden ? Math.min(MOST_LIKE, inScope[bandOf(h)]! / inScopeCount / (hidden[bandOf(h)]! / hiddenCount)) : 0));
  const likeTotal = like.reduce((a, b) => a + b, 0);
  if (likeTotal === 0) return [...weights];
  // The hidden kind keeps its total weight, shared out by likeness.
  const hiddenWeight = weights.reduce((sum, w, i) => sum + (heldOut[i]!.hidden ? w : 0), 0);
  return weights.map((w, i) => (heldOut[i]!.hidden ? (hiddenWeight * like[i]!) / likeTotal : w));
}
