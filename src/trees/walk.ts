import type { Tree, TreeNode } from './model.js';

/**
 * From a node, the nodes the customer sees before the bot must wait: info nodes and entry
 * nodes with a `next` are shown and passed through; a question or a leaf ends the walk.
 */
export function walkFrom(tree: Tree, from: string): string[] {
  const path: string[] = [];
  let id: string | undefined = from;
  while (id !== undefined) {
    const node: TreeNode | undefined = tree.nodes.get(id);
    if (!node) throw new Error(`${tree.file}: node "${id}" does not exist`);
    path.push(id);
    if (node.type === 'info') id = node.next;
    else if (node.type === 'entry' && node.next) id = node.next;
    else id = undefined;
    // checkTree rejects loops without a question, so this only guards against a bug.
    if (path.length > tree.nodes.size) throw new Error(`${tree.file}: node "${from}" loops without a question`);
  }
  return path;
}

/**
 * Every path from the start to a leaf, as the node ids shown and the index of the choice taken
 * at each question. Every choice of every question is taken on some path: tests use it to
 * reach every leaf.
 */
export function allPaths(tree: Tree): Array<{ path: string[]; choices: number[] }> {
  const result: Array<{ path: string[]; choices: number[] }> = [];
  const visit = (from: string, path: string[], choices: number[]) => {
    const walked = walkFrom(tree, from);
    const full = [...path, ...walked];
    const last = tree.nodes.get(walked[walked.length - 1]!)!;
    if (last.type !== 'question') {
      result.push({ path: full, choices });
      return;
    }
    last.choices.forEach((choice, i) => {
      // A loop ("not sure, show me how to check" → the same question again) is walked once,
      // so its nodes are on some path; a choice back to a node already on the path is not
      // followed again: the other choices cover where it leads.
      if (!full.includes(choice.next)) visit(choice.next, full, [...choices, i]);
    });
  };
  visit(tree.start, [], []);
  return result;
}
