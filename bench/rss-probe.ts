/**
 * For trying a change to the compiled bot's memory: starts `node [flags] build/index.js` as the
 * start benchmark does (bench/compiled-start.ts), reads its resident memory one second after the
 * first reply, and optionally loads it for a few seconds to read its CPU per turn. Variants
 * (sets of node flags) take turns run by run, so a change in the machine's load falls on all of
 * them alike; the load average is printed with every figure, as the machine is shared.
 *
 *   npx tsx bench/rss-probe.ts [--variants '|--max-semi-space-size=1'] [--runs 5] [--warm]
 *                              [--turn-seconds 0] [--no-build]
 *
 * `--variants` splits on `|`; each variant's flags come after those of
 * `npm start` (bench/start-flags.ts), so an empty variant is the bot as it runs today; NAME=value
 * words in a variant are set in the bot's environment instead (MALLOC_ARENA_MAX=2).
 */
import { execFileSync, spawn, type ChildProcess } from 'node:child_process';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { parseArgs } from 'node:util';
import autocannon from 'autocannon';
import { runCli } from '../src/cli/run-cli.js';
import { readLabelledSet } from '../src/evaluation/labelled-set.js';
import { conversationRequests } from './http-turn.js';
import { startFlags } from './start-flags.js';
import { firstMessage } from './compiled-start.js';
import { freePort } from './free-port.js';

// As bench/turn-server.ts: all load comes from one address, so the per-address limits are off.
const LOAD_ENV = { RATE_LIMIT_PER_IP: '0', RATE_LIMIT_BODY_KB_PER_IP: '0' };

/** Resident memory split as the kernel counts it (kB fields of smaps_rollup), in megabytes. */
async function memory(pid: number): Promise<{ rss: number; anon: number; file: number }> {
  const text = await readFile(`/proc/${pid}/smaps_rollup`, 'utf8');
  const field = (name: string) => Number(new RegExp(`^${name}:\\s+(\\d+) kB`, 'm').exec(text)?.[1] ?? NaN) / 1024;
  const rss = field('Rss');
  const anon = field('Anonymous');
  return { rss, anon, file: rss - anon };
}

/** User + system CPU time of a process so far, milliseconds (clock ticks are 10 ms on Linux). */
async function cpuMs(pid: number): Promise<number> {
  const fields = (await readFile(`/proc/${pid}/stat`, 'utf8')).split(') ')[1]!.split(' ');
  return (Number(fields[11]) + Number(fields[12])) * 10;
}

const loadavg = async () => (await readFile('/proc/loadavg', 'utf8')).split(' ').slice(0, 3).join(' ');

async function firstReply(child: ChildProcess, port: number): Promise<number> {
  const started = performance.now();
  for (;;) {
    if (child.exitCode !== null) throw new Error(`the compiled bot exited with ${child.exitCode}`);
    if (performance.now() - started > 30_000) throw new Error('the compiled bot did not answer within 30 s');
    const answer = await fetch(`http://127.0.0.1:${port}/api/messages`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify(firstMessage('probe')),
    }).then(
      (r) => (r.ok ? (r.json() as Promise<{ activities?: Array<{ type: string }> }>) : undefined),
      () => undefined,
    );
    if (answer?.activities?.some((a) => a.type === 'message')) return performance.now() - started;
    await sleep(10);
  }
}

interface RunFigures {
  rss: number;
  anon: number;
  file: number;
  firstReplyMs: number;
  cpuMsPerTurn?: number;
  rssAfterLoad?: number;
  load: string;
}

async function oneRun(variant: string[], env: Record<string, string>, turnSeconds: number, requests: autocannon.Request[]): Promise<RunFigures> {
  const port = await freePort();
  // A variant's NAME=value words are environment (MALLOC_ARENA_MAX=2), the rest node flags.
  const isEnv = (word: string) => /^[A-Z_]+=/.test(word);
  const flags = variant.filter((w) => !isEnv(w));
  const variantEnv = Object.fromEntries(variant.filter(isEnv).map((w) => [w.slice(0, w.indexOf('=')), w.slice(w.indexOf('=') + 1)]));
  const child = spawn(process.execPath, [...startFlags(), ...flags, 'build/index.js'], {
    env: { ...process.env, ...env, ...variantEnv, ...LOAD_ENV, PORT: String(port), HOST: '127.0.0.1', LOG_LEVEL: 'silent' },
    stdio: ['ignore', 'ignore', 'inherit'],
  });
  try {
    const firstReplyMs = await firstReply(child, port);
    await sleep(1000);
    const figures: RunFigures = { ...(await memory(child.pid!)), firstReplyMs, load: await loadavg() };
    if (turnSeconds > 0) {
      // A short untimed run first, as the HTTP benchmark does: the JIT warms, caches fill.
      await autocannon({ url: `http://127.0.0.1:${port}`, connections: 4, requests, amount: 200 });
      const before = await cpuMs(child.pid!);
      const result = await autocannon({ url: `http://127.0.0.1:${port}`, connections: 8, requests, duration: turnSeconds });
      figures.cpuMsPerTurn = ((await cpuMs(child.pid!)) - before) / Math.max(1, result.requests.total);
      figures.rssAfterLoad = (await memory(child.pid!)).rss;
      if (result.non2xx + result.errors + result.timeouts) throw new Error(`${result.non2xx + result.errors + result.timeouts} failed requests`);
    }
    return figures;
  } finally {
    child.kill('SIGKILL');
  }
}

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;
const fmt = (x: number | undefined, d = 1) => (x === undefined ? '-' : x.toFixed(d));

await runCli(async () => {
  const { values } = parseArgs({
    options: {
      variants: { type: 'string', default: '' },
      runs: { type: 'string', default: '5' },
      warm: { type: 'boolean', default: false },
      'turn-seconds': { type: 'string', default: '0' },
      'no-build': { type: 'boolean', default: false },
    },
  });
  if (!values['no-build']) execFileSync('npm', ['run', '--silent', 'build'], { stdio: 'inherit' });
  const variants = values.variants.split('|').map((v) => v.trim().split(/\s+/).filter(Boolean));
  const turnSeconds = Number(values['turn-seconds']);
  const requests = turnSeconds > 0 ? conversationRequests(await readLabelledSet('tests/eval/heldout.tsv'), 10) : [];
  const cacheDir = values.warm ? await mkdtemp(path.join(tmpdir(), 'sportello-probe-models-')) : undefined;
  try {
    // Cold: set empty, so no trained models are kept and every start trains (as bench/compiled-start.ts).
    const env: Record<string, string> = { CALIBRATION_CACHE_DIR: cacheDir ?? '' };
    if (cacheDir) execFileSync(process.execPath, ['build/cli/train.js'], { env: { ...process.env, ...env, LOG_LEVEL: 'silent' }, stdio: ['ignore', 'ignore', 'inherit'] });
    const figures = variants.map(() => [] as RunFigures[]);
    for (let run = 0; run < Number(values.runs); run++) {
      for (const [i, flags] of variants.entries()) {
        const f = await oneRun(flags, env, turnSeconds, requests);
        figures[i]!.push(f);
        console.log(`run ${run} [${flags.join(' ') || 'as today'}] rss ${fmt(f.rss)} (anon ${fmt(f.anon)}, file ${fmt(f.file)}) first reply ${fmt(f.firstReplyMs, 0)} ms` +
          ` cpu/turn ${fmt(f.cpuMsPerTurn, 3)} ms, rss after load ${fmt(f.rssAfterLoad)}  load ${f.load}`);
      }
    }
    console.log(`\n${values.warm ? 'warm' : 'cold'} starts, medians of ${values.runs}:`);
    for (const [i, flags] of variants.entries()) {
      const of = (key: keyof RunFigures) => median(figures[i]!.map((f) => f[key] as number));
      const spread = figures[i]!.map((f) => f.rss);
      console.log(`  [${flags.join(' ') || 'as today'}] rss ${fmt(of('rss'))} MB (range ${fmt(Math.min(...spread))}-${fmt(Math.max(...spread))}, anon ${fmt(of('anon'))}, file ${fmt(of('file'))})` +
        ` first reply ${fmt(of('firstReplyMs'), 0)} ms` + (turnSeconds > 0 ? ` cpu/turn ${fmt(of('cpuMsPerTurn'), 3)} ms, rss after load ${fmt(of('rssAfterLoad'))}` : ''));
    }
    console.log(`load average now ${await loadavg()}`);
  } finally {
    if (cacheDir) await rm(cacheDir, { recursive: true, force: true });
  }
});
