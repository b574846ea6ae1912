/**
 * `npm run bench:clinc`: the CLINC150 part of the benchmark alone (see README, Performance).
 * `-- --split val` while tuning, `--sizes 10,30`, `--no-nlpjs` to skip the slow baseline.
 */
import { mkdir, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { runCli } from '../src/cli/run-cli.js';
import { benchClinc, formatClinc } from './clinc-bench.js';

await runCli(async () => {
  const { values } = parseArgs({
    options: {
      split: { type: 'string', default: 'test' },
      sizes: { type: 'string', default: '10,30,all' },
      sets: { type: 'string', default: 'clinc150,support30' },
      'no-nlpjs': { type: 'boolean', default: false },
      out: { type: 'string' },
    },
  });
  const started = Date.now();
  const runs = await benchClinc({
    sizes: values.sizes.split(',').map((s) => (s === 'all' ? 'all' : Number(s))),
    splits: values.split.split(',') as Array<'val' | 'test'>,
    sets: values.sets.split(',') as Array<'clinc150' | 'support30'>,
    nlpjs: !values['no-nlpjs'],
    log: (step) => console.error(`[clinc ${((Date.now() - started) / 1000).toFixed(0)} s] ${step}`),
  });
  console.log(formatClinc(runs));
  const out = values.out ?? path.join('bench', 'results', `clinc150-${new Date().toISOString().slice(0, 10)}.json`);
  await mkdir(path.dirname(out), { recursive: true });
  await writeFile(out, `${JSON.stringify(runs, null, 2)}\n`);
  console.log(`\nFigures written to ${out}`);
});
