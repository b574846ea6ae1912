/**
 * `npx tsx bench/decide-probe.ts [--clinc all,10] [--support] [--skip-local]`: what the answer /
 * clarify / none decision costs, apart from the ranking, on every set issue 12 measures: the
 * project's held-out set, both near-miss sets, the base without example questions, CLINC150 val
 * (never test: this is for tuning). For in-scope messages it prints how often the right entry
 * is ranked first, and what the decision did with those.
 */
import { parseArgs } from 'node:util';
import { LANGUAGES } from '../src/content/languages.js';
import { loadContent } from '../src/content/load-content.js';
import { loadLocaleFiles } from '../src/i18n/locale-files.js';
import { readLabelledSet, type LabelledMessage } from '../src/evaluation/labelled-set.js';
import { loadKnowledge } from '../src/knowledge/load.js';
import { createKnowledgeBase, type EntryText, type KnowledgeBase } from '../src/knowledge/model.js';
import { createUnderstander, type Understanding } from '../src/understanding/understander.js';
import type { CommandVocabulary } from '../src/understanding/commands.js';
import { loadConfig } from '../src/config.js';
import { asLabelled, clincFolder, readClinc, SUPPORT_INTENTS, writeClincKnowledge } from './clinc150.js';

const noQuestions = (t: EntryText): EntryText => ({ ...t, questions: [] });
const pct = (n: number, d: number) => (d === 0 ? '  -  ' : `${((100 * n) / d).toFixed(1)}%`);

function report(name: string, messages: LabelledMessage[], kb: KnowledgeBase, commands: CommandVocabulary): void {
  const started = Date.now();
  const u = createUnderstander(kb, commands);
  const trainS = (Date.now() - started) / 1000;
  const got: Array<{ m: LabelledMessage; r: Understanding }> = messages.map((m) => ({ m, r: u.understand(m.text, { hint: m.language, fallback: m.language }) }));
  const ins = got.filter((g) => g.m.expected !== 'none');
  const oos = got.filter((g) => g.m.expected === 'none');
  const right = (g: { m: LabelledMessage; r: Understanding }) => g.r.intent === g.m.expected;
  const first = ins.filter((g) => g.r.candidates[0]?.intent === g.m.expected);
  const answered = got.filter((g) => g.r.decision === 'answer');
  const dm = u.decisionModel;
  const line = [
    `${name.padEnd(22)} n=${String(messages.length).padStart(5)} train ${trainS.toFixed(1)}s answerAt ${dm.answerAt.toFixed(3)}`,
    ins.length ? `  in-scope ${pct(ins.filter(right).length, ins.length)}  ranked-first ${pct(first.length, ins.length)}` : '',
    ins.length ? `  of ranked-first: answer ${pct(first.filter((g) => g.r.decision === 'answer').length, first.length)} clarify ${pct(first.filter((g) => g.r.decision === 'clarify').length, first.length)} none ${pct(first.filter((g) => g.r.decision === 'none').length, first.length)}` : '',
    oos.length ? `  oos: none ${pct(oos.filter((g) => g.r.decision === 'none').length, oos.length)} declined-or-clarified ${pct(oos.filter((g) => g.r.decision !== 'answer').length, oos.length)}` : '',
    `  answers right ${pct(answered.filter(right).length, answered.length)} (${answered.length})`,
  ];
  if (ins.length && LANGUAGES.some((l) => ins.some((g) => g.m.language === l) && l !== 'en')) {
    line.push('  top-1 by language: ' + LANGUAGES.map((l) => { const of = got.filter((g) => g.m.language === l); return `${l} ${pct(of.filter(right).length, of.length)}`; }).join(' ') + ` all ${pct(got.filter(right).length, got.length)}`);
  }
  if (process.env.PROBE_VERBOSE && oos.length && !ins.length) for (const g of oos.filter((g) => g.r.decision === 'answer')) line.push(`    answered: ${g.m.language} ${g.m.text} → ${g.r.intent} ${g.r.confidence.toFixed(2)}`);
  console.log(line.filter(Boolean).join('\n'));
}

const { values } = parseArgs({ options: { clinc: { type: 'string', default: 'all' }, support: { type: 'boolean', default: false }, 'skip-local': { type: 'boolean', default: false } } });
const content = await loadContent(loadConfig(process.env));
const commands = content.locales.input;
if (!values['skip-local']) {
  const kb = content.kb;
  report('heldout', await readLabelledSet('tests/eval/heldout.tsv'), kb, commands);
  report('near-miss', await readLabelledSet('tests/eval/near-miss.tsv'), kb, commands);
  report('near-miss-2', await readLabelledSet('tests/eval/near-miss-2.tsv'), kb, commands);
  const bare = createKnowledgeBase(
    [...kb.entries.values()].map((e) => ({ ...e, text: { it: noQuestions(e.text.it), en: noQuestions(e.text.en), fr: noQuestions(e.text.fr), de: noQuestions(e.text.de) } })),
    kb.outOfScope,
  );
  report('no-questions', await readLabelledSet('tests/eval/heldout.tsv'), bare, commands);
  report('nq near-miss', await readLabelledSet('tests/eval/near-miss.tsv'), bare, commands);
}
const sizes = values.clinc ? values.clinc.split(',').filter(Boolean).map((s) => (s === 'all' ? Infinity : Number(s))) : [];
if (sizes.length || values.support) {
  const clincCommands = (await loadLocaleFiles('locales')).input;
  const [train, oosTrain, val, oosVal] = await Promise.all([readClinc('train.tsv'), readClinc('oos-train.tsv'), readClinc('val.tsv'), readClinc('oos-val.tsv')]);
  for (const set of [...(sizes.length ? ['clinc150'] : []), ...(values.support ? ['support30'] : [])]) {
    const inSet = (intent: string) => set === 'clinc150' || SUPPORT_INTENTS.includes(intent);
    for (const size of sizes) {
      const dir = clincFolder(`probe-${set}-${size}`);
      await writeClincKnowledge(dir, train.filter((e) => inSet(e.intent)), size, oosTrain.map((e) => e.text));
      const kb = await loadKnowledge(dir);
      const others = val.filter((e) => !inSet(e.intent)).map((e) => ({ intent: 'none', text: e.text }));
      report(`${set} val ${size}`, asLabelled([...val.filter((e) => inSet(e.intent)), ...oosVal, ...others], 'val'), kb, clincCommands);
    }
  }
}
