import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { FLOOD_KINDS, flood, p95, rssMb } from '../../bench/flood.js';
import { ChildBot } from '../support/bot-process.js';

/**
 * A bounded flood of each kind a hostile visitor tried (64 connections, a couple of seconds
 * each) against the bot in its own process with its default limits: a normal customer from
 * another address keeps getting answers, and the bot's memory stays bounded. Latency is
 * printed, not asserted (a busy machine would fail it): bench/flood-run.ts measures it.
 */
describe('a flood of hostile requests', () => {
  let bot: ChildBot;
  let before: number;
  beforeAll(async () => {
    bot = await ChildBot.start({ LOG_LEVEL: 'error', TRUST_PROXY_HOPS: '1' });
    await flood(bot.url, 'polling', { connections: 1, durationMs: 500, addresses: 1 });
    before = rssMb(bot.child.pid!);
  });
  afterAll(async () => {
    await bot?.kill('SIGKILL');
  });

  it.each(FLOOD_KINDS)('of %s leaves the bot answering a normal customer', { timeout: 120_000 }, async (kind) => {
    const result = await flood(bot.url, kind, { connections: 64, durationMs: 2_000, addresses: 1 });
    const { answeredMs, refused, failed } = result.customer;
    console.info(`flood ${kind}: ${result.attempts} attempts, ${result.refused ?? '?'} refused; customers: ${answeredMs.length} answered (p95 ${p95(answeredMs).toFixed(0)} ms), ${refused} refused, ${failed} failed; bot RSS ${rssMb(bot.child.pid!).toFixed(0)} MB`);
    expect(bot.child.exitCode, bot.output()).toBeNull();
    expect(answeredMs.length).toBeGreaterThan(0);
    // A normal customer is never turned away because a stranger floods the bot.
    expect({ refused, failed }).toEqual({ refused: 0, failed: 0 });
  });

  it('leaves the bot with bounded memory', () => {
    const after = rssMb(bot.child.pid!);
    console.info(`bot RSS before the floods ${before.toFixed(0)} MB, after ${after.toFixed(0)} MB`);
    // Generous: the figure to meet (within 100 MB) is the benchmark's; unbounded growth is hundreds of MB.
    expect(after - before).toBeLessThan(250);
  });
});
