import { mkdirSync, mkdtempSync, readdirSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { trainingSources } from '../../src/understanding/training-code.js';

const src = path.resolve('src');

describe('what a kept model was made by', () => {
  it('is every module of the understanding, the modules of ours they import, and their packages', async () => {
    const { modules, packages } = await trainingSources();
    const folder = readdirSync(path.join(src, 'understanding')).map((n) => path.join(src, 'understanding', n));
    expect(modules).toEqual(expect.arrayContaining(folder));
    // Outside the folder, reached only through imports: a change to either must make kept models stale.
    expect(modules).toEqual(expect.arrayContaining([path.join(src, 'content/languages.ts'), path.join(src, 'util/bounded-map.ts')]));
    expect(modules.every((m) => m.startsWith(src))).toBe(true);
    expect(packages).toEqual(expect.arrayContaining(['fuse.js', 'natural', 'stopwords-iso']));
    expect(packages.some((p) => p.startsWith('node:'))).toBe(false);
  });

  it('follows imports however indirect, and names packages however deep the path', async () => {
    const root = mkdtempSync(path.join(tmpdir(), 'training-code-'));
    const folder = path.join(root, 'understanding');
    mkdirSync(folder);
    mkdirSync(path.join(root, 'util'));
    writeFileSync(path.join(folder, 'a.ts'), "import { b } from '../util/b.js';\nimport { readFile } from 'node:fs';\nconst part = 'x';\nrequire(`some-pkg/lib/${part}`);\n");
    writeFileSync(path.join(root, 'util', 'b.ts'), "export { c } from './c.js';\nimport('@scope/pkg/deep');\n");
    writeFileSync(path.join(root, 'util', 'c.ts'), "import { a } from '../understanding/a.js';\nexport const c = 1;\n");
    const { modules, packages } = await trainingSources(folder);
    expect(modules).toEqual([path.join(folder, 'a.ts'), path.join(root, 'util', 'b.ts'), path.join(root, 'util', 'c.ts')]);
    expect(packages).toEqual(['@scope/pkg', 'some-pkg']);
  });
});
