import { describe, expect, it } from 'vitest';
import { ConversationStoreFull, MemoryConversationStore } from '../../src/directline/conversation-store.js';

const message = (text: string) => ({ type: 'message', text });

describe('the in-memory Direct Line conversation store', () => {
  it('numbers activities in order and reads those after a watermark', async () => {
    const store = new MemoryConversationStore();
    await store.create({ id: 'c1', userId: 'u' });
    await store.append('c1', [message('a'), message('b')]);
    const { watermark } = await store.append('c1', [message('c')]);
    expect(watermark).toBe(3);
    const after = await store.read('c1', 1);
    expect(after!.activities.map((a) => [a.id, a.text])).toEqual([
      ['c1|0000002', 'b'],
      ['c1|0000003', 'c'],
    ]);
    expect((await store.read('c1', 3))!.activities).toEqual([]);
  });

  it('keeps only the latest activities of a long conversation, and watermarks keep counting', async () => {
    const store = new MemoryConversationStore({ maxConversations: 10, maxActivities: 2, idleMs: 60_000, evictableAfterMs: 0 });
    await store.create({ id: 'c1', userId: 'u' });
    for (const text of ['a', 'b', 'c', 'd']) await store.append('c1', [message(text)]);
    const all = await store.read('c1');
    expect(all!.activities.map((a) => a.text)).toEqual(['c', 'd']);
    expect(all!.watermark).toBe(4);
  });

  it('forgets a conversation idle for longer than the limit', async () => {
    let now = 0;
    const store = new MemoryConversationStore({ maxConversations: 10, maxActivities: 10, idleMs: 1000, evictableAfterMs: 0 }, () => now);
    await store.create({ id: 'c1', userId: 'u' });
    now = 999;
    expect(await store.get('c1')).toBeDefined();
    now = 2500;
    expect(await store.get('c1')).toBeUndefined();
    expect(await store.read('c1')).toBeUndefined();
  });

  it('makes room for a new conversation by dropping the least recently active one', async () => {
    let now = 0;
    const store = new MemoryConversationStore({ maxConversations: 2, maxActivities: 10, idleMs: 60_000, evictableAfterMs: 0 }, () => now);
    await store.create({ id: 'old', userId: 'u' });
    await store.create({ id: 'busy', userId: 'u' });
    now = 10;
    await store.append('old', [message('still here')]);
    await store.create({ id: 'new', userId: 'u' });
    expect(await store.get('busy')).toBeUndefined();
    expect(await store.get('old')).toBeDefined();
    expect(await store.get('new')).toBeDefined();
  });

  it('never drops a conversation active within the last minutes to make room: the new one is refused', async () => {
    let now = 0;
    const store = new MemoryConversationStore({ maxConversations: 2, maxActivities: 10, idleMs: 0, evictableAfterMs: 600_000 }, () => now);
    await store.create({ id: 'a', userId: 'u' });
    await store.create({ id: 'b', userId: 'u' });
    now = 599_999;
    await expect(store.create({ id: 'flood', userId: 'u' })).rejects.toBeInstanceOf(ConversationStoreFull);
    expect(await store.get('a')).toBeDefined();
    now = 600_000;
    expect(await store.create({ id: 'later', userId: 'u' })).toBe(true);
    expect(await store.get('a')).toBeUndefined();
    expect(await store.get('b')).toBeDefined();
  });

  it('keeps idle conversations when STATE_TTL_SECONDS is 0 (idleMs 0), until room is needed', async () => {
    let now = 0;
    const store = new MemoryConversationStore({ maxConversations: 10, maxActivities: 10, idleMs: 0, evictableAfterMs: 600_000 }, () => now);
    await store.create({ id: 'a', userId: 'u' });
    now = 365 * 24 * 3600 * 1000;
    expect(await store.get('a')).toBeDefined();
  });

  it('refuses to create a conversation twice, so a resumed conversation is not greeted again', async () => {
    const store = new MemoryConversationStore();
    expect(await store.create({ id: 'c1', userId: 'u' })).toBe(true);
    expect(await store.create({ id: 'c1', userId: 'u' })).toBe(false);
  });

  it('tells subscribers about every append until they stop listening', async () => {
    const store = new MemoryConversationStore();
    await store.create({ id: 'c1', userId: 'u' });
    const seen: number[] = [];
    const stop = await store.subscribe('c1', (set) => seen.push(set!.watermark));
    await store.append('c1', [message('a')]);
    stop();
    await store.append('c1', [message('b')]);
    expect(seen).toEqual([1]);
  });
});
