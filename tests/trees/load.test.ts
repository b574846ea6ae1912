import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { ContentError } from '../../src/content/yaml-file.js';
import { loadTrees } from '../../src/trees/load.js';
import { sampleTree, writeTreeFiles } from '../support/tree-files.js';

const ENTRIES = ['support-code', 'payment-reminder'];

/** Loads the given trees and returns every problem the checker reports (none when they load). */
async function problemsOf(files: Record<string, unknown>): Promise<{ dir: string; problems: string[] }> {
  const dir = await writeTreeFiles(files);
  try {
    await loadTrees(dir, ENTRIES);
    return { dir, problems: [] };
  } catch (error) {
    if (!(error instanceof ContentError)) throw error;
    return { dir, problems: error.problems };
  }
}

describe('checking guided trees', () => {
  it('loads a sound tree with every kind of node', async () => {
    const { problems } = await problemsOf({ sample: await sampleTree() });
    expect(problems).toEqual([]);
  });

  it('rejects a choice that leads to a missing node, naming the file and the node', async () => {
    const tree = await sampleTree();
    tree.nodes.which.choices[1].next = 'nobody';
    const { dir, problems } = await problemsOf({ sample: tree });
    expect(problems).toEqual([`${path.join(dir, 'sample.yaml')}: node "which": choices[1].next — "nobody" is not a node of this tree`]);
  });

  it('rejects an info node whose next is missing, naming the file and the node', async () => {
    const tree = await sampleTree();
    tree.nodes.tip.next = 'dne';
    const { dir, problems } = await problemsOf({ sample: tree });
    expect(problems).toEqual([`${path.join(dir, 'sample.yaml')}: node "tip": next — "dne" is not a node of this tree`]);
  });

  it('rejects a start that is not a node', async () => {
    const tree = await sampleTree();
    tree.start = 'begin';
    const { dir, problems } = await problemsOf({ sample: tree });
    expect(problems).toContain(`${path.join(dir, 'sample.yaml')}: start — "begin" is not a node of this tree`);
  });

  it('rejects a node that no path reaches, naming it', async () => {
    const tree = await sampleTree();
    tree.nodes.orphan = { type: 'end', text: { it: 'Solo.', en: 'Alone.', fr: 'Seul.', de: 'Allein.' } };
    const { dir, problems } = await problemsOf({ sample: tree });
    expect(problems).toEqual([`${path.join(dir, 'sample.yaml')}: node "orphan": unreachable from start "intro"`]);
  });

  it('rejects info nodes that loop back without a question, naming the loop', async () => {
    const tree = await sampleTree();
    tree.nodes['how-to-tell'].next = 'tip';
    tree.nodes.tip.next = 'how-to-tell';
    const { dir, problems } = await problemsOf({ sample: tree });
    // "done" is now cut off too; the loop is reported once, from its first node.
    expect(problems).toEqual([
      `${path.join(dir, 'sample.yaml')}: node "done": unreachable from start "intro"`,
      `${path.join(dir, 'sample.yaml')}: node "how-to-tell": next leads round in a loop (how-to-tell → tip → how-to-tell) without asking a question`,
    ]);
  });

  it('accepts a loop that passes through a question', async () => {
    // The sample's "how do I tell?" already leads back to its question.
    const tree = await sampleTree();
    expect(tree.nodes['how-to-tell'].next).toBe('ask');
    expect((await problemsOf({ sample: tree })).problems).toEqual([]);
  });

  it('rejects a text missing one language, naming the node and the language', async () => {
    const tree = await sampleTree();
    delete tree.nodes.done.text.fr;
    const { dir, problems } = await problemsOf({ sample: tree });
    expect(problems).toEqual([`${path.join(dir, 'sample.yaml')}: nodes.done.text.fr is missing`]);
  });

  it('rejects a choice label missing one language', async () => {
    const tree = await sampleTree();
    delete tree.nodes.ask.choices[0].label.de;
    const { dir, problems } = await problemsOf({ sample: tree });
    expect(problems).toEqual([`${path.join(dir, 'sample.yaml')}: nodes.ask.choices[0].label.de is missing`]);
  });

  it('rejects a choice without a target, naming the node', async () => {
    const tree = await sampleTree();
    delete tree.nodes.which.choices[0].next;
    const { dir, problems } = await problemsOf({ sample: tree });
    expect(problems).toEqual([`${path.join(dir, 'sample.yaml')}: nodes.which.choices[0].next is missing`]);
  });

  it('rejects two choices that both mean yes', async () => {
    const tree = await sampleTree();
    tree.nodes.ask.choices[1].means = 'yes';
    const { dir, problems } = await problemsOf({ sample: tree });
    expect(problems).toEqual([`${path.join(dir, 'sample.yaml')}: node "ask": more than one choice means "yes"`]);
  });

  it('rejects two choices with the same label in one language', async () => {
    const tree = await sampleTree();
    tree.nodes.which.choices[1].label.fr = 'Le Code!';
    const { dir, problems } = await problemsOf({ sample: tree });
    expect(problems).toEqual([`${path.join(dir, 'sample.yaml')}: node "which": two choices are labelled "le code" in fr`]);
  });

  it('rejects an entry node that names no knowledge entry', async () => {
    const tree = await sampleTree();
    tree.nodes['read-article'].entry = 'no-such-entry';
    const { dir, problems } = await problemsOf({ sample: tree });
    expect(problems).toEqual([`${path.join(dir, 'sample.yaml')}: node "read-article": entry — "no-such-entry" is not a knowledge entry`]);
  });

  it('rejects a tree whose id is not its file name', async () => {
    const { dir, problems } = await problemsOf({ other: await sampleTree() });
    expect(problems).toEqual([`${path.join(dir, 'other.yaml')}: id — is "sample" but the file is named other.yaml`]);
  });

  it('reports the problems of every file at once', async () => {
    const broken = await sampleTree();
    broken.nodes.which.choices[0].next = 'nowhere';
    const second = await sampleTree();
    second.id = 'second';
    second.nodes.tip.next = 'gone';
    const { problems } = await problemsOf({ sample: broken, second });
    expect(problems).toHaveLength(2);
    expect(problems.join('\n')).toMatch(/sample\.yaml: node "which"[\s\S]*second\.yaml: node "tip"/);
  });

  it('rejects a file that is not valid YAML, naming it', async () => {
    const { dir, problems } = await problemsOf({ sample: 'version: 1\nid: [sample\n' });
    expect(problems[0]).toMatch(new RegExp(`^${path.join(dir, 'sample.yaml').replace(/[.]/g, '\\.')}: YAML syntax`));
  });
});
