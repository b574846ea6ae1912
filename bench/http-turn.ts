import { fork, type ChildProcess } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { fileURLToPath } from 'node:url';
import autocannon from 'autocannon';
import type { LabelledMessage } from '../src/evaluation/labelled-set.js';
import type { ChildMessage, MemoryReport, ServerKind } from './turn-server.js';

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
}

export interface HttpFigures {
  durationSeconds: number;
  turnsPerConversation: number;
  bot: LoadFigures[];
  bare: LoadFigures[];
  memory: { afterStart: MemoryReport; afterTurns: MemoryReport };
}

export interface HttpBenchOptions {
  messages: LabelledMessage[];
  connections: number[];
  durationSeconds: number;
  /** The bot's memory is read again once it has answered this many turns in all. */
  memoryAfterTurns: number;
  /** A conversation lasts this many turns; then the connection starts a new one. */
  turnsPerConversation: number;
}

const SERVER_SCRIPT = fileURLToPath(new URL('./turn-server.ts', import.meta.url));

/** A running turn-server child and a way to ask it things. */
interface Child {
  url: string;
  ask(): Promise<MemoryReport>;
  stop(): Promise<void>;
}

async function startChild(kind: ServerKind): Promise<Child> {
  const child: ChildProcess = fork(SERVER_SCRIPT, [kind], {
    execArgv: ['--import', 'tsx', '--disable-warning=DEP0111', '--expose-gc'],
    stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
  });
  const next = () =>
    new Promise<ChildMessage>((resolve, reject) => {
      child.once('message', (m) => resolve(m as ChildMessage));
      child.once('exit', (code) => reject(new Error(`the ${kind} server exited (${code}) before answering`)));
    });
  const ready = await next();
  if (ready.type !== 'ready') throw new Error(`the ${kind} server said ${ready.type} before ready`);
  return {
    url: ready.url,
    async ask() {
      const answer = next();
      child.send({ type: 'memory' });
      return (await answer) as MemoryReport;
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
    setupRequest(request: autocannon.Request, context: Record<string, string>) {
      if (turn === 0 || !context.conversation) context.conversation = `bench-${randomUUID()}`;
      const message = messages[next++ % messages.length]!;
      const activity = {
        type: 'message',
        id: randomUUID(),
        channelId: 'emulator',
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

async function load(url: string, requests: autocannon.Request[], connections: number, limit: { duration: number } | { amount: number }): Promise<LoadFigures> {
  const result = await autocannon({ url, connections, requests, initialContext: {}, ...limit });
  return {
    connections,
    turnsPerSecond: result.requests.average,
    p50Ms: result.latency.p50,
    p99Ms: result.latency.p99,
    requests: result.requests.total,
    failures: result.non2xx + result.errors + result.timeouts,
  };
}

/**
 * Turns/second and latency through the real bot and through a bare restify reply, at each
 * concurrency, each server in its own child process; then the bot's memory after start and
 * after `memoryAfterTurns` turns.
 */
export async function benchHttp(options: HttpBenchOptions): Promise<HttpFigures> {
  const requests = conversationRequests(options.messages, options.turnsPerConversation);
  const run = async (kind: ServerKind, onStart?: (child: Child) => Promise<void>, onEnd?: (child: Child) => Promise<void>) => {
    const child = await startChild(kind);
    try {
      await onStart?.(child);
      // A short untimed run first, so the JIT and caches settle before the clock starts.
      await load(child.url, requests, 4, { amount: 200 });
      const figures: LoadFigures[] = [];
      for (const connections of options.connections) {
        figures.push(await load(child.url, requests, connections, { duration: options.durationSeconds }));
      }
      await onEnd?.(child);
      return figures;
    } finally {
      await child.stop();
    }
  };
  let afterStart: MemoryReport | undefined;
  let afterTurns: MemoryReport | undefined;
  const bare = await run('bare');
  const bot = await run(
    'bot',
    async (child) => {
      afterStart = await child.ask();
    },
    async (child) => {
      const { turns } = await child.ask();
      const missing = options.memoryAfterTurns - turns;
      if (missing > 0) await load(child.url, requests, Math.min(8, missing), { amount: missing });
      afterTurns = await child.ask();
    },
  );
  return {
    durationSeconds: options.durationSeconds,
    turnsPerConversation: options.turnsPerConversation,
    bot,
    bare,
    memory: { afterStart: afterStart!, afterTurns: afterTurns! },
  };
}
