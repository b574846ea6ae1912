import { mkdir, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { loadConfig } from '../config.js';
import { loadContent } from '../content/load-content.js';
import { treeIndex, treePage } from '../trees/tree-page.js';
import { runCli } from './run-cli.js';

export const DIAGRAMS_DIR = 'docs/trees';
// Italian is the source language of the help centre, and of the trees' authors.
const LABELS = 'it';

/** npm run dialogs:graph [-- --out DIR] — writes a Mermaid diagram of each tree, and an index. */
await runCli(async () => {
  const { values } = parseArgs({ options: { out: { type: 'string', default: DIAGRAMS_DIR } } });
  const out = values.out!;
  const { trees } = await loadContent(loadConfig());
  await mkdir(out, { recursive: true });
  const all = [...trees.trees.values()];
  for (const tree of all) await writeFile(path.join(out, `${tree.id}.md`), treePage(tree, LABELS));
  await writeFile(path.join(out, 'README.md'), treeIndex(all, LABELS));
  console.log(`wrote ${all.length} tree diagrams and an index to ${out}/`);
});
