/**
 * The memory part of the benchmark alone, for trying a change to what a conversation keeps: a
 * fresh bot's heap after a warm-up batch of conversations and after each further batch, and the
 * heap per idle conversation as `npm run bench` computes it. The heap figure moves with GC timing
 * and V8's own structures: compare runs side by side (`--runs` alternates nothing, so run it in
 * each worktree in turn, more than once).
 *
 *   npx tsx bench/turn-memory.ts [--turns 5000] [--batches 4] [--runs 1]
 */
import { parseArgs } from 'node:util';
import { runCli } from '../src/cli/run-cli.js';
import { readLabelledSet } from '../src/evaluation/labelled-set.js';
import { benchMemory } from './http-turn.js';
import type { BenchResults } from './results.js';
import { heapPerConversationKb, heapPerConversationRangeKb } from './table.js';

const MESSAGES_FILE = 'tests/eval/heldout.tsv';
const TURNS_PER_CONVERSATION = 10;

await runCli(async () => {
  const { values } = parseArgs({
    options: {
      turns: { type: 'string', default: '5000' },
      batches: { type: 'string', default: '4' },
      runs: { type: 'string', default: '1' },
    },
  });
  const messages = await readLabelledSet(MESSAGES_FILE);
  for (let run = 0; run < Number(values.runs); run++) {
    const memory = await benchMemory({
      messagesFile: MESSAGES_FILE,
      messages,
      connections: [],
      durationSeconds: 0,
      memoryAfterTurns: Number(values.turns),
      memoryBatches: Number(values.batches),
      turnsPerConversation: TURNS_PER_CONVERSATION,
    });
    // The table's functions read a whole result; only its memory part is needed.
    const r = { http: { memory, turnsPerConversation: TURNS_PER_CONVERSATION } } as BenchResults;
    const [low, high] = heapPerConversationRangeKb(r) ?? [NaN, NaN];
    console.log(
      `heap per idle conversation ${heapPerConversationKb(r).toFixed(2)} KB (batches ${low.toFixed(2)} to ${high.toFixed(2)}), ` +
        `RSS after start ${memory.afterStart.rssMb} MB, heap after start ${memory.afterStart.heapUsedMb.toFixed(1)} MB`,
    );
  }
});
