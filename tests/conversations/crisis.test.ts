import { beforeAll, describe, expect, it } from 'vitest';
import type { App } from '../../src/app.js';
import { Conversation, buttons, createTestBot, texts } from '../support/bot-harness.js';

let app: App;
beforeAll(async () => {
  app = await createTestBot();
});

describe('a message that says someone may be in danger', () => {
  it.each([
    ['it-IT', 'it', 'non ce la faccio più, sto pensando al suicidio'],
    ['en-US', 'en', 'honestly I just want to end my life'],
    ['fr-FR', 'fr', "j'ai envie de mourir"],
    ['de-DE', 'de', 'ich will mir etwas antun'],
  ] as const)('gets care and where to find help, in %s, not a list of topics', async (locale, language, text) => {
    const replies = await new Conversation(app, locale).say(text);
    expect(texts(replies)).toBe(app.services.t(language, 'crisis.reply'));
    expect(buttons(replies)).toEqual([]);
  });

  it('leaves a guided check where it was, so the customer can carry on', async () => {
    const conversation = new Conversation(app, 'it-IT');
    await conversation.say('ho perso il telefono con la 2fa');
    const question = await conversation.say('guidami');
    await conversation.say('voglio farla finita');
    const again = await conversation.say('no');
    expect(buttons(question).length).toBeGreaterThan(0);
    expect(texts(again)).not.toContain(app.services.t('it', 'tree.notUnderstood'));
  });
});
