import { Worker } from 'node:worker_threads';
import { heldOutBound, keepWanted, type CalibrationOptions, type HeldOut } from './calibrate.js';
import type { CrossValidateTask } from './cross-validate-worker.js';
import { request, startWorker, watched, workerCount, WORKER_FROM_TEXTS } from './worker-thread.js';
import { textCount, type TrainingSet } from './intent-model.js';

export interface PoolOptions {
  /**
   * Worker threads besides the calling one. Default: none for a base whose languages all have
   * fewer than WORKER_FROM_TEXTS texts or when the machine is saturated (load average at least
   * twice the cores), else one per core besides this thread's, at most one per language.
   */
  workers?: number;
  /** Told when a worker cannot start or fails: its language is then cross-validated on the calling thread. */
  onWorkerError?: (message: string) => void;
  /** Starts a worker thread running cross-validate-worker (default: that module, beside this one). */
  spawn?: () => Worker;
}

export interface CrossValidation {
  /**
   * Cross-validates, on the calling thread, the languages no worker has taken (`inline(i)` for
   * training set i), waits for the workers, and returns the held-out messages of every language
   * exactly as cross-validating them one after the other on one thread would.
   */
  finish(inline: (index: number) => HeldOut[][]): Promise<HeldOut[]>;
  /** Stops the workers (training failed elsewhere): a worker left running would keep the process alive. */
  cancel(): Promise<void>;
}

export { WORKER_FROM_TEXTS };

/**
 * Starts cross-validating the languages' training sets (in the order given: the pooled
 * held-out messages are taken from the first languages first) on worker threads, while the
 * calling thread trains the final models. A language is only sent off when it is sure to be
 * needed: while the languages before it may already give `calibration.heldOut` messages, it
 * waits for them (on a large base the first language gives them all).
 */
export function startCrossValidation(trainings: readonly TrainingSet[], calibration: CalibrationOptions, options: PoolOptions = {}): CrossValidation {
  const wanted = calibration.heldOut;
  const bounds = trainings.map(heldOutBound);
  const folds: Array<HeldOut[][] | undefined> = new Array(trainings.length);
  const retry: number[] = [];
  let cursor = 0;
  let running = 0;
  let wake = () => {};
  let changed = new Promise<void>((resolve) => (wake = resolve));
  const notify = () => {
    const wakeNow = wake;
    changed = new Promise<void>((resolve) => (wake = resolve));
    wakeNow();
  };

  /** What the languages before `i` leave to it, once they are done (as the one-thread order takes them). */
  function leftFor(i: number): number | undefined {
    let count = 0;
    for (let j = 0; j < i; j++) {
      const done = folds[j];
      if (!done) return undefined;
      if (wanted - count > 0) count += keepWanted(done, wanted - count).length;
    }
    return Math.max(0, wanted - count);
  }

  function claim(): number | 'wait' | 'none' {
    if (cursor >= trainings.length) return 'none';
    let before = 0;
    for (let j = 0; j < cursor; j++) before += bounds[j]!;
    if (before < wanted) return cursor++;
    const left = leftFor(cursor);
    if (left === undefined) return 'wait';
    if (left > 0) return cursor++;
    cursor = trainings.length; // none left for this language, nor for any after it
    return 'none';
  }

  const count = workerCount(trainings.map(textCount), trainings.length, options.workers);
  const live = new Set<Worker>();
  const serving = Array.from({ length: count }, () => serve());

  async function serve(): Promise<void> {
    let worker: Worker | undefined;
    try {
      for (;;) {
        const task = claim();
        if (task === 'none') return;
        if (task === 'wait') {
          await changed;
          continue;
        }
        running++;
        try {
          if (!worker) live.add((worker = options.spawn ? watched(options.spawn()) : startWorker('cross-validate-worker')));
          folds[task] = await run(worker, { id: task, training: trainings[task]!, options: { ...calibration, heldOut: wanted } });
        } catch (error) {
          retry.push(task);
          options.onWorkerError?.(`cross-validation worker failed, training on the main thread instead: ${error instanceof Error ? error.message : String(error)}`);
          return;
        } finally {
          running--;
          notify();
        }
      }
    } finally {
      if (worker) live.delete(worker);
      await worker?.terminate();
    }
  }

  return {
    async finish(inline) {
      for (;;) {
        const task = retry.shift() ?? claim();
        if (task === 'none' && running === 0 && retry.length === 0) break;
        if (typeof task !== 'number') {
          await changed;
          continue;
        }
        folds[task] = inline(task);
        notify();
        // Let a worker that finished meanwhile take the next language before this thread does.
        await new Promise((resolve) => setImmediate(resolve));
      }
      await Promise.all(serving);
      const heldOut: HeldOut[] = [];
      for (const done of folds) if (done && wanted - heldOut.length > 0) heldOut.push(...keepWanted(done, wanted - heldOut.length));
      return heldOut;
    },
    async cancel() {
      cursor = trainings.length;
      await Promise.all([...live].map((w) => w.terminate()));
    },
  };
}

function run(worker: Worker, task: CrossValidateTask): Promise<HeldOut[][]> {
  return request(worker, task, (answer: { folds?: HeldOut[][] }) => answer.folds);
}
