import { copyFile, mkdir } from 'node:fs/promises';
import path from 'node:path';
import type { Activity } from '../../src/sdk/activity.js';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Language } from '../../src/content/languages.js';
import { MAX_RESULTS, SEARCH_COMMAND_ID, SEARCH_PARAMETER } from '../../src/teams/search-extension.js';
import { AgentsPlayground, PlaygroundPage, said } from '../support/agents-playground.js';
import { haveChromium, launchChromium } from '../support/chromium.js';
import { HttpBot } from '../support/http-bot.js';

const ARTIFACTS = path.resolve('tests/artifacts');

/**
 * Microsoft's own Teams emulator (the Microsoft 365 Agents Playground) against the real bot,
 * driven through its web page in headless Chromium: what Teams users do, delivered through the
 * Playground's connector as Teams delivers it. The same run as README "Teams without a tenant".
 */
describe.skipIf(!haveChromium)('the bot in the Microsoft 365 Agents Playground', () => {
  let bot: HttpBot;
  let playground: AgentsPlayground;
  let browser: Browser;
  let ui: PlaygroundPage;

  const t = (language: Language, key: string) => bot.app.services.t(language, key);
  const title = (id: string, language: Language) => bot.app.services.kb.get(id)!.text[language].title;
  const words = (activities: Activity[]) => activities.map(said).join('\n');
  /** Whether the Playground delivered a message that does not mention the bot (reported, not required). */
  const delivered: Record<string, boolean> = {};
  const shot = (name: string) => ui.screenshot(path.join(ARTIFACTS, `playground-${name}.png`));

  beforeAll(async () => {
    await mkdir(ARTIFACTS, { recursive: true });
    bot = await HttpBot.start();
    [playground, browser] = await Promise.all([AgentsPlayground.start(bot.url), launchChromium()]);
    const page = await browser.newPage({ viewport: { width: 1400, height: 1000 } });
    ui = await PlaygroundPage.open(page, playground.url);
  });

  afterAll(async () => {
    await browser?.close();
    await playground?.stop();
    await bot?.stop();
  });

  /** Walks the 2FA check by clicking, "yes, I can still pass the second factor", to "did this solve it?". */
  async function walkTo2faLeaf(language: Language) {
    const tree = bot.app.services.trees.get('2fa-recovery')!;
    const start = tree.nodes.get(tree.start)!;
    if (start.type !== 'question') throw new Error('2fa-recovery starts with a question');
    const asked = await ui.say(language === 'it' ? 'come disattivo la 2fa?' : 'how do I turn off two-factor authentication?');
    expect(words(ui.repliesTo(asked))).toContain(title('2fa-disable', language));
    const guided = await ui.click(t(language, 'tree.start'));
    expect(guided.value).toBeDefined();
    expect(words(ui.repliesTo(guided))).toContain(start.text[language]);
    const choice = await ui.click(start.choices.find((c) => c.next === 'remove-in-manager')!.label[language]);
    expect(words(ui.repliesTo(choice))).toContain(t(language, 'tree.didItHelp'));
  }

  it('welcomes the personal chat it is installed in', async () => {
    const welcome = await ui.installed();
    expect(said(welcome)).toContain(t('it', 'welcome.text').slice(0, 20));
  });

  async function answersSupportCode(language: Language, question: string) {
    const asked = await ui.say(question);
    const replies = ui.repliesTo(asked);
    expect(replies[0]?.attachments?.[0]?.contentType).toBe('application/vnd.microsoft.card.adaptive');
    expect(words(replies)).toContain(title('support-code', language));
  }

  it('answers in Italian in the personal chat, with an answer card', async () => {
    await answersSupportCode('it', 'dove trovo il codice supporto?');
  });

  it('walks a guided check by card clicks to "solved", in Italian', async () => {
    await walkTo2faLeaf('it');
    const solved = await ui.click(t('it', 'tree.yesSolved'));
    expect(words(ui.repliesTo(solved))).toContain(t('it', 'tree.solved'));
    await shot('tree-solved');
  });

  it('answers in English in the same chat', async () => {
    await answersSupportCode('en', 'where do I find my support code?');
    await shot('personal-english');
  });

  it('walks a guided check by card clicks to "not solved", in English', async () => {
    await walkTo2faLeaf('en');
    const notSolved = await ui.click(t('en', 'tree.notSolved'));
    expect(words(ui.repliesTo(notSolved))).toContain(t('en', 'handoff.notSolved'));
    await shot('tree-not-solved');
  });

  it('lists entries from the compose-box search and inserts the card, which the bot does not answer', async () => {
    const search = await ui.search('2fa', SEARCH_COMMAND_ID, SEARCH_PARAMETER);
    expect(search.status).toBe(200);
    const results = (search.body as { composeExtension: { attachments: Array<{ preview: { content: { title: string } } }> } }).composeExtension.attachments;
    expect(results.length).toBeGreaterThan(0);
    expect(results.length).toBeLessThanOrEqual(MAX_RESULTS);
    const first = results[0]!.preview.content.title;
    expect([title('2fa-disable', 'it'), title('2fa-disable', 'en')]).toContain(first);
    await ui.resultShown(first);
    await shot('search-results');
    const inserted = await ui.insertResult(first);
    expect(inserted.attachments?.[0]?.contentType).toBe('application/vnd.microsoft.card.adaptive');
    expect(ui.repliesTo(inserted)).toEqual([]);
    await shot('search-inserted');
  });

  for (const [conversation, box] of [
    ['Group Chat', 'reply'],
    ['General', 'newPost'],
  ] as const) {
    describe(conversation === 'General' ? 'a team channel' : 'a group chat', () => {
      it('stays quiet without a mention', async () => {
        await ui.openConversation(conversation);
        const before = ui.outgoing.length;
        // Teams (and the Playground) may not even deliver it: the bot is only sure to get mentions.
        const unmentioned = await ui.say('dove trovo il codice fiscale?', { box, wait: false });
        const mentioned = await ui.say('dove trovo il codice supporto?', { mention: 'start', box });
        // Every activity the Playground posts shows in its log once the bot answered it, after that turn's replies:
        // by now the first message's turn (if it was delivered at all) is over too.
        expect(unmentioned).toBeUndefined();
        const sinceThen = ui.outgoing.slice(before).map((l) => l.request.body);
        expect(sinceThen.length).toBeGreaterThan(0);
        expect(sinceThen.filter((a) => a.replyToId !== mentioned.id)).toEqual([]);
        delivered[conversation] = ui.incoming.some((l) => l.request.body.text?.includes('codice fiscale'));
      });

      for (const mention of ['start', 'middle'] as const) {
        it(`answers a mention at the ${mention} of the message, in its thread`, async () => {
          const asked = await ui.say('scusate dove trovo il codice supporto?', { mention, box });
          expect(asked.entities?.some((e) => e.type === 'mention')).toBe(true);
          const replies = ui.repliesTo(asked);
          expect(words(replies)).toContain(title('support-code', 'it'));
          // Replies answer the message; in a channel they go to the post's thread, "<channel>;messageid=<post>".
          expect(replies.map((r) => r.conversation.id)).toEqual(replies.map(() => asked.conversation.id));
          if (conversation === 'General') expect(asked.conversation.id).toContain(';messageid=');
          await shot(`${conversation === 'General' ? 'channel' : 'group'}-mention-${mention}`);
        });
      }
    });
  }

  it('never apologised, and the Playground took every activity the bot sent', () => {
    expect(ui.pageErrors).toEqual([]);
    const apology = t('it', 'error.turn');
    expect(ui.outgoing.map((l) => said(l.request.body)).filter((s) => s.includes(apology) || s.includes(t('en', 'error.turn')))).toEqual([]);
    expect(ui.incoming.filter((l) => l.response?.statusCode !== 200).map((l) => `${l.activityName} ${l.response?.statusCode}`)).toEqual([]);
    expect(ui.outgoing.filter((l) => (l.response?.statusCode ?? 0) >= 300).map((l) => `${l.activityName} ${l.response?.statusCode}`)).toEqual([]);
  });

  afterAll(async () => {
    console.info(`Agents Playground: messages without a mention delivered to the bot: ${JSON.stringify(delivered)}`);
    if (process.env.UPDATE_DOCS_SCREENSHOT) await copyFile(path.join(ARTIFACTS, 'playground-tree-solved.png'), path.resolve('docs/playground.png'));
  });
});
