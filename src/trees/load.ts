import path from 'node:path';
import { LANGUAGES } from '../content/languages.js';
import { ContentError, collectProblems, parseYaml, readYamlFolder } from '../content/yaml-file.js';
import { normalise } from '../understanding/normalise.js';
import { createTreeCatalog, successors, type Tree, type TreeCatalog } from './model.js';
import { treeSchema, type TreeNode } from './schema.js';

/** Finds what a schema cannot: dangling references, unreachable nodes, clashing choices, endless loops. */
export function checkTree(tree: Tree): string[] {
  const problems: string[] = [];
  const at = (id: string) => `${tree.file}: node "${id}"`;
  if (!tree.nodes.has(tree.start)) problems.push(`${tree.file}: start — "${tree.start}" is not a node of this tree`);
  for (const [id, node] of tree.nodes) {
    if (node.type === 'question') {
      node.choices.forEach((choice, i) => {
        if (!tree.nodes.has(choice.next)) problems.push(`${at(id)}: choices[${i}].next — "${choice.next}" is not a node of this tree`);
      });
      for (const meaning of ['yes', 'no', 'unsure'] as const) {
        if (node.choices.filter((c) => c.means === meaning).length > 1) problems.push(`${at(id)}: more than one choice means "${meaning}"`);
      }
      for (const language of LANGUAGES) {
        const labels = node.choices.map((c) => normalise(c.label[language]));
        const twice = labels.find((l, i) => labels.indexOf(l) !== i);
        if (twice) problems.push(`${at(id)}: two choices are labelled "${twice}" in ${language}`);
      }
    } else if ((node.type === 'info' || node.type === 'entry') && node.next && !tree.nodes.has(node.next)) {
      problems.push(`${at(id)}: next — "${node.next}" is not a node of this tree`);
    }
  }
  if (problems.length > 0) return problems;
  const reached = new Set<string>();
  const queue = [tree.start];
  while (queue.length > 0) {
    const id = queue.shift()!;
    if (reached.has(id)) continue;
    reached.add(id);
    queue.push(...successors(tree.nodes.get(id)!));
  }
  for (const id of tree.nodes.keys()) if (!reached.has(id)) problems.push(`${at(id)}: unreachable from start "${tree.start}"`);
  problems.push(...loopsWithoutQuestion(tree).map((loop) => `${at(loop[0]!)}: next leads round in a loop (${[...loop, loop[0]].join(' → ')}) without asking a question`));
  return problems;
}

/**
 * Chains of info/entry nodes that come back to themselves: the bot would show messages forever
 * without asking anything, so every loop must pass through a question. Each loop once, from its
 * first node in file order.
 */
function loopsWithoutQuestion(tree: Tree): string[][] {
  const loops: string[][] = [];
  const inLoop = new Set<string>();
  for (const [id, node] of tree.nodes) {
    const chain: string[] = [];
    let currentId = id;
    let current: TreeNode | undefined = node;
    while (current && current.type !== 'question' && successors(current).length === 1 && !chain.includes(currentId)) {
      chain.push(currentId);
      currentId = successors(current)[0]!;
      current = tree.nodes.get(currentId);
    }
    if (currentId === id && chain.length > 0 && !inLoop.has(id)) {
      chain.forEach((c) => inLoop.add(c));
      loops.push(chain);
    }
  }
  return loops;
}

function toTree(file: string, text: string): Tree {
  const data = parseYaml(file, text, treeSchema);
  const expected = path.basename(file).replace(/\.ya?ml$/, '');
  if (data.id !== expected) throw new ContentError([`${file}: id — is "${data.id}" but the file is named ${expected}.yaml`]);
  const tree: Tree = { id: data.id, entry: data.entry, title: data.title, start: data.start, nodes: new Map(Object.entries(data.nodes)), file };
  const problems = checkTree(tree);
  if (problems.length > 0) throw new ContentError(problems);
  return tree;
}

/** Loads dialogs/*.yaml. `entryIds` are the knowledge entries trees may point to. */
export async function loadTrees(dir: string, entryIds: readonly string[]): Promise<TreeCatalog> {
  const trees = collectProblems(await readYamlFolder(dir), toTree);
  const known = new Set(entryIds);
  const problems: string[] = [];
  for (const tree of trees) {
    if (!known.has(tree.entry)) problems.push(`${tree.file}: entry — "${tree.entry}" is not a knowledge entry`);
    for (const [id, node] of tree.nodes) {
      if (node.type === 'entry' && !known.has(node.entry)) problems.push(`${tree.file}: node "${id}": entry — "${node.entry}" is not a knowledge entry`);
    }
  }
  if (problems.length > 0) throw new ContentError(problems);
  return createTreeCatalog(trees);
}
