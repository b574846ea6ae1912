import type { Language } from '../content/languages.js';
import type { Tree, TreeNode } from './model.js';

// Long texts make unreadable boxes: a diagram shows the first words, the YAML has the rest.
const MAX_LABEL = 60;

/** Mermaid ids are safest as plain words: "can-pass" → "can_pass" (ids are kebab-case, so no clash). */
const mermaidId = (id: string) => `n_${id.replace(/-/g, '_')}`;

/** One line of plain text for a label: no Markdown, no line breaks, no quotes that end the label. */
export function mermaidLabel(text: string, max = MAX_LABEL): string {
  const plain = text
    .replace(/[*`]+/g, '')
    .replace(/\s+/g, ' ')
    .trim();
  const short = plain.length > max ? `${plain.slice(0, max - 1).trimEnd()}…` : plain;
  return short.replace(/"/g, '#quot;');
}

/** The box of each kind of node: questions are diamonds, leaves are rounded, handoffs hexagons. */
function shape(node: TreeNode, label: string): string {
  switch (node.type) {
    case 'question':
      return `{"${label}"}`;
    case 'info':
      return `["${label}"]`;
    case 'entry':
      return `[/"${label}"/]`;
    case 'end':
      return `(["${label}"])`;
    case 'handoff':
      return `{{"${label}"}}`;
  }
}

function nodeLabel(id: string, node: TreeNode, language: Language): string {
  if (node.type === 'entry') return `${id}<br/>→ ${node.entry}`;
  return `${id}<br/>${mermaidLabel(node.text[language])}`;
}

/** A Mermaid flowchart of a tree in one language: every node, and every choice as a labelled arrow. */
export function treeFlowchart(tree: Tree, language: Language): string {
  const lines = ['flowchart TD'];
  for (const [id, node] of tree.nodes) lines.push(`  ${mermaidId(id)}${shape(node, nodeLabel(id, node, language))}`);
  for (const [id, node] of tree.nodes) {
    if (node.type === 'question') {
      for (const choice of node.choices) lines.push(`  ${mermaidId(id)} -->|"${mermaidLabel(choice.label[language])}"| ${mermaidId(choice.next)}`);
    } else if ((node.type === 'info' || node.type === 'entry') && node.next) {
      lines.push(`  ${mermaidId(id)} --> ${mermaidId(node.next)}`);
    }
  }
  // "end" is a Mermaid keyword: the class of leaves is "leaf".
  lines.push(`  classDef handoff fill:#fde2e1,stroke:#c0392b`, `  classDef leaf fill:#e1f5e1,stroke:#2e7d32`);
  const ofType = (type: TreeNode['type']) => [...tree.nodes].filter(([, n]) => n.type === type).map(([id]) => mermaidId(id));
  if (ofType('handoff').length > 0) lines.push(`  class ${ofType('handoff').join(',')} handoff`);
  const ends = [...ofType('end'), ...[...tree.nodes].filter(([, n]) => n.type === 'entry' && !n.next).map(([id]) => mermaidId(id))];
  if (ends.length > 0) lines.push(`  class ${ends.join(',')} leaf`);
  return lines.join('\n');
}
