import type { Worker } from 'node:worker_threads';
import { textCount, type TrainingSet } from './intent-model.js';
import type { LanguageWords } from './language-training.js';
import type { LanguageSnapshot } from './model-cache.js';
import type { SoftmaxOptions } from './softmax-regression.js';
import { startWorker, watched, workerCount } from './worker-thread.js';

export interface LanguageTask {
  training: TrainingSet;
  words: LanguageWords;
}

export interface LanguagePoolOptions {
  /**
   * Worker threads besides the calling one. Default: none for a base whose languages all have
   * fewer than WORKER_FROM_TEXTS texts or when the machine is saturated, else one per core
   * besides this thread's; at most one per language besides the first.
   */
  workers?: number;
  /** Starts a worker thread running language-worker (default: that module, beside this one). */
  spawn?: () => Worker;
}

export interface LanguagePool {
  /** Claims language i for the calling thread: true when no worker has taken it (train it here). */
  claim(i: number): boolean;
  /** A language a worker took: its trained snapshot; rejects when the worker failed (train it here then). */
  result(i: number): Promise<LanguageSnapshot>;
  /** How many workers were started. */
  readonly workers: number;
  /** Stops the workers: one left running would keep the process alive. */
  close(): Promise<void>;
}

/** A claim's owner in the shared array: nobody yet, the calling thread, a worker. */
export const FREE = 0;
export const CALLER = 1;
export const WORKER = 2;

/**
 * Trains the languages' final models on worker threads and on the calling thread at once: every
 * worker gets every task up front and takes languages from the last, the calling thread from the
 * first, each claiming a language in a shared array before training it, so neither waits for the
 * other to hand out work (the calling thread is busy for seconds at a time). A worker's language
 * comes back as a snapshot (model-cache.ts), the same model the calling thread would have made.
 */
export function startLanguagePool(tasks: readonly LanguageTask[], softmax: SoftmaxOptions, options: LanguagePoolOptions = {}): LanguagePool {
  const count = workerCount(tasks.map((t) => textCount(t.training)), tasks.length - 1, options.workers);
  const claims = new Int32Array(new SharedArrayBuffer(4 * Math.max(1, tasks.length)));
  const pending = tasks.map(() => deferred<LanguageSnapshot>());
  const delivered = new Set<number>();
  const workers = Array.from({ length: count }, () => (options.spawn ? watched(options.spawn()) : startWorker('language-worker')));
  let closed = false;
  const failed = (error: Error) => {
    // Whatever a worker claimed and did not deliver is the calling thread's to train.
    for (let i = 0; i < tasks.length; i++) if (!delivered.has(i)) pending[i]!.reject(error);
  };
  for (const worker of workers) {
    worker.on('message', (message: { index: number; snapshot?: LanguageSnapshot; error?: string }) => {
      delivered.add(message.index);
      if (message.snapshot) pending[message.index]!.resolve(message.snapshot);
      else pending[message.index]!.reject(new Error(message.error ?? 'no snapshot'));
    });
    worker.once('error', failed);
    worker.once('exit', (code) => {
      if (!closed) failed(new Error(`language worker exited with ${code}`));
    });
    worker.postMessage({ tasks, softmax, claims: claims.buffer });
  }
  for (const p of pending) p.promise.catch(() => {});
  return {
    workers: count,
    claim: (i) => Atomics.compareExchange(claims, i, FREE, CALLER) === FREE || Atomics.load(claims, i) === CALLER,
    result: (i) => pending[i]!.promise,
    async close() {
      closed = true;
      await Promise.all(workers.map((w) => w.terminate()));
    },
  };
}

function deferred<T>() {
  let resolve!: (value: T) => void;
  let reject!: (error: Error) => void;
  const promise = new Promise<T>((yes, no) => {
    resolve = yes;
    reject = no;
  });
  return { promise, resolve, reject };
}
