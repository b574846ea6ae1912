import { describe, expect, it } from 'vitest';
import { ExpiringMemoryStorage } from '../../src/storage/expiring-memory-storage.js';

describe('the in-memory state storage', () => {
  it('forgets a conversation nobody read or wrote for STATE_TTL_SECONDS', async () => {
    let now = 0;
    const storage = new ExpiringMemoryStorage(1_000, () => now);
    await storage.write({ idle: { n: 1 }, busy: { n: 1 } });
    now = 900;
    await storage.read(['busy']);
    now = 1_500;
    expect(await storage.read(['idle', 'busy'])).toEqual({ busy: expect.objectContaining({ n: 1 }) });
    expect(storage.size).toBe(1);
  });

  it('keeps eTags as botbuilder MemoryStorage does: a stale write is refused', async () => {
    const storage = new ExpiringMemoryStorage(60_000);
    await storage.write({ c: { n: 1 } });
    const { c } = await storage.read(['c']);
    await storage.write({ c: { ...c, n: 2 } });
    await expect(storage.write({ c: { ...c, n: 3 } })).rejects.toThrow();
  });

  it('keeps items forever with a TTL of 0', async () => {
    let now = 0;
    const storage = new ExpiringMemoryStorage(0, () => now);
    await storage.write({ c: { n: 1 } });
    now = 10 * 365 * 24 * 3600 * 1000;
    expect(Object.keys(await storage.read(['c']))).toEqual(['c']);
  });
});

describe('what the in-memory storage keeps per conversation', () => {
  it('reads back exactly what was written, whatever characters it holds', async () => {
    const storage = new ExpiringMemoryStorage(60_000);
    const text = `${'x'.repeat(300)} è ü ’ 👍 \u4e2d "quoted" \\ back\nslash`;
    await storage.write({ c: { text, nested: { list: [1, 'two', { three: text }] } } });
    const { c } = await storage.read(['c']);
    expect(c).toEqual({ text, nested: { list: [1, 'two', { three: text }] }, eTag: expect.any(String) });
  });

  it('counts time from its own start, so a clock far from zero still expires items on time', async () => {
    let now = 1_764_000_000_000;
    const storage = new ExpiringMemoryStorage(1_000, () => now);
    await storage.write({ idle: { n: 1 } });
    now += 999;
    expect(storage.size).toBe(1);
    now += 2;
    expect(storage.size).toBe(0);
  });
});
