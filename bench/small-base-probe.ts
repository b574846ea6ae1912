/**
 * `npx tsx bench/small-base-probe.ts [--bases 8] [--entries 5,10] [--per-intent 10,30]`: how the
 * answer / clarify / none decision behaves on small bases, on public data (CLINC150 val, never
 * test), so it can be tuned without fitting our own files. Each base takes `entries` intents at
 * random among CLINC150's 30 banking and credit-card intents; the other support intents' val
 * messages are its near misses (same domain, same words: "freeze my account" against a base
 * with "account blocked"), with CLINC's out-of-scope val messages besides. Prints, per base and
 * in all: how often an in-scope message is answered outright, how often answers are right, and
 * how often near misses are declined or clarified; the spread of the first across bases is the
 * instability README "Known weakness" describes.
 */
import { parseArgs } from 'node:util';
import { loadLocaleFiles } from '../src/i18n/locale-files.js';
import { loadKnowledge } from '../src/knowledge/load.js';
import { createUnderstander } from '../src/understanding/understander.js';
import { seededRandom } from '../src/understanding/softmax-regression.js';
import { asLabelled, clincFolder, readClinc, SUPPORT_INTENTS, writeClincKnowledge } from './clinc150.js';

const { values } = parseArgs({
  options: {
    bases: { type: 'string', default: '8' },
    entries: { type: 'string', default: '5,10' },
    'per-intent': { type: 'string', default: '10,30' },
  },
});

const pct = (n: number, d: number) => (d === 0 ? '   -  ' : `${((100 * n) / d).toFixed(1).padStart(5)}%`);
const [train, val, oosTrain, oosVal] = await Promise.all(['train.tsv', 'val.tsv', 'oos-train.tsv', 'oos-val.tsv'].map((f) => readClinc(f)));
const commands = (await loadLocaleFiles('locales')).input;

for (const entries of values.entries.split(',').map(Number)) {
  for (const perIntent of values['per-intent'].split(',').map(Number)) {
    const totals = { inScope: 0, answered: 0, answers: 0, answeredRight: 0, near: 0, nearKept: 0 };
    const rates: number[] = [];
    for (let base = 0; base < Number(values.bases); base++) {
      const random = seededRandom(1000 * entries + base);
      const chosen = [...SUPPORT_INTENTS].map((intent) => ({ intent, key: random() })).sort((a, b) => a.key - b.key).slice(0, entries).map((c) => c.intent);
      const dir = clincFolder(`small-${entries}-${perIntent}-${base}`);
      await writeClincKnowledge(dir, train!.filter((e) => chosen.includes(e.intent)), perIntent, oosTrain!.map((e) => e.text));
      const u = createUnderstander(await loadKnowledge(dir), commands);
      const ids = new Set(chosen.map((c) => c.replace(/_/g, '-')));
      const messages = asLabelled(
        [...val!.filter((e) => SUPPORT_INTENTS.includes(e.intent)), ...oosVal!].map((e) => (chosen.includes(e.intent) || e.intent === 'none' ? e : { ...e, intent: 'none' })),
        'val',
      );
      const counts = { inScope: 0, answered: 0, answers: 0, answeredRight: 0, near: 0, nearKept: 0 };
      for (const m of messages) {
        const r = u.understand(m.text, { hint: 'en', fallback: 'en' });
        const answer = r.decision === 'answer';
        if (answer) counts.answers++;
        if (answer && r.intent === m.expected) counts.answeredRight++;
        if (ids.has(m.expected)) {
          counts.inScope++;
          if (answer) counts.answered++;
        } else {
          counts.near++;
          if (!answer) counts.nearKept++;
        }
      }
      rates.push(counts.answered / counts.inScope);
      for (const key of Object.keys(totals) as Array<keyof typeof totals>) totals[key] += counts[key];
      const { inScope, answered, answers, answeredRight, near, nearKept } = counts;
      console.log(
        `${entries} entries, ${perIntent}/intent, base ${base}: answerAt ${u.decisionModel.answerAt.toFixed(3)}  in-scope answered ${pct(answered, inScope)}  answers right ${pct(answeredRight, answers)} (${answers})  near misses declined or clarified ${pct(nearKept, near)}`,
      );
    }
    const sorted = [...rates].sort((a, b) => a - b);
    console.log(
      `== ${entries} entries, ${perIntent}/intent, ${rates.length} bases: in-scope answered ${pct(totals.answered, totals.inScope)} (bases ${pct(sorted[0]!, 1)} to ${pct(sorted.at(-1)!, 1)})  answers right ${pct(totals.answeredRight, totals.answers)}  near misses declined or clarified ${pct(totals.nearKept, totals.near)}`,
    );
  }
}
