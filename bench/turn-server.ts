/**
 * A child process that serves one side of the HTTP benchmark, so the load generator and the
 * server do not share a thread: `bot` is the real app (createApp, in-memory state, silent
 * logs), `bare` a restify server with the same body parser that returns a fixed reply.
 * It talks to the parent over IPC: "ready" with its URL, then memory figures on request.
 */
import type { AddressInfo } from 'node:net';
import restify, { type Request, type Response, type Server } from 'restify';
import { createApp } from '../src/app.js';
import { loadConfig } from '../src/config.js';
import { createLogger } from '../src/logging.js';

export type ServerKind = 'bot' | 'bare';

export interface MemoryReport {
  type: 'memory';
  /** Resident set size, megabytes. */
  rssMb: number;
  heapUsedMb: number;
  /** Requests answered so far. */
  turns: number;
}
export type ChildMessage = { type: 'ready'; url: string } | MemoryReport;
export type ParentMessage = { type: 'memory' } | { type: 'stop' };

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

async function start(kind: ServerKind): Promise<{ server: Server; url: string; stop(): Promise<void> }> {
  if (kind === 'bot') {
    const app = await createApp(loadConfig({ LOG_LEVEL: 'silent' }), { logger: createLogger('silent') });
    const url = await app.start(0, '127.0.0.1');
    return { server: app.server, url, stop: () => app.stop() };
  }
  const server = bareServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', () => resolve()));
  const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  return { server, url, stop: () => new Promise((resolve) => server.close(() => resolve())) };
}

const megabytes = (bytes: number) => Math.round((bytes / 1024 / 1024) * 10) / 10;

function memory(turns: number): MemoryReport {
  // --expose-gc is passed by the parent: measure what stays, not garbage not yet collected.
  (globalThis as { gc?: () => void }).gc?.();
  const usage = process.memoryUsage();
  return { type: 'memory', rssMb: megabytes(usage.rss), heapUsedMb: megabytes(usage.heapUsed), turns };
}

const kind = process.argv[2] as ServerKind;
if (kind !== 'bot' && kind !== 'bare') throw new Error(`turn-server: expected "bot" or "bare", got ${process.argv[2]}`);
const running = await start(kind);
let turns = 0;
running.server.on('after', () => turns++);
const send = (message: ChildMessage) => process.send!(message);
process.on('message', (message: ParentMessage) => {
  if (message.type === 'memory') send(memory(turns));
  if (message.type === 'stop') void running.stop().then(() => process.exit(0));
});
send({ type: 'ready', url: running.url });
