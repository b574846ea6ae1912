import net from 'node:net';
import { once } from 'node:events';
import { readFileSync } from 'node:fs';
import { setTimeout as sleep } from 'node:timers/promises';
import { WebSocket } from 'ws';
import { percentile } from '../src/evaluation/evaluate.js';
import { customers, type CustomerFigures } from './flood-customer.js';

/**
 * Floods of the kinds a hostile visitor tried on the bot (issue 11), each from `connections`
 * concurrent loops for a while, and normal customers asking questions meanwhile
 * (bench/flood-customer.ts). Used by
 * tests/hostile/flood.test.ts (short, checks the bot keeps answering and memory stays
 * bounded) and by `npx tsx bench/flood-run.ts` (10 s each, prints p95 and RSS).
 */

export interface FloodOptions {
  connections: number;
  durationMs: number;
  /** Each connection comes from an address of its own (X-Forwarded-For; the bot trusts one hop). */
  addresses: number;
  /** Normal customers talking to the bot meanwhile (default 8). */
  customers?: number;
}

const DEFAULT_CUSTOMERS = 8;

export interface FloodResult {
  kind: FloodKind;
  /** Requests (or connections) the flood made, and how many the bot refused (429, 503, 413, a refused handshake); unknown for resets. */
  attempts: number;
  refused: number | undefined;
  /** What the normal customers got meanwhile: answered turns (with their times), refusals, failures. */
  customer: CustomerFigures;
}

export const FLOOD_KINDS = ['polling', 'streams', 'slow-readers', 'conversations', 'long-messages', 'upgrade-resets'] as const;
export type FloodKind = (typeof FLOOD_KINDS)[number];

/**
 * The address of connection `i` of a flood of `kind`. Each kind has its own block (203.0.<kind>.x),
 * so one flood does not find the per-address limits already spent by the one before it.
 */
const attacker = (kind: FloodKind, i: number, options: FloodOptions) => `203.0.${FLOOD_KINDS.indexOf(kind) * 10 + Math.floor((i % options.addresses) / 250)}.${(i % options.addresses) % 250 + 1}`;

async function startConversation(url: string, from: string): Promise<{ conversationId: string; streamUrl?: string } | undefined> {
  const response = await fetch(`${url}/v3/directline/conversations`, { method: 'POST', headers: { 'X-Forwarded-For': from, 'Content-Type': 'application/json' }, body: '{}' }).catch(() => undefined);
  if (response?.status !== 201) return undefined;
  return (await response.json()) as { conversationId: string; streamUrl?: string };
}

/** A stream that is opened and never read from: a raw socket, paused once the handshake is sent. */
interface Held {
  close(): void;
}

/** The status line of the bot's answer to a raw upgrade request (101, 429…), or undefined if the socket ended first. */
function handshakeStatus(socket: net.Socket): Promise<number | undefined> {
  return new Promise((resolve) => {
    let head = '';
    const onData = (chunk: Buffer) => {
      head += chunk.toString('latin1');
      if (!head.includes('\r\n')) return;
      socket.off('data', onData);
      resolve(Number(/^HTTP\/1\.1 (\d{3})/.exec(head)?.[1]) || undefined);
    };
    socket.on('data', onData);
    socket.once('close', () => resolve(undefined));
  });
}

/**
 * Opens a stream; a slow reader sends the handshake, reads the status line (so a 429 counts as
 * refused, not as a stream held open) and then never reads another byte.
 */
async function openStream(streamUrl: string, from: string, slow: boolean): Promise<Held | undefined> {
  if (slow) {
    const url = new URL(streamUrl);
    const socket = net.connect(Number(url.port), url.hostname);
    socket.on('error', () => {});
    if (!(await once(socket, 'connect').then(() => true, () => false))) return undefined;
    socket.write(
      `GET ${url.pathname}${url.search} HTTP/1.1\r\nHost: ${url.host}\r\nX-Forwarded-For: ${from}\r\nUpgrade: websocket\r\nConnection: Upgrade\r\n` +
        'Sec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==\r\nSec-WebSocket-Version: 13\r\n\r\n',
    );
    const status = await handshakeStatus(socket);
    if (status !== 101) {
      socket.destroy();
      return undefined;
    }
    socket.pause();
    return { close: () => socket.destroy() };
  }
  return new Promise((resolve) => {
    const ws = new WebSocket(streamUrl, { headers: { 'X-Forwarded-For': from } });
    ws.on('error', () => resolve(undefined));
    ws.on('unexpected-response', (req) => {
      req.destroy();
      resolve(undefined);
    });
    ws.on('open', () => resolve({ close: () => ws.terminate() }));
  });
}

async function upgradeThenReset(url: string): Promise<void> {
  const { hostname, port } = new URL(url);
  const socket = net.connect(Number(port), hostname);
  socket.on('error', () => {});
  await once(socket, 'connect').catch(() => undefined);
  socket.write(`GET /v3/directline/conversations/x/stream HTTP/1.1\r\nHost: x\r\nUpgrade: websocket\r\nConnection: Upgrade\r\nSec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==\r\nSec-WebSocket-Version: 13\r\n\r\n`);
  socket.resetAndDestroy();
}

interface Counts {
  attempts: number;
  refused: number;
}

/** One request of a flood: an attempt, refused unless the bot answered it with a 2xx. */
async function request(counts: Counts, url: string, init?: RequestInit): Promise<void> {
  counts.attempts++;
  const r = await fetch(url, init).catch(() => undefined);
  await r?.arrayBuffer().catch(() => undefined);
  if (!r || r.status >= 300) counts.refused++;
}

/** One loop of one connection of a flood: runs until `until`, counting attempts and refusals. */
async function floodLoop(
  kind: FloodKind,
  url: string,
  i: number,
  options: FloodOptions,
  until: number,
  counts: Counts,
  shared: { conversationId: string; streamUrl?: string } | undefined,
): Promise<void> {
  const from = attacker(kind, i, options);
  const headers = { 'X-Forwarded-For': from, 'Content-Type': 'application/json' };
  const open: Held[] = [];
  // Streams are capped per conversation, so a stream flood gets a conversation per connection
  // where the per-address limit allows it, to hold as many streams open as the bot lets it.
  const own = kind === 'streams' || kind === 'slow-readers' ? ((await startConversation(url, from)) ?? shared) : shared;
  while (Date.now() < until) {
    switch (kind) {
      case 'polling':
        await request(counts, `${url}/v3/directline/conversations/${own?.conversationId}/activities?watermark=`, { headers });
        break;
      case 'streams':
      case 'slow-readers': {
        if (!own?.streamUrl) return;
        counts.attempts++;
        const ws = await openStream(own.streamUrl, from, kind === 'slow-readers');
        if (ws) open.push(ws);
        else {
          counts.refused++;
          await sleep(20);
        }
        // Slow readers make the bot talk to them: each message and its answer go to every stream.
        if (kind === 'slow-readers') {
          await request(counts, `${url}/v3/directline/conversations/${own.conversationId}/activities`, {
            method: 'POST',
            headers,
            body: JSON.stringify({ type: 'message', text: 'Dove trovo il codice di assistenza? '.repeat(200), from: { id: 'flood' } }),
          });
        }
        break;
      }
      case 'conversations':
        counts.attempts++;
        if (!(await startConversation(url, from))) counts.refused++;
        break;
      case 'long-messages':
        await request(counts, `${url}/api/messages`, {
          method: 'POST',
          headers,
          body: longMessageBody(`flood-${i}-${counts.attempts}`),
        });
        break;
      case 'upgrade-resets':
        counts.attempts++;
        await upgradeThenReset(url);
        await sleep(1);
        break;
    }
  }
  for (const held of open) held.close();
}

/** The long paste of the long-messages flood (about 235 KB), JSON-encoded once: the bench shares the bot's cores. */
const LONG_TEXT = JSON.stringify('Ho un problema con la fattura, password: hunter2 4111 1111 1111 1111 '.repeat(3400));

/** An Emulator message holding the long paste, built around the encoded text instead of encoding 235 KB per request. */
function longMessageBody(conversation: string): string {
  const { text: _text, ...message } = floodMessage(conversation, '');
  return `${JSON.stringify(message).slice(0, -1)},"text":${LONG_TEXT}}`;
}

/** An Emulator message of the long-messages flood; deliveryMode expectReplies, so no connector is called. */
function floodMessage(conversation: string, text: string) {
  return {
    type: 'message',
    id: `m-${Math.random().toString(36).slice(2)}`,
    channelId: 'emulator',
    serviceUrl: 'http://127.0.0.1:9',
    deliveryMode: 'expectReplies',
    from: { id: 'flood', name: 'flood' },
    recipient: { id: 'sportello', name: 'sportello' },
    conversation: { id: conversation },
    locale: 'en-US',
    text,
  };
}

/** Runs one kind of flood against the bot at `url` while normal customers talk to it. */
export async function flood(url: string, kind: FloodKind, options: FloodOptions): Promise<FloodResult> {
  // As the visitor did: one conversation (one token), shared by every connection.
  const shared = await startConversation(url, '192.0.2.1');
  const until = Date.now() + options.durationMs;
  const counts = { attempts: 0, refused: 0 };
  const [, customer] = await Promise.all([
    Promise.all(Array.from({ length: options.connections }, (_, i) => floodLoop(kind, url, i, options, until, counts, shared))),
    customers(url, options.customers ?? DEFAULT_CUSTOMERS, until),
  ]);
  // An upgrade reset never waits for an answer: whether the bot refused it is not known.
  return { kind, attempts: counts.attempts, refused: kind === 'upgrade-resets' ? undefined : counts.refused, customer };
}

/** Resident memory of a process, in MB (Linux). */
export function rssMb(pid: number): number {
  const line = readFileSync(`/proc/${pid}/status`, 'utf8').split('\n').find((l) => l.startsWith('VmRSS:'));
  return Number(line?.match(/\d+/)?.[0] ?? 0) / 1024;
}

export const p95 = (ms: number[]) => percentile([...ms].sort((a, b) => a - b), 95);
