import { createHash } from 'node:crypto';
import path from 'node:path';
import { readCacheFile, writeCacheFile } from './cache-file.js';
import { trainingCode } from './calibration-cache.js';
import type { TrainingSet } from './intent-model.js';
import type { SoftmaxOptions } from './softmax-regression.js';
import type { SoftmaxWeights } from './softmax-scorer.js';

/**
 * Each language's fitted softmax weights kept in a file beside the calibration cache
 * (calibration-cache.ts), so a restart on the same content and code loads the final models
 * instead of fitting them (most of the training at start on a large base). Same rules: a file
 * made for other content or code, or one that cannot be read, is ignored and the model trained.
 */
export interface SoftmaxCache {
  read(language: number): Promise<SoftmaxWeights | undefined>;
  write(language: number, weights: SoftmaxWeights): Promise<void>;
}

// Bump when the file's layout changes in a way the code fingerprint cannot see.
const FORMAT = 1;
const WHAT = 'model cache';

interface Header {
  format: number;
  key: string;
  classes: number;
  epochs: number;
  sumExpBias: number;
  /** Element counts of offsets, classOf (-1: dense, none), weights, bias, in the file's order. */
  lengths: [number, number, number, number];
}

/**
 * Made for other content or code: said by no warning, since the calibration cache, made from the
 * same content and code, already says it (and a language whose content did not change keeps its file).
 */
const STALE = 'made for other content or other training code';

/** The arrays' bytes start at a multiple of 8 after the header, so each can be viewed in place. */
const ALIGN = 8;

export function softmaxCache(dir: string, trainings: readonly TrainingSet[], softmax: SoftmaxOptions, warn: (message: string) => void): SoftmaxCache {
  const fileOf = (i: number) => path.join(dir, `softmax-${trainings[i]!.language}.bin`);
  const keyOf = async (i: number) => createHash('sha256').update(await trainingCode()).update(JSON.stringify([FORMAT, trainings[i], softmax])).digest('hex');
  return {
    async read(i) {
      const file = fileOf(i);
      const bytes = await readCacheFile(file, WHAT, warn);
      if (!bytes) return undefined;
      const weights = decode(bytes, await keyOf(i));
      if (weights === STALE) return undefined;
      if (typeof weights === 'string') warn(`${file}: ${weights}; ignored, training without it`);
      return typeof weights === 'string' ? undefined : weights;
    },
    async write(i, weights) {
      await writeCacheFile(fileOf(i), async () => encode(weights, await keyOf(i)), WHAT, warn);
    },
  };
}

const arraysOf = (w: SoftmaxWeights) => [w.offsets, w.classOf, w.weights, w.bias] as const;
const padded = (n: number) => Math.ceil(n / ALIGN) * ALIGN;

export function encode(w: SoftmaxWeights, key: string): Buffer {
  const arrays = arraysOf(w);
  const header: Header = { format: FORMAT, key, classes: w.classes, epochs: w.epochs, sumExpBias: w.sumExpBias, lengths: arrays.map((a) => (a ? a.length : -1)) as Header['lengths'] };
  const json = Buffer.from(JSON.stringify(header));
  const parts: Buffer[] = [Buffer.alloc(4), json, Buffer.alloc(padded(4 + json.length) - 4 - json.length)];
  parts[0]!.writeUInt32LE(json.length);
  for (const a of arrays) if (a) parts.push(Buffer.from(a.buffer, a.byteOffset, a.byteLength), Buffer.alloc(padded(a.byteLength) - a.byteLength));
  return Buffer.concat(parts);
}

/** The weights in `bytes`, or why they cannot be used. */
export function decode(bytes: Buffer, key: string): SoftmaxWeights | string {
  let header: Header;
  let at: number;
  try {
    const length = bytes.readUInt32LE(0);
    header = JSON.parse(bytes.subarray(4, 4 + length).toString('utf8')) as Header;
    at = padded(4 + length);
  } catch {
    return 'not a model cache this version writes';
  }
  if (header.format !== FORMAT || !Array.isArray(header.lengths) || header.lengths.length !== 4) return 'not a model cache this version writes';
  if (header.key !== key) return STALE;
  // One copy into a fresh, aligned buffer: the typed arrays then view it in place.
  const buffer = new ArrayBuffer(bytes.length);
  new Uint8Array(buffer).set(bytes);
  const kinds = [Int32Array, Int32Array, Float32Array, Float64Array] as const;
  const arrays: Array<Int32Array | Float32Array | Float64Array | undefined> = [];
  for (const [k, length] of header.lengths.entries()) {
    if (length < 0) {
      arrays.push(undefined);
      continue;
    }
    const Kind = kinds[k]!;
    const end = at + length * Kind.BYTES_PER_ELEMENT;
    if (!Number.isInteger(length) || end > bytes.length) return 'cut short';
    arrays.push(new Kind(buffer, at, length));
    at = padded(end);
  }
  const [offsets, classOf, weights, bias] = arrays as [Int32Array, Int32Array | undefined, Float32Array, Float64Array];
  if (!offsets || !weights || !bias || bias.length !== header.classes || offsets[offsets.length - 1] !== weights.length || (classOf && classOf.length !== weights.length)) return 'inconsistent';
  return { classes: header.classes, epochs: header.epochs, offsets, classOf, weights, bias, sumExpBias: header.sumExpBias };
}
