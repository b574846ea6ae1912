import { createHash } from 'node:crypto';
import path from 'node:path';
import { z } from 'zod';
import type { CalibrationOptions, HeldOut } from './calibrate.js';
import { readCacheFile, writeCacheFile } from './cache-file.js';
import type { TrainingSet } from './intent-model.js';
import { trainingCode } from './training-code.js';

/**
 * The cross-validation's held-out messages kept in a file, so a restart, or the next of N
 * processes behind a load balancer sharing the folder, fits the decision without training the
 * fold models again (most of the training at start on a small base). The file says for which
 * content and which training code it was made: any other content or code reads it as stale
 * and trains as if there were none. A file that cannot be read or trusted is never fatal.
 */
export interface CalibrationCache {
  read(): Promise<HeldOut[] | undefined>;
  write(heldOut: readonly HeldOut[]): Promise<void>;
}

// Bump when the file's meaning changes in a way the code fingerprint cannot see.
const FORMAT = 1;
const FILE = 'calibration.json';
const WHAT = 'calibration cache';

const heldOutSchema = z.object({
  language: z.string(),
  text: z.string(),
  expected: z.string(),
  got: z.string(),
  top3: z.array(z.string()),
  // JSON has no NaN nor infinity (a message with no known word has some): written as their names.
  features: z.array(z.union([z.number(), z.enum(['NaN', 'Infinity', '-Infinity']).transform(Number)])),
  hidden: z.boolean(),
});
const fileSchema = z.object({ format: z.literal(FORMAT), key: z.string(), heldOut: z.array(heldOutSchema) });

export function calibrationCache(dir: string, trainings: readonly TrainingSet[], calibration: CalibrationOptions, warn: (message: string) => void): CalibrationCache {
  const file = path.join(dir, FILE);
  const keyOf = async () =>
    createHash('sha256').update(await trainingCode()).update(JSON.stringify([FORMAT, trainings, calibration])).digest('hex');
  return {
    async read() {
      const bytes = await readCacheFile(file, WHAT, warn);
      if (!bytes) return undefined;
      let parsed: z.infer<typeof fileSchema>;
      try {
        parsed = fileSchema.parse(JSON.parse(bytes.toString('utf8')));
      } catch {
        warn(`${file}: not a calibration cache this version writes; ignored, training without it`);
        return undefined;
      }
      if (parsed.key !== (await keyOf())) {
        // The usual cause beside edited content: the sources (npm run dev, chat, review, under
        // tsx) and the build (npm start) are different code, each stale to the other.
        warn(`${file}: made for other content or other training code (the sources run by tsx and the compiled build count as different code); ignored, training without it`);
        return undefined;
      }
      return parsed.heldOut;
    },
    async write(heldOut) {
      const named = (_: string, value: unknown) => (typeof value === 'number' && !Number.isFinite(value) ? String(value) : value);
      await writeCacheFile(file, async () => JSON.stringify({ format: FORMAT, key: await keyOf(), heldOut }, named), WHAT, warn);
    },
  };
}
