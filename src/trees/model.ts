import type { Texts, TreeNode } from './schema.js';

export type { Choice, QuestionNode, Texts, TreeNode } from './schema.js';

/** A guided troubleshooting tree, validated: every reference resolves, every node is reachable. */
export interface Tree {
  id: string;
  /** The knowledge entry this tree starts from. */
  entry: string;
  title: Texts;
  start: string;
  nodes: ReadonlyMap<string, TreeNode>;
  /** The file it came from, for messages. */
  file: string;
}

export interface TreeCatalog {
  trees: ReadonlyMap<string, Tree>;
  get(id: string): Tree | undefined;
}

export function createTreeCatalog(trees: Tree[]): TreeCatalog {
  const byId = new Map(trees.map((t) => [t.id, t]));
  return { trees: byId, get: (id) => byId.get(id) };
}

/** The nodes a node leads to. */
export function successors(node: TreeNode): string[] {
  switch (node.type) {
    case 'question':
      return node.choices.map((c) => c.next);
    case 'info':
      return [node.next];
    case 'entry':
      return node.next ? [node.next] : [];
    default:
      return [];
  }
}

/** True for the nodes where a path ends. */
export function isLeaf(node: TreeNode): boolean {
  return successors(node).length === 0;
}
