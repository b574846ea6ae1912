import net from 'node:net';
import { once } from 'node:events';
import { readFileSync } from 'node:fs';
import { setTimeout as sleep } from 'node:timers/promises';
import { WebSocket } from 'ws';
import { percentile } from '../src/evaluation/evaluate.js';

/**
 * Floods of the kinds a hostile visitor tried on the bot (issue 11), each from `connections`
 * concurrent loops for a while, and a normal customer asking questions meanwhile. Used by
 * tests/hostile/flood.test.ts (short, checks the bot keeps answering and memory stays
 * bounded) and by `npx tsx bench/flood.ts` (10 s each, prints p95 and RSS).
 */

export interface FloodOptions {
  connections: number;
  durationMs: number;
  /** Each connection comes from an address of its own (X-Forwarded-For; the bot trusts one hop). */
  addresses: number;
}

export interface FloodResult {
  kind: FloodKind;
  /** Requests (or connections) the flood made, and how many the bot refused with 429/1013/close. */
  attempts: number;
  refused: number;
  /** The normal customer's turns during the flood, in ms. */
  customerMs: number[];
  /** Turns of the normal customer that did not get an answer. */
  customerFailures: number;
}

export const FLOOD_KINDS = ['polling', 'streams', 'slow-readers', 'conversations', 'long-messages', 'upgrade-resets'] as const;
export type FloodKind = (typeof FLOOD_KINDS)[number];

const attacker = (i: number, options: FloodOptions) => `203.0.${Math.floor((i % options.addresses) / 250)}.${(i % options.addresses) % 250 + 1}`;

async function startConversation(url: string, from: string): Promise<{ conversationId: string; streamUrl?: string } | undefined> {
  const response = await fetch(`${url}/v3/directline/conversations`, { method: 'POST', headers: { 'X-Forwarded-For': from, 'Content-Type': 'application/json' }, body: '{}' }).catch(() => undefined);
  if (response?.status !== 201) return undefined;
  return (await response.json()) as { conversationId: string; streamUrl?: string };
}

/** A stream that is opened and never read from: a raw socket, paused once the handshake is sent. */
interface Held {
  close(): void;
}

/** Opens a stream; a slow reader sends the handshake and then never reads a byte. */
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
    socket.pause();
    return { close: () => socket.destroy() };
  }
  return new Promise((resolve) => {
    const ws = new WebSocket(streamUrl, { headers: { 'X-Forwarded-For': from } });
    ws.on('error', () => resolve(undefined));
    ws.on('unexpected-response', () => resolve(undefined));
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

/** One loop of one connection of a flood: runs until `until`, counting attempts and refusals. */
async function floodLoop(
  kind: FloodKind,
  url: string,
  i: number,
  options: FloodOptions,
  until: number,
  counts: { attempts: number; refused: number },
  shared: { conversationId: string; streamUrl?: string } | undefined,
): Promise<void> {
  const from = attacker(i, options);
  const open: Held[] = [];
  while (Date.now() < until) {
    counts.attempts++;
    switch (kind) {
      case 'polling': {
        const r = await fetch(`${url}/v3/directline/conversations/${shared?.conversationId}/activities?watermark=`, { headers: { 'X-Forwarded-For': from } }).catch(() => undefined);
        await r?.arrayBuffer();
        if (r?.status !== 200) counts.refused++;
        break;
      }
      case 'streams':
      case 'slow-readers': {
        if (!shared?.streamUrl) return;
        const ws = await openStream(shared.streamUrl, from, kind === 'slow-readers');
        if (!ws) {
          counts.refused++;
          await sleep(20);
          break;
        }
        open.push(ws);
        // Slow readers make the bot talk to them: each message is echoed to every stream.
        if (kind === 'slow-readers') {
          const r = await fetch(`${url}/v3/directline/conversations/${shared.conversationId}/activities`, {
            method: 'POST',
            headers: { 'X-Forwarded-For': from, 'Content-Type': 'application/json' },
            body: JSON.stringify({ type: 'message', text: 'Dove trovo il codice di assistenza? '.repeat(200), from: { id: 'flood' } }),
          }).catch(() => undefined);
          await r?.arrayBuffer();
          if (r?.status !== 200) counts.refused++;
        }
        break;
      }
      case 'conversations': {
        if (!(await startConversation(url, from))) counts.refused++;
        break;
      }
      case 'long-messages': {
        const r = await fetch(`${url}/api/messages`, {
          method: 'POST',
          headers: { 'X-Forwarded-For': from, 'Content-Type': 'application/json' },
          body: JSON.stringify(customerMessage(`flood-${i}-${counts.attempts}`, `${'Ho un problema con la fattura, password: hunter2 4111 1111 1111 1111 '.repeat(3400)}`)),
        }).catch(() => undefined);
        await r?.arrayBuffer();
        if (r?.status !== 200) counts.refused++;
        break;
      }
      case 'upgrade-resets':
        await upgradeThenReset(url);
        await sleep(1);
        break;
    }
  }
  for (const held of open) held.close();
}

function customerMessage(conversation: string, text: string) {
  return {
    type: 'message',
    id: `m-${Math.random().toString(36).slice(2)}`,
    channelId: 'emulator',
    serviceUrl: 'http://127.0.0.1:9',
    deliveryMode: 'expectReplies',
    from: { id: 'customer', name: 'customer' },
    recipient: { id: 'sportello', name: 'sportello' },
    conversation: { id: conversation },
    locale: 'en-US',
    text,
  };
}

/** A normal customer, from an address of their own, asking one question after another until `until`. */
async function customer(url: string, until: number, result: FloodResult): Promise<void> {
  const conversation = `customer-${Math.random().toString(36).slice(2)}`;
  while (Date.now() < until) {
    const started = performance.now();
    const r = await fetch(`${url}/api/messages`, {
      method: 'POST',
      headers: { 'X-Forwarded-For': '198.51.100.7', 'Content-Type': 'application/json' },
      body: JSON.stringify(customerMessage(conversation, 'Where do I find my support code?')),
    }).catch(() => undefined);
    const body = r?.status === 200 ? ((await r.json()) as { activities?: unknown[] }) : undefined;
    result.customerMs.push(performance.now() - started);
    if (!body?.activities?.length) result.customerFailures++;
    await sleep(100);
  }
}

/** Runs one kind of flood against the bot at `url` while a normal customer talks to it. */
export async function flood(url: string, kind: FloodKind, options: FloodOptions): Promise<FloodResult> {
  // As the visitor did: one conversation (one token), shared by every connection.
  const shared = await startConversation(url, '192.0.2.1');
  const until = Date.now() + options.durationMs;
  const counts = { attempts: 0, refused: 0 };
  const result: FloodResult = { kind, attempts: 0, refused: 0, customerMs: [], customerFailures: 0 };
  await Promise.all([
    ...Array.from({ length: options.connections }, (_, i) => floodLoop(kind, url, i, options, until, counts, shared)),
    customer(url, until, result),
  ]);
  return { ...result, ...counts };
}

/** Resident memory of a process, in MB (Linux). */
export function rssMb(pid: number): number {
  const line = readFileSync(`/proc/${pid}/status`, 'utf8').split('\n').find((l) => l.startsWith('VmRSS:'));
  return Number(line?.match(/\d+/)?.[0] ?? 0) / 1024;
}

export const p95 = (ms: number[]) => percentile([...ms].sort((a, b) => a - b), 95);
