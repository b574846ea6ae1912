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

  it('starts the clock again on every read and every write', async () => {
    let now = 0;
    const storage = new ExpiringMemoryStorage(1_000, () => now);
    await storage.write({ read: { n: 1 }, written: { n: 1 }, idle: { n: 1 } });
    for (now = 600; now <= 3_000; now += 600) {
      await storage.read(['read']);
      await storage.write({ written: { n: now } });
    }
    expect(Object.keys(await storage.read(['read', 'written', 'idle']))).toEqual(['read', 'written']);
  });

  it('keeps at most its limit of items, forgetting the least recently used first', async () => {
    const storage = new ExpiringMemoryStorage(0, Date.now, 3);
    await storage.write({ a: { n: 1 }, b: { n: 1 }, c: { n: 1 } });
    await storage.read(['a']);
    // A flood of new conversations: each one pushes out whoever was used longest ago.
    await storage.write({ d: { n: 1 } });
    expect(storage.size).toBe(3);
    expect(Object.keys(await storage.read(['a', 'b', 'c', 'd']))).toEqual(['a', 'c', 'd']);
    await storage.write({ e: { n: 1 }, f: { n: 1 }, g: { n: 1 }, h: { n: 1 } });
    expect(Object.keys(await storage.read(['a', 'b', 'c', 'd', 'e', 'f', 'g', 'h']))).toEqual(['f', 'g', 'h']);
  });

  it('keeps eTags as botbuilder MemoryStorage does: a stale write is refused', async () => {
    const storage = new ExpiringMemoryStorage(60_000);
    await storage.write({ c: { n: 1 } });
    const { c } = await storage.read(['c']);
    await storage.write({ c: { ...c, n: 2 } });
    await expect(storage.write({ c: { ...c, n: 3 } })).rejects.toThrow('eTag conflict');
  });

  it('changes nothing on a refused write, not even the other items written with it', async () => {
    const storage = new ExpiringMemoryStorage(60_000);
    await storage.write({ a: { n: 1 }, b: { n: 1 } });
    const { a, b } = await storage.read(['a', 'b']);
    await storage.write({ b: { ...b, n: 2 } });
    await expect(storage.write({ a: { ...a, n: 3 }, b: { ...b, n: 3 } })).rejects.toThrow('"b"');
    expect(await storage.read(['a', 'b'])).toEqual({ a: { n: 1, eTag: a!.eTag }, b: expect.objectContaining({ n: 2 }) });
  });

  it('writes over any eTag with "*" or none, and gives each write a new eTag', async () => {
    const storage = new ExpiringMemoryStorage(60_000);
    await storage.write({ c: { n: 1 } });
    const first = (await storage.read(['c'])).c!.eTag;
    await storage.write({ c: { n: 2, eTag: '*' } });
    await storage.write({ c: { n: 3 } });
    const { c } = await storage.read(['c']);
    expect(c).toEqual({ n: 3, eTag: expect.any(String) });
    expect(c!.eTag).not.toBe(first);
  });

  it('forgets a deleted item', async () => {
    const storage = new ExpiringMemoryStorage(60_000);
    await storage.write({ a: { n: 1 }, b: { n: 1 } });
    await storage.delete(['a']);
    expect(Object.keys(await storage.read(['a', 'b']))).toEqual(['b']);
    expect(storage.size).toBe(1);
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
