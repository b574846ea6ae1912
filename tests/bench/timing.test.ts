import { describe, expect, it } from 'vitest';
import { measureSpeed } from '../../bench/timing.js';

describe('timing a classifier', () => {
  it('times every item at least once and returns what each call answered, in order', async () => {
    const items = ['a', 'bb', 'ccc'];
    const { speed, outputs } = await measureSpeed(items, (s) => s.length, { warmup: 2, minSamples: 0, maxMs: 0 });
    expect(outputs).toEqual([1, 2, 3]);
    expect(speed.samples).toBe(3);
    expect(speed.p50Ms).toBeLessThanOrEqual(speed.p99Ms);
  });

  it('awaits asynchronous classifiers and keeps cycling up to the samples asked for', async () => {
    const { speed, outputs } = await measureSpeed([1, 2], async (n) => n * 2, { warmup: 0, minSamples: 10, maxMs: 60_000 });
    expect(outputs).toEqual([2, 4]);
    expect(speed.samples).toBe(10);
  });
});
