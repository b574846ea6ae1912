import { LANGUAGES } from '../src/content/languages.js';
import type { ClassifierComparison, ClassifierFigures } from './classifier-bench.js';
import type { LoadFigures } from './http-turn.js';
import type { BenchResults } from './results.js';
import type { ServerReport } from './turn-server.js';

const pct = (x: number) => (Number.isNaN(x) ? '-' : `${(100 * x).toFixed(1)}%`);
const ms = (x: number) => (x < 10 ? x.toFixed(3) : x < 1000 ? x.toFixed(1) : x.toFixed(0));
const count = (x: number) => Math.round(x).toLocaleString('en-US');
const ratio = (x: number, digits = 1) => `${x.toFixed(digits)}x`;

/** Lays out rows of cells: the first `textColumns` columns left-aligned, the figures right-aligned. */
export function columns(rows: string[][], textColumns = 1): string[] {
  const widths = rows[0]!.map((_, i) => Math.max(...rows.map((r) => (r[i] ?? '').length)));
  return rows.map((r) => r.map((cell, i) => (i < textColumns ? cell.padEnd(widths[i]!) : cell.padStart(widths[i]!))).join('  ').trimEnd());
}

const CLASSIFIERS = [
  ['Sportello', 'ours'],
  ['NLP.js', 'nlpjs'],
] as const;

function accuracyRows(c: ClassifierComparison): string[][] {
  const header = ['', ...LANGUAGES, 'all'];
  const rows = (label: string, pick: (f: ClassifierFigures) => Record<string, number>) =>
    CLASSIFIERS.map(([name, key]) => [`${label} ${name}`, ...[...LANGUAGES, 'all'].map((g) => pct(pick(c[key])[g]!))]);
  return [
    header,
    ...rows('top-1 accuracy', (f) => f.accuracy),
    ...rows('out-of-scope recall', (f) => f.outOfScopeRecall),
    ...rows('right entry ranked first', (f) => f.rankedFirst),
  ];
}

function speedRows(comparisons: ClassifierComparison[]): string[][] {
  const header = ['', 'entries', 'load ms', 'train ms', 'start-up ms', 'p50 ms', 'p99 ms', 'msg/s'];
  const rows = comparisons.flatMap((c) =>
    CLASSIFIERS.map(([name, key]) => {
      const f = c[key];
      return [name, count(c.entries), ms(f.loadMs), ms(f.trainMs), ms(f.loadMs + f.trainMs), ms(f.speed.p50Ms), ms(f.speed.p99Ms), count(f.speed.perSecond)];
    }),
  );
  return [header, ...rows];
}

function httpRows(r: BenchResults): string[][] {
  const header = ['connections', 'server', 'turns/s', 'p50 ms', 'p99 ms', 'CPU ms/turn', 'cost vs bare', 'cost vs floor'];
  const rows: string[][] = [];
  r.http.bare.forEach((bare, i) => {
    const floor = r.http.floor?.[i];
    const servers: Array<[string, LoadFigures | undefined]> = [
      ['bare restify, fixed reply', bare],
      ['floor: Bot Framework bot, state, one dialog', floor],
      ['Sportello bot', r.http.bot[i]],
      ['bot, classification precomputed', r.http.botPrecomputed[i]],
    ];
    for (const [name, f] of servers) {
      if (!f) continue;
      const failures = f.failures > 0 ? ` (${count(f.failures)} failed)` : '';
      rows.push([
        name === servers[0]![0] ? String(f.connections) : '',
        name,
        count(f.turnsPerSecond) + failures,
        ms(f.p50Ms),
        ms(f.p99Ms),
        ms(f.cpuMsPerTurn),
        ratio(f.cpuMsPerTurn / bare.cpuMsPerTurn),
        floor ? ratio(f.cpuMsPerTurn / floor.cpuMsPerTurn, 2) : '-',
      ]);
    }
  });
  return [header, ...rows];
}

/**
 * Heap kept per idle conversation, from the memory run, in KB. With several measured batches:
 * the least-squares slope of the heap over the conversations held, from the reading after the
 * warm-up batch (which warmed the JIT and filled every cache) to the last batch, so one batch's
 * noise (a GC's timing, code compiled late) weighs less than in one difference. With one batch
 * (older results): the growth over it, or since start when there was no warm-up either.
 */
export function heapPerConversationKb(r: BenchResults): number {
  const { afterStart, afterWarmup, afterTurns, batches } = r.http.memory;
  const base = afterWarmup ?? afterStart;
  const conversations = (report: ServerReport) => (report.turns - base.turns) / r.http.turnsPerConversation;
  if (batches && batches.length >= 2) {
    const points = [base, ...batches].map((report) => ({ x: conversations(report), y: report.heapUsedMb * 1024 }));
    const meanX = points.reduce((sum, p) => sum + p.x, 0) / points.length;
    const meanY = points.reduce((sum, p) => sum + p.y, 0) / points.length;
    const spread = points.reduce((sum, p) => sum + (p.x - meanX) ** 2, 0);
    return points.reduce((sum, p) => sum + (p.x - meanX) * (p.y - meanY), 0) / Math.max(spread, 1);
  }
  return ((afterTurns.heapUsedMb - base.heapUsedMb) * 1024) / Math.max(1, conversations(afterTurns));
}

/** Each measured batch's own growth per conversation, KB: how far the batches agree. */
export function heapPerConversationRangeKb(r: BenchResults): [number, number] | undefined {
  const { afterStart, afterWarmup, batches } = r.http.memory;
  if (!batches || batches.length < 2) return undefined;
  const steps = batches.map((report, i) => {
    const before = i === 0 ? (afterWarmup ?? afterStart) : batches[i - 1]!;
    return ((report.heapUsedMb - before.heapUsedMb) * 1024 * r.http.turnsPerConversation) / Math.max(1, report.turns - before.turns);
  });
  return [Math.min(...steps), Math.max(...steps)];
}

function batchNote(r: BenchResults): string {
  const range = heapPerConversationRangeKb(r);
  if (!range) return '';
  return `; slope over ${r.http.memory.batches!.length} batches, each batch ${range[0].toFixed(2)} to ${range[1].toFixed(2)} KB`;
}

/** Sportello's CPU per turn against the floor bot and the bare reply, per concurrency: the headline ratios. */
function floorSummary(r: BenchResults): string[] {
  return r.http.bot.map((bot, i) => {
    const floor = r.http.floor?.[i];
    const bare = r.http.bare[i]!;
    const vsFloor = floor ? `Sportello / floor ${ratio(bot.cpuMsPerTurn / floor.cpuMsPerTurn, 2)}` : 'Sportello / floor -';
    return `${bot.connections} connections: ${vsFloor}, Sportello / bare ${ratio(bot.cpuMsPerTurn / bare.cpuMsPerTurn)} (CPU per turn)`;
  });
}

/** The benchmark as one printable table: every figure of the run, in sections. */
export function formatResults(r: BenchResults): string {
  const { machine: m, understanding: u, scale: s, http: h } = r;
  const { afterStart, afterTurns } = h.memory;
  return [
    `Sportello benchmark, ${r.startedAt.slice(0, 10)}: ${m.cores} cores (${m.cpu}), ${m.memoryGb} GB, Node ${m.node}; load average ${m.loadAverage.start.toFixed(1)} at start, ${m.loadAverage.end.toFixed(1)} at end`,
    '',
    `Understanding: ${u.messagesFile} (${count(u.messages)} messages), knowledge/ (${count(u.entries)} entries); both told each message's locale`,
    ...columns(accuracyRows(u)),
    '',
    `Classifier speed: same messages, same process, after warm-up; start-up = load content + train`,
    ...columns(speedRows([u, s])),
    ...(r.restart
      ? [
          `  Sportello on a restart (a new process loading the models a first start or npm run train left in CALIBRATION_CACHE_DIR, median of ${r.restart.ten.runs}): ` +
            `start-up ${ms(r.restart.ten.trainMs)} ms with ${count(u.entries)} entries, ${ms(r.restart.scale.trainMs)} ms with ${count(s.entries)}`,
        ]
      : []),
    '',
    `Scale: synthetic knowledge base of ${count(s.entries)} entries, ${count(s.messages)} messages (synthetic held-out phrasings + the held-out none messages)`,
    ...columns(accuracyRows(s)),
    '',
    `A turn over HTTP: POST /api/messages with expectReplies, autocannon for ${h.durationSeconds} s per level, a new conversation every ${h.turnsPerConversation} turns;`,
    `cost vs bare = the server's CPU time per turn / the bare server's (CPU time, unlike turns/s, hardly depends on other work on the machine)`,
    ...columns(httpRows(r), 2),
    '',
    ...floorSummary(r),
    '',
    `Memory of the bot server: ${afterStart.rssMb} MB resident after start (heap ${afterStart.heapUsedMb} MB), ${afterTurns.rssMb} MB after ${count(afterTurns.turns)} turns (heap ${afterTurns.heapUsedMb} MB)`,
    `  heap per idle conversation: ${heapPerConversationKb(r).toFixed(2)} KB (${count((afterTurns.turns - (h.memory.afterWarmup ?? afterStart).turns) / h.turnsPerConversation)} new conversations of ${h.turnsPerConversation} turns after ${count(h.memory.afterWarmup?.turns ?? 0)} warm-up turns, read after the rate-limit window${batchNote(r)})`,
    ...(r.compiled
      ? [`Compiled bot (node build/index.js, median of cold starts): first reply ${count(r.compiled.firstReplyMs)} ms after spawn, ${r.compiled.rssMbAfterStart} MB resident after start`]
      : []),
    ...(r.compiledWarm
      ? [`  warm, the understanding trained by npm run train beforehand (as the container image does): first reply ${count(r.compiledWarm.firstReplyMs)} ms after spawn, ${r.compiledWarm.rssMbAfterStart} MB resident after start`]
      : []),
    '',
    `Whole run: ${count(r.elapsedSeconds)} s`,
  ].join('\n');
}
