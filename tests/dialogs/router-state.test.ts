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
});
