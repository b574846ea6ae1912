/**
 * `npm run bench`: understanding quality and classifier speed against NLP.js (on the project's
 * knowledge base and on a synthetic one of 1,000 entries), HTTP turns against a bare restify
 * reply and a floor Bot Framework bot, the bot's memory, and the compiled bot's start. Prints one table and writes the figures as JSON.
 */
import { mkdir, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { runCli } from '../src/cli/run-cli.js';
import { loadConfig } from '../src/config.js';
import { NONE_LABEL } from '../src/evaluation/evaluate.js';
import { readLabelledSet } from '../src/evaluation/labelled-set.js';
import { loadLocaleFiles } from '../src/i18n/locale-files.js';
import { loadKnowledge } from '../src/knowledge/load.js';
import { compareClassifiers } from './classifier-bench.js';
import { benchCompiledStart, benchWarmCompiledStart } from './compiled-start.js';
import { benchHttp } from './http-turn.js';
import { benchRestart } from './restart-start.js';
import type { BenchResults } from './results.js';
import { syntheticHeldOut, syntheticKnowledgeBase } from './synthetic-kb.js';
import { formatResults } from './table.js';

const USAGE = `npm run bench [-- --quick] [--profile DIR] [--out FILE]
  --quick        a smaller, shorter run for trying changes (100 synthetic entries, 1 s per HTTP level)
  --profile DIR  also write V8 CPU profiles of the HTTP servers' timed load levels (not their start) into DIR
  --out FILE     where the JSON goes (default bench/results/YYYY-MM-DD.json; --quick: *.tmp.json)`;

const MESSAGES_FILE = 'tests/eval/heldout.tsv';

/** The machine the run is on; the load average says how much else was running. */
function describeMachine(loadAtStart: number): BenchResults['machine'] {
  return {
    cores: os.cpus().length,
    cpu: os.cpus()[0]?.model.trim() ?? 'unknown',
    memoryGb: Math.round(os.totalmem() / 1024 ** 3),
    node: process.version,
    loadAverage: { start: loadAtStart, end: os.loadavg()[0]! },
  };
}

await runCli(async () => {
  const { values } = parseArgs({
    options: {
      quick: { type: 'boolean', default: false },
      profile: { type: 'string' },
      out: { type: 'string' },
      help: { type: 'boolean', default: false },
    },
  });
  if (values.help) return void console.log(USAGE);
  const quick = values.quick;
  const started = new Date();
  const loadStart = os.loadavg()[0]!;
  const config = loadConfig({});
  const messages = await readLabelledSet(MESSAGES_FILE);
  const log = (step: string) => console.error(`[bench ${((Date.now() - started.getTime()) / 1000).toFixed(0)} s] ${step}`);

  log('understanding on the held-out set: Sportello and NLP.js');
  const load = async () => ({ kb: await loadKnowledge(config.knowledgeDir), commands: (await loadLocaleFiles(config.localesDir)).input });
  // p99 of 480 calls is the fifth slowest: right after training that is a pause to collect the
  // training's garbage, not a message's cost (1,000 entries: 4.6 ms for the first 480 calls,
  // 0.56 ms over 3,000, 0.51 ms for 480 more). Both bases and both classifiers are timed alike.
  const speed = { warmup: 200, minSamples: quick ? 500 : 3000, maxMs: quick ? 1000 : 4000 };
  const understanding = await compareClassifiers({ load, messages, fallback: config.defaultLocale, speed });

  const entries = quick ? 100 : 1000;
  log(`scale: a synthetic knowledge base of ${entries} entries (NLP.js takes a while to train on it)`);
  const real = await load();
  const synthetic = syntheticKnowledgeBase(entries, real.kb.outOfScope);
  const scale = await compareClassifiers({
    load: async () => ({ kb: synthetic, commands: real.commands }),
    messages: [...syntheticHeldOut(entries, 10), ...messages.filter((m) => m.expected === NONE_LABEL)],
    fallback: config.defaultLocale,
    speed,
  });

  log('start-up on a restart: the trained understanding loaded from the cache folder a first start filled (ten entries, then the synthetic base)');
  const restart = { ten: benchRestart(undefined, quick ? 1 : 3), scale: benchRestart(entries, quick ? 1 : 3) };

  log('turns over HTTP: bare restify, the bot with classification precomputed, the bot; then the bot\'s memory');
  const http = await benchHttp({
    messagesFile: MESSAGES_FILE,
    messages,
    connections: [1, 8, 64],
    durationSeconds: quick ? 1 : 5,
    // A warm-up of 5,000 turns, then four batches of 5,000 (500 new conversations each).
    memoryAfterTurns: 5_000,
    memoryBatches: 4,
    turnsPerConversation: 10,
    profileDir: values.profile,
  });

  log('the compiled bot: start to first reply, memory after start (median of 3 cold starts)');
  const compiled = await benchCompiledStart(quick ? 1 : 3);
  log('the compiled bot again, warm: the understanding trained beforehand by npm run train, as the container image does');
  const compiledWarm = await benchWarmCompiledStart(quick ? 1 : 3);

  const results: BenchResults = {
    startedAt: started.toISOString(),
    elapsedSeconds: (Date.now() - started.getTime()) / 1000,
    machine: describeMachine(loadStart),
    understanding: { ...understanding, messagesFile: MESSAGES_FILE },
    scale,
    restart,
    http,
    compiled,
    compiledWarm,
  };
  const out = values.out ?? path.join('bench', 'results', `${started.toISOString().slice(0, 10)}${quick ? '.quick.tmp' : ''}.json`);
  await mkdir(path.dirname(out), { recursive: true });
  await writeFile(out, `${JSON.stringify(results, null, 2)}\n`);
  console.log(formatResults(results));
  console.log(`\nFigures written to ${out}`);
});
