import { existsSync, readdirSync } from 'node:fs';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { loadConfig } from '../config.js';
import { LANGUAGES } from '../content/languages.js';
import { loadUnderstandingContent } from '../content/load-content.js';
import { evaluate, type EvaluationReport } from '../evaluation/evaluate.js';
import { readLabelledSet, type LabelledMessage } from '../evaluation/labelled-set.js';
import { createUnderstander } from '../understanding/understander.js';
import { runCli } from './run-cli.js';

const USAGE = `npm run eval [-- --knowledge DIR] [--set FILE] [--external DIR] [--no-hint] [--json]
  --knowledge DIR knowledge folder to train on (default KNOWLEDGE_DIR, else knowledge/)
  --set FILE      labelled messages, label<TAB>locale<TAB>text (default tests/eval/heldout.tsv)
  --external DIR  also measure out-of-scope recall on every *.tsv of DIR (e.g. ../shared/data/external-oos)
  --no-hint       do not pass the message's locale as the channel's hint: the text alone decides
  --json          print the report as JSON`;

const pct = (x: number) => (Number.isNaN(x) ? '   -  ' : `${(100 * x).toFixed(1).padStart(5)}%`);

function printReport(title: string, report: EvaluationReport): void {
  console.log(`\n${title} (${report.total} messages)`);
  console.log(`                     ${LANGUAGES.map((l) => l.padStart(6)).join(' ')}    all`);
  const row = (name: string, values: Record<string, number>) =>
    console.log(`${name.padEnd(20)} ${[...LANGUAGES, 'all'].map((g) => pct(values[g]!)).join(' ')}`);
  row('top-1 accuracy', report.accuracy);
  row('in-scope accuracy', report.inScopeAccuracy);
  row('out-of-scope recall', report.outOfScopeRecall);
  if (report.languageAccuracy !== undefined) console.log(`language detected right: ${pct(report.languageAccuracy)}`);
  const inScope = Object.values(report.decisions).reduce((a, b) => a + b, 0);
  if (inScope > 0) {
    console.log(`in-scope decisions: ${Object.entries(report.decisions).map(([d, n]) => `${d} ${pct(n / inScope).trim()}`).join(', ')}`);
  }
  console.log('\nper intent           support precision recall');
  for (const i of report.perIntent) console.log(`${i.intent.padEnd(20)} ${String(i.support).padStart(7)} ${pct(i.precision).padStart(9)} ${pct(i.recall)}`);
  if (report.confusions.length > 0) {
    console.log('\nconfusions (expected → got: count, examples)');
    for (const c of report.confusions.slice(0, 25)) console.log(`  ${c.expected} → ${c.got}: ${c.count}   ${c.examples.join(' | ')}`);
  }
  if (report.calibration) {
    const c = report.calibration;
    console.log(`\nconfidence calibration: expected calibration error ${(100 * c.expectedCalibrationError).toFixed(1)} points`);
    for (const b of c.table) console.log(`  confidence ${b.from.toFixed(1)}-${b.to.toFixed(1)}: ${String(b.count).padStart(5)} messages, mean confidence ${pct(b.confidence)}, right ${pct(b.right / b.count)}`);
  }
  console.log(`\nclassification latency: p50 ${report.latency.p50.toFixed(3)} ms, p99 ${report.latency.p99.toFixed(3)} ms, mean ${report.latency.mean.toFixed(3)} ms`);
}

await runCli(async () => {
  const { values } = parseArgs({
    options: {
      knowledge: { type: 'string' },
      set: { type: 'string', default: 'tests/eval/heldout.tsv' },
      external: { type: 'string' },
      'no-hint': { type: 'boolean', default: false },
      json: { type: 'boolean', default: false },
      help: { type: 'boolean', default: false },
    },
  });
  if (values.help) return void console.log(USAGE);
  const config = loadConfig(values.knowledge ? { ...process.env, KNOWLEDGE_DIR: values.knowledge } : process.env);
  const content = await loadUnderstandingContent(config);
  const understander = createUnderstander(content.kb, content.locales.input);
  const classify = (m: LabelledMessage) => {
    const u = understander.understand(m.text, { hint: values['no-hint'] ? undefined : m.language, fallback: config.defaultLocale });
    return { intent: u.intent, decision: u.decision, language: u.language, confidence: u.confidence };
  };
  const reports: Record<string, EvaluationReport> = { heldout: evaluate(await readLabelledSet(values.set), classify) };
  if (values.external) {
    if (!existsSync(values.external)) throw new Error(`--external ${values.external}: no such folder`);
    const files = readdirSync(values.external).filter((f) => f.endsWith('.tsv')).sort();
    const messages = (await Promise.all(files.map((f) => readLabelledSet(path.join(values.external!, f))))).flat();
    reports.external = evaluate(messages, classify);
  }
  if (values.json) return void console.log(JSON.stringify(reports, null, 2));
  printReport(`Held-out set ${values.set}`, reports.heldout!);
  if (reports.external) printReport(`External out-of-scope sets in ${values.external}`, reports.external);
});
