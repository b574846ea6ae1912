import { mkdir, readFile, rename, writeFile } from 'node:fs/promises';
import path from 'node:path';

/**
 * Reading and writing one file of the training caches (calibration-cache.ts, model-cache.ts).
 * A cache is never fatal: what cannot be read or written is told to `warn`, and training goes on.
 */

/** The file's bytes; undefined when there is none (not worth a warning) or it cannot be read (warned). */
export async function readCacheFile(file: string, what: string, warn: (message: string) => void): Promise<Buffer | undefined> {
  try {
    return await readFile(file);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'ENOENT') warn(`${file}: cannot read the ${what} (${String(error)}); training without it`);
    return undefined;
  }
}

/** Writes the file aside, then renames it: a process reading meanwhile sees the old file or the new, never half of one. */
export async function writeCacheFile(file: string, data: () => Promise<string | Buffer>, what: string, warn: (message: string) => void): Promise<void> {
  const partial = `${file}.${process.pid}.${Date.now()}.partial`;
  try {
    await mkdir(path.dirname(file), { recursive: true });
    await writeFile(partial, await data());
    await rename(partial, file);
  } catch (error) {
    warn(`${file}: cannot write the ${what} (${String(error)}); the next start trains again`);
  }
}
