import type { Language } from '../content/languages.js';
import { treeFlowchart } from './mermaid.js';
import type { Tree } from './model.js';
import { allPaths } from './walk.js';

export const LEGEND =
  'Diamonds ask a question (arrows are its choices), boxes inform, slanted boxes show a knowledge entry, ' +
  'rounded boxes end the tree with "did this solve it?", hexagons hand the customer to a person.';

const generated = (from: string) => `<!-- Generated from ${from} by \`npm run dialogs:graph\`: edit the YAML, not this file. -->`;

/** The Markdown page of one tree: its title, where it starts, and its diagram. */
export function treePage(tree: Tree, language: Language): string {
  return [
    generated(`the tree "${tree.id}"`),
    `# ${tree.title[language]} (\`${tree.id}\`)`,
    `Starts from the knowledge entry \`${tree.entry}\`; ${tree.nodes.size} nodes, ${allPaths(tree).length} paths from the start to a leaf. Labels in \`${language}\`.`,
    '```mermaid\n' + treeFlowchart(tree, language) + '\n```',
    LEGEND,
    '',
  ].join('\n\n');
}

/** The index of every tree's page. */
export function treeIndex(trees: readonly Tree[], language: Language): string {
  return [
    generated('the trees of dialogs/'),
    '# Guided trees',
    'One page per tree of `dialogs/`, each with its diagram. Regenerate with `npm run dialogs:graph`.',
    trees.map((t) => `- [${t.title[language]}](${t.id}.md) — \`${t.id}\`, from the entry \`${t.entry}\``).join('\n'),
    '',
  ].join('\n\n');
}
