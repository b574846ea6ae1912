import { createScorer, expBiasOf, softmaxModel, type SoftmaxModel, type SoftmaxWeights } from './softmax-scorer.js';
import type { SparseVector } from './vectorizer.js';

export type { SoftmaxModel } from './softmax-scorer.js';

/**
 * Multinomial logistic regression over sparse TF-IDF vectors, trained at start-up by
 * stochastic gradient descent with AdaGrad steps (robust to the learning rate, suited to sparse
 * features), a few passes over the data (stopping early regularises, as the L2 penalty does).
 *
 * Weights: one per (feature, class) pair while that fits `denseLimit` (a class learns from
 * features it never saw: negative evidence); beyond it, as on a base of 1,000 entries × 50,000
 * features (200 MB a language), only the pairs seen together in training, as in naive Bayes.
 * Scoring a message touches only its own features' weights: microseconds, whatever the base.
 */
export interface TrainingExample {
  x: SparseVector;
  label: number;
  /** How much the example counts (answer sentences count less than example questions). */
  weight: number;
}

export interface SoftmaxOptions {
  /** Passes over the data at most, and at least (when the work budget is short). */
  maxEpochs: number;
  minEpochs: number;
  /** Weight reads allowed in all, so training time stays bounded on a large base. */
  workBudget: number;
  learningRate: number;
  /** L2 penalty on the touched weights: keeps probabilities from saturating on rare features. */
  l2: number;
  /** Most (feature × class) weights for the dense layout. */
  denseLimit: number;
  seed: number;
}

// Chosen on CLINC150's validation set (bench/), never on test nor on our own knowledge base.
export const defaultSoftmaxOptions: SoftmaxOptions = {
  maxEpochs: 5,
  minEpochs: 2,
  workBudget: 1_000_000_000,
  learningRate: 0.2,
  l2: 1e-4,
  denseLimit: 12_000_000,
  seed: 1,
};

// A feature used by more than 50 classes, or 5% of them on a base of over 1,000, is common. At
// 10% a base of 1,000 entries kept features of 50-100 classes (character n-grams shared by many
// entries' names): a third of the start-up's CPU for no answer that changed on any set measured
// (bench/understander-speed.ts, README "Start-up"); up to 500 classes nothing changes.
const MIN_COMMON = 50;
const COMMON_SHARE = 0.05;

/** A gradient this small changes no weight that matters: skipping it makes later epochs cheap. */
const NEGLIGIBLE = 5e-3;

/** A small fast seeded generator, so training (and hence every figure) is reproducible. */
export function seededRandom(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** For each feature, the classes that have a weight for it: all of them, or those seen with it. */
function buildSupport(examples: readonly TrainingExample[], features: number, classes: number, dense: boolean) {
  const offsets = new Int32Array(features + 1);
  if (dense) {
    for (let f = 0; f <= features; f++) offsets[f] = f * classes;
    return { offsets, classOf: undefined };
  }
  const classesOf: Array<Set<number> | undefined> = new Array(features);
  for (const { x, label } of examples) for (const id of x.ids) (classesOf[id] ??= new Set()).add(label);
  // A feature that a large share of the classes use ("how", "come posso") tells them apart
  // little, and would cost every message a weight per class: the sparse layout leaves it out.
  const commonAt = Math.max(MIN_COMMON, COMMON_SHARE * classes);
  for (let f = 0; f < features; f++) if ((classesOf[f]?.size ?? 0) > commonAt) classesOf[f] = undefined;
  for (let f = 0; f < features; f++) offsets[f + 1] = offsets[f]! + (classesOf[f]?.size ?? 0);
  const classOf = new Int32Array(offsets[features]!);
  for (let f = 0; f < features; f++) {
    let j = offsets[f]!;
    for (const c of [...(classesOf[f] ?? [])].sort((a, b) => a - b)) classOf[j++] = c;
  }
  return { offsets, classOf };
}

/** Trains the model on the calling thread. */
export function trainSoftmax(
  examples: readonly TrainingExample[],
  classes: number,
  features: number,
  options: SoftmaxOptions = defaultSoftmaxOptions,
): SoftmaxModel {
  return softmaxModel(fitSoftmax(examples, classes, features, options));
}

/** The weights of the model `trainSoftmax` trains, as typed arrays (softmax-scorer.ts makes the model of them). */
export function fitSoftmax(
  examples: readonly TrainingExample[],
  classes: number,
  features: number,
  options: SoftmaxOptions = defaultSoftmaxOptions,
): SoftmaxWeights {
  // Dense while it fits in memory and in the work budget; a message's cost is then its
  // features × the classes, which on a large base only the sparse layout keeps small.
  let denseWork = 0;
  for (const { x } of examples) denseWork += classes * (1 + x.ids.length);
  const dense = features * classes <= options.denseLimit && denseWork * options.maxEpochs <= options.workBudget;
  const { offsets, classOf } = buildSupport(examples, features, classes, dense);
  const size = offsets[features]!;
  const weights = new Float32Array(size);
  const steps = new Float32Array(size);
  const bias = new Float64Array(classes);
  const biasSquares = new Float64Array(classes);

  let workPerEpoch = 0;
  for (const { x } of examples) {
    workPerEpoch += dense ? classes : 1;
    for (const id of x.ids) workPerEpoch += offsets[id + 1]! - offsets[id]!;
  }
  const epochs = Math.max(options.minEpochs, Math.min(options.maxEpochs, Math.floor(options.workBudget / Math.max(1, workPerEpoch))));
  const fitted: SoftmaxWeights = { classes, epochs, offsets, classOf, weights, bias, sumExpBias: classes };
  const expBias = expBiasOf(fitted);
  const { scores, active, score } = createScorer(fitted, expBias);

  const random = seededRandom(options.seed);
  const order = examples.map((_, i) => i);
  const rate = options.learningRate;
  const l2 = options.l2;
  const gradient = new Float64Array(classes);
  // The classes whose gradient is not negligible, found once per example rather than tested
  // again for every feature.
  const live = new Int32Array(classes);
  for (let epoch = 0; epoch < epochs; epoch++) {
    // Recomputed exactly once a pass, so rounding in the running sum cannot drift.
    if (classOf) fitted.sumExpBias = expBias.reduce((a, b) => a + b, 0);
    for (let i = order.length - 1; i > 0; i--) {
      const j = Math.floor(random() * (i + 1));
      [order[i], order[j]] = [order[j]!, order[i]!];
    }
    for (const index of order) {
      const { x, label, weight } = examples[index]!;
      const actives = score(x, label);
      // The gradient of the log loss with respect to class c's score is p_c − [c is the label];
      // a class the message does not touch has p_c ≈ exp(bias)/Z, negligible on a large base.
      let lives = 0;
      for (let i = 0; i < actives; i++) {
        const c = classOf ? active[i]! : i;
        const g = scores[c]! - (c === label ? 1 : 0);
        gradient[c] = g;
        const gb = weight * g;
        if (classOf ? !(g < NEGLIGIBLE && g > -NEGLIGIBLE) : !(gb < NEGLIGIBLE && gb > -NEGLIGIBLE)) live[lives++] = c;
        if (gb < NEGLIGIBLE && gb > -NEGLIGIBLE) continue;
        biasSquares[c]! += gb * gb;
        const value = bias[c]! - (rate * gb) / Math.sqrt(biasSquares[c]!);
        bias[c] = value;
        if (!classOf) continue;
        const e = Math.exp(value);
        fitted.sumExpBias += e - expBias[c]!;
        expBias[c] = e;
      }
      // AdaGrad on each weight the example reaches (inlined: a call per weight costs).
      for (let k = 0; k < x.ids.length; k++) {
        const f = x.ids[k]!;
        const v = weight * x.values[k]!;
        if (!classOf) {
          // Dense: a class whose weighted gradient is negligible is skipped altogether.
          const base = offsets[f]!;
          for (let n = 0; n < lives; n++) {
            const c = live[n]!;
            const j = base + c;
            const step = v * gradient[c]! + l2 * weights[j]!;
            steps[j]! += step * step;
            weights[j]! -= (rate * step) / (Math.sqrt(steps[j]!) + 1e-8);
          }
          continue;
        }
        const start = offsets[f]!;
        const end = offsets[f + 1]!;
        if (lives * 8 < end - start) {
          // Few classes learn from this example (the label and its nearest rivals) and the
          // feature has many: find theirs by binary search in the feature's sorted classes.
          for (let n = 0; n < lives; n++) {
            const c = live[n]!;
            let low = start;
            let high = end;
            while (low < high) {
              const middle = (low + high) >> 1;
              if (classOf[middle]! < c) low = middle + 1;
              else high = middle;
            }
            if (low === end || classOf[low] !== c) continue;
            const step = v * gradient[c]! + l2 * weights[low]!;
            steps[low]! += step * step;
            weights[low]! -= (rate * step) / (Math.sqrt(steps[low]!) + 1e-8);
          }
          continue;
        }
        for (let j = start; j < end; j++) {
          const g = gradient[classOf[j]!]!;
          if (g < NEGLIGIBLE && g > -NEGLIGIBLE) continue;
          const step = v * g + l2 * weights[j]!;
          steps[j]! += step * step;
          weights[j]! -= (rate * step) / (Math.sqrt(steps[j]!) + 1e-8);
        }
      }
    }
  }
  return fitted;
}
