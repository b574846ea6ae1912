import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { App } from '../../src/app.js';
import { ChannelConversation, channelTexts } from '../support/channel.js';
import { FakeConnector } from '../support/fake-connector.js';
import { startHttpBot } from '../support/http-bot.js';
import { handoffEnv, lastThread, TeamsAgent } from './support.js';

let connector: FakeConnector;
let app: App;
let url: string;

beforeAll(async () => {
  connector = await FakeConnector.start();
  ({ app, url } = await startHttpBot(handoffEnv(connector)));
});
afterAll(async () => {
  await app?.stop();
  await connector?.stop();
});

describe('customers on other channels get the same hand-off', () => {
  it('in a Teams personal chat: card buttons, the agent joins and talks through the connector, no events sent to Teams', async () => {
    const customer = new ChannelConversation(url, connector, { conversationType: 'personal', locale: 'fr-FR' });
    customer.user = { id: '29:client', name: 'Client', aadObjectId: 'aad-client' };
    await customer.say("je n'arrive pas à quitter mon organisation");
    const confirm = await customer.say('je veux parler à un conseiller');
    expect(confirm.status).toBe(200);
    await customer.click(app.services.t('fr', 'handoff.talk'));
    expect(channelTexts(customer.last)).toContain('file');

    const { threadId, card } = lastThread(connector);
    const agent = new TeamsAgent(url, connector);
    await agent.clickCard(threadId, card(), 'Take');
    await agent.say(threadId, 'Bonjour, je regarde votre organisation');
    const toCustomer = await connector.waitForActivities(2, (a) => a.postedTo === customer.id && /Anna Rossi/.test(a.text ?? ''));
    expect(toCustomer.map((a) => a.text)).toEqual([
      app.services.t('fr', 'handoff.joined').replace('{{name}}', 'Anna Rossi'),
      '**Anna Rossi** : Bonjour, je regarde votre organisation',
    ]);
    await customer.say('merci, je suis le dernier propriétaire');
    expect(connector.messages(threadId).map((a) => a.text)).toContain('**Customer**: merci, je suis le dernier propriétaire');
    expect(connector.activities(customer.id).filter((a) => a.type === 'event')).toEqual([]);
  });

  it('on the Emulator: the same flow, and the handoff.initiate and handoff.status events', async () => {
    const customer = new ChannelConversation(url, connector, { channelId: 'emulator', locale: 'en-US' });
    await customer.say('talk to a person');
    const opened = await customer.click(app.services.t('en', 'handoff.talk'));
    expect(opened.activities.some((a) => a.type === 'event' && a.name === 'handoff.initiate')).toBe(true);
    const { threadId, card } = lastThread(connector);
    await new TeamsAgent(url, connector).clickCard(threadId, card(), 'Take');
    const status = await connector.waitForActivities(1, (a) => a.postedTo === customer.id && a.name === 'handoff.status');
    expect(status[0]?.value).toMatchObject({ state: 'accepted' });
  });
});
