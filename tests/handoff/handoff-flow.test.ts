import { describe, expect, it } from 'vitest';
import { lastThread, TeamsAgent, textOf, WidgetCustomer, useHandoffBot } from './support.js';

const bot = useHandoffBot();

const person = { it: 'voglio parlare con un operatore', en: 'human please', fr: 'un conseiller', de: 'Mitarbeiter' } as const;
const question = {
  it: 'come disattivo la verifica in due passaggi? la mia password è Gatto!2024',
  en: 'how do I turn off two-factor authentication? my password is Gatto!2024',
  fr: "comment désactiver l'authentification à deux facteurs ? mon mot de passe est Gatto!2024",
  de: 'wie schalte ich die Zwei-Faktor-Authentifizierung aus? mein Passwort ist Gatto!2024',
} as const;

describe('a customer in the widget reaches an agent in Teams', () => {
  it('tells the case once, relays both ways in order, and asks for a rating on close', async () => {
    const customer = new WidgetCustomer(bot.url);
    await customer.start('it-IT');
    await customer.say(question.it);
    await customer.say(person.it);
    expect(customer.buttons()).toContain('Parla con una persona');
    const queued = await customer.click('Parla con una persona');
    expect(queued.map(textOf).join('\n')).toMatch(/in coda/);

    const { threadId, card } = lastThread(bot.connector);
    const cardText = textOf(card());
    expect(cardText).toContain('come disattivo la verifica in due passaggi?');
    expect(cardText).not.toContain('Gatto!2024');
    expect(cardText).toContain('Take');

    const agent = new TeamsAgent(bot.url, bot.connector);
    await agent.clickCard(threadId, card(), 'Take');
    expect(textOf(card())).toContain('Taken by Anna Rossi');
    await customer.waitFor(/Anna Rossi\*\* del supporto si è unito/);

    for (const n of [1, 2, 3]) await customer.say(`messaggio del cliente ${n}`);
    const inThread = bot.connector.messages(threadId).map((a) => a.text ?? '').filter((t) => t.includes('messaggio del cliente'));
    expect(inThread).toEqual([1, 2, 3].map((n) => `**Customer**: messaggio del cliente ${n}`));

    // What the customer writes to the agent is masked first, like everything else.
    await customer.say('il mio IBAN è CH93 0076 2011 6238 5295 7 e il codice di emergenza è 7391 2046');
    const masked = bot.connector.messages(threadId).at(-1)?.text ?? '';
    expect(masked).toMatch(/^\*\*Customer\*\*: il mio IBAN è /);
    expect(masked).not.toMatch(/6238|7391/);

    for (const n of [1, 2, 3]) await agent.say(threadId, `risposta dell'operatore ${n}`);
    await customer.waitFor("risposta dell'operatore 3");
    const relayed = customer.received.map((a) => a.text ?? '').filter((t) => t.includes("risposta dell'operatore"));
    expect(relayed).toEqual([1, 2, 3].map((n) => `**Anna Rossi**: risposta dell'operatore ${n}`));

    await agent.say(threadId, '/close');
    await customer.waitFor(/Come valuti/);
    await customer.click('4');
    await customer.say('gentilissima, grazie');
    const caseId = (await bot.app.handoff.store.caseOfThread(threadId))!;
    expect((await bot.app.handoff.store.get(caseId))?.rating).toMatchObject({ score: 4, comment: 'gentilissima, grazie' });
    expect(textOf(card())).toContain('Rated 4/5');

    const answered = await customer.say('come cambio la mia e-mail di recupero?');
    expect(answered.map(textOf).join('\n')).not.toMatch(/in coda|Customer/);
    expect(answered.length).toBeGreaterThan(0);
    expect(bot.connector.messages(threadId).some((a) => (a.text ?? '').includes('e-mail di recupero'))).toBe(false);
  });
});
