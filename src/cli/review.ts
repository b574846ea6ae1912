import { mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { loadConfig } from '../config.js';
import { loadContent } from '../content/load-content.js';
import { createTranslator } from '../i18n/i18n.js';
import { openEventStore } from '../insights/insights.js';
import { defaultPlacementRule } from '../review/place.js';
import { review } from '../review/review.js';
import { everyMask, secretMasks } from '../secrets/masks.js';
import { createUnderstander } from '../understanding/understander.js';
import { runCli } from './run-cli.js';

const share = (value: string | undefined, name: string) => {
  const n = Number(value);
  if (!(n >= 0 && n <= 1)) throw new Error(`--${name} must be between 0 and 1, got "${value}"`);
  return n;
};

/**
 * `npm run review -- [--days 7] [--out FILE] [--min-share 0.5] [--min-lead 2]`: the declined,
 * clarified-then-abandoned and thumbed-down questions of the last days, as a patch adding them
 * to the entries they clearly belong to (and draft entries for the rest). Read it, edit it,
 * then `git apply FILE`, `npm run kb:check -- --compare HEAD` (held-out accuracy before and after), commit.
 */
await runCli(async () => {
  const { values } = parseArgs({
    options: {
      days: { type: 'string', default: '7' },
      out: { type: 'string' },
      'min-share': { type: 'string', default: String(defaultPlacementRule.minShare) },
      'min-lead': { type: 'string', default: String(defaultPlacementRule.minLead) },
    },
  });
  const days = Number(values.days);
  if (!Number.isInteger(days) || days < 1) throw new Error(`--days must be a whole number of days, got "${values.days}"`);
  const minLead = Number(values['min-lead']);
  if (!(minLead >= 1)) throw new Error(`--min-lead must be 1 or more, got "${values['min-lead']}"`);
  const rule = { ...defaultPlacementRule, minShare: share(values['min-share'], 'min-share'), minLead };
  const config = loadConfig();
  const content = await loadContent(config);
  const masks = everyMask(secretMasks(await createTranslator(content.locales, config.defaultLocale)));
  const store = await openEventStore(config);
  try {
    const train = (kb: typeof content.kb) => createUnderstander(kb, content.locales.input);
    const result = await review({ store, kb: content.kb, train, knowledgeDir: config.knowledgeDir, root: process.cwd(), days, rule, masks });
    const quoted = (q: { language: string; text: string }) => `${q.language} "${q.text}"`;
    for (const [entry, questions] of result.groups.entries) console.error(`${entry}: +${questions.length} (${questions.map(quoted).join(', ')})`);
    for (const q of result.groups.answersToImprove) console.error(`👎 on ${q.entry}: its answer may need work for ${quoted(q)}`);
    for (const { entry, question } of result.notAnswered) console.error(`not added to ${entry}: even as its example, ${quoted(question)} is not answered by it (see the drafts)`);
    for (const cluster of result.groups.clusters) console.error(`draft entry: ${cluster.map(quoted).join(', ')}`);
    if (!result.patch) {
      console.error(`Nothing to review in the last ${days} days (${result.missed} missed questions, all already examples).`);
      return;
    }
    const out = values.out ?? path.join('data', `review-${new Date().toISOString().slice(0, 10)}.patch`);
    mkdirSync(path.dirname(path.resolve(out)), { recursive: true });
    writeFileSync(out, result.patch);
    console.error(`Wrote ${out}: read it, edit it if needed, then: git apply ${out} && npm run kb:check -- --compare HEAD`);
  } finally {
    await store.close();
  }
});
