import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ChannelConversation, buttonTitles, channelTexts } from '../support/channel.js';
import { FakeConnector } from '../support/fake-connector.js';
import { HttpBot } from '../support/http-bot.js';

let bot: HttpBot;
let connector: FakeConnector;
beforeAll(async () => {
  [bot, connector] = await Promise.all([HttpBot.start(), FakeConnector.start()]);
});
afterAll(() => Promise.all([bot.stop(), connector.stop()]));

// Each dialog turn ends with a trace the Emulator alone should see; once it is dropped, the
// batch that carried it is empty, and the SDK throws on an empty batch. Only the connector path
// shows it: expectReplies never asks the adapter to send anything.
describe('a turn whose last batch held only the dialog trace, through the connector', () => {
  it('answers on Teams without apologising and posts no trace', async () => {
    const chat = new ChannelConversation(bot.url, connector, { channelId: 'msteams', conversationType: 'personal' });
    const turn = await chat.say('dove trovo il codice supporto?');
    expect(turn.status).toBe(200);
    expect(channelTexts(turn.replies)).toContain(bot.app.services.kb.get('support-code')!.text.it.title);
    expect(channelTexts(turn.replies)).not.toContain(bot.app.services.t('it', 'error.turn'));
    expect(turn.activities.map((a) => a.type)).toEqual(['message']);
    expect(bot.logs.text).not.toContain('turn failed');
  });

  it('saves the state, so a guided tree walks on by clicks in the language the customer wrote', async () => {
    // The channel says Italian; the customer writes English, and the saved language must win at every click.
    const chat = new ChannelConversation(bot.url, connector, { channelId: 'msteams', conversationType: 'personal', locale: 'it-IT' });
    const tree = bot.app.services.trees.get('2fa-recovery')!;
    const t = bot.app.services.t;
    await chat.say("I'm locked out of two-factor authentication, I lost my phone");
    expect(buttonTitles(chat.last)).toContain(t('en', 'tree.start'));
    const first = await chat.click(t('en', 'tree.start'));
    const question = tree.nodes.get(tree.start)!;
    if (question.type !== 'question') throw new Error('2fa-recovery starts with a question');
    expect(channelTexts(first.replies)).toContain(question.text.en);
    const lockedOut = question.choices.find((c) => c.next === 'support-policy')!;
    const second = await chat.click(lockedOut.label.en);
    expect(channelTexts(second.replies)).not.toContain(t('en', 'tree.staleChoice'));
    const next = tree.nodes.get('has-emergency-codes')!;
    expect(channelTexts(second.replies)).toContain(next.type === 'question' ? next.text.en : 'a question');
    expect(channelTexts([...first.replies, ...second.replies])).not.toContain(t('en', 'error.turn'));
  });
});
