import type { Activity } from 'botbuilder';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { LANGUAGES } from '../../src/content/languages.js';
import { MENU_PAGE_SIZE, topicsByPopularity } from '../../src/replies/topic-menu.js';
import { buttonTitles, HttpBot, message, replyTexts, type HttpReply } from '../support/http-bot.js';

let bot: HttpBot;
beforeAll(async () => {
  bot = await HttpBot.start();
});
afterAll(() => bot?.stop());

let counter = 0;
/** A new conversation in a language; each `say` returns the bot's replies. */
function conversation(locale: string) {
  const id = `flows-${counter++}`;
  return {
    id,
    say: (text: string) => bot.say(id, text, { locale }),
    click: (reply: HttpReply, title: string) => bot.click(id, reply, title, { locale }),
    event: (name: string, value: unknown) =>
      bot.post({ ...message(id, '', { locale }), type: 'event', name, value, text: undefined } as Partial<Activity>),
  };
}

const t = (language: 'it' | 'en' | 'fr' | 'de', key: string, values?: Record<string, unknown>) => bot.app.services.t(language, key, values);
const titles = (language: 'it' | 'en' | 'fr' | 'de') => [...bot.app.services.kb.entries.values()].map((e) => e.text[language].title);
/** Whether a reply opens a topic: an article (a title in bold) or the offer of a guided check. */
const opensTopic = (reply: HttpReply, language: 'it' | 'en' | 'fr' | 'de') =>
  titles(language).some((title) => replyTexts(reply).includes(`**${title}**`)) || buttonTitles(reply).includes(t(language, 'tree.start'));

describe('the topic menu', () => {
  it('offers the most asked topics first, then "More topics", which leads to every other topic', async () => {
    const chat = conversation('en-US');
    const menu = await chat.say('hello');
    const order = topicsByPopularity(bot.app.services.kb).map((e) => e.text.en.title);
    expect(buttonTitles(menu)).toEqual([...order.slice(0, MENU_PAGE_SIZE), t('en', 'topics.moreButton')]);
    const seen = new Set(buttonTitles(menu));
    let page = menu;
    while (buttonTitles(page).includes(t('en', 'topics.moreButton'))) {
      page = await chat.click(page, t('en', 'topics.moreButton'));
      expect(replyTexts(page)).toContain(t('en', 'topics.more'));
      buttonTitles(page).forEach((b) => seen.add(b));
    }
    expect(order.every((title) => seen.has(title))).toBe(true);
  });
});

describe('words that are not questions, typed after the topic menu', () => {
  it.each([
    ['en-US', 'en', 'exit'],
    ['en-US', 'en', 'other'],
    ['en-US', 'en', 'is'],
    ['en-US', 'en', 'ok'],
    ['fr-FR', 'fr', 'est'],
    ['de-DE', 'de', 'und'],
    ['it-IT', 'it', 'sì'],
  ] as const)('%s "%s" opens no topic and no article', async (locale, language, word) => {
    const chat = conversation(locale);
    await chat.say(locale === 'it-IT' ? 'ciao' : locale === 'fr-FR' ? 'bonjour' : locale === 'de-DE' ? 'hallo' : 'hello');
    const reply = await chat.say(word);
    expect(opensTopic(reply, language), replyTexts(reply)).toBe(false);
  });

  it('"exit" is read as leaving: there is nothing to cancel', async () => {
    const chat = conversation('en-US');
    await chat.say('hello');
    expect(replyTexts(await chat.say('exit'))).toContain(t('en', 'cancel.nothing'));
  });
});

describe('short answers in context', () => {
  it.each([
    ['en-US', 'en', 'how do I turn off two-factor authentication?', 'ok'],
    ['it-IT', 'it', "come disattivo l'autenticazione a due fattori?", 'sì'],
  ] as const)('%s "%4$s" after the offer of a guided check starts it', async (locale, language, question, yes) => {
    const chat = conversation(locale);
    const offer = await chat.say(question);
    expect(buttonTitles(offer)).toContain(t(language, 'tree.start'));
    const tree = bot.app.services.trees.get('2fa-recovery')!;
    expect(replyTexts(await chat.say(yes))).toContain(t(language, 'tree.started', { title: tree.title[language] }));
  });

  it('"exit" in the middle of a check leaves it', async () => {
    const chat = conversation('en-US');
    const offer = await chat.say('how do I turn off two-factor authentication?');
    await chat.click(offer, t('en', 'tree.start'));
    const title = bot.app.services.trees.get('2fa-recovery')!.title.en;
    expect(replyTexts(await chat.say('exit'))).toContain(t('en', 'tree.cancelled', { title }));
  });
});

describe('a message that only gives a secret', () => {
  it('gets the warning and the pending question again, never an article', async () => {
    const chat = conversation('en-US');
    const offer = await chat.say('how do I turn off two-factor authentication?');
    const reply = await chat.say('my password is Hunter22!xq');
    expect(replyTexts(reply)).toContain(t('en', 'secrets.password'));
    expect(replyTexts(reply)).not.toContain('Hunter22');
    expect(buttonTitles(reply)).toEqual(buttonTitles(offer));
    expect(titles('en').filter((title) => replyTexts(reply).includes(`**${title}**`) && !replyTexts(offer).includes(`**${title}**`))).toEqual([]);
  });

  it.each(['la mia password è Gatto123!zz', 'la password è: Gatto123!zz'])('in Italian ("%s") shows the topics, not the recovery-email article', async (text) => {
    const chat = conversation('it-IT');
    await chat.say('ciao');
    const reply = await chat.say(text);
    expect(replyTexts(reply)).toContain(t('it', 'secrets.password'));
    expect(opensTopic(reply, 'it'), replyTexts(reply)).toBe(false);
  });
});

describe('picking another language in the widget', () => {
  it.each(LANGUAGES.filter((l) => l !== 'it'))('re-sends the pending question with its buttons in the new language (%s), and says so', async (language) => {
    const chat = conversation('it-IT');
    const offer = await chat.say("come disattivo l'autenticazione a due fattori?");
    expect(buttonTitles(offer)).toEqual([t('it', 'tree.start'), t('it', 'tree.article')]);
    const switched = await chat.event('sportello.language', language);
    expect(replyTexts(switched)).toContain(t(language, 'language.switched'));
    expect(replyTexts(switched)).toContain(bot.app.services.kb.get('2fa-disable')!.text[language].title);
    expect(buttonTitles(switched)).toEqual([t(language, 'tree.start'), t(language, 'tree.article')]);
  });

  it('re-sends a guided check\'s question in the new language', async () => {
    const chat = conversation('it-IT');
    const offer = await chat.say("come disattivo l'autenticazione a due fattori?");
    const question = await chat.click(offer, t('it', 'tree.start'));
    const tree = bot.app.services.trees.get('2fa-recovery')!;
    const first = tree.nodes.get(tree.start)!;
    if (first.type !== 'question') throw new Error('the 2FA tree starts with a question');
    expect(buttonTitles(question)).toEqual(first.choices.map((c) => c.label.it));
    const switched = await chat.event('sportello.language', 'de');
    expect(replyTexts(switched)).toContain(first.text.de);
    expect(buttonTitles(switched)).toEqual(first.choices.map((c) => c.label.de));
  });
});

describe('sentences built for each language', () => {
  it.each([
    ['it-IT', 'it', "come disattivo l'autenticazione a due fattori?"],
    ['en-US', 'en', 'how do I turn off two-factor authentication?'],
    ['fr-FR', 'fr', "comment désactiver l'authentification à deux facteurs ?"],
    ['de-DE', 'de', 'wie deaktiviere ich die Zwei-Faktor-Authentifizierung?'],
  ] as const)('%s: the offer of a guided check puts the title apart, glued to no preposition', async (locale, language, question) => {
    const reply = await conversation(locale).say(question);
    const title = bot.app.services.kb.get('2fa-disable')!.text[language].title;
    expect(replyTexts(reply)).toContain(`**${title}**\n\n`);
    expect(replyTexts(reply)).not.toMatch(new RegExp(`\\b(For|Per|Pour|Zu) \\*\\*`));
  });

  it('titles name no product in another language in parentheses', () => {
    const withParentheses = LANGUAGES.flatMap((l) => titles(l).filter((title) => /\(.*\)/.test(title)));
    expect(withParentheses).toEqual([]);
  });
});
