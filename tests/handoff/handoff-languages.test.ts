import { describe, expect, it } from 'vitest';
import type { Language } from '../../src/content/languages.js';
import { lastThread, textOf, WidgetCustomer, useHandoffBot } from './support.js';

const bot = useHandoffBot();

const LOCALES: Record<Language, string> = { it: 'it-IT', en: 'en-US', fr: 'fr-FR', de: 'de-DE' };
const person: Record<Language, string> = { it: 'voglio parlare con un operatore', en: 'human please', fr: 'un conseiller', de: 'Mitarbeiter' };
const fresh: Record<Language, string> = {
  it: 'ciao, ho ricevuto un sollecito strano, posso parlare con una persona?',
  en: 'hi, I got a strange payment reminder, can I talk to a human?',
  fr: "bonjour, j'ai reçu un rappel bizarre, je veux parler à un conseiller",
  de: 'hallo, ich habe eine komische Mahnung bekommen, ich möchte mit einem Mitarbeiter sprechen',
};
// The first question carries a password: no card may show it.
const SECRET = 'Gatto!2024';
const question: Record<Language, string> = {
  it: `come disattivo la verifica in due passaggi? la mia password è ${SECRET}`,
  en: `how do I turn off two-factor authentication? my password is ${SECRET}`,
  fr: `comment désactiver l'authentification à deux facteurs ? mon mot de passe est ${SECRET}`,
  de: `wie schalte ich die Zwei-Faktor-Authentifizierung aus? mein Passwort ist ${SECRET}`,
};
const questionWithoutSecret = (l: Language) => question[l].split(SECRET)[0]!.split(/ (la mia|my|mon|mein) /)[0]!;

describe.each(Object.keys(LOCALES) as Language[])('asking for a person in %s', (language) => {
  const t = (key: string) => bot.app.services.t(language, key);
  const tree = () => bot.app.services.trees.get('2fa-recovery')!;
  const choice = (node: string, index: number) => {
    const n = tree().nodes.get(node)!;
    if (n.type !== 'question') throw new Error(`${node} is not a question`);
    return n.choices[index]!.label[language];
  };
  const entryTitle = () => bot.app.services.kb.get('2fa-disable')!.text.en.title;

  async function connect(customer: WidgetCustomer) {
    expect(customer.buttons()).toContain(t('handoff.talk'));
    const queued = await customer.click(t('handoff.talk'));
    expect(queued.map(textOf).join('\n')).toContain(bot.app.services.t(language, 'handoff.queued', { position: 1, minutes: 1 }).slice(0, 20));
    return textOf(lastThread(bot.connector).card());
  }

  it('from a fresh conversation: the card tells the first message', async () => {
    const customer = new WidgetCustomer(bot.url);
    await customer.start(LOCALES[language]);
    await customer.say(fresh[language]);
    const card = await connect(customer);
    expect(card).toContain(fresh[language]);
  });

  it('from mid-tree: the card tells the question, the entry shown and the answers so far, no secret', async () => {
    const customer = new WidgetCustomer(bot.url);
    await customer.start(LOCALES[language]);
    await customer.say(question[language]);
    await customer.click(t('tree.start'));
    await customer.click(choice('can-pass-second-factor', 1));
    await customer.say(person[language]);
    const card = await connect(customer);
    expect(card).toContain(questionWithoutSecret(language));
    expect(card).toContain(entryTitle());
    // Agents read the card in English (HANDOFF_AGENT_LANGUAGE): the answer as its English label.
    expect(card).toContain("→ No, I'm locked out");
    expect(card).not.toContain(SECRET);
  });

  it('after "not solved": the card tells the check walked to its end and that it did not solve it', async () => {
    const customer = new WidgetCustomer(bot.url);
    await customer.start(LOCALES[language]);
    await customer.say(question[language]);
    await customer.click(t('tree.start'));
    await customer.click(choice('can-pass-second-factor', 0));
    await customer.click(t('tree.notSolved'));
    const card = await connect(customer);
    expect(card).toContain(questionWithoutSecret(language));
    expect(card).toContain(entryTitle());
    expect(card).toContain('→ Yes, I still can');
    expect(card).toContain('**not solved**');
    expect(card).not.toContain(SECRET);
  });
});
