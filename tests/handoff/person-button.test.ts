import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Language } from '../../src/content/languages.js';
import { ChannelConversation, buttonTitles, channelTexts } from '../support/channel.js';
import { FakeConnector } from '../support/fake-connector.js';
import { HttpBot } from '../support/http-bot.js';
import { handoffEnv } from './support.js';

let bot: HttpBot;
let connector: FakeConnector;
beforeAll(async () => {
  connector = await FakeConnector.start();
  bot = await HttpBot.start({ env: handoffEnv(connector) });
});
afterAll(() => Promise.all([bot?.stop(), connector?.stop()]));

const t = (language: Language, key: string) => bot.app.services.t(language, key);
/** A customer on the Emulator: replies come back through the (fake) connector, as the Emulator takes them. */
const customer = (locale: string) => new ChannelConversation(bot.url, connector, { channelId: 'emulator', locale });

describe('the "Talk to a person" button when the bot cannot help', () => {
  it('is not offered after one message the bot cannot answer, and is after the second in a row', async () => {
    const emulator = customer('fr-FR');
    const first = await emulator.say('quel temps fera-t-il demain à Lausanne ?');
    expect(channelTexts(first.replies)).toContain(t('fr', 'none.text'));
    expect(buttonTitles(first.replies)).not.toContain(t('fr', 'handoff.talk'));
    const second = await emulator.say('et après-demain, il pleuvra à Genève ?');
    expect(channelTexts(second.replies)).toContain(t('fr', 'none.text'));
    expect(buttonTitles(second.replies)).toContain(t('fr', 'handoff.talk'));
    // The button leads to the case summary and its confirmation, not to a guess of the classifier.
    const offered = await emulator.click(t('fr', 'handoff.talk'));
    expect(buttonTitles(offered.replies)).toContain(t('fr', 'handoff.noThanks'));
  });

  it('starts counting again after an answer: an answer between two misses offers no person', async () => {
    const emulator = customer('en-US');
    await emulator.say("what's the weather like in Lausanne tomorrow?");
    const answered = await emulator.say('where do I find my support code?');
    expect(channelTexts(answered.replies)).toContain(bot.app.services.kb.get('support-code')!.text.en.title);
    const miss = await emulator.say('and will it rain in Geneva on Sunday?');
    expect(buttonTitles(miss.replies)).not.toContain(t('en', 'handoff.talk'));
  });

  it('is offered when the customer rejects a "did you mean…"', async () => {
    const emulator = customer('en-US');
    // A verb many entries use: the bot asks which one is meant.
    const clarify = await emulator.say('remove');
    expect(channelTexts(clarify.replies)).toContain(t('en', 'clarify.text'));
    expect(buttonTitles(clarify.replies)).not.toContain(t('en', 'handoff.talk'));
    const rejected = await emulator.click(t('en', 'clarify.none'));
    expect(channelTexts(rejected.replies)).toContain(t('en', 'none.afterClarify'));
    expect(buttonTitles(rejected.replies)).toContain(t('en', 'handoff.talk'));
  });
});
