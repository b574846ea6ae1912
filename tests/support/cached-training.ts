import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { beforeAll } from 'vitest';
import type { KnowledgeBase } from '../../src/knowledge/model.js';
import type { CommandVocabulary } from '../../src/understanding/commands.js';
import { trainUnderstander, type Understander } from '../../src/understanding/understander.js';
import { projectContent } from './content.js';

/**
 * What the training caches' tests share: the project's content, its understander trained with
 * no cache (`cold`, what every cached start must equal), fresh cache folders, and a start that
 * trains with one. Call at a test file's top level (it registers a beforeAll).
 */
export function cachedTraining(name: string) {
  const state = {} as { kb: KnowledgeBase; commands: CommandVocabulary; cold: Understander };
  beforeAll(async () => {
    const content = await projectContent();
    state.kb = content.kb;
    state.commands = content.locales.input;
    state.cold = await trainUnderstander(state.kb, state.commands);
  });
  // A different list length makes a different understander for the in-process memo, not for the files.
  let fresh = 6;
  return {
    get kb() {
      return state.kb;
    },
    get cold() {
      return state.cold;
    },
    folder: () => mkdtempSync(path.join(tmpdir(), `${name}-`)),
    /** A start with the cache folder `dir`, on `base` (the project's knowledge unless given); warnings into `warnings`. */
    train: (dir: string, base?: KnowledgeBase, warnings: string[] = []) =>
      trainUnderstander(base ?? state.kb, state.commands, { cacheDir: dir, maxCandidates: fresh++, warn: (m) => warnings.push(m) }),
  };
}
