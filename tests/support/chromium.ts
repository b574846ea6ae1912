import { existsSync } from 'node:fs';
import { chromium, type Browser, type Page } from 'playwright-core';

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
