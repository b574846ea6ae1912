import { Worker } from 'node:worker_threads';
import { beforeAll, describe, expect, it } from 'vitest';
import type { KnowledgeBase } from '../../src/knowledge/model.js';
import type { CommandVocabulary } from '../../src/understanding/commands.js';
import { textCount } from '../../src/understanding/intent-model.js';
import { startLanguagePool, type LanguageTask } from '../../src/understanding/language-pool.js';
import { languageWords, trainLanguageSnapshot } from '../../src/understanding/language-training.js';
import { defaultSoftmaxOptions } from '../../src/understanding/softmax-regression.js';
import { trainingSetOf } from '../../src/understanding/understander.js';
import { WORKER_FROM_TEXTS } from '../../src/understanding/worker-thread.js';
import { projectContent } from '../support/content.js';

let kb: KnowledgeBase;
let commands: CommandVocabulary;
let tasks: LanguageTask[];
beforeAll(async () => {
  const content = await projectContent();
  kb = content.kb;
  commands = content.locales.input;
  tasks = (['it', 'en', 'fr'] as const).map((l) => ({ training: trainingSetOf(kb, l), words: languageWords(kb, commands, l) }));
});

describe('training languages on worker threads', () => {
  it('takes languages from the last while this thread takes them from the first, and trains the same model as this thread', async () => {
    const pool = startLanguagePool(tasks, defaultSoftmaxOptions, { workers: 1 });
    try {
      // Claimed here before the worker can reach it: the worker has the others, from the last.
      expect(pool.claim(0)).toBe(true);
      const last = await pool.result(2);
      expect(last).toEqual(trainLanguageSnapshot(tasks[2]!.training, tasks[2]!.words, defaultSoftmaxOptions));
      // The worker went on down until it met this thread's claim.
      await expect(pool.result(1)).resolves.toBeDefined();
      expect(pool.claim(1)).toBe(false);
      expect(pool.claim(0)).toBe(true);
    } finally {
      await pool.close();
    }
  }, 60_000);

  it('leaves every language to this thread when no worker is worth starting', async () => {
    let spawned = 0;
    const spawn = () => {
      spawned++;
      return new Worker('process.exit(3)', { eval: true });
    };
    const small = startLanguagePool(tasks, defaultSoftmaxOptions, { spawn });
    expect(tasks.every((t) => textCount(t.training) < WORKER_FROM_TEXTS)).toBe(true);
    expect(small.workers).toBe(0);
    expect(tasks.map((_, i) => small.claim(i))).toEqual([true, true, true]);
    await small.close();
    const single = startLanguagePool(tasks.slice(0, 1), defaultSoftmaxOptions, { spawn, workers: 4 });
    expect(single.workers).toBe(0);
    await single.close();
    expect(spawned).toBe(0);
  });

  it('rejects what a failed worker took, so this thread trains it instead', async () => {
    const pool = startLanguagePool(tasks, defaultSoftmaxOptions, { workers: 1, spawn: () => new Worker('process.exit(3)', { eval: true }) });
    await expect(pool.result(2)).rejects.toThrow(/exited with 3/);
    await pool.close();
  });
});

describe('an understander trained with workers', () => {
  it('answers exactly as one trained on the calling thread alone', async () => {
    const { createUnderstander, trainUnderstander } = await import('../../src/understanding/understander.js');
    const messages = ['come disattivo la doppia autenticazione?', 'where is my support code', 'changer l’adresse e-mail de récupération', 'Newsletter abbestellen', 'ordina una pizza', 'dove trovo il codce di supprto'];
    const answers = (u: Awaited<ReturnType<typeof trainUnderstander>>) => messages.map((m) => u.understand(m, { fallback: 'it' })).map(({ intent, decision, confidence, candidates }) => ({ intent, decision, confidence, candidates }));
    // Another list length: another understander for the in-process memo, the same answers.
    const pooled = await trainUnderstander(kb, commands, { workers: 1, maxCandidates: 9 });
    expect(answers(pooled)).toEqual(answers(createUnderstander(kb, commands, { maxCandidates: 9 })));
    expect(pooled.heldOut).toEqual(createUnderstander(kb, commands, { maxCandidates: 9 }).heldOut);
  }, 120_000);
});
