import { mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { loadConfig } from '../config.js';
import { loadContent } from '../content/load-content.js';
import { openEventStore } from '../insights/insights.js';
import { review } from '../review/review.js';
import { createUnderstander } from '../understanding/understander.js';
import { runCli } from './run-cli.js';

/**
 * `npm run review -- [--days 7] [--out FILE] [--min-score 0.25]`: the declined, clarified-then-
 * abandoned and thumbed-down questions of the last days, as a patch adding them to the entries
 * they are closest to (and draft entries for those that fit none). Read it, edit it, then
 * `git apply FILE`, `npm run kb:check`, commit.
 */
await runCli(async () => {
  const { values } = parseArgs({ options: { days: { type: 'string', default: '7' }, out: { type: 'string' }, 'min-score': { type: 'string', default: '0.25' } } });
  const days = Number(values.days);
  const minScore = Number(values['min-score']);
  if (!Number.isInteger(days) || days < 1) throw new Error(`--days must be a whole number of days, got "${values.days}"`);
  if (!(minScore >= 0 && minScore <= 1)) throw new Error(`--min-score must be between 0 and 1, got "${values['min-score']}"`);
  const config = loadConfig();
  const content = await loadContent(config);
  const store = await openEventStore(config);
  try {
    const understander = createUnderstander(content.kb, content.locales.input);
    const result = await review({ store, kb: content.kb, understander, knowledgeDir: config.knowledgeDir, root: process.cwd(), days, minScore });
    for (const [entry, questions] of result.groups.entries) {
      console.error(`${entry}: +${questions.length} (${questions.map((q) => `${q.language} "${q.text}"`).join(', ')})`);
    }
    for (const q of result.groups.answersToImprove) console.error(`👎 on ${q.entry}: its answer may need work for ${q.language} "${q.text}"`);
    for (const cluster of result.groups.clusters) console.error(`draft entry: ${cluster.map((q) => `${q.language} "${q.text}"`).join(', ')}`);
    if (!result.patch) {
      console.error(`Nothing to review in the last ${days} days (${result.missed} missed questions, all already examples).`);
      return;
    }
    const out = values.out ?? path.join('data', `review-${new Date().toISOString().slice(0, 10)}.patch`);
    mkdirSync(path.dirname(path.resolve(out)), { recursive: true });
    writeFileSync(out, result.patch);
    console.error(`Wrote ${out}: read it, edit it if needed, then: git apply ${out} && npm run kb:check`);
  } finally {
    await store.close();
  }
});
