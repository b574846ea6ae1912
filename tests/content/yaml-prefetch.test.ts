import { mkdtemp, readFile, readdir, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { parseDocument } from 'yaml';
import { afterEach, describe, expect, it } from 'vitest';
import { z } from 'zod';
import { loadConfig } from '../../src/config.js';
import { loadContent } from '../../src/content/load-content.js';
import { ContentError, parseYaml } from '../../src/content/yaml-file.js';
import { contentFolders, prefetchDone, prefetchYaml, takePrefetched, YAML_OPTIONS } from '../../src/content/yaml-prefetch.js';

const folders: string[] = [];
afterEach(async () => {
  await Promise.all(folders.splice(0).map((f) => rm(f, { recursive: true, force: true })));
});

async function folderWith(files: Record<string, string>): Promise<string> {
  const dir = await mkdtemp(path.join(os.tmpdir(), 'prefetch-'));
  folders.push(dir);
  for (const [name, text] of Object.entries(files)) await writeFile(path.join(dir, name), text);
  return dir;
}

describe('YAML parsed ahead on a worker thread', () => {
  it('gives for every content file the data the main thread would have parsed', async () => {
    const config = loadConfig({});
    prefetchYaml(contentFolders(config));
    await prefetchDone();
    let files = 0;
    for (const dir of contentFolders(config)) {
      for (const name of (await readdir(dir)).filter((n) => n.endsWith('.yaml'))) {
        const file = path.join(dir, name);
        const text = await readFile(file, 'utf8');
        expect(takePrefetched(file, text), file).toEqual({ value: parseDocument(text, YAML_OPTIONS).toJS() });
        files++;
      }
    }
    expect(files).toBeGreaterThan(20);
  });

  it('is taken by loadContent, which then loads the same content as without it', async () => {
    const config = loadConfig({});
    const without = await loadContent(config);
    prefetchYaml(contentFolders(config));
    const withPrefetch = await loadContent(config);
    expect([...withPrefetch.kb.entries.keys()]).toEqual([...without.kb.entries.keys()]);
    expect(withPrefetch.locales).toEqual(without.locales);
    // All taken: nothing of the prefetch is left behind for a later load.
    const first = path.join(config.knowledgeDir, (await readdir(config.knowledgeDir)).find((n) => n.endsWith('.yaml'))!);
    expect(takePrefetched(first, await readFile(first, 'utf8'))).toBeUndefined();
  });

  it('is not taken for a file whose text changed after the worker read it', async () => {
    const dir = await folderWith({ 'a.yaml': 'n: 1\n' });
    prefetchYaml([dir]);
    await prefetchDone();
    expect(takePrefetched(path.join(dir, 'a.yaml'), 'n: 2\n')).toBeUndefined();
    expect(takePrefetched(path.join(dir, 'a.yaml'), 'n: 1\n')).toEqual({ value: { n: 1 } });
  });

  it('leaves a file with a YAML error to the main thread, which names the error as always', async () => {
    const broken = 'n: [1, 2\n';
    const dir = await folderWith({ 'broken.yaml': broken });
    prefetchYaml([dir]);
    await prefetchDone();
    const file = path.join(dir, 'broken.yaml');
    expect(takePrefetched(file, broken)).toBeUndefined();
    expect(() => parseYaml(file, broken, z.object({ n: z.array(z.number()) }))).toThrow(ContentError);
    expect(() => parseYaml(file, broken, z.object({ n: z.array(z.number()) }))).toThrow(/YAML syntax/);
  });
});
