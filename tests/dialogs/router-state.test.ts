import { MemoryStorage, type StoreItems } from 'botbuilder';
import { describe, expect, it } from 'vitest';
import { LANGUAGES } from '../../src/content/languages.js';
import { buttons, Conversation, createTestBot } from '../support/bot-harness.js';

/** Every stored item, as the JSON a storage backend (Redis, memory) would keep. */
class RecordingStorage extends MemoryStorage {
  readonly written: StoreItems[] = [];
  override async write(changes: StoreItems): Promise<void> {
    this.written.push(JSON.parse(JSON.stringify(changes)) as StoreItems);
    return super.write(changes);
  }
}

describe('what the router keeps between turns', () => {
  it('remembers a question by ids and keys, not its labels in four languages, and still reads a typed label', async () => {
    const storage = new RecordingStorage();
    const app = await createTestBot({ storage });
    const chat = new Conversation(app, 'it-IT');
    const menu = await chat.say('ciao');
    const labels = buttons(menu);
    expect(labels.length).toBeGreaterThan(1);

    const stored = JSON.stringify(storage.written.at(-1));
    // No label of the menu in any language is in the state: they come from the content again.
    const title = app.services.kb.entries.values().next().value!;
    for (const label of [...labels, ...LANGUAGES.map((l) => title.text[l]?.title).filter(Boolean)]) expect(stored).not.toContain(label);
    expect(stored).toContain('"menu":"topics"');

    // A label typed back still works like clicking it: the labels are rebuilt to read it.
    const typed = await chat.say(labels[1]!);
    const other = new Conversation(app, 'it-IT');
    const clicked = await other.clickButton(await other.say('ciao'), labels[1]!);
    expect(buttons(typed)).toEqual(buttons(clicked));
    expect(buttons(typed)).not.toEqual(labels);
  });

  it('stores no defaults: no empty lists, no zero counters, only what the conversation went through', async () => {
    const storage = new RecordingStorage();
    const app = await createTestBot({ storage });
    const chat = new Conversation(app, 'it-IT');
    await chat.say('ciao');
    const greeted = JSON.stringify(storage.written.at(-1));
    expect(greeted).toContain('"caseNotes":{}');
    // A question nothing answers counts; the next answered one forgets the count.
    await chat.say('vorrei comprare una bicicletta da corsa rossa');
    expect(JSON.stringify(storage.written.at(-1))).toContain('"unanswered":1');
    await chat.say('dove trovo il codice di supporto?');
    const answered = JSON.stringify(storage.written.at(-1));
    expect(answered).toContain('"entries":["support-code"]');
    for (const stored of [greeted, answered]) {
      expect(stored).not.toMatch(/"unanswered":0|"walk":\[\]|"entries":\[\]/);
    }
  });
});

describe('conversations saved by an earlier version', () => {
  it('keeps the dialogs at the top of the stored stack, with no component around them', async () => {
    const storage = new RecordingStorage();
    const chat = new Conversation(await createTestBot({ storage }), 'it-IT');
    await chat.say('come disattivo la 2fa?');
    const state = Object.values(storage.written.at(-1)!)[0] as { dialogState: { dialogStack: Array<{ id: string }> } };
    expect(state.dialogState.dialogStack.map((d) => d.id)).toEqual(['router']);
  });

  it('carries on a guided check stored inside the old main component', async () => {
    const storage = new MemoryStorage();
    const app = await createTestBot({ storage });
    const intoCheck = async (chat: Conversation) => {
      const offer = await chat.say('come disattivo la 2fa?');
      return chat.clickButton(offer, buttons(offer)[0]!);
    };
    // Walk into a check with today's bot, then store its stack as the older bot did.
    const chat = new Conversation(app, 'it-IT', 'legacy-stack');
    const question = await intoCheck(chat);
    const key = 'test/conversations/legacy-stack/';
    const item = (await storage.read([key]))[key] as { dialogState: { dialogStack: unknown[] } };
    expect(item.dialogState.dialogStack.length).toBe(2);
    item.dialogState.dialogStack = [{ id: 'main', state: { dialogs: { dialogStack: item.dialogState.dialogStack } }, version: '1' }];
    await storage.write({ [key]: { ...item, eTag: '*' } });

    // Typing the first choice of the check's question still answers it: the check goes on.
    const answered = await chat.say(buttons(question)[0]!);
    const fresh = new Conversation(app, 'it-IT');
    const clicked = await fresh.clickButton(await intoCheck(fresh), buttons(question)[0]!);
    expect(buttons(answered).length).toBeGreaterThan(0);
    expect(buttons(answered)).toEqual(buttons(clicked));
    const after = (await storage.read([key]))[key] as { dialogState: { dialogStack: Array<{ id: string }> } };
    expect(after.dialogState.dialogStack.map((d) => d.id)).toEqual(['router', 'tree']);
  });
});
