import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Language } from '../../src/content/languages.js';
import { ChannelConversation, TEAMS_BOT, buttonTitles, channelTexts, type ChannelOptions } from '../support/channel.js';
import { FakeConnector } from '../support/fake-connector.js';
import { HttpBot } from '../support/http-bot.js';

let bot: HttpBot;
let connector: FakeConnector;
beforeAll(async () => {
  [bot, connector] = await Promise.all([HttpBot.start(), FakeConnector.start()]);
});
afterAll(() => Promise.all([bot.stop(), connector.stop()]));

const t = (language: Language, key: string) => bot.app.services.t(language, key);
const title = (id: string, language: Language) => bot.app.services.kb.get(id)!.text[language].title;
const chat = (options: ChannelOptions) => new ChannelConversation(bot.url, connector, options);

/** Walks the 2FA check by clicking its card buttons, "yes, I can still log in with it", up to "did this solve it?". */
async function walkTo2faLeaf(conversation: ChannelConversation, language: Language, ask: (text: string) => Promise<unknown>) {
  const tree = bot.app.services.trees.get('2fa-recovery')!;
  const start = tree.nodes.get(tree.start)!;
  if (start.type !== 'question') throw new Error('2fa-recovery starts with a question');
  await ask(language === 'it' ? 'come disattivo la 2fa?' : 'how do I turn off two-factor authentication?');
  expect(buttonTitles(conversation.last)).toContain(t(language, 'tree.start'));
  const question = await conversation.click(t(language, 'tree.start'));
  expect(channelTexts(question.replies)).toContain(start.text[language]);
  const leaf = await conversation.click(start.choices.find((c) => c.next === 'remove-in-manager')!.label[language]);
  expect(channelTexts(leaf.replies)).toContain(t(language, 'tree.didItHelp'));
  return leaf;
}

function expectNoApology(conversation: ChannelConversation, language: Language) {
  expect(channelTexts(connector.messages().filter((m) => m.conversation?.id?.startsWith(conversation.id)))).not.toContain(t(language, 'error.turn'));
}

describe('Teams personal chat, through the connector', () => {
  for (const [language, question] of [
    ['it', 'dove trovo il codice supporto?'],
    ['en', 'where do I find my support code?'],
  ] as const) {
    it(`answers in ${language} with an answer card`, async () => {
      const personal = chat({ channelId: 'msteams', conversationType: 'personal', locale: `${language}-${language.toUpperCase()}` });
      const turn = await personal.say(question);
      expect(turn.replies[0]!.attachments?.[0]?.contentType).toBe('application/vnd.microsoft.card.adaptive');
      expect(channelTexts(turn.replies)).toContain(title('support-code', language));
      expect(turn.replies.every((r) => r.postedTo === personal.id && r.postedReplyTo === turn.sent.id)).toBe(true);
    });
  }

  it('walks a guided check by card clicks to "solved", keeping the language, without an apology', async () => {
    const personal = chat({ channelId: 'msteams', conversationType: 'personal', locale: 'it-IT' });
    await walkTo2faLeaf(personal, 'en', (text) => personal.say(text));
    const solved = await personal.click(t('en', 'tree.yesSolved'));
    expect(channelTexts(solved.replies)).toContain(t('en', 'tree.solved'));
    expectNoApology(personal, 'en');
  });

  it('walks a guided check by card clicks to "not solved": the way to a person, no event, no apology', async () => {
    const personal = chat({ channelId: 'msteams', conversationType: 'personal', locale: 'it-IT' });
    await walkTo2faLeaf(personal, 'it', (text) => personal.say(text));
    const notSolved = await personal.click(t('it', 'tree.notSolved'));
    expect(channelTexts(notSolved.replies)).toContain(t('it', 'handoff.notSolved'));
    expect(notSolved.activities.map((a) => a.type)).not.toContain('event');
    expectNoApology(personal, 'it');
  });

  it('welcomes with the topic menu when installed in a personal chat', async () => {
    const personal = chat({ channelId: 'msteams', conversationType: 'personal', locale: 'it-IT' });
    const installed = await personal.membersAdded([TEAMS_BOT]);
    expect(channelTexts(installed.replies)).toContain(t('it', 'welcome.text'));
  });

  it('does not answer a card the agent inserted from the compose-box search', async () => {
    const personal = chat({ channelId: 'msteams', conversationType: 'personal', locale: 'it-IT' });
    const found = await personal.invoke('composeExtension/query', { commandId: 'searchKnowledge', parameters: [{ name: 'query', value: 'newsletter' }] });
    const card = found.body as { composeExtension: { attachments: Array<{ contentType: string; content: unknown }> } };
    const attachment = card.composeExtension.attachments[0]!;
    // The text is the placeholder Teams (and the Agents Playground) put where the card was inserted.
    const placeholder = '\n<span class="inline-compose-card" itemid="0" itemtype="http://schema.skype.com/InputExtension">\n  <span content="0" itemprop="cardId"></span>\n</span>\n';
    for (const text of ['', placeholder]) {
      const inserted = await personal.post({ type: 'message', text, attachments: [{ contentType: attachment.contentType, content: attachment.content }] });
      expect(inserted.status).toBe(200);
      expect(inserted.activities).toEqual([]);
    }
  });
});

for (const conversationType of ['groupChat', 'channel'] as const) {
  describe(`Teams ${conversationType}, through the connector`, () => {
    it('stays quiet when nobody mentions the bot', async () => {
      const shared = chat({ channelId: 'msteams', conversationType, locale: 'it-IT' });
      const turn = await shared.say('dove trovo il codice supporto?');
      expect(turn.status).toBe(200);
      expect(turn.activities).toEqual([]);
    });

    for (const mention of ['start', 'middle'] as const) {
      it(`answers a mention at the ${mention} of the message, in the thread`, async () => {
        const shared = chat({ channelId: 'msteams', conversationType, locale: 'it-IT' });
        const turn = await shared.say('scusate dove trovo il codice supporto?', { mention });
        expect(channelTexts(turn.replies)).toContain(title('support-code', 'it'));
        // Replies go to the thread of the post: "<channel>;messageid=<post>" in a channel, as replies to the message.
        const expectedConversation = conversationType === 'channel' ? `${shared.id};messageid=${turn.sent.id}` : shared.id;
        expect(turn.replies.map((r) => [r.postedTo, r.postedReplyTo])).toEqual(turn.replies.map(() => [expectedConversation, turn.sent.id]));
      });
    }

    it('walks a guided check by card clicks (which carry no mention) to the end', async () => {
      const shared = chat({ channelId: 'msteams', conversationType, locale: 'it-IT' });
      await walkTo2faLeaf(shared, 'it', (text) => shared.say(text, { mention: 'start' }));
      const solved = await shared.click(t('it', 'tree.yesSolved'));
      expect(channelTexts(solved.replies)).toContain(t('it', 'tree.solved'));
      expectNoApology(shared, 'it');
    });

    it('answers a bare mention with help', async () => {
      const shared = chat({ channelId: 'msteams', conversationType, locale: 'en-US' });
      const turn = await shared.say('', { mention: 'start' });
      expect(channelTexts(turn.replies)).toContain(t('en', 'help.text'));
      expect(channelTexts(turn.replies)).not.toContain(t('en', 'fallback.noText'));
    });

    it('says a short hello once when the bot itself is added, and nothing when a person joins', async () => {
      const shared = chat({ channelId: 'msteams', conversationType, locale: 'it-IT' });
      const person = await shared.membersAdded([{ id: '29:new-colleague', name: 'New Colleague' }]);
      expect(person.activities).toEqual([]);
      const added = await shared.membersAdded([TEAMS_BOT]);
      expect(channelTexts(added.replies)).toBe(t('it', 'welcome.team'));
    });
  });
}

describe('the Bot Framework Emulator, through the connector', () => {
  it('answers, walks a check to "not solved" and sends the hand-off event, as the Emulator takes it', async () => {
    const emulator = chat({ channelId: 'emulator', locale: 'fr-FR' });
    const answer = await emulator.say('où trouver mon code support ?');
    expect(channelTexts(answer.replies)).toContain(title('support-code', 'fr'));
    await walkTo2faLeaf(emulator, 'en', (text) => emulator.say(text));
    const notSolved = await emulator.click(t('en', 'tree.notSolved'));
    expect(notSolved.activities.filter((a) => a.type === 'event').map((a) => a.name)).toEqual(['handoff.initiate']);
    expectNoApology(emulator, 'en');
  });
});
