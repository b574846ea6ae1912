import { describe, expect, it } from 'vitest';
import { ConversationStateOnStorage, type ConversationStateStore } from '../../src/bot/conversation-state.js';
import { botbuilder } from '../../src/sdk/packages.js';
import { MemoryStorage, type Storage, type StoreItems } from '../../src/sdk/storage.js';
import { ConversationState, type TurnContext } from '../../src/sdk/turn.js';

/** A storage that counts its writes and keeps the last one. */
class CountingStorage extends MemoryStorage {
  writes: StoreItems[] = [];
  override async write(changes: StoreItems): Promise<void> {
    this.writes.push(JSON.parse(JSON.stringify(changes)));
    await super.write(changes);
  }
}

/** Runs `turn` once per text, each in its own turn of one conversation, then saves as the bot does. */
async function turns(state: ConversationStateStore, texts: string[], turn: (context: TurnContext) => Promise<void>): Promise<void> {
  const adapter = new botbuilder.TestAdapter(async (context) => {
    await turn(context);
    await state.saveChanges(context, false);
  });
  let test = adapter.send(texts[0]!);
  for (const text of texts.slice(1)) test = test.send(text);
  await test.startTest();
}

describe('conversation state on storage', () => {
  it("keeps a conversation's properties from turn to turn", async () => {
    const state = new ConversationStateOnStorage(new MemoryStorage());
    const count = state.createProperty<{ n: number }>('count');
    const seen: number[] = [];
    await turns(state, ['a', 'b', 'c'], async (context) => {
      const value = await count.get(context, { n: 0 });
      value.n++;
      seen.push(value.n);
    });
    expect(seen).toEqual([1, 2, 3]);
  });

  it('writes only when the turn changed the state, and not at all when the turn never read it', async () => {
    const storage = new CountingStorage();
    const state = new ConversationStateOnStorage(storage);
    const flag = state.createProperty<string>('flag');
    await turns(state, ['set', 'read', 'same', 'other', 'untouched'], async (context) => {
      const text = context.activity.text;
      if (text === 'set' || text === 'same') await flag.set(context, 'on');
      if (text === 'read') await flag.get(context);
      if (text === 'other') await flag.set(context, 'off');
    });
    // 'set' and 'other' changed it; 'read' and 'same' (the value it had) and 'untouched' did not.
    expect(storage.writes.map((w) => Object.values(w)[0]!.flag)).toEqual(['on', 'off']);
  });

  it('gives each conversation a copy of the default, not the default itself', async () => {
    const state = new ConversationStateOnStorage(new MemoryStorage());
    const list = state.createProperty<string[]>('list');
    const fallback: string[] = [];
    await turns(state, ['x'], async (context) => {
      (await list.get(context, fallback)).push('added');
    });
    expect(fallback).toEqual([]);
  });

  it("reads and writes the SDK ConversationState's key, so state written by either is the other's", async () => {
    const storage = new MemoryStorage();
    const ours = new ConversationStateOnStorage(storage);
    const sdk = new ConversationState(storage);
    const seen: unknown[] = [];
    const adapter = new botbuilder.TestAdapter(async (context) => {
      if (context.activity.text === 'ours') {
        await ours.createProperty<string>('who').set(context, 'ours');
        await ours.saveChanges(context);
      } else {
        seen.push(await sdk.createProperty<string>('who').get(context));
        await sdk.createProperty<string>('who').set(context, 'sdk');
        await sdk.saveChanges(context);
      }
    });
    await adapter.send('ours').send('sdk').startTest();
    const read: unknown[] = [];
    await new botbuilder.TestAdapter(async (context) => {
      read.push(await ours.createProperty<string>('who').get(context));
    })
      .send('again')
      .startTest();
    expect(seen).toEqual(['ours']);
    expect(read).toEqual(['sdk']);
  });

  it('lets a failing storage fail the save (the bot apologises), and the next turn works', async () => {
    let failing = true;
    const storage = new MemoryStorage();
    const flaky: Storage = {
      read: (keys) => storage.read(keys),
      delete: (keys) => storage.delete(keys),
      write: async (changes) => {
        if (failing) throw new Error('storage down');
        await storage.write(changes);
      },
    };
    const state = new ConversationStateOnStorage(flaky);
    const n = state.createProperty<number>('n');
    const errors: string[] = [];
    const adapter = new botbuilder.TestAdapter(async (context) => {
      await n.set(context, ((await n.get(context)) ?? 0) + 1);
      try {
        await state.saveChanges(context);
      } catch (error) {
        errors.push((error as Error).message);
        failing = false;
      }
    });
    await adapter.send('one').send('two').send('three').startTest();
    expect(errors).toEqual(['storage down']);
    const stored = Object.values(await storage.read(['test/conversations/Convo1/']))[0] as { n: number } | undefined;
    // The failed turn's change was not kept; the two after it were.
    expect(stored?.n).toBe(2);
  });
});
