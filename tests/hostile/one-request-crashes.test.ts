import net from 'node:net';
import { once } from 'node:events';
import { setTimeout as sleep } from 'node:timers/promises';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { WebSocket } from 'ws';
import { ChildBot } from '../support/bot-process.js';

/**
 * Requests that each once ended the bot's process, replayed against the real bot in its own
 * process (what a container runs): after each, the process must still be up and answer.
 */

const SECRET = 'a-test-direct-line-secret-of-40-characters';

/** Sends an HTTP upgrade request, then resets the TCP connection (RST, not FIN) after `delayMs`. */
async function upgradeThenReset(url: string, path: string, delayMs: number): Promise<void> {
  const { hostname, port } = new URL(url);
  const socket = net.connect(Number(port), hostname);
  socket.on('error', () => {});
  await once(socket, 'connect');
  socket.write(
    `GET ${path} HTTP/1.1\r\nHost: ${hostname}\r\nUpgrade: websocket\r\nConnection: Upgrade\r\n` +
      'Sec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==\r\nSec-WebSocket-Version: 13\r\n\r\n',
  );
  if (delayMs > 0) await sleep(delayMs);
  socket.resetAndDestroy();
  await once(socket, 'close');
}

/** Opens a WebSocket by hand on a raw socket, so the test can reset it mid-frame. */
async function rawWebSocket(streamUrl: string): Promise<net.Socket> {
  const url = new URL(streamUrl);
  const socket = net.connect(Number(url.port), url.hostname);
  socket.on('error', () => {});
  await once(socket, 'connect');
  socket.write(
    `GET ${url.pathname}${url.search} HTTP/1.1\r\nHost: ${url.host}\r\nUpgrade: websocket\r\nConnection: Upgrade\r\n` +
      'Sec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==\r\nSec-WebSocket-Version: 13\r\n\r\n',
  );
  const [response] = (await once(socket, 'data')) as [Buffer];
  expect(response.toString('latin1')).toMatch(/^HTTP\/1\.1 101/);
  return socket;
}

/** The bot is still serving: its health endpoint and a customer's question both answer. */
async function stillAnswers(bot: ChildBot): Promise<void> {
  // Let the reset reach the server before asking: a crash needs a moment to happen.
  await sleep(200);
  expect(bot.child.exitCode, bot.output()).toBeNull();
  expect((await fetch(`${bot.url}/healthz`)).status).toBe(200);
  const reply = await bot.say(`after-crash-${Math.random()}`, 'Where do I find my support code?', { locale: 'en-US' });
  expect(reply.status).toBe(200);
  expect(reply.replies.length).toBeGreaterThan(0);
}

/** Starts a Direct Line conversation as Web Chat does; resolves with its stream URL. */
async function startConversation(bot: ChildBot, token?: string): Promise<string> {
  const started = await fetch(`${bot.url}/v3/directline/conversations`, {
    method: 'POST',
    headers: { Authorization: `Bearer ${token}`, 'Content-Type': 'application/json' },
    body: JSON.stringify({ locale: 'en-US' }),
  });
  expect(started.status).toBe(201);
  const { streamUrl } = (await started.json()) as { streamUrl: string };
  return streamUrl;
}

/** A Direct Line stream as Web Chat opens it. */
async function openStream(bot: ChildBot, token?: string): Promise<WebSocket> {
  const ws = new WebSocket(await startConversation(bot, token));
  await once(ws, 'open');
  return ws;
}

const upgradePaths = ['/v3/directline/conversations/nobody/stream?watermark=', '/', '/api/messages'];

const setups = {
  open: { name: 'an open Direct Line endpoint', env: {} },
  secured: { name: 'DIRECTLINE_SECRET set', env: { DIRECTLINE_SECRET: SECRET } },
  polling: { name: 'DIRECTLINE_WEBSOCKET=false', env: { DIRECTLINE_WEBSOCKET: 'false' } },
};
type Setup = keyof typeof setups;
const bots = new Map<Setup, ChildBot>();
const bot = (setup: Setup) => bots.get(setup)!;

beforeAll(async () => {
  // One process per set-up, started together: starting the bot is the slow part.
  await Promise.all(
    Object.entries(setups).map(async ([setup, { env }]) => {
      bots.set(setup as Setup, await ChildBot.start({ LOG_LEVEL: 'warn', RATE_LIMIT_PER_IP: '0', ...env }));
    }),
  );
});
afterAll(async () => {
  await Promise.all([...bots.values()].map((b) => b.kill('SIGKILL')));
});

describe.each(Object.keys(setups) as Setup[])('the bot process with %s', (setup) => {
  it.each(upgradePaths)(`(${setups[setup].name}) survives an upgrade request to %s followed by a TCP reset`, async (path) => {
    await upgradeThenReset(bot(setup).url, path, 0);
    await upgradeThenReset(bot(setup).url, path, 50);
    await stillAnswers(bot(setup));
  });

  it(`(${setups[setup].name}) survives many upgrade requests reset at once`, async () => {
    await Promise.all(Array.from({ length: 32 }, (_, i) => upgradeThenReset(bot(setup).url, upgradePaths[i % upgradePaths.length]!, i % 4)));
    await stillAnswers(bot(setup));
  });
});

describe('the Direct Line stream of the bot process', () => {
  it('closes a stream that sends a frame over 4 KB with 1009 and keeps answering', async () => {
    const ws = await openStream(bot('open'));
    const closed = once(ws, 'close');
    ws.on('error', () => {});
    ws.send('x'.repeat(5 * 1024));
    const [code] = (await closed) as [number];
    expect(code).toBe(1009);
    await stillAnswers(bot('open'));
  });

  it('closes an over-long frame sent with a token from the page the same way', async () => {
    const page = await fetch(`${bot('secured').url}/api/webchat/token`, { method: 'POST' });
    expect(page.status).toBe(200);
    const { token } = (await page.json()) as { token: string };
    const ws = await openStream(bot('secured'), token);
    const closed = once(ws, 'close');
    ws.on('error', () => {});
    ws.send(Buffer.alloc(64 * 1024, 1));
    const [code] = (await closed) as [number];
    expect(code).toBe(1009);
    await stillAnswers(bot('secured'));
  });

  it('survives a stream whose client resets the connection mid-frame', async () => {
    const raw = await rawWebSocket(await startConversation(bot('open')));
    // The start of a masked 4000-byte frame, then a reset: a truncated frame and ECONNRESET.
    raw.write(Buffer.from([0x82, 0xfe, 0x0f, 0xa0, 1, 2, 3, 4, 5, 6]));
    raw.resetAndDestroy();
    await once(raw, 'close');
    await stillAnswers(bot('open'));
  });
});
