import { execFile } from 'node:child_process';
import { cp, mkdtemp, readFile, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { describe, expect, it } from 'vitest';
import { treePage } from '../../src/trees/tree-page.js';
import { projectContent } from '../support/content.js';

const run = promisify(execFile);

/** Runs a CLI as `npm run` does, and returns its exit code and output. */
async function cli(script: string, args: string[] = [], env: Record<string, string> = {}) {
  try {
    const { stdout, stderr } = await run('npx', ['tsx', script, ...args], { env: { ...process.env, ...env } });
    return { code: 0, stdout, stderr };
  } catch (error) {
    const failed = error as { code: number; stdout: string; stderr: string };
    return { code: failed.code, stdout: failed.stdout, stderr: failed.stderr };
  }
}

/** A copy of dialogs/ in a temporary folder, with one text replaced in one file. */
async function dialogsWith(file: string, from: string, to: string): Promise<string> {
  const dir = await mkdtemp(path.join(tmpdir(), 'sportello-dialogs-'));
  await cp('dialogs', dir, { recursive: true });
  const text = await readFile(path.join(dir, file), 'utf8');
  if (!text.includes(from)) throw new Error(`${file} has no "${from}"`);
  await writeFile(path.join(dir, file), text.replace(from, to));
  return dir;
}

describe('npm run dialogs:check', () => {
  it('passes the project’s trees with a line for each', async () => {
    const { code, stdout } = await cli('src/cli/dialogs-check.ts');
    expect(code).toBe(0);
    expect(stdout).toContain('dialogs/2fa-recovery.yaml: 6 nodes');
    expect(stdout).toMatch(/4 trees in dialogs\/ checked/);
  });

  it('fails on a dangling reference, naming the file and the node', async () => {
    const dir = await dialogsWith('2fa-recovery.yaml', 'next: identity-check', 'next: identity-checks');
    const { code, stderr } = await cli('src/cli/dialogs-check.ts', [], { DIALOGS_DIR: dir });
    expect(code).toBe(1);
    expect(stderr).toContain(`${path.join(dir, '2fa-recovery.yaml')}: node "has-emergency-codes": choices[1].next — "identity-checks" is not a node of this tree`);
    expect(stderr).not.toMatch(/\n\s+at /); // a message for authors, not a stack trace
  });

  it('fails on a node no path reaches, naming it', async () => {
    const dir = await dialogsWith('mysql-connection.yaml', 'next: prefix-off', 'next: prefix-on');
    const { code, stderr } = await cli('src/cli/dialogs-check.ts', [], { DIALOGS_DIR: dir });
    expect(code).toBe(1);
    expect(stderr).toContain(`${path.join(dir, 'mysql-connection.yaml')}: node "prefix-off": unreachable from start "prefix-state"`);
  });
});

describe('npm run dialogs:graph', () => {
  it('writes a page with a diagram for each tree, and an index', async () => {
    const out = await mkdtemp(path.join(tmpdir(), 'sportello-graphs-'));
    const { code, stdout } = await cli('src/cli/dialogs-graph.ts', ['--out', out]);
    expect(code).toBe(0);
    expect(stdout).toContain(`wrote 4 tree diagrams and an index to ${out}/`);
    const { trees } = await projectContent();
    for (const tree of trees.trees.values()) expect(await readFile(path.join(out, `${tree.id}.md`), 'utf8')).toBe(treePage(tree, 'it'));
    expect(await readFile(path.join(out, 'README.md'), 'utf8')).toContain('[Recupero 2FA](2fa-recovery.md)');
  });
});
