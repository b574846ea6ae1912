import { Worker } from 'node:worker_threads';
import { beforeAll, describe, expect, it } from 'vitest';
import { LANGUAGES } from '../../src/content/languages.js';
import { crossValidate, crossValidateFolds, defaultCalibrationOptions, type CalibrationOptions, type HeldOut } from '../../src/understanding/calibrate.js';
import { startCrossValidation } from '../../src/understanding/cross-validation-pool.js';
import type { TrainingSet } from '../../src/understanding/intent-model.js';
import { trainingSetOf } from '../../src/understanding/understander.js';
import { projectContent } from '../support/content.js';

let trainings: TrainingSet[];
beforeAll(async () => {
  const { kb } = await projectContent();
  trainings = LANGUAGES.map((l) => trainingSetOf(kb, l));
});

/** What the understander did before any worker: one language after another, each given what the others left. */
function oneAfterAnother(calibration: CalibrationOptions): HeldOut[] {
  const heldOut: HeldOut[] = [];
  for (const training of trainings) {
    const wanted = calibration.heldOut - heldOut.length;
    if (wanted > 0) heldOut.push(...crossValidate(training, { ...calibration, heldOut: wanted }));
  }
  return heldOut;
}

const inline = (calibration: CalibrationOptions) => (i: number) => crossValidateFolds(trainings[i]!, calibration);

describe('cross-validating the languages on worker threads', () => {
  // 700 messages: the first language gives about 520, the second is cut to what is left, the
  // others are not needed: the pool must cut the same messages without knowing that in advance.
  it.each([2500, 700])('holds out the same messages as one thread would (at most %i)', async (heldOut) => {
    const calibration = { ...defaultCalibrationOptions, heldOut };
    const expected = oneAfterAnother(calibration);
    const errors: string[] = [];
    const pooled = await startCrossValidation(trainings, calibration, { workers: 1, onWorkerError: (m) => errors.push(m) }).finish(inline(calibration));
    expect(errors).toEqual([]);
    expect(pooled.length).toBeGreaterThan(0);
    expect(pooled).toEqual(expected);
  }, 120_000);

  it('cross-validates on the calling thread what a worker that fails could not', async () => {
    const calibration = { ...defaultCalibrationOptions, heldOut: 700 };
    const errors: string[] = [];
    const broken = () => new Worker('process.exit(3)', { eval: true });
    const pooled = await startCrossValidation(trainings, calibration, { workers: 2, spawn: broken, onWorkerError: (m) => errors.push(m) }).finish(inline(calibration));
    expect(errors.length).toBeGreaterThan(0);
    expect(errors[0]).toMatch(/worker/);
    expect(pooled).toEqual(oneAfterAnother(calibration));
  }, 120_000);

  it('stops its workers when the training fails elsewhere', async () => {
    let spawned: Worker | undefined;
    // A worker that never answers: only cancel() can end it.
    const spawn = () => (spawned = new Worker("require('node:worker_threads').parentPort.on('message', () => {})", { eval: true }));
    const pool = startCrossValidation(trainings, defaultCalibrationOptions, { workers: 1, spawn });
    expect(spawned).toBeDefined();
    const exited = new Promise((resolve) => spawned!.once('exit', resolve));
    await pool.cancel();
    await exited;
  });

  it('starts no worker for a base too small to be worth one', async () => {
    const calibration = { ...defaultCalibrationOptions, heldOut: 300 };
    let spawned = 0;
    const spawn = () => {
      spawned++;
      return new Worker('process.exit(3)', { eval: true });
    };
    await startCrossValidation(trainings, calibration, { spawn }).finish(inline(calibration));
    expect(spawned).toBe(0);
  });
});
