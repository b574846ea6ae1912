/**
 * A worker thread that trains languages' final models for the main thread (language-pool.ts):
 * given every language up front, it takes them from the last, claiming each in the shared
 * array, until it meets one the main thread has claimed. Messages in: `{ tasks, softmax, claims }`;
 * out, per language: `{ index, snapshot }` or `{ index, error }`.
 */
import { parentPort } from 'node:worker_threads';
import { CALLER, FREE, WORKER, type LanguageTask } from './language-pool.js';
import { trainLanguageSnapshot } from './language-training.js';
import { typedArrayBuffers } from './model-snapshot.js';
import type { SoftmaxOptions } from './softmax-regression.js';

parentPort?.once('message', ({ tasks, softmax, claims: shared }: { tasks: LanguageTask[]; softmax: SoftmaxOptions; claims: SharedArrayBuffer }) => {
  const claims = new Int32Array(shared);
  for (let index = tasks.length - 1; index >= 0; index--) {
    const owner = Atomics.compareExchange(claims, index, FREE, WORKER);
    // The main thread works up from the first language: below its claim, all are its own.
    if (owner === CALLER) break;
    if (owner !== FREE) continue;
    const { training, words } = tasks[index]!;
    try {
      const snapshot = trainLanguageSnapshot(training, words, softmax);
      // (Moved, not copied: every typed array of the snapshot.)
      parentPort!.postMessage({ index, snapshot }, typedArrayBuffers(snapshot));
    } catch (error) {
      parentPort!.postMessage({ index, error: error instanceof Error ? (error.stack ?? error.message) : String(error) });
    }
  }
});
