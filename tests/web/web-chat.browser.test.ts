import { copyFile, mkdir } from 'node:fs/promises';
import path from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTranslator } from '../../src/i18n/i18n.js';
import { projectContent } from '../support/content.js';
import { startBotProcess, type BotProcess } from '../support/bot-process.js';
import { haveChromium, launchChromium, shown } from '../support/chromium.js';

const ARTIFACTS = path.resolve('tests/artifacts');

describe.skipIf(!haveChromium)('the web chat page served by the bot', () => {
  let bot: BotProcess;
  let browser: Browser;
  let page: Page;

  beforeAll(async () => {
    // With a secret, as in production: the page must get its token from the bot.
    bot = await startBotProcess({ DIRECTLINE_SECRET: 'browser-test-secret-of-at-least-32-characters' });
    browser = await launchChromium();
    const context = await browser.newContext({ locale: 'it-IT', viewport: { width: 820, height: 1100 } });
    page = await context.newPage();
  }, 120_000);

  afterAll(async () => {
    await browser?.close();
    await bot?.stop();
  });

  it('walks the 2FA tree in Italian by clicking, then answers in French after the language switch', async () => {
    const content = await projectContent();
    const t = await createTranslator(content.locales, 'it');
    const problems: string[] = [];
    page.on('pageerror', (error) => problems.push(error.message));
    page.on('console', (message) => {
      if (message.type() === 'error') problems.push(message.text());
    });

    /** Waits for text in the transcript (Web Chat also keeps hidden copies for screen readers). */
    const see = (text: string | RegExp) => page.getByText(text).filter({ visible: true }).first().waitFor();
    /** Clicks the newest visible button with this label (a suggested action of the last question). */
    const press = (label: string) => page.getByRole('button', { name: label, exact: true }).filter({ visible: true }).last().click();

    await page.goto(bot.url);
    // The language comes from the browser (it-IT), and the bot greets in it.
    await expect.poll(() => page.locator('#language').inputValue()).toBe('it');
    await see(shown(t('it', 'welcome.text'), 40));

    const sendBox = page.locator('[data-id="webchat-sendbox-input"]');
    await sendBox.fill('non riesco più a disattivare la doppia autenticazione');
    await sendBox.press('Enter');
    const title = content.kb.get('2fa-disable')!.text.it.title;
    await see(shown(t('it', 'tree.offer', { title }), 30));

    // The tree, by clicking its buttons (suggested actions) down to a leaf.
    await press(t('it', 'tree.start'));
    const tree = content.trees.get('2fa-recovery')!;
    const firstQuestion = tree.nodes.get(tree.start)!;
    if (firstQuestion.type !== 'question') throw new Error('the 2FA tree should start with a question');
    await see(shown(firstQuestion.text.it));
    const stillCan = firstQuestion.choices.find((c) => c.means === 'yes')!;
    await press(stillCan.label.it);
    const leaf = tree.nodes.get(stillCan.next)!;
    if (leaf.type !== 'end') throw new Error(`${stillCan.next} should be a leaf`);
    await see(shown(t('it', 'tree.didItHelp')));
    await press(t('it', 'tree.yesSolved'));
    await see(shown(t('it', 'tree.solved')));

    // French from the picker: the page's words change, and the bot answers in French.
    await page.locator('#language').selectOption('fr');
    await expect.poll(() => page.locator('html').getAttribute('lang')).toBe('fr');
    const frenchPage = content.locales.strings.fr.web as Record<string, string>;
    await see(frenchPage.subtitle!);
    await sendBox.fill('Comment trouver mon code de support ?');
    await sendBox.press('Enter');
    // The answer is an Adaptive Card with the French title.
    await see(shown(content.kb.get('support-code')!.text.fr.title));

    await mkdir(ARTIFACTS, { recursive: true });
    const screenshot = path.join(ARTIFACTS, 'web-chat.png');
    await page.screenshot({ path: screenshot, fullPage: true });
    if (process.env.UPDATE_DOCS_SCREENSHOT) await copyFile(screenshot, path.resolve('docs/web-chat.png'));
    expect(problems).toEqual([]);
  }, 120_000);
  // The embed on another site: tests/web/widget-tour.browser.test.ts.
});
