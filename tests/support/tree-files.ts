import { readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { parse, stringify } from 'yaml';
import { tempDir } from './temp-content.js';

export const SAMPLE_TREE = 'tests/fixtures/trees/sample.yaml';

/** The sample tree as plain data, to be broken in one place by a test. */
export async function sampleTree(): Promise<Record<string, any>> {
  return parse(await readFile(SAMPLE_TREE, 'utf8'));
}

/** Writes trees as YAML files named <name>.yaml in a new temporary folder; returns the folder. */
export async function writeTreeFiles(files: Record<string, unknown>): Promise<string> {
  const dir = await tempDir('trees');
  await Promise.all(Object.entries(files).map(([name, data]) => writeFile(path.join(dir, `${name}.yaml`), typeof data === 'string' ? data : stringify(data))));
  return dir;
}
