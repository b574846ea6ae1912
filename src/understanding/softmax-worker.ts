/**
 * A worker thread that fits softmax models for the main thread (softmax-pool.ts): on a large
 * base the languages' final models are most of the start-up, and each is independent of the
 * others. Messages in: `{ id, task }` (a PackedSoftmaxTask); out: `{ id, weights }` or `{ id, error }`.
 */
import { parentPort } from 'node:worker_threads';
import { fitSoftmax } from './softmax-regression.js';
import { unpackExamples, weightBuffers, type PackedSoftmaxTask } from './softmax-pool.js';

parentPort?.on('message', ({ id, task }: { id: number; task: PackedSoftmaxTask }) => {
  try {
    const weights = fitSoftmax(unpackExamples(task), task.classes, task.features, task.options);
    parentPort!.postMessage({ id, weights }, weightBuffers(weights));
  } catch (error) {
    parentPort!.postMessage({ id, error: error instanceof Error ? (error.stack ?? error.message) : String(error) });
  }
});
