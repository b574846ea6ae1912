import { describe, expect, it } from 'vitest';
import type { InsightEvent } from '../../src/insights/event.js';
import type { EventStore } from '../../src/insights/event-store.js';
import { EventWriter } from '../../src/insights/event-writer.js';
import { openSqliteStore } from '../../src/insights/sqlite-store.js';
import { createLogger } from '../../src/logging.js';
import { HttpBot, LogCapture, replyTexts } from '../support/http-bot.js';

const event = (conversation: string): InsightEvent => ({ at: Date.UTC(2026, 10, 30, 12), conversation, channel: 'test', language: 'it', type: 'turn' });

describe('writing events in the background', () => {
  it('logs a database that cannot be opened, keeps the events and writes them once it can', async () => {
    const logs = new LogCapture();
    let up = false;
    const store = openSqliteStore(':memory:');
    const writer = new EventWriter(async () => {
      if (!up) throw new Error('connection refused');
      return store;
    }, createLogger('info', logs));
    writer.record(event('a'));
    await writer.flush();
    expect(logs.text).toMatch(/database not reachable/);
    up = true;
    writer.record(event('b'));
    await writer.flush();
    const rows = await store.all<{ conversation: string; day: string }>('SELECT conversation, day FROM events ORDER BY id');
    expect(rows).toEqual([
      { conversation: 'a', day: '2026-11-30' },
      { conversation: 'b', day: '2026-11-30' },
    ]);
  });

  it('logs a failed write and retries it with the next batch', async () => {
    const logs = new LogCapture();
    const real = openSqliteStore(':memory:');
    let fail = true;
    const flaky: EventStore = { ...real, insert: async (events) => (fail ? Promise.reject(new Error('disk full')) : real.insert(events)) };
    const writer = new EventWriter(async () => flaky, createLogger('info', logs));
    writer.record(event('a'));
    await writer.flush();
    expect(logs.text).toMatch(/write failed/);
    fail = false;
    writer.record(event('b'));
    await writer.flush();
    expect((await real.all<{ n: number }>('SELECT COUNT(*) AS n FROM events'))[0]!.n).toBe(2);
  });

  it('writes the events of many turns in one batch, on its own after a short while', async () => {
    const real = openSqliteStore(':memory:');
    const batches: number[] = [];
    const counting: EventStore = { ...real, insert: async (events) => (batches.push(events.length), real.insert(events)) };
    const writer = new EventWriter(async () => counting, createLogger('silent'), 50);
    // Recorded in one go, as a turn's events are; no flush: the writer writes them by itself.
    for (const c of ['a', 'b', 'c', 'd']) writer.record(event(c));
    await expect.poll(() => batches, { timeout: 5_000 }).toEqual([4]);
    expect((await real.all<{ n: number }>('SELECT COUNT(*) AS n FROM events'))[0]!.n).toBe(4);
  });

  it('never lets a broken database break a turn', async () => {
    const bot = await HttpBot.start({ eventStore: () => Promise.reject(new Error('no database here')) });
    try {
      const reply = await bot.say('broken-db', 'how do I stop getting your newsletters?', { locale: 'en-US' });
      expect(reply.status).toBe(200);
      expect(replyTexts(reply) + JSON.stringify(reply.replies)).toMatch(/newsletter/i);
      await bot.app.insights.writer.flush();
      expect(bot.logs.text).toMatch(/database not reachable/);
    } finally {
      await bot.stop();
    }
  });

  it('serves the counts at GET /metrics in the Prometheus format', async () => {
    const bot = await HttpBot.start();
    try {
      await bot.say('metrics-1', 'how do I stop getting your newsletters?', { locale: 'en-US' });
      const response = await fetch(`${bot.url}/metrics`);
      expect(response.headers.get('content-type')).toMatch(/^text\/plain/);
      const text = await response.text();
      expect(text).toMatch(/^sportello_turns_total\{channel="test",language="en"\} 1$/m);
      expect(text).toMatch(/^sportello_decisions_total\{decision="answer",language="en",entry="newsletter"\} 1$/m);
    } finally {
      await bot.stop();
    }
  });
});
