import type { Worker } from 'node:worker_threads';
import type { SoftmaxOptions, TrainingExample } from './softmax-regression.js';
import type { SoftmaxWeights } from './softmax-scorer.js';
import { request, startWorker, watched, workerCount } from './worker-thread.js';

export interface SoftmaxPoolOptions {
  /**
   * Worker threads besides the calling one. Default: none for a base whose languages all have
   * fewer than WORKER_FROM_TEXTS texts or when the machine is saturated, else one per core
   * besides this thread's; at most one per language besides the first.
   */
  workers?: number;
  /** Starts a worker thread running softmax-worker (default: that module, beside this one). */
  spawn?: () => Worker;
}

export interface SoftmaxPool {
  /**
   * Fits the model on a worker that has nothing to do, or returns undefined when none is free
   * (the caller fits it itself, meanwhile). Rejects when the worker fails: fit on the calling
   * thread then, the weights are the same.
   */
  fit(examples: readonly TrainingExample[], classes: number, features: number, options: SoftmaxOptions): Promise<SoftmaxWeights> | undefined;
  /** Stops the workers: one left running would keep the process alive. */
  close(): Promise<void>;
  /** Whether `close` was called: a fit it cut short is not wanted any more. */
  readonly closed: boolean;
}

/**
 * Worker threads for the final softmax models of a large base's languages, so that on two
 * cores the calling thread trains one language while a worker trains another. As with the
 * cross-validation (cross-validation-pool.ts), a worker starts cold, so it is only worth it for
 * large models and none is started on a saturated machine (load average at least twice the cores).
 */
export function startSoftmaxPool(textCounts: readonly number[], options: SoftmaxPoolOptions = {}): SoftmaxPool {
  // At most one a language besides the one this thread fits.
  const count = workerCount(textCounts, textCounts.length - 1, options.workers);
  // Started now: a worker compiles its code while this thread prepares the first model.
  const idle: Worker[] = Array.from({ length: count }, () => (options.spawn ? watched(options.spawn()) : startWorker('softmax-worker')));
  const all = [...idle];
  let next = 0;
  let closed = false;
  return {
    get closed() {
      return closed;
    },
    fit(examples, classes, features, softmax) {
      const worker = idle.pop();
      if (!worker) return undefined;
      const task = packExamples(examples, classes, features, softmax);
      const id = next++;
      return request(worker, { id, task } as { id: number }, (answer: { weights?: SoftmaxWeights }) => answer.weights, taskBuffers(task)).then(
        (weights) => {
          idle.push(worker);
          return weights;
        },
        async (error: unknown) => {
          await worker.terminate();
          throw error;
        },
      );
    },
    async close() {
      closed = true;
      idle.length = 0;
      await Promise.all(all.map((w) => w.terminate()));
    },
  };
}

/** Training examples as a few flat typed arrays: posted to a worker in one copy, not 19,000 objects. */
export interface PackedSoftmaxTask {
  classes: number;
  features: number;
  options: SoftmaxOptions;
  /** Example i's features are `ids[starts[i] .. starts[i + 1])`, with their `values`. */
  starts: Int32Array;
  ids: Int32Array;
  values: Float32Array;
  labels: Int32Array;
  weights: Float64Array;
}

export function packExamples(examples: readonly TrainingExample[], classes: number, features: number, options: SoftmaxOptions): PackedSoftmaxTask {
  const starts = new Int32Array(examples.length + 1);
  examples.forEach((e, i) => (starts[i + 1] = starts[i]! + e.x.ids.length));
  const ids = new Int32Array(starts[examples.length]!);
  const values = new Float32Array(ids.length);
  examples.forEach((e, i) => {
    ids.set(e.x.ids, starts[i]);
    values.set(e.x.values, starts[i]);
  });
  return { classes, features, options, starts, ids, values, labels: Int32Array.from(examples, (e) => e.label), weights: Float64Array.from(examples, (e) => e.weight) };
}

export function unpackExamples(task: PackedSoftmaxTask): TrainingExample[] {
  return Array.from(task.labels, (label, i) => {
    const [start, end] = [task.starts[i]!, task.starts[i + 1]!];
    return { x: { ids: task.ids.subarray(start, end), values: task.values.subarray(start, end) }, label, weight: task.weights[i]! };
  });
}

const taskBuffers = (t: PackedSoftmaxTask) => [t.starts, t.ids, t.values, t.labels, t.weights].map((a) => a.buffer as ArrayBuffer);

export const weightBuffers = (w: SoftmaxWeights) => [w.offsets, w.classOf, w.weights, w.bias].flatMap((a) => (a ? [a.buffer as ArrayBuffer] : []));
