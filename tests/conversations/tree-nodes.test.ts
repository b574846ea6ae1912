import { MemoryStorage } from 'botbuilder';
import { beforeAll, describe, expect, it } from 'vitest';
import type { App } from '../../src/app.js';
import { loadTrees } from '../../src/trees/load.js';
import { Conversation, buttons, createTestBot, texts } from '../support/bot-harness.js';

/** The engine on the sample tree of tests/fixtures/trees, which has every kind of node. */
let app: App;
beforeAll(async () => {
  app = await createTestBot({ trees: await loadTrees('tests/fixtures/trees', ['support-code']) });
});

async function startSample(locale = 'it-IT') {
  const conversation = new Conversation(app, locale);
  const replies = await conversation.click('Prova', { action: 'tree', tree: 'sample' });
  return { conversation, replies };
}

describe('each kind of tree node in a conversation', () => {
  it('shows an info node and goes on to the question after it', async () => {
    const { replies } = await startSample();
    expect(texts(replies)).toMatch(/Vediamo\.[\s\S]*Funziona\?/);
    expect(buttons(replies)).toEqual(['Sì', 'No', 'Come lo vedo?']);
  });

  it('shows an entry node as the knowledge entry’s answer, then asks whether it solved it', async () => {
    const { conversation } = await startSample('en-US');
    await conversation.say('no');
    const replies = await conversation.say('The code');
    const entry = app.services.kb.get('support-code')!.text.en;
    expect(texts(replies)).toContain('Read this:');
    expect(texts(replies)).toContain(`**${entry.title}**`);
    expect(texts(replies)).toContain(entry.answer.summary.trim());
    expect(texts(replies)).toContain(app.services.t('en', 'tree.didItHelp'));
  });

  it('comes back to a question through an info node, and "back" then returns to it', async () => {
    const { conversation } = await startSample();
    const replies = await conversation.say('Come lo vedo?');
    expect(texts(replies)).toMatch(/Guarda la spia\.[\s\S]*Funziona\?/);
    await conversation.say('no');
    expect(texts(await conversation.say('indietro'))).toContain('Funziona?');
  });

  it('hands over at a handoff node without asking whether it solved it', async () => {
    const { conversation } = await startSample('de-DE');
    await conversation.say('nein');
    const replies = await conversation.say('Etwas anderes');
    expect(texts(replies)).toContain('Ich übergebe.');
    expect(texts(replies)).not.toContain(app.services.t('de', 'tree.didItHelp'));
    expect(conversation.lastActivities.find((a) => a.type === 'event')?.value).toEqual({ tree: 'sample', node: 'person', language: 'de' });
  });
});

describe('a tree that is gone', () => {
  it('ends the check with a word when the bot restarts without that tree', async () => {
    const storage = new MemoryStorage();
    const before = await createTestBot({ storage, trees: await loadTrees('tests/fixtures/trees', ['support-code']) });
    await new Conversation(before, 'it-IT', 'tree-removed').click('Prova', { action: 'tree', tree: 'sample' });
    const after = await createTestBot({ storage });
    const conversation = new Conversation(after, 'it-IT', 'tree-removed');
    expect(texts(await conversation.say('sì'))).toContain(after.services.t('it', 'tree.gone'));
    expect(texts(await conversation.say('sì'))).toContain(after.services.t('it', 'fallback.noQuestion'));
  });
});
