import { cp, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach } from 'vitest';

const made: string[] = [];
afterEach(async () => {
  await Promise.all(made.splice(0).map((dir) => rm(dir, { recursive: true, force: true })));
});

/** A new empty temporary folder, removed after the test. */
export async function tempDir(name: string): Promise<string> {
  const dir = await mkdtemp(path.join(tmpdir(), `sportello-${name}-`));
  made.push(dir);
  return dir;
}

/** A temporary copy of a project content folder (knowledge, dialogs, locales) to break on purpose. */
export async function copyOf(folder: 'knowledge' | 'dialogs' | 'locales'): Promise<string> {
  const dir = await tempDir(folder);
  await cp(folder, dir, { recursive: true });
  return dir;
}

/** Rewrites one file of a copied folder. */
export async function edit(dir: string, file: string, change: (text: string) => string): Promise<void> {
  const target = path.join(dir, file);
  await writeFile(target, change(await readFile(target, 'utf8')));
}
