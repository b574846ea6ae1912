import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { treePage } from '../../src/trees/tree-page.js';
import { projectContent } from '../support/content.js';
import { runScript } from '../support/run-script.js';
import { copyOf, edit, tempDir } from '../support/temp-content.js';

describe('npm run dialogs:check', () => {
  it('passes the project’s trees with a line for each', async () => {
    const { code, stdout } = await runScript('dialogs:check');
    expect(code).toBe(0);
    expect(stdout).toContain('dialogs/2fa-recovery.yaml: 6 nodes');
    expect(stdout).toMatch(/4 trees in dialogs\/ checked/);
  });

  it('fails on a dangling reference, naming the file and the node', async () => {
    const dir = await copyOf('dialogs');
    await edit(dir, '2fa-recovery.yaml', (text) => text.replace('next: identity-check', 'next: identity-checks'));
    const { code, stderr } = await runScript('dialogs:check', { env: { DIALOGS_DIR: dir } });
    expect(code).toBe(1);
    expect(stderr).toContain(`${path.join(dir, '2fa-recovery.yaml')}: node "has-emergency-codes": choices[1].next — "identity-checks" is not a node of this tree`);
    expect(stderr).not.toMatch(/\n\s+at /); // a message for authors, not a stack trace
  });

  it('fails on a node no path reaches, naming it', async () => {
    const dir = await copyOf('dialogs');
    await edit(dir, 'mysql-connection.yaml', (text) => text.replace('next: prefix-off', 'next: prefix-on'));
    const { code, stderr } = await runScript('dialogs:check', { env: { DIALOGS_DIR: dir } });
    expect(code).toBe(1);
    expect(stderr).toContain(`${path.join(dir, 'mysql-connection.yaml')}: node "prefix-off": unreachable from start "prefix-state"`);
  });
});

describe('npm run dialogs:graph', () => {
  it('writes a page with a diagram for each tree, and an index', async () => {
    const out = await tempDir('graphs');
    const { code, stdout } = await runScript('dialogs:graph', { args: ['--out', out] });
    expect(code).toBe(0);
    expect(stdout).toContain(`wrote 4 tree diagrams and an index to ${out}/`);
    const { trees } = await projectContent();
    for (const tree of trees.trees.values()) expect(await readFile(path.join(out, `${tree.id}.md`), 'utf8')).toBe(treePage(tree, 'it'));
    expect(await readFile(path.join(out, 'README.md'), 'utf8')).toContain('[Recupero 2FA](2fa-recovery.md)');
  });
});
