import type { SparseVector } from './vectorizer.js';

/**
 * What a trained softmax model is: typed arrays and numbers only, so it can be fitted on a
 * worker thread (language-pool.ts) and handed back, and the model built from it answers
 * exactly as one trained on the calling thread.
 */
export interface SoftmaxWeights {
  classes: number;
  epochs: number;
  /** For feature f, its weights are `weights[offsets[f] .. offsets[f + 1])`. */
  offsets: Int32Array;
  /** Sparse layout: the class of each weight (sorted within a feature); none when dense (weight j of a feature is class j). */
  classOf?: Int32Array;
  weights: Float32Array;
  bias: Float64Array;
  /**
   * Sparse layout: the sum of every class's exp(bias) as training kept it up to date (a running
   * sum, not recomputed: recomputing it would round differently, and change the answers).
   */
  sumExpBias: number;
}

export interface SoftmaxModel {
  classes: number;
  epochs: number;
  dense: boolean;
  /** Class probabilities of a vector (sum 1). */
  probabilities(x: SparseVector): Float64Array;
  /** The `k` most probable classes of a vector, best first, and the probability of `also` (e.g. the none class) whether or not it is among them. */
  top(x: SparseVector, k: number, also?: number): { classes: number[]; p: number[]; pAlso: number };
}

/**
 * The softmax of a vector under `w`, for training (which moves `w` between calls) and for the
 * trained model. Sparse layout: a class with no weight on any of a message's features scores
 * its bias alone, so the softmax needs only the classes the message touches ("active") and the
 * sum of every class's exp(bias) (`expBias`, `w.sumExpBias`, kept up to date by training). A
 * message then costs its own features' weights, not a pass over 1,000 classes.
 */
export function createScorer(w: SoftmaxWeights, expBias: Float64Array) {
  const { classes, offsets, classOf, weights, bias } = w;
  const scores = new Float64Array(classes);
  const mark = new Int32Array(classes);
  // The active classes in the order first touched (the order the sums run in), in a typed
  // array: a JS array's push and iterator cost more than the arithmetic they serve.
  const active = new Int32Array(classes);
  let stamp = 0;
  let shift = 0;
  let normaliser = 1;

  /** Probabilities of the active classes into `scores` (every class when dense); returns how many are active. */
  function score(x: SparseVector, label = -1): number {
    const ids = x.ids;
    const values = x.values;
    if (!classOf) {
      scores.set(bias);
      for (let k = 0; k < ids.length; k++) {
        const f = ids[k]!;
        const v = values[k]!;
        const end = offsets[f + 1]!;
        for (let j = offsets[f]!, c = 0; j < end; j++, c++) scores[c]! += v * weights[j]!;
      }
      let top = -Infinity;
      for (let c = 0; c < classes; c++) if (scores[c]! > top) top = scores[c]!;
      let sum = 0;
      for (let c = 0; c < classes; c++) sum += scores[c] = Math.exp(scores[c]! - top);
      for (let c = 0; c < classes; c++) scores[c]! /= sum;
      shift = top;
      normaliser = sum;
      return classes;
    }
    const now = ++stamp;
    let n = 0;
    if (label >= 0) {
      mark[label] = now;
      active[n++] = label;
      scores[label] = bias[label]!;
    }
    for (let k = 0; k < ids.length; k++) {
      const f = ids[k]!;
      const v = values[k]!;
      const end = offsets[f + 1]!;
      for (let j = offsets[f]!; j < end; j++) {
        const c = classOf[j]!;
        // (inlined: a closure here would cost a call per weight)
        if (mark[c] !== now) {
          mark[c] = now;
          active[n++] = c;
          scores[c] = bias[c]!;
        }
        scores[c]! += v * weights[j]!;
      }
    }
    let top = -Infinity;
    for (let i = 0; i < n; i++) {
      const s = scores[active[i]!]!;
      if (s > top) top = s;
    }
    let sum = 0;
    let activeExpBias = 0;
    for (let i = 0; i < n; i++) {
      const c = active[i]!;
      sum += scores[c] = Math.exp(scores[c]! - top);
      activeExpBias += expBias[c]!;
    }
    // The classes the message does not touch, each at exp(bias), scaled by the same shift.
    sum += Math.max(0, w.sumExpBias - activeExpBias) * Math.exp(-top);
    for (let i = 0; i < n; i++) scores[active[i]!]! /= sum;
    shift = top;
    normaliser = sum;
    return n;
  }

  /** The probability of class c under the last `score`d vector. */
  const probabilityOf = (c: number) => (!classOf || mark[c] === stamp ? scores[c]! : (expBias[c]! * Math.exp(-shift)) / normaliser);
  /** Whether class c was active in the last `score`d vector. */
  const touched = (c: number) => !classOf || mark[c] === stamp;
  return { scores, active, score, probabilityOf, touched };
}

/** Each class's exp(bias), as training keeps it (exp(0) = 1 before any step). */
export const expBiasOf = (w: SoftmaxWeights) => (w.classOf ? w.bias.map(Math.exp) : new Float64Array(w.classes).fill(1));

/** The trained model of `w`: scoring a message touches only its own features' weights. */
export function softmaxModel(w: SoftmaxWeights): SoftmaxModel {
  const { classes, bias } = w;
  const dense = !w.classOf;
  const { scores, active, score, probabilityOf, touched } = createScorer(w, expBiasOf(w));
  // Classes by bias, best first: what a message that touches fewer than k classes ranks next.
  const byBias = Array.from({ length: classes }, (_, c) => c).sort((a, b) => bias[b]! - bias[a]!);
  const everyClass = Array.from({ length: classes }, (_, c) => c);
  return {
    classes,
    epochs: w.epochs,
    dense,
    probabilities(x) {
      score(x);
      return Float64Array.from({ length: classes }, (_, c) => probabilityOf(c));
    },
    top(x, k, also = -1) {
      const n = score(x);
      const ranked = (dense ? everyClass.slice() : Array.from(active.subarray(0, n))).sort((a, b) => scores[b]! - scores[a]!).slice(0, k);
      for (let i = 0; ranked.length < Math.min(k, classes) && i < classes; i++) if (!touched(byBias[i]!)) ranked.push(byBias[i]!);
      return { classes: ranked, p: ranked.map(probabilityOf), pAlso: also >= 0 ? probabilityOf(also) : 0 };
    },
  };
}
