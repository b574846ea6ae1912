import { rmSync } from 'node:fs';
import { parseArgs } from 'node:util';
import { loadConfig } from '../config.js';
import { LANGUAGES } from '../content/languages.js';
import { loadContent } from '../content/load-content.js';
import { readLabelledSet } from '../evaluation/labelled-set.js';
import { loadKnowledge } from '../knowledge/load.js';
import { thinEntryWarnings } from '../knowledge/thin-entries.js';
import { heldOutChangeLines, heldOutFigures, knowledgeAtRevision, leakedIntoExamples } from '../review/heldout-change.js';
import { CONFUSION_FAILS_ABOVE, confusedPairs } from '../understanding/confusions.js';
import { createUnderstander } from '../understanding/understander.js';
import { runCli } from './run-cli.js';

const pct = (x: number) => `${(100 * x).toFixed(0)}%`;

/**
 * `npm run kb:check`: the validation the bot runs at start-up (knowledge, trees, strings),
 * for authors. Exit 1 with every problem as "file: field — what is wrong". Then what the
 * understander learnt from the base: warnings for thinly fed entries, and the pairs of entries
 * its cross-validation confuses, failing when a pair is beyond telling apart.
 *
 * `--compare REV` (after `git apply` of a review patch: `--compare HEAD`) also measures the
 * held-out set (`--set`, default tests/eval/heldout.tsv) with knowledge/ as the revision has it
 * and as it is now, and prints the change, so a patch is judged on messages it did not see.
 */
await runCli(async () => {
  const { values } = parseArgs({ options: { compare: { type: 'string' }, set: { type: 'string', default: 'tests/eval/heldout.tsv' } } });
  const config = loadConfig();
  const { kb, trees, locales } = await loadContent(config);
  const counts = LANGUAGES.map((l) => `${l} ${[...kb.entries.values()].reduce((n, e) => n + (e.languages.includes(l) ? e.text[l].questions.length : 0), 0)}`).join(', ');
  console.log(`${config.knowledgeDir}/: ${kb.entries.size} entries valid (example questions: ${counts}); ${config.dialogsDir}/: ${trees.trees.size} trees valid`);
  for (const warning of thinEntryWarnings(kb, config.knowledgeDir)) console.log(`warning: ${warning}`);

  const understander = createUnderstander(kb, locales.input);
  const pairs = confusedPairs(understander.heldOut);
  const failing = pairs.filter((p) => p.confused / p.of > CONFUSION_FAILS_ABOVE);
  if (pairs.length > 0) console.log(`\nEntries the classifier confuses (cross-validated over their own questions; fails above ${pct(CONFUSION_FAILS_ABOVE)}):`);
  for (const p of pairs.slice(0, 15)) {
    console.log(`  ${p.a} ↔ ${p.b}: ${p.confused} of ${p.of} (${pct(p.confused / p.of)})${p.confused / p.of > CONFUSION_FAILS_ABOVE ? '  FAIL' : ''}`);
    for (const example of p.examples) console.log(`      ${example}`);
  }
  if (values.compare) {
    const baseDir = knowledgeAtRevision(config.knowledgeDir, values.compare);
    try {
      const base = await loadKnowledge(baseDir);
      const set = await readLabelledSet(values.set);
      const before = heldOutFigures(createUnderstander(base, locales.input), set, config.defaultLocale);
      const after = heldOutFigures(understander, set, config.defaultLocale);
      console.log(`\nHeld-out set ${values.set} (${set.length} messages), knowledge at ${values.compare} → as it is now (change in points):`);
      for (const line of heldOutChangeLines(before, after)) console.log(line);
      const leaked = leakedIntoExamples(base, kb, set);
      if (leaked.length > 0) {
        console.log(`warning: ${leaked.length} held-out message(s) are now example questions, so the figure after flatters; keep them out of knowledge/ or out of the set:`);
        for (const m of leaked.slice(0, 10)) console.log(`    ${m.source}: ${m.language} "${m.text}"`);
      }
    } finally {
      rmSync(baseDir, { recursive: true, force: true });
    }
  }
  if (failing.length > 0) {
    console.error(`\n${failing.length} pair(s) of entries cannot be told apart: give them questions in the customers' words that say what differs, or merge them.`);
    process.exitCode = 1;
  }
});
