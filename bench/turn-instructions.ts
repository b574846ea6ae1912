/**
 * Machine instructions per turn, counted by valgrind's callgrind, for the floor bot and the bot
 * side by side: the same turns as bench/turn-compare.ts (a fixed number, after a warm-up), but
 * counted rather than timed. On a shared machine CPU time per turn moves by ±15% between runs of
 * the same code (2.15x and 2.48x the floor within minutes, 2026-12-04); this count moves by
 * 0.2%, so a change worth 1% of a turn shows. Instructions are not time (cache
 * misses, branch mispredictions and the sqrt unit are not counted), so the timed ratio in `npm
 * run bench` stays the goal's measure; this is for telling whether a change helped.
 *
 *   npx tsx bench/turn-instructions.ts [--servers floor,bot-precomputed,bot] [--turns 600] [--warmup 1000] [--connections 8]
 *
 * Every server runs under valgrind with instrumentation off until its warm-up is done (start and
 * training at about a tenth of native speed; 20-60 s each), then counts one load window: the
 * whole process, nothing of the load generator. Node runs `--single-threaded`: with V8's
 * compiler and GC on threads of their own, when their work lands in the window varies, and the
 * same floor bot counted 2.6, 3.3 and 3.4 M instructions a turn in three runs; on one thread,
 * 3.829, 3.826 and 3.822 M (600 turns after 1,000, 2026-12-04). What it counts is then the
 * turn's work plus the compiling and collecting it causes, done inline.
 * Needs valgrind (Debian package valgrind).
 */
import { execFileSync } from 'node:child_process';
import { mkdtemp, readdir, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { parseArgs } from 'node:util';
import type autocannon from 'autocannon';
import { runCli } from '../src/cli/run-cli.js';
import { readLabelledSet } from '../src/evaluation/labelled-set.js';
import { conversationRequests, load, serverKinds, startChild, type Launcher } from './http-turn.js';
// A type import only: importing turn-server.ts would run it.
import type { ServerKind } from './turn-server.js';

const MESSAGES_FILE = 'tests/eval/heldout.tsv';

interface InstructionFigures {
  server: ServerKind;
  turns: number;
  instructionsPerTurn: number;
}

/** The instruction count ("summary:" line) of a callgrind output file. */
function summaryOf(callgrindOutput: string): number {
  const line = /^(?:summary|totals):\s*(\d+)/m.exec(callgrindOutput);
  if (!line) throw new Error('no summary line in the callgrind output');
  return Number(line[1]);
}

// (Its chatter, "sending command … to pid", on stderr; a failure throws with it.)
const control = (pid: number, ...args: string[]) => execFileSync('callgrind_control', [...args, String(pid)], { stdio: 'pipe' });

async function countTurns(kind: ServerKind, options: { turns: number; warmup: number; connections: number }, requests: autocannon.Request[]): Promise<InstructionFigures> {
  const dir = await mkdtemp(path.join(tmpdir(), `turn-instructions-${kind}-`));
  const launcher: Launcher = {
    program: 'valgrind',
    args: (node) => ['--tool=callgrind', '--instr-atstart=no', '--smc-check=all-non-file', '--quiet', `--callgrind-out-file=${path.join(dir, 'out.%p')}`, node, '--single-threaded'],
  };
  const child = await startChild(kind, MESSAGES_FILE, undefined, launcher);
  try {
    await load(child, requests, options.connections, { amount: options.warmup });
    const before = await child.ask();
    control(child.pid, '--instr=on');
    control(child.pid, '--zero');
    await load(child, requests, options.connections, { amount: options.turns });
    control(child.pid, '--dump');
    const after = await child.ask();
    const dumps = (await readdir(dir)).filter((f) => /^out\.\d+\.\d+$/.test(f));
    if (dumps.length !== 1) throw new Error(`expected one callgrind dump in ${dir}, found ${dumps.length}`);
    const instructions = summaryOf(await readFile(path.join(dir, dumps[0]!), 'utf8'));
    const turns = after.turns - before.turns;
    return { server: kind, turns, instructionsPerTurn: instructions / Math.max(1, turns) };
  } finally {
    await child.stop();
    await rm(dir, { recursive: true, force: true });
  }
}

await runCli(async () => {
  const { values } = parseArgs({
    options: {
      servers: { type: 'string', default: 'floor,bot-precomputed,bot' },
      turns: { type: 'string', default: '600' },
      warmup: { type: 'string', default: '1000' },
      connections: { type: 'string', default: '8' },
    },
  });
  const servers = serverKinds(values.servers, 'turn-instructions');
  const options = { turns: Number(values.turns), warmup: Number(values.warmup), connections: Number(values.connections) };
  // One list for every server, as turn-compare does: each connection in conversations of 10 turns.
  const requests = conversationRequests(await readLabelledSet(MESSAGES_FILE), 10);
  const figures: InstructionFigures[] = [];
  for (const server of servers) {
    console.error(`[turn-instructions] ${server}: starting under valgrind, ${options.warmup} warm-up turns, then ${options.turns} counted`);
    figures.push(await countTurns(server, options, requests));
  }
  const floor = figures.find((f) => f.server === 'floor');
  console.log('server            turns  instructions/turn  vs floor');
  for (const f of figures) {
    const ratio = floor ? `${(f.instructionsPerTurn / floor.instructionsPerTurn).toFixed(3)}x` : '-';
    console.log(`${f.server.padEnd(18)}${String(f.turns).padStart(5)}${(f.instructionsPerTurn / 1e6).toFixed(3).padStart(17)} M${ratio.padStart(10)}`);
  }
});
