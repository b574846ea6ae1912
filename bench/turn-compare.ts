/**
 * The HTTP part of the benchmark alone, for trying a change to the bot's turn: the floor bot and
 * the bot with classification precomputed (by default) side by side in one run, each server's
 * CPU per turn and its ratio to the floor. Compare ratios of one run, not figures across runs.
 *
 *   npx tsx bench/turn-compare.ts [--servers floor,bot-precomputed] [--connections 8] [--seconds 5] [--profile DIR]
 */
import { parseArgs } from 'node:util';
import { runCli } from '../src/cli/run-cli.js';
import { readLabelledSet } from '../src/evaluation/labelled-set.js';
import { conversationRequests, loadLevels, serverKinds } from './http-turn.js';
// A type import only: importing turn-server.ts would run it.
import type { ServerKind } from './turn-server.js';

const MESSAGES_FILE = 'tests/eval/heldout.tsv';

await runCli(async () => {
  const { values } = parseArgs({
    options: {
      servers: { type: 'string', default: 'floor,bot-precomputed' },
      connections: { type: 'string', default: '8' },
      seconds: { type: 'string', default: '5' },
      profile: { type: 'string' },
    },
  });
  const servers = serverKinds(values.servers, 'turn-compare');
  const messages = await readLabelledSet(MESSAGES_FILE);
  const options = {
    messagesFile: MESSAGES_FILE,
    messages,
    connections: values.connections.split(',').map(Number),
    durationSeconds: Number(values.seconds),
    memoryAfterTurns: 0,
    turnsPerConversation: 10,
    profileDir: values.profile,
  };
  const requests = conversationRequests(messages, options.turnsPerConversation);
  const figures = new Map<ServerKind, Awaited<ReturnType<typeof loadLevels>>>();
  for (const server of servers) figures.set(server, await loadLevels(server, requests, options));
  const floor = figures.get('floor');
  console.log('server            connections  turns/s  p50 ms  CPU ms/turn  vs floor  failures');
  for (const [server, levels] of figures) {
    levels.forEach((level, i) => {
      const ratio = floor?.[i] ? `${(level.cpuMsPerTurn / floor[i]!.cpuMsPerTurn).toFixed(2)}x` : '-';
      console.log(
        `${server.padEnd(18)}${String(level.connections).padStart(11)}${level.turnsPerSecond.toFixed(0).padStart(9)}${level.p50Ms.toFixed(2).padStart(8)}` +
          `${level.cpuMsPerTurn.toFixed(3).padStart(13)}${ratio.padStart(10)}${String(level.failures).padStart(10)}`,
      );
    });
  }
});
