import { describe, expect, it } from 'vitest';
import { ADAPTIVE_CARD_CONTENT_TYPE } from '../../src/replies/adaptive-card.js';
import { lastThread, TeamsAgent, textOf, WidgetCustomer, useHandoffBot } from './support.js';

const bot = useHandoffBot();

/** A widget customer whose case an agent (Anna Rossi) has taken; the case's thread and card. */
async function takenCase() {
  const customer = new WidgetCustomer(bot.url);
  await customer.start('en-US');
  await customer.say('how do I change my recovery e-mail?');
  await customer.say('human please');
  await customer.click(bot.app.services.t('en', 'handoff.talk'));
  const thread = lastThread(bot.connector);
  const agent = new TeamsAgent(bot.url, bot.connector);
  await agent.clickCard(thread.threadId, thread.card(), 'Take');
  await customer.waitFor(/Anna Rossi\*\* from support has joined/);
  return { customer, agent, ...thread };
}

describe('the agent side of a case, in Teams', () => {
  it('relays an answer card the agent inserted from the compose-box search to the customer as a card', async () => {
    const { customer, agent, threadId } = await takenCase();
    // The agent searches the knowledge base (as the compose box does) and sends the card into the thread.
    const search = await agent.say(threadId, '', {
      type: 'invoke',
      name: 'composeExtension/query',
      value: { commandId: 'searchKnowledge', parameters: [{ name: 'query', value: 'newsletter' }] },
    });
    const card = (search.body as { composeExtension: { attachments: Array<{ contentType: string; content: unknown }> } }).composeExtension.attachments[0]!;
    const placeholder = '<span class="inline-compose-card" itemid="0" itemtype="http://schema.skype.com/InputExtension"><span content="0" itemprop="cardId"></span></span>';
    await agent.say(threadId, placeholder, { attachments: [{ contentType: card.contentType, content: card.content }] });
    const relayed = await customer.waitFor(bot.app.services.kb.get('newsletter')!.text.en.title);
    expect(relayed.attachments?.map((a) => a.contentType)).toEqual([ADAPTIVE_CARD_CONTENT_TYPE]);
    expect(relayed.attachments?.[0]?.content).toMatchObject({ type: 'AdaptiveCard', version: (card.content as { version: string }).version });
    // The bot did not answer the card in the thread as if it were a question.
    expect(bot.connector.messages(threadId).filter((a) => textOf(a).includes(bot.app.services.t('en', 'none.text')))).toEqual([]);
  });

  it('closes the case with the card\'s Close button: the card says so, the customer is asked to rate', async () => {
    const { customer, agent, threadId, card } = await takenCase();
    expect(textOf(card())).toContain('Close');
    await agent.clickCard(threadId, card(), 'Close');
    await customer.waitFor(bot.app.services.t('en', 'handoff.closed', { name: 'Anna Rossi' }));
    const caseId = (await bot.app.handoff.store.caseOfThread(threadId))!;
    expect((await bot.app.handoff.store.get(caseId))?.status).toBe('closed');
    // The card, updated in place, says who closed it and offers no Close any more.
    expect(textOf(card())).toContain(bot.app.services.t('en', 'handoff.agent.closedBy', { name: 'Anna Rossi' }));
    expect(() => agent.clickCard(threadId, card(), 'Close')).toThrow(/no "Close"/);
    await customer.click('5');
    await customer.click(bot.app.services.t('en', 'handoff.noThanks'));
    expect((await bot.app.handoff.store.get(caseId))?.rating).toMatchObject({ score: 5 });
  });
});
