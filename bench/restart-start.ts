/**
 * The understander's start-up when the bot restarts on the same content and code: a new process
 * whose CALIBRATION_CACHE_DIR a first start (or `npm run train`, as the container image runs it)
 * has filled, so it loads each language's trained model instead of training it. Each start is
 * a child process of its own, as a restart is: `npx tsx bench/restart-start.ts --child ...`.
 */
import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { loadConfig } from '../src/config.js';
import { loadLocaleFiles } from '../src/i18n/locale-files.js';
import { loadKnowledge } from '../src/knowledge/load.js';
import { trainUnderstander } from '../src/understanding/understander.js';
import { syntheticKnowledgeBase } from './synthetic-kb.js';

export interface RestartFigures {
  /** Milliseconds of wall time to load the content's trained understanding, median of the timed starts. */
  trainMs: number;
  /** How many restarts were timed. */
  runs: number;
}

const HERE = new URL(import.meta.url).pathname;

/** `entries`: the project's knowledge (undefined) or a synthetic base of that many entries, as the scale bench builds. */
async function child(cacheDir: string, entries: number | undefined): Promise<number> {
  const config = loadConfig({});
  const commands = (await loadLocaleFiles(config.localesDir)).input;
  const real = await loadKnowledge(config.knowledgeDir);
  const kb = entries === undefined ? real : syntheticKnowledgeBase(entries, real.outOfScope);
  const started = performance.now();
  await trainUnderstander(kb, commands, { cacheDir, warn: (m) => console.error(m) });
  return performance.now() - started;
}

const start = (cacheDir: string, entries: number | undefined) =>
  Number(
    execFileSync(process.execPath, ['--import', 'tsx', HERE, '--child', '--cache', cacheDir, ...(entries === undefined ? [] : ['--entries', String(entries)])], {
      encoding: 'utf8',
      stdio: ['ignore', 'pipe', 'inherit'],
    })
      .trim()
      .split('\n')
      .pop(),
  );

/** One untimed start fills a fresh cache folder; then `runs` restarts are timed. */
export function benchRestart(entries: number | undefined, runs = 3): RestartFigures {
  const cacheDir = mkdtempSync(path.join(tmpdir(), 'sportello-bench-restart-'));
  try {
    start(cacheDir, entries);
    const times = Array.from({ length: runs }, () => start(cacheDir, entries)).sort((a, b) => a - b);
    return { trainMs: times[Math.floor(runs / 2)]!, runs };
  } finally {
    rmSync(cacheDir, { recursive: true, force: true });
  }
}

const { values } = parseArgs({ options: { child: { type: 'boolean' }, cache: { type: 'string' }, entries: { type: 'string' } }, strict: false });
if (values.child && process.argv[1] === HERE) {
  console.log(await child(String(values.cache), values.entries === undefined ? undefined : Number(values.entries)));
}
