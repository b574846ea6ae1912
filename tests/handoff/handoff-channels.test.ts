import { describe, expect, it } from 'vitest';
import { ChannelConversation, channelTexts } from '../support/channel.js';
import { lastThread, TeamsAgent, useHandoffBot } from './support.js';

const bot = useHandoffBot();

describe('customers on other channels get the same hand-off', () => {
  it('in a Teams personal chat: card buttons, the agent joins and talks through the connector, no events sent to Teams', async () => {
    const customer = new ChannelConversation(bot.url, bot.connector, { conversationType: 'personal', locale: 'fr-FR' });
    customer.user = { id: '29:client', name: 'Client', aadObjectId: 'aad-client' };
    await customer.say("je n'arrive pas à quitter mon organisation");
    const confirm = await customer.say('je veux parler à un conseiller');
    expect(confirm.status).toBe(200);
    await customer.click(bot.app.services.t('fr', 'handoff.talk'));
    expect(channelTexts(customer.last)).toContain('file');

    const { threadId, card } = lastThread(bot.connector);
    const agent = new TeamsAgent(bot.url, bot.connector);
    await agent.clickCard(threadId, card(), 'Take');
    await agent.say(threadId, 'Bonjour, je regarde votre organisation');
    const toCustomer = await bot.connector.waitForActivities(2, (a) => a.postedTo === customer.id && /Anna Rossi/.test(a.text ?? ''));
    expect(toCustomer.map((a) => a.text)).toEqual([
      bot.app.services.t('fr', 'handoff.joined').replace('{{name}}', 'Anna Rossi'),
      '**Anna Rossi** : Bonjour, je regarde votre organisation',
    ]);
    await customer.say('merci, je suis le dernier propriétaire');
    expect(bot.connector.messages(threadId).map((a) => a.text)).toContain('**Customer**: merci, je suis le dernier propriétaire');
    expect(bot.connector.activities(customer.id).filter((a) => a.type === 'event')).toEqual([]);
  });

  it('on the Emulator: the same flow, and the handoff.initiate and handoff.status events', async () => {
    const customer = new ChannelConversation(bot.url, bot.connector, { channelId: 'emulator', locale: 'en-US' });
    await customer.say('talk to a person');
    const opened = await customer.click(bot.app.services.t('en', 'handoff.talk'));
    expect(opened.activities.some((a) => a.type === 'event' && a.name === 'handoff.initiate')).toBe(true);
    const { threadId, card } = lastThread(bot.connector);
    await new TeamsAgent(bot.url, bot.connector).clickCard(threadId, card(), 'Take');
    const status = await bot.connector.waitForActivities(1, (a) => a.postedTo === customer.id && a.name === 'handoff.status');
    expect(status[0]?.value).toMatchObject({ state: 'accepted' });
  });
});
