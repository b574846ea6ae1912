import path from 'node:path';
import { LANGUAGES } from '../content/languages.js';
import { ContentError, collectProblems, parseYaml, readYamlFolder } from '../content/yaml-file.js';
import { normalise } from '../understanding/normalise.js';
import { createTreeCatalog, successors, type Tree, type TreeCatalog } from './model.js';
import { treeSchema, type TreeNode } from './schema.js';

/** Finds what a schema cannot: dangling references, unreachable nodes, clashing labels, endless loops. */
export function checkTree(tree: Tree): string[] {
  const problems: string[] = [];
  const at = (id: string) => `${tree.file}: node "${id}"`;
  if (!tree.nodes.has(tree.start)) problems.push(`${tree.file}: start — "${tree.start}" is not a node of this tree`);
  for (const [id, node] of tree.nodes) {
    if (node.type === 'question') {
      node.choices.forEach((choice, i) => {
        if (!tree.nodes.has(choice.next)) problems.push(`${at(id)}: choices[${i}].next — "${choice.next}" is not a node of this tree`);
      });
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
  // A chain of info/entry nodes that loops back on itself would show messages forever without
  // asking anything: every loop must pass through a question.
  for (const [id, node] of tree.nodes) {
    const seen = new Set<string>();
    let current: TreeNode | undefined = node;
    let currentId = id;
    while (current && current.type !== 'question' && successors(current).length === 1) {
      if (seen.has(currentId)) {
        problems.push(`${at(id)}: loops back to itself without asking a question`);
        break;
      }
      seen.add(currentId);
      currentId = successors(current)[0]!;
      current = tree.nodes.get(currentId);
    }
  }
  return problems;
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
