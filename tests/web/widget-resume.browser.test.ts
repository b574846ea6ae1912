import { createServer, type Server } from 'node:http';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Content } from '../../src/content/load-content.js';
import { createTranslator } from '../../src/i18n/i18n.js';
import { collectProblems, haveChromium, launchChromium, shown, webChat } from '../support/chromium.js';
import { projectContent } from '../support/content.js';
import { startBotProcess, type BotProcess } from '../support/bot-process.js';
import { freePort } from '../support/redis-server.js';

/** How long to wait for the page (expect.poll's default second is too short on busy cores). */
const WAIT = { timeout: 60_000 };

describe.skipIf(!haveChromium)('the web widget keeps its conversation', () => {
  let bot: BotProcess;
  let browser: Browser;
  let content: Content;
  let welcome: RegExp;
  let sitePort: number;

  beforeAll(async () => {
    // The help centre's port is chosen first: WIDGET_ALLOWED_ORIGINS must name it, or its pages may not frame the chat.
    sitePort = await freePort();
    // With a secret, as in production: the saved token is what reopens the conversation.
    bot = await startBotProcess({ DIRECTLINE_SECRET: 'widget-resume-test-secret-0123456789ab', WIDGET_ALLOWED_ORIGINS: `http://127.0.0.1:${sitePort}` });
    browser = await launchChromium();
    content = await projectContent();
    welcome = shown((await createTranslator(content.locales, 'it'))('it', 'welcome.text'), 40);
  }, 120_000);

  afterAll(async () => {
    await browser?.close();
    await bot?.stop();
  });

  const title = (entry: string) => shown(content.kb.get(entry)!.text.it.title);
  /** The conversation the page saved (a string expression: the tests have no DOM types). */
  const conversationIdIn = (page: Page) =>
    page.evaluate<string | undefined>("JSON.parse(localStorage.getItem('sportello.conversation') || '{}').conversationId");

  it('after a reload: the same conversation, its whole history once, no second greeting, and it carries on', async () => {
    const context = await browser.newContext({ locale: 'it-IT' });
    const page = await context.newPage();
    const problems = collectProblems(page);
    const chat = webChat(page);
    await page.goto(bot.url);
    await chat.see(welcome);
    await chat.ask('dove trovo il codice supporto?', title('support-code'));
    await chat.ask('come cambio la mail di recupero?', title('recovery-email'));
    const before = await chat.bubbles();
    const conversation = await conversationIdIn(page);
    expect(conversation).toBeTruthy();

    await page.reload();
    await expect.poll(() => chat.bubbles(), WAIT).toEqual(before);
    expect(await conversationIdIn(page)).toBe(conversation);
    await chat.ask('come disattivo la doppia autenticazione?', title('2fa-disable'));
    const after = await chat.bubbles();
    expect(after.slice(0, before.length)).toEqual(before);
    expect(after.filter((text) => welcome.test(text))).toHaveLength(1);
    expect(problems).toEqual([]);
    await context.close();
  }, 120_000);

  it('starts afresh when the customer ends the conversation', async () => {
    const context = await browser.newContext({ locale: 'it-IT' });
    const page = await context.newPage();
    const chat = webChat(page);
    await page.goto(bot.url);
    await chat.see(welcome);
    await chat.ask('dove trovo il codice supporto?', title('support-code'));
    const first = await conversationIdIn(page);

    const newChat = content.locales.strings.it.web as Record<string, string>;
    await Promise.all([page.waitForEvent('load'), page.getByRole('button', { name: newChat.newChat }).click()]);
    await chat.see(welcome);
    await expect.poll(() => conversationIdIn(page), WAIT).not.toBe(first);
    expect(await conversationIdIn(page)).toBeTruthy();
    expect((await chat.bubbles()).some((text) => text.includes('dove trovo il codice supporto?'))).toBe(false);
    await context.close();
  }, 120_000);

  it('follows the customer to another page of a site that embeds it: open, same conversation, same history', async () => {
    // Two pages of a help centre on another origin, each with the one-tag embed.
    const site: Server = createServer((req, res) => {
      res.writeHead(200, { 'Content-Type': 'text/html; charset=utf-8' });
      res.end(`<!doctype html><html><body><h1>${req.url}</h1><a href="/billing">billing</a><script src="${bot.url}/embed.js" data-lang="it" async></script></body></html>`);
    });
    await new Promise<void>((resolve) => site.listen(sitePort, '127.0.0.1', resolve));
    const siteUrl = `http://127.0.0.1:${sitePort}`;
    const context = await browser.newContext({ locale: 'it-IT' });
    try {
      const page = await context.newPage();
      await page.goto(`${siteUrl}/help`);
      const strings = content.locales.strings.it.web as Record<string, string>;
      await page.getByRole('button', { name: strings.open }).click();
      const chat = webChat(page.frameLocator('#sportello-frame'));
      await chat.see(welcome);
      await chat.ask('dove trovo il codice supporto?', title('support-code'));
      const before = await chat.bubbles();

      await page.getByRole('link', { name: 'billing' }).click();
      await page.waitForURL(`${siteUrl}/billing`);
      // Open by itself where the customer left it, with the conversation as it was.
      await page.getByRole('button', { name: strings.close }).waitFor();
      await expect.poll(() => webChat(page.frameLocator('#sportello-frame')).bubbles(), WAIT).toEqual(before);
    } finally {
      await context.close();
      await new Promise((resolve) => site.close(resolve));
    }
  }, 120_000);
});
