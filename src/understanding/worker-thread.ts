import { availableParallelism, loadavg } from 'node:os';
import { Worker } from 'node:worker_threads';

/**
 * A fresh thread compiles every function it runs again and starts cold: on the ten entries
 * (about 800 texts a language) a worker cost 1.3 s more CPU than it saved, and on two cores the
 * start was slower. On 1,000 entries (19,000 texts a language), the first language's
 * cross-validation in a worker took 14.3 s of training down to 11.2 s (load 3 on 2 cores), but
 * with the cores saturated (load 7.7) a worker only added its CPU: 40 s wall became 44.5 s.
 */
export const WORKER_FROM_TEXTS = 5000;

/**
 * How many worker threads a pool starts, at most `most`: `requested` when given; else one per
 * core besides this thread's when some language has WORKER_FROM_TEXTS texts, and none on a
 * saturated machine (load average at least twice the cores).
 */
export function workerCount(textCounts: readonly number[], most: number, requested?: number): number {
  const worthIt = textCounts.some((n) => n >= WORKER_FROM_TEXTS);
  const cores = availableParallelism();
  const saturated = loadavg()[0]! >= 2 * cores;
  return Math.max(0, Math.min(most, requested ?? (worthIt && !saturated ? cores - 1 : 0)));
}

const TSX_LOADER = 'tsx/esm/api';

/**
 * Starts a worker thread running `name` (a module of this folder, without extension): compiled,
 * the .js beside this module; run from source (tsx, vitest), the .ts, which a worker thread can
 * only load through tsx's loader.
 */
export function startWorker(name: string): Worker {
  const source = import.meta.url.endsWith('.ts');
  const url = new URL(`./${name}.${source ? 'ts' : 'js'}`, import.meta.url);
  if (!source) return watched(new Worker(url));
  // From source only: tsx (a development dependency) runs this code then. Named as data, so the
  // compiled module, which never takes this branch, imports nothing of it.
  const bootstrap = "const { loader, url } = require('node:worker_threads').workerData; import(loader).then((tsx) => { tsx.register(); return import(url); });";
  return watched(new Worker(bootstrap, { eval: true, workerData: { loader: TSX_LOADER, url: url.href } }));
}

/** A worker whose failure between tasks does not throw in this thread (the next task sees the exit). */
export function watched(worker: Worker): Worker {
  worker.on('error', () => {});
  worker.once('exit', () => exited.add(worker));
  return worker;
}

const exited = new WeakSet<Worker>();

/**
 * Posts `task` (with a numeric `id`) and waits for the worker's answer with the same id:
 * `pick(answer)` gives the result, or undefined when the answer is an error (`answer.error`).
 * Rejects when the worker fails or exits first.
 */
export function request<T>(worker: Worker, task: { id: number }, pick: (answer: never) => T | undefined, transfer: ArrayBuffer[] = []): Promise<T> {
  return new Promise((resolve, reject) => {
    if (exited.has(worker)) {
      reject(new Error('worker exited'));
      return;
    }
    const onMessage = (answer: { id: number; error?: string }) => {
      if (answer.id !== task.id) return;
      done();
      const result = pick(answer as never);
      if (result !== undefined) resolve(result);
      else reject(new Error(answer.error ?? 'no answer'));
    };
    const onError = (error: Error) => {
      done();
      reject(error);
    };
    const onExit = (code: number) => {
      done();
      reject(new Error(`worker exited with ${code}`));
    };
    const done = () => {
      worker.off('message', onMessage);
      worker.off('error', onError);
      worker.off('exit', onExit);
    };
    worker.on('message', onMessage);
    worker.on('error', onError);
    worker.on('exit', onExit);
    worker.postMessage(task, transfer);
  });
}
