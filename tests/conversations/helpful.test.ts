import { beforeAll, describe, expect, it } from 'vitest';
import type { App } from '../../src/app.js';
import { LANGUAGES } from '../../src/content/languages.js';
import { Conversation, buttons, createTestBot, texts } from '../support/bot-harness.js';

let app: App;
beforeAll(async () => {
  app = await createTestBot();
});
const say = (key: string, language: 'it' | 'en' | 'fr' | 'de') => app.services.t(language, key);

describe('"was this helpful?" after every answer', () => {
  it.each([
    ['it', 'it-IT', 'dove trovo il codice supporto nel mio profilo?'],
    ['en', 'en-US', 'how do I stop getting your newsletters?'],
    ['fr', 'fr-FR', 'je veux ajouter une deuxième adresse de facturation'],
    ['de', 'de-DE', 'Wie aktiviere ich Renewal Warranty für alle meine Produkte?'],
  ] as const)('asks it in %s, with 👍 and 👎 as the last buttons', async (language, locale, question) => {
    const replies = await new Conversation(app, locale).say(question);
    expect(texts(replies)).toContain(say('answer.helpful', language));
    expect(buttons(replies).slice(-2)).toEqual([say('answer.helpfulYes', language), say('answer.helpfulNo', language)]);
  });

  it('thanks for a 👍', async () => {
    const conversation = new Conversation(app, 'en-US');
    const answer = await conversation.say('how do I stop getting your newsletters?');
    expect(texts(await conversation.clickButton(answer, say('answer.helpfulYes', 'en')))).toContain(say('answer.thanks', 'en'));
  });

  it('answers a 👎 with another way in: rephrase, or the topics', async () => {
    const conversation = new Conversation(app, 'it-IT');
    const answer = await conversation.say('come smetto di ricevere la newsletter?');
    const replies = await conversation.clickButton(answer, say('answer.helpfulNo', 'it'));
    expect(texts(replies)).toContain(say('answer.notHelpful', 'it'));
    expect(buttons(replies)).toContain(app.services.kb.get('2fa-disable')!.text.it.title);
  });

  it.each([
    ['it', 'it-IT', 'come smetto di ricevere la newsletter?', 'no'],
    ['en', 'en-US', 'how do I stop getting your newsletters?', 'not really'],
    ['fr', 'fr-FR', 'comment arrêter de recevoir la newsletter ?', 'non'],
    ['de', 'de-DE', 'Wie bestelle ich den Newsletter ab?', 'nein'],
  ] as const)('reads a typed "no" in %s as a 👎', async (language, locale, question, no) => {
    const conversation = new Conversation(app, locale);
    await conversation.say(question);
    expect(texts(await conversation.say(no))).toContain(say('answer.notHelpful', language));
  });

  it('has its strings in every language', () => {
    for (const language of LANGUAGES) for (const key of ['helpful', 'helpfulYes', 'helpfulNo', 'thanks', 'notHelpful']) expect(say(`answer.${key}`, language)).not.toBe(`answer.${key}`);
  });
});
