import { beforeAll, describe, expect, it } from 'vitest';
import type { App } from '../../src/app.js';
import { Conversation, buttons, createTestBot, payloads, texts } from '../support/bot-harness.js';
import { topicMenuPage } from '../../src/replies/topic-menu.js';

let app: App;
beforeAll(async () => {
  app = await createTestBot();
});
const title = (id: string, language: 'it' | 'en' | 'fr' | 'de') => app.services.kb.get(id)!.text[language].title;
const summary = (id: string, language: 'it' | 'en' | 'fr' | 'de') => app.services.kb.get(id)!.text[language].answer.summary.trim();
const say = (key: string, language: 'it' | 'en' | 'fr' | 'de') => app.services.t(language, key);

describe('answers from the knowledge base, in the customer language', () => {
  it.each([
    ['it', 'it-IT', 'dove trovo il codice supporto nel mio profilo?', 'support-code'],
    ['en', 'en-US', 'how do I stop getting your newsletters?', 'newsletter'],
    ['fr', 'fr-FR', 'je veux ajouter une deuxième adresse de facturation', 'billing-address'],
    ['de', 'de-DE', 'Wie aktiviere ich Renewal Warranty für alle meine Produkte?', 'renewal-warranty'],
  ] as const)('answers a %s question with the entry in that language', async (language, locale, question, id) => {
    const replies = await new Conversation(app, locale).say(question);
    expect(texts(replies)).toContain(title(id, language));
    expect(texts(replies)).toContain(summary(id, language));
  });

  it('answers in the language of the text even when the channel says another', async () => {
    const replies = await new Conversation(app, 'en-US').say('come cambio la mail di recupero della password?');
    expect(texts(replies)).toContain(summary('recovery-email', 'it'));
  });

  it('still answers a misspelled question', async () => {
    const replies = await new Conversation(app, 'it-IT').say('vorei cambiare la mail di recupro');
    expect(texts(replies)).toContain(summary('recovery-email', 'it'));
  });

  it('offers related questions as buttons after an answer, and a click opens one', async () => {
    const conversation = new Conversation(app, 'en-US');
    const replies = await conversation.say('where is my VIP code?');
    const related = app.services.kb.get('support-code')!.related;
    expect(payloads(replies)).toEqual([
      ...related.map((entry) => ({ action: 'entry', entry })),
      { action: 'helpful', entry: 'support-code', helpful: true },
      { action: 'helpful', entry: 'support-code', helpful: false },
    ]);
    const next = await conversation.clickButton(replies, title(related[0]!, 'en'));
    expect(texts(next)).toContain(title(related[0]!, 'en'));
  });

  it('offers the guided check or the article for an entry with a tree; typing the answer works like clicking', async () => {
    const conversation = new Conversation(app, 'it-IT');
    const offer = await conversation.say('mi è arrivato un sollecito di pagamento ma ho già pagato');
    expect(buttons(offer)).toEqual([say('tree.start', 'it'), say('tree.article', 'it')]);
    const article = await conversation.say('mostrami l articolo');
    expect(texts(article)).toContain(summary('payment-reminder', 'it'));
  });

  it('says honestly that it does not know, suggests rephrasing and shows the topics', async () => {
    const replies = await new Conversation(app, 'fr-FR').say('quel temps fera-t-il demain à Lausanne ?');
    expect(texts(replies)).toContain(say('none.text', 'fr'));
    expect(buttons(replies)).toEqual([...topicMenuPage(app.services.kb).entries.map((e) => e.text.fr.title), say('topics.moreButton', 'fr')]);
  });

  it('asks "did you mean" with buttons when a message fits several entries, and a click answers', async () => {
    const conversation = new Conversation(app, 'de-DE');
    const replies = await conversation.say('Adresse ändern');
    expect(texts(replies)).toContain(say('clarify.text', 'de'));
    expect(buttons(replies)).toEqual(expect.arrayContaining([title('recovery-email', 'de'), title('billing-address', 'de'), say('clarify.none', 'de')]));
    const answer = await conversation.clickButton(replies, title('billing-address', 'de'));
    expect(texts(answer)).toContain(summary('billing-address', 'de'));
  });

  it('answers "none of these" with the topics it knows', async () => {
    const conversation = new Conversation(app, 'en-US');
    // A verb many entries use: the bot asks which one is meant.
    const replies = await conversation.say('remove');
    const after = await conversation.clickButton(replies, say('clarify.none', 'en'));
    expect(texts(after)).toContain(say('none.afterClarify', 'en'));
  });
});

describe('conversation commands', () => {
  it('greets a new member in the channel language with the topics it knows', async () => {
    const conversation = new Conversation(app, 'fr-FR');
    await conversation.adapter.receiveActivity({ type: 'conversationUpdate', membersAdded: [{ id: 'user' }, { id: 'bot' }], recipient: { id: 'bot' } } as never);
    const welcome = conversation.adapter.activeQueue.splice(0);
    expect(welcome[0]?.text).toBe(say('welcome.text', 'fr'));
    expect(welcome[0]?.suggestedActions?.actions.map((a) => a.title)).toEqual([...topicMenuPage(app.services.kb).entries.map((e) => e.text.fr.title), say('topics.moreButton', 'fr')]);
  });

  it.each([
    ['aiuto', 'it', 'help.text'],
    ['Hilfe', 'de', 'help.text'],
    ['ricomincia', 'it', 'restart.done'],
    ['annuler', 'fr', 'cancel.nothing'],
    ['thanks!', 'en', 'thanks.reply'],
  ] as const)('understands "%s" in any language', async (text, language, key) => {
    const replies = await new Conversation(app, `${language}`).say(text);
    expect(texts(replies)).toContain(say(key, language));
  });

  it('keeps the customer language across turns for short replies', async () => {
    const conversation = new Conversation(app, 'en-US');
    await conversation.say('Bonjour, comment me désabonner de la newsletter ?');
    // "ok" answers the answer's "was this helpful?", in the conversation's language.
    const replies = await conversation.say('ok');
    expect(texts(replies)).toContain(say('answer.thanks', 'fr'));
  });
});
