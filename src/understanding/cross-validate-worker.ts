/**
 * A worker thread that cross-validates one language at a time for the main thread
 * (cross-validation-pool.ts): the fold models are most of the start-up's training, and each
 * language's are independent of the others'. Messages in: `{ id, training, options }`; out:
 * `{ id, folds }` (crossValidateFolds' result) or `{ id, error }`.
 */
import { parentPort } from 'node:worker_threads';
import { crossValidateFolds, type CalibrationOptions } from './calibrate.js';
import type { TrainingSet } from './intent-model.js';

export interface CrossValidateTask {
  id: number;
  training: TrainingSet;
  options: CalibrationOptions;
}

parentPort?.on('message', (task: CrossValidateTask) => {
  try {
    parentPort!.postMessage({ id: task.id, folds: crossValidateFolds(task.training, task.options) });
  } catch (error) {
    parentPort!.postMessage({ id: task.id, error: error instanceof Error ? (error.stack ?? error.message) : String(error) });
  }
});
