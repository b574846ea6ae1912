import { describe, expect, it } from 'vitest';
import { LANGUAGES } from '../../src/content/languages.js';
import type { ClassifierComparison, ClassifierFigures } from '../../bench/classifier-bench.js';
import type { LoadFigures } from '../../bench/http-turn.js';
import type { BenchResults } from '../../bench/results.js';
import { formatResults } from '../../bench/table.js';

const byLanguage = (base: number) => ({ ...Object.fromEntries(LANGUAGES.map((l, i) => [l, base + i / 1000])), all: base + 0.009 }) as ClassifierFigures['accuracy'];

const figures = (seed: number): ClassifierFigures => ({
  loadMs: 11 + seed,
  trainMs: 222 + seed,
  accuracy: byLanguage(0.9 - seed / 100),
  outOfScopeRecall: byLanguage(0.7 - seed / 100),
  rankedFirst: byLanguage(0.5 - seed / 100),
  speed: { p50Ms: 0.123 + seed / 1000, p99Ms: 4.567 + seed / 1000, perSecond: 3456 + seed, samples: 480 },
});

const comparison = (entries: number, seed: number): ClassifierComparison => ({ entries, messages: 480, ours: figures(seed), nlpjs: figures(seed + 1) });

const load = (connections: number, seed: number): LoadFigures => ({
  connections,
  turnsPerSecond: 1000 * seed + connections,
  p50Ms: 1.5 + seed / 10,
  p99Ms: 25.5 + seed,
  requests: 5000,
  failures: 0,
  cpuMsPerTurn: 0.05 * seed,
});

const results: BenchResults = {
  startedAt: '2026-11-29T16:00:00.000Z',
  elapsedSeconds: 171,
  machine: { cores: 2, cpu: 'Test CPU', memoryGb: 24, node: 'v20.0.0', loadAverage: { start: 1.25, end: 2.5 } },
  understanding: { ...comparison(10, 0), messagesFile: 'tests/eval/heldout.tsv' },
  scale: comparison(1000, 3),
  http: {
    durationSeconds: 5,
    turnsPerConversation: 10,
    bare: [1, 8, 64].map((c) => load(c, 1)),
    floor: [1, 8, 64].map((c) => load(c, 5)),
    botPrecomputed: [1, 8, 64].map((c) => load(c, 4)),
    bot: [1, 8, 64].map((c) => load(c, 6)),
    memory: {
      afterStart: { type: 'report', rssMb: 201.5, heapUsedMb: 71.2, turns: 0, cpuMs: 0 },
      afterWarmup: { type: 'report', rssMb: 300.1, heapUsedMb: 80.8, turns: 10_000, cpuMs: 0 },
      afterTurns: { type: 'report', rssMb: 333.3, heapUsedMb: 88.8, turns: 20_000, cpuMs: 0 },
    },
  },
  compiled: { firstReplyMs: 1234, rssMbAfterStart: 140.5 },
};

describe('the benchmark table', () => {
  const table = formatResults(results);

  it('shows accuracy, out-of-scope recall and ranking per language for both classifiers, on both knowledge bases', () => {
    for (const seed of [0, 1, 3, 4]) {
      const f = figures(seed);
      for (const value of [...Object.values(f.accuracy), ...Object.values(f.outOfScopeRecall), ...Object.values(f.rankedFirst)]) {
        expect(table).toContain(`${(100 * value).toFixed(1)}%`);
      }
    }
  });

  it('shows start-up, p50, p99 and messages per second for both classifiers at both sizes', () => {
    for (const seed of [0, 1, 3, 4]) {
      const f = figures(seed);
      for (const figure of [f.loadMs.toFixed(1), f.trainMs.toFixed(1), (f.loadMs + f.trainMs).toFixed(1), f.speed.p50Ms.toFixed(3), f.speed.p99Ms.toFixed(3)]) {
        expect(table).toContain(figure);
      }
      expect(table).toContain(f.speed.perSecond.toLocaleString('en-US'));
    }
    expect(table).toMatch(/\b1,000\b/);
  });

  it('shows the start-up on a restart at both sizes when the run measured it', () => {
    expect(table).not.toContain('on a restart');
    const restart = { ten: { trainMs: 123.45, runs: 3 }, scale: { trainMs: 456.78, runs: 3 } };
    expect(formatResults({ ...results, restart })).toContain('start-up 123.5 ms with 10 entries, 456.8 ms with 1,000');
  });

  it('shows turns per second, latency, CPU per turn and the cost against the bare reply at every concurrency', () => {
    for (const [seed, list] of [[1, results.http.bare], [4, results.http.botPrecomputed], [6, results.http.bot]] as const) {
      for (const f of list) {
        expect(table).toContain(f.turnsPerSecond.toLocaleString('en-US'));
        expect(table).toContain(f.p50Ms.toFixed(3));
        expect(table).toContain(f.p99Ms.toFixed(1));
        expect(table).toContain(f.cpuMsPerTurn.toFixed(3));
      }
      expect(table).toContain(`${seed.toFixed(1)}x`);
    }
  });

  it('shows Sportello’s CPU per turn against the floor bot and the bare reply at every concurrency', () => {
    // bot 0.30 ms, floor 0.25 ms, bare 0.05 ms a turn
    for (const c of [1, 8, 64]) expect(table).toContain(`${c} connections: Sportello / floor 1.20x, Sportello / bare 6.0x`);
    expect(table).toContain('floor: Bot Framework bot, state, one dialog');
  });

  it('shows the compiled bot’s start and the heap each kept conversation costs', () => {
    expect(table).toContain('first reply 1,234 ms after spawn, 140.5 MB resident after start');
    // Warm only when the run measured it (older results have no such figures).
    expect(table).not.toContain('warm, the understanding trained');
    const warm = formatResults({ ...results, compiledWarm: { firstReplyMs: 987, rssMbAfterStart: 130.2 } });
    expect(warm).toContain('warm, the understanding trained by npm run train beforehand (as the container image does): first reply 987 ms after spawn, 130.2 MB resident after start');
    // (88.8 - 80.8) MB over the 1,000 conversations after the warm-up, not (88.8 - 71.2) over 2,000
    expect(table).toContain('heap per idle conversation: 8.19 KB (1,000 new conversations');
    const { afterWarmup: _, ...withoutWarmup } = results.http.memory;
    // older results had no warm-up batch: counted from start, (88.8 - 71.2) MB over 2,000
    expect(formatResults({ ...results, http: { ...results.http, memory: withoutWarmup } })).toContain('heap per idle conversation: 9.01 KB');
  });

  it('reads the heap per conversation as the slope over several batches, and shows how far the batches agree', () => {
    const report = (turns: number, heapUsedMb: number) => ({ type: 'report' as const, rssMb: 300, heapUsedMb, turns, cpuMs: 0 });
    // 500 conversations a batch; the heap grows 0.5, 1.5, 0.5, 1.5 MB: 1, 3, 1, 3 KB a conversation
    const batches = [report(15_000, 81.3), report(20_000, 82.8), report(25_000, 83.3), report(30_000, 84.8)];
    const memory = { ...results.http.memory, afterTurns: batches.at(-1)!, batches };
    const table = formatResults({ ...results, http: { ...results.http, memory } });
    // least squares over (0, 80.8) … (2,000, 84.8 MB): 2.05 KB, not the last batch's 3 nor the first's 1
    expect(table).toContain('heap per idle conversation: 2.05 KB (2,000 new conversations');
    expect(table).toContain('slope over 4 batches, each batch 1.02 to 3.07 KB');
  });

  it('shows the memory after start and after the turns, and the machine it ran on', () => {
    for (const figure of ['201.5 MB', '71.2 MB', '333.3 MB', '88.8 MB', '20,000 turns', '2 cores', 'Test CPU', '2026-11-29']) expect(table).toContain(figure);
  });
});
