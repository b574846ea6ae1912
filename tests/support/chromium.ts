import { existsSync } from 'node:fs';
import { chromium, type Browser, type FrameLocator, type Page } from 'playwright-core';
import { expect } from 'vitest';

/** Debian's Chromium, installed by .ci/run (apt-get install chromium). */
export const CHROMIUM = '/usr/bin/chromium';
export const haveChromium = existsSync(CHROMIUM);

if (!haveChromium) {
  const notice = `\n!!! ${CHROMIUM} is missing: the web chat browser tests cannot run. Install it with: apt-get install -y chromium !!!\n`;
  if (process.env.CI) throw new Error(notice);
  console.warn(notice);
}

/** Headless Chromium with the project's flags: nothing phones home, nothing needs a GPU or a sandbox. */
export function launchChromium(): Promise<Browser> {
  return chromium.launch({
    executablePath: CHROMIUM,
    headless: true,
    args: [
      '--headless',
      '--no-sandbox',
      '--disable-gpu',
      '--disable-quic',
      '--no-first-run',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
    ],
  });
}

/**
 * Markdown as Web Chat shows it: the words without the asterisks, and typographic
 * apostrophes (its Markdown renderer turns ' into ’). `length` keeps the start of a long text.
 */
export function shown(markdown: string, length = Infinity): RegExp {
  const words = markdown.replace(/\*+/g, '').slice(0, length);
  return new RegExp(words.replace(/[.*+?^${}()|[\]\\]/g, '\\$&').replace(/'/g, "['’]"));
}

/** Page errors and console errors, for "the page ran without an error". */
export function collectProblems(page: Page): string[] {
  const problems: string[] = [];
  page.on('pageerror', (error) => problems.push(error.message));
  page.on('console', (message) => {
    if (message.type() === 'error') problems.push(message.text());
  });
  return problems;
}

/** Web Chat on a page, or in the embed's frame, driven as a customer does. */
export function webChat(chat: Page | FrameLocator, timeout = 60_000) {
  // Web Chat also keeps hidden copies of messages for screen readers: only visible ones count.
  const bubbles = chat.locator('.webchat__bubble__content').filter({ visible: true });
  return {
    /** The transcript's bubbles, in order. */
    bubbles: () => bubbles.allInnerTexts(),
    see: (text: string | RegExp) => chat.getByText(text).filter({ visible: true }).first().waitFor({ timeout }),
    /** Sends a message, then waits for a new bubble holding `answer` (buttons elsewhere do not count). */
    async ask(question: string, answer: RegExp): Promise<void> {
      const answers = bubbles.filter({ hasText: answer });
      const before = await answers.count();
      const sendBox = chat.locator('[data-id="webchat-sendbox-input"]');
      await sendBox.fill(question);
      await sendBox.press('Enter');
      await expect.poll(() => answers.count(), { timeout }).toBeGreaterThan(before);
    },
  };
}
