import { Worker } from 'node:worker_threads';
import { beforeAll, describe, expect, it } from 'vitest';
import { prepareIntentModel } from '../../src/understanding/intent-model.js';
import { packExamples, startSoftmaxPool, unpackExamples } from '../../src/understanding/softmax-pool.js';
import { defaultSoftmaxOptions, fitSoftmax, type TrainingExample } from '../../src/understanding/softmax-regression.js';
import { trainingSetOf } from '../../src/understanding/understander.js';
import { WORKER_FROM_TEXTS } from '../../src/understanding/worker-thread.js';
import { projectContent } from '../support/content.js';

let task: { examples: TrainingExample[]; classes: number; features: number };
beforeAll(async () => {
  const { kb } = await projectContent();
  task = prepareIntentModel(trainingSetOf(kb, 'it'));
});

// Dense on the ten entries; with no room for the dense layout, the sparse one.
const layouts = { dense: defaultSoftmaxOptions, sparse: { ...defaultSoftmaxOptions, denseLimit: 0 } };

describe('fitting softmax models on worker threads', () => {
  it('packs the training examples without changing one', () => {
    const unpacked = unpackExamples(packExamples(task.examples, task.classes, task.features, defaultSoftmaxOptions));
    expect(unpacked).toEqual(task.examples);
  });

  it.each(Object.entries(layouts))('fits the same %s weights on a worker as on the calling thread', async (_, options) => {
    const pool = startSoftmaxPool([1, 1], { workers: 1 });
    try {
      const remote = await pool.fit(task.examples, task.classes, task.features, options);
      const inline = fitSoftmax(task.examples, task.classes, task.features, options);
      expect(remote).toEqual(inline);
      expect(remote?.classOf === undefined).toBe(options === layouts.dense);
    } finally {
      await pool.close();
    }
  }, 60_000);

  it('leaves the model to the calling thread when every worker is busy', async () => {
    const pool = startSoftmaxPool([1, 1], { workers: 1 });
    try {
      const first = pool.fit(task.examples, task.classes, task.features, defaultSoftmaxOptions);
      expect(first).toBeDefined();
      expect(pool.fit(task.examples, task.classes, task.features, defaultSoftmaxOptions)).toBeUndefined();
      await first;
      await expect(pool.fit(task.examples, task.classes, task.features, defaultSoftmaxOptions)).resolves.toBeDefined();
    } finally {
      await pool.close();
    }
  }, 60_000);

  it('rejects when its worker fails, so the caller fits the model itself', async () => {
    const pool = startSoftmaxPool([1, 1], { workers: 1, spawn: () => new Worker('process.exit(3)', { eval: true }) });
    await expect(pool.fit(task.examples, task.classes, task.features, defaultSoftmaxOptions)).rejects.toThrow(/exit/);
    await pool.close();
  });

  it('says it was closed, so a fit it cut short is not retried', async () => {
    const pool = startSoftmaxPool([1, 1], { workers: 1 });
    const cut = pool.fit(task.examples, task.classes, task.features, defaultSoftmaxOptions);
    expect(pool.closed).toBe(false);
    await pool.close();
    expect(pool.closed).toBe(true);
    await expect(cut).rejects.toThrow();
  });

  it('starts no worker for languages too small to be worth one, nor for a single language', async () => {
    let spawned = 0;
    const spawn = () => {
      spawned++;
      return new Worker('process.exit(3)', { eval: true });
    };
    for (const counts of [[WORKER_FROM_TEXTS - 1, 800], [WORKER_FROM_TEXTS * 4]]) {
      const pool = startSoftmaxPool(counts, { spawn });
      expect(pool.fit(task.examples, task.classes, task.features, defaultSoftmaxOptions)).toBeUndefined();
      await pool.close();
    }
    expect(spawned).toBe(0);
  });
});
