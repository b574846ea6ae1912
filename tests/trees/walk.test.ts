import { beforeAll, describe, expect, it } from 'vitest';
import { loadTrees } from '../../src/trees/load.js';
import { isLeaf, type Tree } from '../../src/trees/model.js';
import { allPaths, walkFrom } from '../../src/trees/walk.js';

let sample: Tree;
beforeAll(async () => {
  sample = (await loadTrees('tests/fixtures/trees', ['support-code'])).get('sample')!;
});

describe('walking from a node to where the bot waits', () => {
  it('passes through info nodes and stops at the next question', () => {
    expect(walkFrom(sample, 'intro')).toEqual(['intro', 'ask']);
  });

  it('stops at once on a question', () => {
    expect(walkFrom(sample, 'which')).toEqual(['which']);
  });

  it('passes through an info node to a leaf', () => {
    expect(walkFrom(sample, 'tip')).toEqual(['tip', 'done']);
  });

  it('stops on an entry node with no next, a handoff and an end', () => {
    expect(walkFrom(sample, 'read-article')).toEqual(['read-article']);
    expect(walkFrom(sample, 'person')).toEqual(['person']);
    expect(walkFrom(sample, 'done')).toEqual(['done']);
  });

  it('refuses a node that does not exist, naming the tree file', () => {
    expect(() => walkFrom(sample, 'missing')).toThrow(/sample\.yaml: node "missing" does not exist/);
  });
});

describe('every path through a tree', () => {
  it('lists each path from the start to a leaf with the choices taken', () => {
    expect(allPaths(sample)).toEqual([
      { path: ['intro', 'ask', 'tip', 'done'], choices: [0] },
      { path: ['intro', 'ask', 'which', 'read-article'], choices: [1, 0] },
      { path: ['intro', 'ask', 'which', 'person'], choices: [1, 1] },
      { path: ['intro', 'ask', 'how-to-tell', 'ask', 'tip', 'done'], choices: [2, 0] },
      { path: ['intro', 'ask', 'how-to-tell', 'ask', 'which', 'read-article'], choices: [2, 1, 0] },
      { path: ['intro', 'ask', 'how-to-tell', 'ask', 'which', 'person'], choices: [2, 1, 1] },
    ]);
  });

  it('walks a loop through a question once, and not round it again', () => {
    const viaLoop = allPaths(sample).filter((p) => p.path.includes('how-to-tell'));
    expect(viaLoop).toHaveLength(3);
    for (const { path } of viaLoop) expect(path.filter((id) => id === 'how-to-tell')).toHaveLength(1);
  });

  it('takes every choice of every question on some path', () => {
    const taken = new Set(allPaths(sample).flatMap(({ path, choices }) => {
      const questions = path.filter((id) => sample.nodes.get(id)!.type === 'question');
      return choices.map((choice, i) => `${questions[i]}:${choice}`);
    }));
    expect(taken).toEqual(new Set(['ask:0', 'ask:1', 'ask:2', 'which:0', 'which:1']));
  });

  it('ends every path on a leaf and reaches every leaf', () => {
    const paths = allPaths(sample);
    for (const { path } of paths) expect(isLeaf(sample.nodes.get(path.at(-1)!)!)).toBe(true);
    const leaves = [...sample.nodes].filter(([, node]) => isLeaf(node)).map(([id]) => id);
    expect(new Set(paths.map((p) => p.path.at(-1)))).toEqual(new Set(leaves));
  });
});
