import { loadConfig } from '../config.js';
import { LANGUAGES } from '../content/languages.js';
import { loadContent } from '../content/load-content.js';
import { runCli } from './run-cli.js';

/**
 * `npm run kb:check`: the validation the bot runs at start-up (knowledge, trees, strings),
 * for authors. Exit 1 with every problem as "file: field — what is wrong".
 */
await runCli(async () => {
  const config = loadConfig();
  const { kb, trees } = await loadContent(config);
  const counts = LANGUAGES.map((l) => `${l} ${[...kb.entries.values()].reduce((n, e) => n + (e.languages.includes(l) ? e.text[l].questions.length : 0), 0)}`).join(', ');
  console.log(`${config.knowledgeDir}/: ${kb.entries.size} entries valid (example questions: ${counts}); ${config.dialogsDir}/: ${trees.trees.size} trees valid`);
});
