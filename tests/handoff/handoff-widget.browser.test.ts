import { existsSync } from 'node:fs';
import { copyFile, mkdir } from 'node:fs/promises';
import path from 'node:path';
import { chromium, type Browser, type Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { App } from '../../src/app.js';
import { FakeConnector } from '../support/fake-connector.js';
import { startHttpBot } from '../support/http-bot.js';
import { handoffEnv, lastThread, TeamsAgent } from './support.js';

/** Debian's Chromium, installed by .ci/run (apt-get install chromium). */
const CHROMIUM = '/usr/bin/chromium';
const ARTIFACTS = path.resolve('tests/artifacts');
const haveChromium = existsSync(CHROMIUM);
if (!haveChromium) {
  const notice = `\n!!! ${CHROMIUM} is missing: the hand-off browser test cannot run. Install it with: apt-get install -y chromium !!!\n`;
  if (process.env.CI) throw new Error(notice);
  console.warn(notice);
}

/** Markdown as Web Chat shows it: without asterisks, with typographic apostrophes. */
function shown(markdown: string, length = Infinity): RegExp {
  const words = markdown.replace(/\*+/g, '').slice(0, length);
  return new RegExp(words.replace(/[.*+?^${}()|[\]\\]/g, '\\$&').replace(/'/g, "['’]"));
}

describe.skipIf(!haveChromium)('a hand-off seen in Web Chat', () => {
  let connector: FakeConnector;
  let app: App;
  let url: string;
  let browser: Browser;
  let page: Page;

  beforeAll(async () => {
    connector = await FakeConnector.start();
    ({ app, url } = await startHttpBot(handoffEnv(connector)));
    browser = await chromium.launch({
      executablePath: CHROMIUM,
      headless: true,
      args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run'],
    });
    page = await (await browser.newContext({ locale: 'it-IT', viewport: { width: 820, height: 1400 } })).newPage();
  });

  afterAll(async () => {
    await browser?.close();
    await app?.stop();
    await connector?.stop();
  });

  it('shows the case passed on, the agent joining and writing, and the rating after close', async () => {
    const t = (key: string, values?: Record<string, unknown>) => app.services.t('it', key, values);
    const problems: string[] = [];
    page.on('pageerror', (error) => problems.push(error.message));
    const see = (text: string | RegExp) => page.getByText(text).filter({ visible: true }).first().waitFor();
    const press = (label: string) => page.getByRole('button', { name: label, exact: true }).filter({ visible: true }).last().click();
    const type = async (text: string) => {
      const box = page.locator('[data-id="webchat-sendbox-input"]');
      await box.fill(text);
      await box.press('Enter');
    };

    await page.goto(url);
    await see(shown(t('welcome.text'), 30));
    await type('ho perso il telefono e non riesco a entrare per la verifica in due passaggi');
    await see(shown(t('tree.offer', { title: app.services.kb.get('2fa-disable')!.text.it.title }), 20));
    await type('voglio parlare con un operatore');
    await see(shown(t('handoff.confirm', { summary: '' }).split('\n')[0]!, 30));
    await press(t('handoff.talk'));
    await see(/in coda/);

    const { threadId, card } = lastThread(connector);
    const agent = new TeamsAgent(url, connector);
    await agent.clickCard(threadId, card(), 'Take');
    await see(shown(t('handoff.joined', { name: 'Anna Rossi' })));
    await type('ho ancora i codici di emergenza, credo');
    await expect.poll(() => connector.messages(threadId).map((a) => a.text).at(-1)).toBe('**Customer**: ho ancora i codici di emergenza, credo');
    await agent.say(threadId, 'Perfetto: apri la pagina di accesso e usa uno dei codici al posto del secondo fattore.');
    await see(/usa uno dei codici al posto del secondo fattore/);
    await agent.say(threadId, '/close');
    await see(shown(t('handoff.closed', { name: 'Anna Rossi' }), 30));
    await press('5');
    await see(shown(t('handoff.askComment'), 20));

    await mkdir(ARTIFACTS, { recursive: true });
    const screenshot = path.join(ARTIFACTS, 'handoff.png');
    await page.screenshot({ path: screenshot, fullPage: true });
    if (process.env.UPDATE_DOCS_SCREENSHOT) await copyFile(screenshot, path.resolve('docs/handoff.png'));
    const caseId = (await app.handoff.store.caseOfThread(threadId))!;
    expect((await app.handoff.store.get(caseId))?.rating?.score).toBe(5);
    expect(problems).toEqual([]);
  });
});
