/**
 * A child process that serves one side of the HTTP benchmark, so the load generator and the
 * server do not share a thread: `bot` is the real app (createApp, in-memory state, silent
 * logs), `bare` a restify server with the same body parser that returns a fixed reply, and
 * `bot-precomputed` the real app whose understander answers the benchmark's messages from a
 * table filled at start: what is left of a turn is the bot's own cost (HTTP, adapter, state,
 * dialogs, replies) without classification; `floor` the smallest Bot Framework bot with state
 * and a dialog on the same server (bench/floor-bot.ts).
 * It talks to the parent over IPC: "ready" with its URL, then reports (memory, turns, CPU) on request.
 */
import { writeFile } from 'node:fs/promises';
import { Session } from 'node:inspector/promises';
import type { AddressInfo } from 'node:net';
import restify, { type Request, type Response, type Server } from 'restify';
import { createApp } from '../src/app.js';
import { loadConfig } from '../src/config.js';
import { readLabelledSet } from '../src/evaluation/labelled-set.js';
import { createLogger } from '../src/logging.js';
import { floorServer } from './floor-bot.js';
import type { Understanding } from '../src/understanding/understander.js';

export type ServerKind = 'bot' | 'bot-precomputed' | 'floor' | 'bare';
export const SERVER_KINDS: readonly ServerKind[] = ['bot', 'bot-precomputed', 'floor', 'bare'];

/** What the server says of itself when asked. */
export interface ServerReport {
  type: 'report';
  /** Resident set size, megabytes. */
  rssMb: number;
  heapUsedMb: number;
  /** Requests answered so far. */
  turns: number;
  /** CPU time (user + system) used so far, milliseconds: unlike wall-clock time, other work on the machine barely changes it. */
  cpuMs: number;
}
export type ChildMessage = { type: 'ready'; url: string } | ServerReport | { type: 'profiled'; file?: string };
/**
 * `collect` runs a full garbage collection first, for memory figures (it costs CPU time of its own).
 * `profile` starts the V8 CPU profiler in the server (start) or stops it and writes the profile
 * to `file` (stop): a profile of a load window alone, without the start and the training.
 */
export type ParentMessage = { type: 'report'; collect: boolean } | { type: 'stop' } | { type: 'profile'; start: true } | { type: 'profile'; start: false; file: string };

/** What the bare server answers to every POST: one short message, as expectReplies would. */
export const FIXED_REPLY = { activities: [{ type: 'message', text: 'Ciao! Come posso aiutarti?', textFormat: 'markdown' }] };

function bareServer(): Server {
  const server = restify.createServer({ name: 'bare', handleUncaughtExceptions: false });
  server.use(restify.plugins.bodyParser({ maxBodySize: 256 * 1024, mapParams: false }));
  server.post('/api/messages', async (_req: Request, res: Response) => {
    res.send(200, FIXED_REPLY);
  });
  return server;
}

async function start(kind: ServerKind, messagesFile: string, rateLimitWindowSeconds: string): Promise<{ server: Server; url: string; stop(): Promise<void> }> {
  if (kind === 'bot' || kind === 'bot-precomputed') {
    // All the load comes from one address: the per-address limits (requests and body kilobytes)
    // would turn most turns into 429s, cheap answers that flatter CPU per turn. The
    // per-conversation limit stays (a conversation here is 10 turns).
    const config = loadConfig({ LOG_LEVEL: 'silent', CALIBRATION_CACHE_DIR: '', RATE_LIMIT_PER_IP: '0', RATE_LIMIT_BODY_KB_PER_IP: '0', RATE_LIMIT_WINDOW_SECONDS: rateLimitWindowSeconds || undefined });
    const app = await createApp(config, { logger: createLogger('silent') });
    if (kind === 'bot-precomputed') {
      const understander = app.services.understander;
      const understand = understander.understand;
      const table = new Map<string, Understanding>();
      for (const m of await readLabelledSet(messagesFile)) table.set(m.text, understand(m.text, { hint: m.language, fallback: config.defaultLocale }));
      understander.understand = (text, context) => table.get(text) ?? understand(text, context);
    }
    const url = await app.start(0, '127.0.0.1');
    return { server: app.server, url, stop: () => app.stop() };
  }
  const server = kind === 'floor' ? floorServer(256 * 1024) : bareServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', () => resolve()));
  const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  return { server, url, stop: () => new Promise((resolve) => server.close(() => resolve())) };
}

const megabytes = (bytes: number, decimals = 1) => Math.round((bytes / 1024 / 1024) * 10 ** decimals) / 10 ** decimals;

function report(turns: number, collect: boolean): ServerReport {
  const { user, system } = process.cpuUsage();
  // --expose-gc is passed by the parent: memory is what stays, not garbage not yet collected.
  // Twice: what the first collection's weak callbacks released is only freed by the next.
  if (collect) for (let i = 0; i < 2; i++) (globalThis as { gc?: () => void }).gc?.();
  const usage = process.memoryUsage();
  // The heap to the kilobyte: a batch of 500 conversations at ~1 KB each grows it by ~0.5 MB.
  return { type: 'report', rssMb: megabytes(usage.rss), heapUsedMb: megabytes(usage.heapUsed, 3), turns, cpuMs: (user + system) / 1000 };
}

const [kind, messagesFile, rateLimitWindowSeconds = ''] = process.argv.slice(2) as [ServerKind, string, string?];
if (!SERVER_KINDS.includes(kind) || !messagesFile) throw new Error(`turn-server: usage: turn-server.ts ${SERVER_KINDS.join('|')} MESSAGES.tsv`);
const running = await start(kind, messagesFile, rateLimitWindowSeconds);
let turns = 0;
running.server.on('after', () => turns++);
const send = (message: ChildMessage) => process.send!(message);
const profiler = new Session();
async function profile(message: Extract<ParentMessage, { type: 'profile' }>): Promise<void> {
  if (message.start) {
    profiler.connect();
    await profiler.post('Profiler.enable');
    await profiler.post('Profiler.start');
    send({ type: 'profiled' });
    return;
  }
  const { profile: taken } = await profiler.post('Profiler.stop');
  profiler.disconnect();
  await writeFile(message.file, JSON.stringify(taken));
  send({ type: 'profiled', file: message.file });
}
process.on('message', (message: ParentMessage) => {
  if (message.type === 'report') send(report(turns, message.collect));
  if (message.type === 'profile') void profile(message);
  if (message.type === 'stop') void running.stop().then(() => process.exit(0));
});
send({ type: 'ready', url: running.url });
