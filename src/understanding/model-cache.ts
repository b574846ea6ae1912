import { createHash } from 'node:crypto';
import path from 'node:path';
import { readCacheFile, writeCacheFile } from './cache-file.js';
import { trainingCode } from './training-code.js';
import type { IntentModelData, TrainingSet } from './intent-model.js';
import { decodeSnapshot, encodeSnapshot, STALE } from './model-snapshot.js';
import type { SoftmaxOptions } from './softmax-regression.js';
import type { SoftmaxWeights } from './softmax-scorer.js';

/**
 * One language as training left it: the intent model's data (vectorizer, indexes, speller
 * words: intent-model.ts), its softmax weights, and the words that tell the language apart
 * (language detection). What a worker thread posts back and what a file keeps.
 */
export interface LanguageSnapshot {
  model: IntentModelData;
  weights: SoftmaxWeights;
  words: string[];
}

/**
 * Each language's trained model kept in a file beside the calibration cache
 * (calibration-cache.ts), so a restart on the same content and code loads the whole model,
 * with nothing to fit nor texts to cut (on a base of 1,000 entries, cutting the texts alone
 * is seconds). Same rules: a file made for other content or code, or one that cannot be read,
 * is ignored and the language trained.
 */
export interface ModelCache {
  read(language: number): Promise<LanguageSnapshot | undefined>;
  write(language: number, snapshot: LanguageSnapshot): Promise<void>;
}

const WHAT = 'model cache';

export function modelCache(dir: string, trainings: readonly TrainingSet[], softmax: SoftmaxOptions, warn: (message: string) => void): ModelCache {
  const fileOf = (i: number) => path.join(dir, `model-${trainings[i]!.language}.bin`);
  const keyOf = async (i: number) => createHash('sha256').update(await trainingCode()).update(JSON.stringify([trainings[i], softmax])).digest('hex');
  return {
    async read(i) {
      const file = fileOf(i);
      const bytes = await readCacheFile(file, WHAT, warn);
      if (!bytes) return undefined;
      const snapshot = decode(bytes, await keyOf(i));
      // Made for other content or code: said by no warning, since the calibration cache, made
      // from the same content and code, already says it (and a language whose content did not
      // change keeps its file).
      if (snapshot === STALE) return undefined;
      if (typeof snapshot === 'string') warn(`${file}: ${snapshot}; ignored, training without it`);
      return typeof snapshot === 'string' ? undefined : snapshot;
    },
    async write(i, snapshot) {
      await writeCacheFile(fileOf(i), async () => encode(snapshot, await keyOf(i)), WHAT, warn);
    },
  };
}

export const encode = (snapshot: LanguageSnapshot, key: string): Buffer => encodeSnapshot(snapshot, key);

/** The snapshot in `bytes`, or why it cannot be used. */
export function decode(bytes: Buffer, key: string): LanguageSnapshot | string {
  const decoded = decodeSnapshot(bytes, key);
  if (typeof decoded === 'string') return decoded;
  const snapshot = decoded.tree as LanguageSnapshot;
  return consistent(snapshot) ? snapshot : 'inconsistent';
}

/** Whether the parts of a snapshot fit together (a file of this format, written by other code, might not). */
function consistent(s: LanguageSnapshot): boolean {
  const w = s?.weights;
  const m = s?.model;
  if (!w || !m || !Array.isArray(s.words) || !Array.isArray(m.labels) || !m.vectorizer || !Array.isArray(m.vectorizer.features)) return false;
  if (!(w.offsets instanceof Int32Array) || !(w.weights instanceof Float32Array) || !(w.bias instanceof Float64Array)) return false;
  return (
    w.bias.length === w.classes &&
    m.labels.length === w.classes &&
    w.offsets.length === m.vectorizer.features.length + 1 &&
    w.offsets[w.offsets.length - 1] === w.weights.length &&
    (w.classOf === undefined || w.classOf.length === w.weights.length) &&
    m.trained instanceof Uint8Array &&
    m.trained.length === m.vectorizer.features.length
  );
}
