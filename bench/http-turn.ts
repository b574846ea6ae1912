import { fork, type ChildProcess } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { mkdir } from 'node:fs/promises';
import path from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { fileURLToPath } from 'node:url';
import autocannon from 'autocannon';
import { percentile } from '../src/evaluation/evaluate.js';
import type { LabelledMessage } from '../src/evaluation/labelled-set.js';
import type { ChildMessage, ServerKind, ServerReport } from './turn-server.js';

// The memory run's bot gets a short rate-limit window, so its limiter forgets a conversation
// soon after the conversation's last turn, as it does after a minute in production.
const IDLE_AFTER_SECONDS = 1;

/** One load level against one server. */
export interface LoadFigures {
  connections: number;
  turnsPerSecond: number;
  /** Milliseconds per request, as autocannon measured them. */
  p50Ms: number;
  p99Ms: number;
  requests: number;
  /** Responses that were not 2xx, plus connection errors and timeouts: 0 in a valid run. */
  failures: number;
  /** The server's CPU time per turn, milliseconds: what a turn costs, whatever else the machine is doing. */
  cpuMsPerTurn: number;
}

export interface HttpFigures {
  durationSeconds: number;
  turnsPerConversation: number;
  bot: LoadFigures[];
  /** The bot with classification taken out (answers precomputed): its own overhead. */
  botPrecomputed: LoadFigures[];
  /** The smallest Bot Framework bot with state and one dialog: the SDK's own cost of a turn. */
  floor: LoadFigures[];
  bare: LoadFigures[];
  /**
   * A fresh bot's memory: after start, after a first batch of conversations (which also warms
   * the JIT and fills every cache), and after each of several batches of new conversations
   * (`batches`, the last is `afterTurns`), each read once the rate-limit window has passed, so
   * what is left is what idle conversations keep. Older results have one batch and no `batches`.
   */
  memory: { afterStart: ServerReport; afterWarmup?: ServerReport; afterTurns: ServerReport; batches?: ServerReport[] };
}

export interface HttpBenchOptions {
  /** The labelled set the messages come from (the precomputed bot reads it too). */
  messagesFile: string;
  messages: LabelledMessage[];
  connections: number[];
  durationSeconds: number;
  /**
   * A fresh bot's memory is read after start, after this many warm-up turns (8 connections),
   * then after each of `memoryBatches` batches of as many turns again.
   */
  memoryAfterTurns: number;
  /** How many measured batches follow the warm-up (default 4): the heap per conversation is their slope. */
  memoryBatches?: number;
  /** The bot's RATE_LIMIT_WINDOW_SECONDS (default: the configured default). */
  rateLimitWindowSeconds?: number;
  /** A conversation lasts this many turns; then the connection starts a new one. */
  turnsPerConversation: number;
  /**
   * When set, each server writes a V8 CPU profile of each timed load level (not of its start or
   * training) into this folder, named `<server>-<connections>c.cpuprofile`.
   */
  profileDir?: string;
}

const SERVER_SCRIPT = fileURLToPath(new URL('./turn-server.ts', import.meta.url));

const SERVER_KINDS: readonly ServerKind[] = ['bot', 'bot-precomputed', 'floor', 'bare'];

/** The servers a comma-separated `--servers` list names; throws, naming `tool`, on one it does not know. */
export function serverKinds(list: string, tool: string): ServerKind[] {
  const servers = list.split(',') as ServerKind[];
  const unknown = servers.filter((s) => !SERVER_KINDS.includes(s));
  if (unknown.length) throw new Error(`${tool}: unknown server ${unknown.join(', ')} (known: ${SERVER_KINDS.join(', ')})`);
  return servers;
}

/** A running turn-server child and a way to ask it things. */
export interface Child {
  kind: ServerKind;
  pid: number;
  url: string;
  ask(collect?: boolean): Promise<ServerReport>;
  /** Starts the server's CPU profiler, or stops it and writes the profile to `file`. */
  profile(file?: string): Promise<void>;
  stop(): Promise<void>;
}

/**
 * A program that runs node for the server and its arguments before node's (valgrind: see
 * bench/turn-instructions.ts); `node` is where node's path goes among them.
 */
export interface Launcher {
  program: string;
  args: (node: string) => string[];
}

const NODE_FLAGS = ['--import', 'tsx', '--disable-warning=DEP0111', '--expose-gc'];

/** Starts a turn-server child of `kind` and waits until it listens. */
export async function startChild(kind: ServerKind, messagesFile: string, rateLimitWindowSeconds?: number, launcher?: Launcher): Promise<Child> {
  const child: ChildProcess = fork(SERVER_SCRIPT, [kind, messagesFile, String(rateLimitWindowSeconds ?? '')], {
    ...(launcher ? { execPath: launcher.program, execArgv: [...launcher.args(process.execPath), ...NODE_FLAGS] } : { execArgv: NODE_FLAGS }),
    stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
  });
  const next = () =>
    new Promise<ChildMessage>((resolve, reject) => {
      const exited = (code: number | null) => reject(new Error(`the ${kind} server exited (${code}) before answering`));
      child.once('exit', exited);
      child.once('message', (m) => {
        child.off('exit', exited);
        resolve(m as ChildMessage);
      });
    });
  const ready = await next();
  if (ready.type !== 'ready') throw new Error(`the ${kind} server said ${ready.type} before ready`);
  return {
    kind,
    pid: child.pid!,
    url: ready.url,
    async ask(collect = false) {
      const answer = next();
      child.send({ type: 'report', collect });
      return (await answer) as ServerReport;
    },
    async profile(file) {
      const answer = next();
      child.send(file ? { type: 'profile', start: false, file } : { type: 'profile', start: true });
      await answer;
    },
    stop: () =>
      new Promise((resolve) => {
        child.once('exit', () => resolve());
        child.send({ type: 'stop' });
      }),
  };
}

/**
 * The autocannon request list of one conversation: `turns` messages in a row under one
 * conversation id. autocannon keeps a context per connection and resets it when the list
 * starts over, so each connection talks in its own conversation and then starts a new one.
 */
export function conversationRequests(messages: LabelledMessage[], turns: number): autocannon.Request[] {
  let next = 0;
  return Array.from({ length: turns }, (_, turn) => ({
    method: 'POST' as const,
    path: '/api/messages',
    headers: { 'content-type': 'application/json' },
    setupRequest(request: autocannon.Request, context: { conversation?: string }) {
      if (turn === 0 || !context.conversation) context.conversation = `bench-${randomUUID()}`;
      const message = messages[next++ % messages.length]!;
      const activity = {
        type: 'message',
        id: randomUUID(),
        channelId: 'webchat',
        serviceUrl: 'http://127.0.0.1',
        from: { id: `user-${context.conversation}` },
        recipient: { id: 'sportello' },
        conversation: { id: context.conversation },
        locale: message.language,
        text: message.text,
        deliveryMode: 'expectReplies',
      };
      return { ...request, body: JSON.stringify(activity) };
    },
  }));
}

export async function load(
  child: Child,
  requests: autocannon.Request[],
  connections: number,
  limit: { duration: number } | { amount: number },
  profileDir?: string,
): Promise<LoadFigures> {
  if (profileDir) await child.profile();
  const before = await child.ask();
  // Without a callback autocannon returns its event emitter, which is also a promise of the result.
  const instance = autocannon({ url: child.url, connections, requests, initialContext: {}, ...limit }) as unknown as autocannon.Instance &
    Promise<autocannon.Result>;
  // autocannon's own histogram counts whole milliseconds; a bare reply takes a fraction of one.
  const times: number[] = [];
  instance.on('response', (_client, status, _bytes, ms) => {
    if (status >= 200 && status < 300) times.push(ms);
  });
  const result = await instance;
  const after = await child.ask();
  if (profileDir) await child.profile(path.join(profileDir, `${child.kind}-${connections}c.cpuprofile`));
  times.sort((a, b) => a - b);
  return {
    connections,
    turnsPerSecond: times.length / (result.duration || 1),
    p50Ms: percentile(times, 50),
    p99Ms: percentile(times, 99),
    requests: result.requests.total,
    failures: result.non2xx + result.errors + result.timeouts,
    cpuMsPerTurn: (after.cpuMs - before.cpuMs) / Math.max(1, after.turns - before.turns),
  };
}

/** Runs `work` against a fresh server child, and stops the child whatever happens. */
async function withServer<T>(kind: ServerKind, options: HttpBenchOptions, work: (child: Child) => Promise<T>): Promise<T> {
  if (options.profileDir) await mkdir(options.profileDir, { recursive: true });
  const child = await startChild(kind, options.messagesFile, options.rateLimitWindowSeconds);
  try {
    return await work(child);
  } finally {
    await child.stop();
  }
}

/** Turns/second, latency and CPU per turn of one server at each concurrency, after a short untimed run. */
export function loadLevels(kind: ServerKind, requests: autocannon.Request[], options: HttpBenchOptions): Promise<LoadFigures[]> {
  return withServer(kind, options, async (child) => {
    await load(child, requests, 4, { amount: 200 });
    const figures: LoadFigures[] = [];
    for (const connections of options.connections) {
      figures.push(await load(child, requests, connections, { duration: options.durationSeconds }, options.profileDir));
    }
    return figures;
  });
}

/**
 * A fresh bot's memory: after start, after `memoryAfterTurns` warm-up turns, then after each of
 * `memoryBatches` batches of as many turns again, each read once the rate-limit window has passed.
 */
export function benchMemory(options: HttpBenchOptions): Promise<HttpFigures['memory']> {
  const requests = conversationRequests(options.messages, options.turnsPerConversation);
  return withServer('bot', { ...options, profileDir: undefined, rateLimitWindowSeconds: IDLE_AFTER_SECONDS }, async (child) => {
    const afterStart = await child.ask(true);
    const idle = async () => {
      // The per-conversation rate limiter keeps a record until its window ends: wait it out.
      await sleep((IDLE_AFTER_SECONDS + 1) * 1000);
      return child.ask(true);
    };
    await load(child, requests, 8, { amount: options.memoryAfterTurns });
    const afterWarmup = await idle();
    const batches: ServerReport[] = [];
    for (let b = 0; b < (options.memoryBatches ?? 4); b++) {
      await load(child, requests, 8, { amount: options.memoryAfterTurns });
      batches.push(await idle());
    }
    return { afterStart, afterWarmup, afterTurns: batches.at(-1)!, batches };
  });
}

/**
 * Turns/second, latency and CPU per turn through a bare restify reply, the floor bot, the bot with
 * classification precomputed and the real bot, at each concurrency; then, on a fresh bot, its
 * memory after start and after `memoryAfterTurns` turns.
 */
export async function benchHttp(options: HttpBenchOptions): Promise<HttpFigures> {
  const requests = conversationRequests(options.messages, options.turnsPerConversation);
  const bare = await loadLevels('bare', requests, options);
  const floor = await loadLevels('floor', requests, options);
  const botPrecomputed = await loadLevels('bot-precomputed', requests, options);
  const bot = await loadLevels('bot', requests, options);
  const memory = await benchMemory(options);
  return { durationSeconds: options.durationSeconds, turnsPerConversation: options.turnsPerConversation, bot, botPrecomputed, floor, bare, memory };
}
