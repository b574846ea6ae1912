import { existsSync } from 'node:fs';
import { createRequire } from 'node:module';
import { createServer, type Server } from 'node:http';
import { copyFile, mkdir, readFile } from 'node:fs/promises';
import path from 'node:path';
import { chromium, type Browser, type Frame, type Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Language } from '../../src/content/languages.js';
import type { Content } from '../../src/content/load-content.js';
import { createTranslator, type Translate } from '../../src/i18n/i18n.js';
import { MENU_PAGE_SIZE } from '../../src/replies/topic-menu.js';
import { projectContent } from '../support/content.js';
import { startBotProcess, type BotProcess } from '../support/bot-process.js';

/** Debian's Chromium, installed by .ci/run (apt-get install chromium). */
const CHROMIUM = '/usr/bin/chromium';
const ARTIFACTS = path.resolve('tests/artifacts');
const haveChromium = existsSync(CHROMIUM);
const AXE_SOURCE = createRequire(import.meta.url).resolve('axe-core/axe.min.js');

const VIEWPORTS = { desktop: { width: 1280, height: 800 }, phone: { width: 390, height: 844 } } as const;
/** Per language: a question answered with a card, one that asks "did you mean", one that offers the 2FA check. */
const MESSAGES: Record<Language, { answer: string; clarify: string; tree: string }> = {
  it: { answer: 'dove trovo il codice supporto?', clarify: 'cambiare indirizzo', tree: "come disattivo l'autenticazione a due fattori?" },
  en: { answer: 'Where do I find my support code?', clarify: 'remove', tree: 'how do I turn off two-factor authentication?' },
  fr: { answer: 'Comment trouver mon code de support ?', clarify: 'désactiver', tree: "comment désactiver l'authentification à deux facteurs ?" },
  de: { answer: 'Wo finde ich meinen Support-Code?', clarify: 'Adresse ändern', tree: 'wie deaktiviere ich die Zwei-Faktor-Authentifizierung?' },
};

/** Markdown as Web Chat shows it: no asterisks, typographic apostrophes. */
function shown(markdown: string, length = Infinity): RegExp {
  const words = markdown.replace(/\*+/g, '').slice(0, length);
  return new RegExp(words.replace(/[.*+?^${}()|[\]\\]/g, '\\$&').replace(/'/g, "['’]"));
}

type Scope = Page | Frame;
/** The few DOM members the checks read (the tests compile without the DOM library). */
interface Box {
  innerText: string;
  scrollWidth: number;
  clientWidth: number;
  scrollHeight: number;
  clientHeight: number;
  offsetParent: unknown;
  tagName?: string;
  querySelector(selector: string): Box | null;
  getBoundingClientRect(): { left: number; right: number; top: number; bottom: number; width: number };
}
interface BrowserGlobals {
  document: { activeElement: { id: string } | null };
  axe: { run(context: unknown): Promise<{ violations: Array<{ id: string; impact: string; nodes: Array<{ target: unknown[]; failureSummary?: string }> }> }> };
}

/** Waits for text in the transcript (Web Chat also keeps hidden copies for screen readers). */
const see = (scope: Scope, text: string | RegExp) => scope.getByText(text).filter({ visible: true }).last().waitFor();
/** Clicks the newest visible button with this label. */
const press = (scope: Scope, label: string) => scope.getByRole('button', { name: label, exact: true }).filter({ visible: true }).last().click();
async function send(scope: Scope, text: string) {
  const box = scope.locator('[data-id="webchat-sendbox-input"]');
  await box.fill(text);
  await box.press('Enter');
}

/** The suggested actions on screen: label, whether the label is cut, and their top edge. */
function suggestedActions(scope: Scope) {
  return scope.locator('.webchat__suggested-action').evaluateAll((elements) =>
    (elements as unknown as Box[])
      .filter((b) => b.offsetParent !== null)
      .map((b) => {
        const label = b.querySelector('.webchat__suggested-action__text, [class*="button-text"]') ?? b;
        return { text: label.innerText.trim(), cut: label.scrollWidth > label.clientWidth + 1 || label.scrollHeight > label.clientHeight + 1, top: b.getBoundingClientRect().top };
      }),
  );
}

/** The buttons of the newest card, and whether their label is cut. */
function cardButtons(scope: Scope) {
  return scope
    .locator('.ac-adaptiveCard')
    .last()
    .locator('.ac-pushButton')
    .evaluateAll((elements) =>
      (elements as unknown as Box[]).map((b) => {
        const label = b.querySelector('div') ?? b;
        return { text: label.innerText.trim(), cut: [b, label].some((e) => e.scrollWidth > e.clientWidth + 1 || e.scrollHeight > e.clientHeight + 1) };
      }),
    );
}

/** Pairs of header parts (title, language picker, buttons) drawn over each other: none on any screen. */
function headerOverlaps(scope: Scope) {
  return scope.locator('.chat-header h1, .chat-header .chat-logo, .chat-header .chat-language, .chat-header button').evaluateAll((elements) => {
    type Rect = ReturnType<Box['getBoundingClientRect']>;
    const { document, getComputedStyle } = globalThis as unknown as {
      document: { createRange(): { selectNodeContents(n: unknown): void; getBoundingClientRect(): Rect } };
      getComputedStyle(e: unknown): { clipPath: string };
    };
    // A title squeezed to no width still paints its text over its neighbours: measure the text too.
    const drawn = (e: Box) => {
      const range = document.createRange();
      range.selectNodeContents(e);
      const [a, b] = [e.getBoundingClientRect(), range.getBoundingClientRect()];
      const [left, right] = b.width > 0 ? [Math.min(a.left, b.left), Math.max(a.right, b.right)] : [a.left, a.right];
      return { left, right, top: a.top, bottom: a.bottom, width: right - left };
    };
    const parts = (elements as unknown as Array<Box & { className: string }>)
      // Visually hidden (clipped) text is read by screen readers and drawn nowhere.
      .filter((e) => e.offsetParent !== null && getComputedStyle(e).clipPath === 'none')
      .map((e) => ({ name: `${e.tagName ?? ''}.${e.className}`, r: drawn(e) }))
      .filter((p) => p.r.width > 1);
    const overlaps: string[] = [];
    for (const [i, a] of parts.entries()) {
      for (const b of parts.slice(i + 1)) {
        if (a.r.left < b.r.right - 1 && b.r.left < a.r.right - 1 && a.r.top < b.r.bottom - 1 && b.r.top < a.r.bottom - 1) overlaps.push(`${a.name} / ${b.name}`);
      }
    }
    return overlaps;
  });
}

/** Scrolls the transcript to its end, as Web Chat does by itself until someone scrolls up. */
const scrollToEnd = (scope: Scope) =>
  scope.locator('.webchat__basic-transcript__scrollable').evaluate((e) => {
    const box = e as unknown as { scrollTop: number; scrollHeight: number };
    box.scrollTop = box.scrollHeight;
  });

/** The step numbers of the newest answer card, in order. */
function cardStepNumbers(scope: Scope) {
  return scope.locator('.ac-adaptiveCard').last().locator('.ac-richTextBlock').allInnerTexts();
}

/** Serious and critical axe-core violations of the document in `scope`. */
async function axeViolations(scope: Scope): Promise<string[]> {
  await scope.evaluate(await readFile(AXE_SOURCE, 'utf8'));
  const results = await scope.evaluate(async () => {
    const { axe, document } = globalThis as unknown as BrowserGlobals;
    return (await axe.run(document)).violations.map((v) => ({
      id: v.id,
      impact: v.impact,
      // Where and why, so a failure names the element to fix.
      nodes: v.nodes.map((n) => `${n.target.join(' ')}: ${(n.failureSummary ?? '').replace(/\s+/g, ' ').slice(0, 160)}`),
    }));
  });
  return results.filter((v) => v.impact === 'serious' || v.impact === 'critical').map((v) => `${v.id} (${v.impact}): ${v.nodes.join(' | ')}`);
}

describe.skipIf(!haveChromium)('the widget as customers see it, on desktop and phone, in four languages', () => {
  let bot: BotProcess;
  let browser: Browser;
  let site: Server;
  let siteUrl: string;
  let content: Content;
  let t: Translate;

  beforeAll(async () => {
    content = await projectContent();
    t = await createTranslator(content.locales, 'it');
    // A help-centre page on another origin, embedding the widget: it must be allowed to frame it.
    site = createServer((_req, res) => {
      res.writeHead(200, { 'Content-Type': 'text/html; charset=utf-8' });
      res.end(`<!doctype html><html lang="de"><head><title>Hilfe</title></head><body><main><h1>Hilfe-Center</h1></main><script src="${bot.url}/embed.js" data-lang="de" async></script></body></html>`);
    });
    await new Promise<void>((resolve) => site.listen(0, '127.0.0.1', resolve));
    siteUrl = `http://127.0.0.1:${(site.address() as { port: number }).port}`;
    bot = await startBotProcess({ DIRECTLINE_SECRET: 'widget-tour-test-secret-0123456789abcdef', WIDGET_ALLOWED_ORIGINS: siteUrl, PRIVACY_URL: 'https://example.com/privacy' });
    browser = await chromium.launch({
      executablePath: CHROMIUM,
      headless: true,
      args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run'],
    });
    await mkdir(ARTIFACTS, { recursive: true });
  }, 120_000);

  afterAll(async () => {
    await browser?.close();
    await bot?.stop();
    if (site) await new Promise((resolve) => site.close(resolve));
  });

  /** One language at one size: welcome, answer card, clarify and tree step, each on screen and checked. */
  async function tour(viewport: keyof typeof VIEWPORTS, language: Language) {
    const context = await browser.newContext({ locale: language, viewport: VIEWPORTS[viewport] });
    const page = await context.newPage();
    // Web Chat's 4 MB bundle on a machine shared with other test runs: patience, not a time limit under test.
    page.setDefaultTimeout(90_000);
    page.setDefaultNavigationTimeout(90_000);
    const problems: string[] = [];
    page.on('pageerror', (error) => problems.push(error.message));
    const shot = (name: string) => page.screenshot({ path: path.join(ARTIFACTS, `${name}-${viewport}-${language}.png`) });
    await page.goto(`${bot.url}/?lang=${language}`);

    // The welcome: the greeting above a short menu of the most asked topics, no label cut.
    await see(page, shown(t(language, 'welcome.text'), 40));
    await expect.poll(async () => (await suggestedActions(page)).length).toBe(MENU_PAGE_SIZE + 1);
    const menu = await suggestedActions(page);
    expect(menu.at(-1)!.text).toBe(t(language, 'topics.moreButton'));
    expect(menu.filter((b) => b.cut).map((b) => b.text)).toEqual([]);
    const greeting = await page.getByText(shown(t(language, 'welcome.text'), 40)).filter({ visible: true }).last().boundingBox();
    expect(greeting!.y).toBeGreaterThanOrEqual(0);
    expect(greeting!.y + greeting!.height).toBeLessThanOrEqual(Math.min(...menu.map((b) => b.top)));
    expect(await headerOverlaps(page)).toEqual([]);
    await shot('welcome');

    // An answer card (the 2FA article): steps numbered 1, 2, 3 in each section, no card button cut.
    await send(page, MESSAGES[language].tree);
    await press(page, t(language, 'tree.article'));
    const entry = content.kb.get('2fa-disable')!;
    const expected = entry.text[language].answer.sections!.filter((s) => s.steps).flatMap((s) => s.steps!.map((_, i) => `${i + 1}.`));
    expect(expected).toContain('3.');
    await expect.poll(() => cardStepNumbers(page)).toEqual(expected);
    expect((await cardButtons(page)).filter((b) => b.cut).map((b) => b.text)).toEqual([]);
    await page.locator('.ac-adaptiveCard').last().locator('.ac-richTextBlock').first().evaluate((e) => (e as unknown as { scrollIntoView(o: unknown): void }).scrollIntoView({ block: 'center' }));
    await shot('answer');
    // Accessibility at this size too, with an answer card, its buttons and the menu on screen.
    expect(await axeViolations(page)).toEqual([]);

    // A clarify: "did you mean", with the topics and "none of these" as buttons, none cut.
    await send(page, MESSAGES[language].clarify);
    await see(page, shown(t(language, 'clarify.text')));
    await expect.poll(async () => (await suggestedActions(page)).map((b) => b.text)).toContain(t(language, 'clarify.none'));
    expect((await suggestedActions(page)).filter((b) => b.cut).map((b) => b.text)).toEqual([]);
    // The answer card was scrolled into view above, which stops Web Chat following the end.
    await scrollToEnd(page);
    await shot('clarify');

    // The offer of a guided check reads as a sentence of its own, then the first question.
    await send(page, MESSAGES[language].tree);
    const offer = t(language, 'tree.offer', { title: content.kb.get('2fa-disable')!.text[language].title }).split('\n\n')[1]!;
    await see(page, shown(offer, 50));
    await press(page, t(language, 'tree.start'));
    const tree = content.trees.get('2fa-recovery')!;
    const first = tree.nodes.get(tree.start)!;
    if (first.type !== 'question') throw new Error('the 2FA tree starts with a question');
    await see(page, shown(first.text[language], 40));
    await expect.poll(async () => (await suggestedActions(page)).map((b) => b.text)).toEqual(first.choices.map((c) => c.label[language]));
    expect((await suggestedActions(page)).filter((b) => b.cut).map((b) => b.text)).toEqual([]);
    await scrollToEnd(page);
    await shot('tree');
    expect(problems).toEqual([]);
    return { context, page };
  }

  for (const viewport of Object.keys(VIEWPORTS) as Array<keyof typeof VIEWPORTS>) {
    it(`shows the welcome, an answer card, a clarify and a tree step well at ${VIEWPORTS[viewport].width}×${VIEWPORTS[viewport].height}`, async () => {
      // One language after the other: four Web Chats starting at once on a busy machine only wait on each other.
      const runs = [];
      for (const language of ['it', 'en', 'fr', 'de'] as const) runs.push(await tour(viewport, language));
      if (viewport === 'desktop' && process.env.UPDATE_DOCS_SCREENSHOT) {
        await copyFile(path.join(ARTIFACTS, 'answer-desktop-fr.png'), path.resolve('docs/widget-answer-desktop.png'));
      }
      if (viewport === 'phone' && process.env.UPDATE_DOCS_SCREENSHOT) {
        await copyFile(path.join(ARTIFACTS, 'welcome-phone-it.png'), path.resolve('docs/widget-welcome-phone.png'));
      }
      await Promise.all(runs.map((r) => r.context.close()));
    }, 600_000);
  }

  it('re-sends the pending question in the new language after a switch, and lets the customer download the masked conversation', async () => {
    const context = await browser.newContext({ locale: 'it-IT', viewport: VIEWPORTS.desktop, acceptDownloads: true });
    const page = await context.newPage();
    await page.goto(bot.url);
    await see(page, shown(t('it', 'welcome.text'), 40));
    await send(page, MESSAGES.it.tree);
    await expect.poll(async () => (await suggestedActions(page)).map((b) => b.text)).toEqual([t('it', 'tree.start'), t('it', 'tree.article')]);
    await page.locator('#language').selectOption('de');
    await see(page, shown(t('de', 'language.switched'), 40));
    await expect.poll(async () => (await suggestedActions(page)).map((b) => b.text)).toEqual([t('de', 'tree.start'), t('de', 'tree.article')]);

    await send(page, 'mein Passwort ist Sonne2024!xy');
    await see(page, shown(t('de', 'secrets.password'), 40));
    await expect.poll(async () => (await suggestedActions(page)).map((b) => b.text)).toEqual([t('de', 'tree.start'), t('de', 'tree.article')]);
    // The privacy notice, with its link.
    const strings = content.locales.strings.de.web as Record<string, string>;
    await see(page, strings.privacy!);
    expect(await page.getByRole('link', { name: strings.privacyLink! }).getAttribute('href')).toBe('https://example.com/privacy');
    const [download] = await Promise.all([page.waitForEvent('download'), page.getByRole('button', { name: strings.download! }).click()]);
    const transcript = await readFile((await download.path())!, 'utf8');
    expect(transcript).toContain(t('de', 'secrets.mask.password'));
    expect(transcript).not.toContain('Sonne2024');
    expect(transcript).toContain(t('de', 'language.switched').replace(/\*+/g, '').slice(0, 20));
    expect(await axeViolations(page)).toEqual([]);
    await context.close();
  }, 120_000);

  for (const viewport of Object.keys(VIEWPORTS) as Array<keyof typeof VIEWPORTS>) {
    it(`embeds on another site at ${VIEWPORTS[viewport].width}×${VIEWPORTS[viewport].height}: opens, closes with its button or Escape, gives the focus back`, async () => {
      const visitor = await browser.newPage({ locale: 'en-US', viewport: VIEWPORTS[viewport] });
      await visitor.goto(siteUrl);
      const strings = content.locales.strings.de.web as Record<string, string>;
      const launcher = visitor.locator('#sportello-launcher');
      await launcher.click();
      const chat = visitor.frameLocator('#sportello-frame');
      await chat.getByText(shown(t('de', 'welcome.text'), 30)).filter({ visible: true }).first().waitFor();
      const box = (await visitor.locator('#sportello-frame').boundingBox())!;
      if (viewport === 'phone') expect(box).toEqual({ x: 0, y: 0, width: VIEWPORTS.phone.width, height: VIEWPORTS.phone.height });
      else expect(box.width).toBeLessThan(VIEWPORTS.desktop.width / 2);
      await visitor.screenshot({ path: path.join(ARTIFACTS, `embed-${viewport}.png`) });
      const frame = visitor.frame({ url: /embed=1/ })!;
      expect(await axeViolations(frame)).toEqual([]);

      // The close button inside the frame.
      await chat.getByRole('button', { name: strings.close! }).click();
      await expect.poll(() => visitor.locator('#sportello-frame').isHidden()).toBe(true);
      await expect.poll(() => visitor.evaluate(() => (globalThis as unknown as BrowserGlobals).document.activeElement?.id)).toBe('sportello-launcher');

      // Escape, typed in the chat.
      await launcher.click();
      await chat.locator('[data-id="webchat-sendbox-input"]').click();
      await visitor.keyboard.press('Escape');
      await expect.poll(() => visitor.locator('#sportello-frame').isHidden()).toBe(true);
      await expect.poll(() => visitor.evaluate(() => (globalThis as unknown as BrowserGlobals).document.activeElement?.id)).toBe('sportello-launcher');
      await visitor.close();
    }, 120_000);
  }
});
