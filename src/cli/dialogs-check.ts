import { loadConfig } from '../config.js';
import { LANGUAGES } from '../content/languages.js';
import { loadContent } from '../content/load-content.js';
import { allPaths } from '../trees/walk.js';
import { runCli } from './run-cli.js';

/**
 * npm run dialogs:check — loads the guided trees the way the bot does at start-up (with the
 * knowledge base they point to) and lists every problem as "file: node "id": what is wrong".
 * Exit 1 on any problem, 0 with a one-line summary per tree.
 */
await runCli(async () => {
  const config = loadConfig();
  const { trees } = await loadContent(config);
  for (const tree of trees.trees.values()) {
    const questions = [...tree.nodes.values()].filter((n) => n.type === 'question').length;
    console.log(`${tree.file}: ${tree.nodes.size} nodes, ${questions} questions, ${allPaths(tree).length} paths — ok`);
  }
  console.log(`${trees.trees.size} trees in ${config.dialogsDir}/ checked: every reference resolves, every node is reachable, every text is in ${LANGUAGES.join(', ')}.`);
});
