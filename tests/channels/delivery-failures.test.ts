import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ChannelConversation, channelTexts } from '../support/channel.js';
import { FakeConnector } from '../support/fake-connector.js';
import { HttpBot } from '../support/http-bot.js';

let bot: HttpBot;
let connector: FakeConnector;
beforeAll(async () => {
  [bot, connector] = await Promise.all([HttpBot.start(), FakeConnector.start()]);
});
afterAll(() => Promise.all([bot.stop(), connector.stop()]));

const t = (key: string) => bot.app.services.t('it', key);

/** Starts the 2FA check and answers "yes, I can still pass the second factor": the bot asks "did this solve it?". */
async function atDidItHelp(chat: ChannelConversation) {
  await chat.say('voglio disattivare la 2fa');
  await chat.click(t('tree.start'));
  const leaf = await chat.click('Sì, riesco ancora');
  expect(channelTexts(leaf.replies)).toContain(t('tree.didItHelp'));
}

describe('what the bot sends can never fail a turn', () => {
  it('sends no hand-off event to Teams, whose connector refuses events, and says how to reach a person', async () => {
    // As the real Teams connector: 400 BadArgument for an event activity.
    const chat = new ChannelConversation(bot.url, connector, { channelId: 'msteams' });
    connector.fail({ status: 400, match: (a) => a.postedTo === chat.id && a.type === 'event', times: 1000 });
    await atDidItHelp(chat);
    const notSolved = await chat.click(t('tree.notSolved'));
    expect(notSolved.status).toBe(200);
    expect(notSolved.activities.map((a) => a.type)).toEqual(notSolved.replies.map(() => 'message'));
    expect(connector.calls.filter((c) => c.status !== 200)).toEqual([]);
    expect(channelTexts(notSolved.replies)).toContain(t('handoff.notSolved'));
    expect(channelTexts(notSolved.replies)).not.toContain(t('error.turn'));
  });

  it('keeps the hand-off event on the Emulator, which takes it', async () => {
    const chat = new ChannelConversation(bot.url, connector, { channelId: 'emulator' });
    await atDidItHelp(chat);
    const notSolved = await chat.click(t('tree.notSolved'));
    expect(notSolved.activities.filter((a) => a.type === 'event').map((a) => a.name)).toEqual(['handoff.initiate']);
    expect(channelTexts(notSolved.replies)).not.toContain(t('error.turn'));
  });

  for (const status of [400, 500]) {
    it(`logs a reply the connector answers ${status} to, sends the others and still saves the turn`, async () => {
      const chat = new ChannelConversation(bot.url, connector, { channelId: 'msteams' });
      await chat.say('voglio disattivare la 2fa');
      // The first message of the next turn ("let's check together") is refused, every time the
      // connector client tries it (it retries a 5xx); the question after it must still go.
      const isStartedText = (text: unknown) => typeof text === 'string' && text.includes('verifichiamo insieme');
      connector.fail({ status, match: (a) => a.postedTo === chat.id && isStartedText(a.text), times: 100 });
      const started = await chat.click(t('tree.start'));
      expect(started.status).toBe(200);
      expect(connector.calls.filter((c) => c.status === status && c.conversationId === chat.id).length).toBeGreaterThanOrEqual(1);
      expect(started.replies.some((r) => isStartedText(r.text))).toBe(false);
      expect(channelTexts(started.replies)).toContain('Riesci ancora a superare il secondo fattore');
      expect(channelTexts(started.replies)).not.toContain(t('error.turn'));
      const logged = bot.logs.entries().filter((e) => e.conversation === chat.id && e.msg === 'the connector refused an activity; the turn carries on');
      expect(logged).toHaveLength(1);
      // The tree's position was saved: the next click is the current question's, not a stale one.
      const next = await chat.click('No, sono bloccato');
      expect(channelTexts(next.replies)).not.toContain(t('tree.staleChoice'));
      expect(channelTexts(next.replies)).toContain('codici di emergenza');
    });
  }
});
