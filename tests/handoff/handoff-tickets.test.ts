import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { App } from '../../src/app.js';
import { ChannelConversation } from '../support/channel.js';
import { FakeConnector } from '../support/fake-connector.js';
import { startHttpBot } from '../support/http-bot.js';
import { handoffEnv, lastThread, TeamsAgent, textOf, WidgetCustomer } from './support.js';

let connector: FakeConnector;
const apps: App[] = [];
afterAll(async () => {
  await Promise.all(apps.map((a) => a.stop()));
  await connector?.stop();
});
beforeAll(async () => {
  connector = await FakeConnector.start();
});

async function bot(env: Record<string, string>) {
  const started = await startHttpBot(env);
  apps.push(started.app);
  return started;
}

describe('when nobody takes the case', () => {
  it('offers to leave an e-mail after HANDOFF_WAIT_SECONDS, stores a ticket and lists it to agents', async () => {
    const { app, url } = await bot(handoffEnv(connector, { HANDOFF_WAIT_SECONDS: '1' }));
    const t = (key: string) => app.services.t('en', key);
    const customer = new WidgetCustomer(url);
    await customer.start('en-US');
    await customer.say('my payment reminder is wrong, I want to talk to a human');
    await customer.click(t('handoff.talk'));
    // The sweep (not the customer) moves the case on: the offer arrives by itself.
    await customer.waitFor(t('handoff.offerEmail'));
    await customer.click(t('handoff.leaveEmail'));
    expect((await customer.say('not an address')).map(textOf).join('\n')).toContain(t('handoff.badEmail'));
    const stored = await customer.say('mario.rossi@example.com');
    expect(stored.map(textOf).join('\n')).toMatch(/mario\.rossi@example\.com/);

    const { threadId, card } = lastThread(connector);
    const caseId = (await app.handoff.store.caseOfThread(threadId))!;
    expect(await app.handoff.store.get(caseId)).toMatchObject({ status: 'ticket', email: 'mario.rossi@example.com' });
    expect(textOf(card())).toContain('mario.rossi@example.com');

    const agent = new TeamsAgent(url, connector);
    const listed = await agent.mention('tickets');
    const list = listed.replies.map((r) => r.text ?? '').join('\n');
    expect(list).toContain(`#${caseId}`);
    expect(list).toContain('mario.rossi@example.com');
    expect(list).toContain('my payment reminder is wrong');

    // The bot answers the customer again.
    const answered = await customer.say('how do I change my recovery e-mail?');
    expect(answered.map(textOf).join('\n')).not.toContain(t('handoff.stillWaiting').slice(0, 12));
  });

  it('outside HANDOFF_HOURS offers the e-mail at once', async () => {
    // Open only on a day three days from today (UTC): never now.
    const day = ['Sun', 'Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat'][(new Date().getUTCDay() + 3) % 7];
    const hours = `${day} 08:00-18:00 UTC`;
    const { app, url } = await bot(handoffEnv(connector, { HANDOFF_HOURS: hours }));
    const customer = new WidgetCustomer(url);
    await customer.start('de-DE');
    await customer.say('Mitarbeiter');
    const offered = await customer.click(app.services.t('de', 'handoff.talk'));
    expect(offered.map(textOf).join('\n')).toContain(hours);
    expect(customer.buttons()).toContain(app.services.t('de', 'handoff.leaveEmail'));
  });
});

describe('choosing the agents channel from Teams', () => {
  it('"@Sportello use this channel for hand-offs" sends the next cases there', async () => {
    const { app, url } = await bot({ HANDOFF_AGENT_LANGUAGE: 'en' });
    const customer = new WidgetCustomer(url);
    await customer.start('it-IT');
    // Not set up yet: the old answer, how to reach support from the Manager.
    expect((await customer.say('voglio parlare con un operatore')).map(textOf).join('\n')).toContain(app.services.t('it', 'handoff.how'));

    const channel = new ChannelConversation(url, connector, { conversationType: 'channel', conversationId: '19:chosen@thread.tacv2', locale: 'en-US' });
    const set = await channel.say('use this channel for hand-offs', { mention: 'start' });
    expect(set.replies.map((r) => r.text).join('\n')).toContain(app.services.t('en', 'handoff.agent.channelSet'));

    await customer.say('voglio parlare con un operatore');
    const before = connector.calls.length;
    await customer.click(app.services.t('it', 'handoff.talk'));
    const created = connector.calls.slice(before).find((c) => c.kind === 'create');
    expect(created?.body).toMatchObject({ isGroup: true, channelData: { channel: { id: '19:chosen@thread.tacv2' } } });
  });
});
