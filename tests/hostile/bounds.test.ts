import net from 'node:net';
import { once } from 'node:events';
import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { afterAll, afterEach, describe, expect, it } from 'vitest';
import { WebSocket } from 'ws';
import { ExpiringMemoryStorage } from '../../src/storage/expiring-memory-storage.js';
import { HttpBot, replyTexts } from '../support/http-bot.js';

/**
 * Everything a stranger can make the bot hold or do has a bound, checked on the real app
 * over HTTP: each limit answers with its status, and what it guards keeps working.
 */

const running: HttpBot[] = [];
afterEach(async () => {
  await Promise.all(running.splice(0).map((bot) => bot.stop()));
});
const start = async (env: Record<string, string>) => {
  const bot = await HttpBot.start({ env, logLevel: 'debug' });
  running.push(bot);
  return bot;
};

const dl = (bot: HttpBot, route: string, init: RequestInit & { from?: string } = {}) =>
  fetch(`${bot.url}/v3/directline${route}`, {
    ...init,
    headers: { 'Content-Type': 'application/json', ...(init.from ? { 'X-Forwarded-For': init.from } : {}) },
  });

async function startConversation(bot: HttpBot, from?: string): Promise<{ conversationId: string; streamUrl: string }> {
  const response = await dl(bot, '/conversations', { method: 'POST', body: '{}', ...(from ? { from } : {}) });
  expect(response.status).toBe(201);
  return (await response.json()) as { conversationId: string; streamUrl: string };
}

const post = (bot: HttpBot, conversationId: string, activity: object) =>
  dl(bot, `/conversations/${conversationId}/activities`, { method: 'POST', body: JSON.stringify({ from: { id: 'u' }, ...activity }) });

/** Opens a stream; resolves with the socket, or with the HTTP status it was refused with. */
function openStream(streamUrl: string, headers: Record<string, string> = {}): Promise<WebSocket | number> {
  return new Promise((resolve) => {
    const ws = new WebSocket(streamUrl, { headers });
    ws.on('open', () => resolve(ws));
    ws.on('unexpected-response', (_req, res) => resolve(res.statusCode ?? 0));
    ws.on('error', () => resolve(0));
  });
}

describe('per-address limits on every Direct Line route', () => {
  it('limits GET polling per client address, and other addresses still read', async () => {
    const bot = await start({ RATE_LIMIT_READS_PER_IP: '5', TRUST_PROXY_HOPS: '1' });
    const { conversationId } = await startConversation(bot);
    const read = (from: string) => dl(bot, `/conversations/${conversationId}/activities?watermark=`, { from }).then((r) => r.status);
    const statuses = [];
    for (let i = 0; i < 8; i++) statuses.push(await read('203.0.113.1'));
    expect(statuses.slice(0, 5)).toEqual([200, 200, 200, 200, 200]);
    expect(statuses.slice(5)).toEqual([429, 429, 429]);
    expect(await read('198.51.100.2')).toBe(200);
  });

  it('limits the body kilobytes one client address may post, before reading them, and other addresses still post', async () => {
    const bot = await start({ RATE_LIMIT_BODY_KB_PER_IP: '100', TRUST_PROXY_HOPS: '1' });
    const message = (from: string, i: number) =>
      fetch(`${bot.url}/api/messages`, {
        method: 'POST',
        headers: { 'Content-Type': 'application/json', 'X-Forwarded-For': from },
        body: JSON.stringify({ type: 'message', id: `m${i}`, channelId: 'emulator', serviceUrl: 'http://127.0.0.1:9', deliveryMode: 'expectReplies', from: { id: 'u' }, recipient: { id: 'b' }, conversation: { id: `c${i}` }, text: 'a long log line '.repeat(2500) }),
      }).then((r) => r.status);
    // Each post is about 40 KB: two fit in 100 KB, the third does not.
    const statuses = [];
    for (let i = 0; i < 4; i++) statuses.push(await message('203.0.113.20', i));
    expect(statuses).toEqual([200, 200, 429, 429]);
    expect(await message('198.51.100.20', 9)).toBe(200);
    expect(bot.logs.text).toContain('client address rate limit');
  });

  it('limits new conversations per client address', async () => {
    const bot = await start({ RATE_LIMIT_CONVERSATIONS_PER_IP: '3' });
    const statuses = [];
    for (let i = 0; i < 5; i++) statuses.push((await dl(bot, '/conversations', { method: 'POST', body: '{}' })).status);
    expect(statuses).toEqual([201, 201, 201, 429, 429]);
  });

  it('limits WebSocket upgrades per client address with 429', async () => {
    const bot = await start({ RATE_LIMIT_PER_IP: '3', TRUST_PROXY_HOPS: '1', MAX_STREAMS_PER_CONVERSATION: '10' });
    const { streamUrl } = await startConversation(bot, '198.51.100.9');
    const opened: Array<WebSocket | number> = [];
    for (let i = 0; i < 4; i++) opened.push(await openStream(streamUrl, { 'X-Forwarded-For': '203.0.113.5' }));
    expect(opened.slice(0, 3).every((o) => o instanceof WebSocket)).toBe(true);
    expect(opened[3]).toBe(429);
    expect(await openStream(streamUrl, { 'X-Forwarded-For': '198.51.100.10' })).toBeInstanceOf(WebSocket);
    for (const o of opened) if (o instanceof WebSocket) o.terminate();
  });
});

describe('bounds on what one conversation can hold', () => {
  it('refuses a stream beyond MAX_STREAMS_PER_CONVERSATION with 429, and takes one again once another closes', async () => {
    const bot = await start({ MAX_STREAMS_PER_CONVERSATION: '2' });
    const { streamUrl } = await startConversation(bot);
    const first = await openStream(streamUrl);
    const second = await openStream(streamUrl);
    expect(first).toBeInstanceOf(WebSocket);
    expect(second).toBeInstanceOf(WebSocket);
    expect(await openStream(streamUrl)).toBe(429);
    const closed = once(first as WebSocket, 'close');
    (first as WebSocket).close();
    await closed;
    // The server counts the stream as closed once its side of the close is done.
    let again: WebSocket | number = 429;
    while (again === 429) {
      again = await openStream(streamUrl);
      if (again === 429) await sleep(20);
    }
    expect(again).toBeInstanceOf(WebSocket);
    for (const ws of [second, again]) if (ws instanceof WebSocket) ws.terminate();
  });

  it('refuses an activity larger than MAX_ACTIVITY_BYTES with 413 and keeps none of it', async () => {
    const bot = await start({ MAX_ACTIVITY_BYTES: '2048' });
    const { conversationId } = await startConversation(bot);
    const big = await post(bot, conversationId, { type: 'event', name: 'x', value: { blob: 'x'.repeat(4000) } });
    expect(big.status).toBe(413);
    const log = (await (await dl(bot, `/conversations/${conversationId}/activities`)).json()) as { activities: Array<{ value?: unknown }> };
    expect(JSON.stringify(log)).not.toContain('xxxx');
    expect((await post(bot, conversationId, { type: 'message', text: 'hello' })).status).toBe(200);
  });

  it('limits the activities one Direct Line conversation may post per window', async () => {
    const bot = await start({ RATE_LIMIT_PER_CONVERSATION: '3' });
    const { conversationId } = await startConversation(bot);
    const statuses = [];
    for (let i = 0; i < 4; i++) statuses.push((await post(bot, conversationId, { type: 'message', text: 'hello' })).status);
    expect(statuses).toEqual([200, 200, 200, 429]);
  });

  it('when full of recently active conversations, refuses a new one with 503 instead of dropping one', async () => {
    const bot = await start({ MAX_CONVERSATIONS: '2' });
    const a = await startConversation(bot);
    await startConversation(bot);
    const refused = await dl(bot, '/conversations', { method: 'POST', body: '{}' });
    expect(refused.status).toBe(503);
    expect(refused.headers.get('retry-after')).toBeTruthy();
    expect((await post(bot, a.conversationId, { type: 'message', text: 'still here?' })).status).toBe(200);
  });

  it('disconnects a stream reader that does not read, before its backlog grows past STREAM_MAX_BUFFERED_BYTES', async () => {
    const bot = await start({ STREAM_MAX_BUFFERED_BYTES: String(16 * 1024) });
    const { conversationId, streamUrl } = await startConversation(bot);
    // A reader that sends the handshake and never reads a byte.
    const url = new URL(streamUrl);
    const socket = net.connect(Number(url.port), url.hostname);
    socket.on('error', () => {});
    await once(socket, 'connect');
    socket.write(
      `GET ${url.pathname}${url.search} HTTP/1.1\r\nHost: ${url.host}\r\nUpgrade: websocket\r\nConnection: Upgrade\r\n` +
        'Sec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==\r\nSec-WebSocket-Version: 13\r\n\r\n',
    );
    socket.pause();
    const cutOff = () => bot.logs.text.includes('reader too slow');
    // The kernel's socket buffers take a few MB first; then the bot's own queue grows, up to the limit.
    // Each message near the 10,000 characters a Direct Line text may have (the log keeps it whole; the bot only says it is too long).
    for (let sent = 0; !cutOff() && sent < 3000; sent++) {
      expect((await post(bot, conversationId, { type: 'message', text: 'a line of a long log '.repeat(470) })).status).toBe(200);
    }
    expect(cutOff()).toBe(true);
    socket.destroy();
  });

  it('sends a reader that does read a history larger than STREAM_MAX_BUFFERED_BYTES in full (a reload resumes a long chat)', async () => {
    const bot = await start({ STREAM_MAX_BUFFERED_BYTES: String(16 * 1024), MAX_MESSAGE_CHARS: '10000' });
    const { conversationId, streamUrl } = await startConversation(bot);
    for (let i = 0; i < 8; i++) expect((await post(bot, conversationId, { type: 'message', text: `log ${i} `.repeat(1500) })).status).toBe(200);
    const log = (await (await dl(bot, `/conversations/${conversationId}/activities`)).json()) as { activities: Array<{ id: string }>; watermark: string };
    expect(JSON.stringify(log).length).toBeGreaterThan(4 * 16 * 1024);
    // As Web Chat after a reload: a stream from the start, read as it comes.
    const ws = await openStream(streamUrl);
    if (!(ws instanceof WebSocket)) throw new Error(`stream refused: ${ws}`);
    const received: string[] = [];
    const outcome = await new Promise<string>((resolve) => {
      ws.on('message', (data: Buffer) => {
        const set = JSON.parse(data.toString('utf8')) as { activities: Array<{ id: string }>; watermark: string };
        received.push(...set.activities.map((a) => a.id));
        if (set.watermark === log.watermark) resolve('up to date');
      });
      ws.on('close', () => resolve('closed'));
    });
    expect(outcome).toBe('up to date');
    expect(received).toEqual(log.activities.map((a) => a.id));
    expect(bot.logs.text).not.toContain('reader too slow');
    ws.terminate();
  });
});

describe('expiry of what the bot keeps in memory', () => {
  it('forgets conversation state idle for STATE_TTL_SECONDS in the in-memory storage', async () => {
    const bot = await start({ STATE_TTL_SECONDS: '1' });
    const storage = bot.app.backend.storage;
    expect(storage).toBeInstanceOf(ExpiringMemoryStorage);
    for (let i = 0; i < 5; i++) await bot.say(`idle-${i}`, 'hello', { locale: 'en-US' });
    expect(storage instanceof ExpiringMemoryStorage && storage.size).toBeGreaterThanOrEqual(5);
    await sleep(1_100);
    await bot.say('fresh', 'hello', { locale: 'en-US' });
    expect(storage instanceof ExpiringMemoryStorage && storage.size).toBe(1);
  });
});

describe('the length check comes before any other work', () => {
  let dir: string;
  afterAll(() => dir && rmSync(dir, { recursive: true, force: true }));

  it('reads, masks and keeps no more of a long paste than MAX_MESSAGE_CHARS', async () => {
    dir = mkdtempSync(path.join(tmpdir(), 'sportello-long-'));
    const bot = await start({ TRANSCRIPTS_DIR: dir });
    const paste = `${'Ho un problema con la fattura. '.repeat(3000)} password: hunter2 ${'Ancora il log. '.repeat(8000)}`;
    expect(paste.length).toBeGreaterThan(200_000);
    const reply = await bot.say('long-paste', paste, { locale: 'it-IT' });
    expect(reply.status).toBe(200);
    expect(replyTexts(reply)).toBe(bot.app.services.t('it', 'limits.tooLong', { max: 2000 }));
    await bot.app.transcripts!.flush();
    const saved = readdirSync(dir).map((f) => readFileSync(path.join(dir, f), 'utf8')).join('');
    expect(saved).not.toContain('hunter2');
    // The transcript keeps the cut text (and the bot's answer), not the 200 KB paste.
    expect(saved.length).toBeLessThan(20_000);
  });

  it('still notices someone in danger at the end of a long paste', async () => {
    const bot = await start({});
    const reply = await bot.say('long-crisis', `${'Ho un problema con la fattura. '.repeat(7000)}I want to end my life.`, { locale: 'en-US' });
    expect(replyTexts(reply)).toContain(bot.app.services.t('en', 'crisis.reply'));
  });
});
