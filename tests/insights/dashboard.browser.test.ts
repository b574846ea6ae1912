import { existsSync } from 'node:fs';
import { copyFile, mkdir, mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { chromium, type Browser, type Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { LANGUAGES } from '../../src/content/languages.js';
import { waitText } from '../../src/admin/page.js';
import { handoffEnv } from '../handoff/support.js';
import { FakeConnector } from '../support/fake-connector.js';
import { HttpBot } from '../support/http-bot.js';
import { runSession, SECRETS, type Tally } from './session.js';

/** Debian's Chromium, installed by .ci/run (apt-get install chromium). */
const CHROMIUM = '/usr/bin/chromium';
const ARTIFACTS = path.resolve('tests/artifacts');
const haveChromium = existsSync(CHROMIUM);
const TOKEN = 'dashboard-test-token-0123456789';

if (!haveChromium) {
  const notice = `\n!!! ${CHROMIUM} is missing: the dashboard browser test cannot run. Install it with: apt-get install -y chromium !!!\n`;
  if (process.env.CI) throw new Error(notice);
  console.warn(notice);
}

describe.skipIf(!haveChromium)('the support dashboard after a scripted session of 50 conversations', () => {
  let bot: HttpBot;
  let connector: FakeConnector;
  let tally: Tally;
  let browser: Browser;
  let profile: string;
  let page: Page;

  beforeAll(async () => {
    // Hand-offs go to a fake Teams connector, where the session's agent takes one.
    connector = await FakeConnector.start();
    bot = await HttpBot.start({ env: { ADMIN_TOKEN: TOKEN, ...handoffEnv(connector) } });
    tally = await runSession([bot], bot.app.services.t, 'dash', { agents: connector });
    profile = await mkdtemp(path.join(tmpdir(), 'sportello-chromium-'));
    browser = await chromium.launch({
      executablePath: CHROMIUM,
      headless: true,
      args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'],
    });
    page = await (await browser.newContext({ locale: 'en-GB', viewport: { width: 1280, height: 1800 } })).newPage();
  }, 240_000);

  afterAll(async () => {
    await browser?.close();
    await bot?.stop();
    await connector?.stop();
    if (profile) await rm(profile, { recursive: true, force: true });
  });

  const metric = async (name: string, scope = 'section.kpis') => (await page.locator(`${scope} [data-metric="${name}"]`).textContent())?.trim();

  it('played 50 conversations in four languages, with every kind of outcome', () => {
    expect(tally.conversations).toBe(50);
    expect(tally.answered).toBeGreaterThan(20);
    expect(tally.clarified).toBeGreaterThan(0);
    expect(tally.declined).toBeGreaterThanOrEqual(6);
    expect(tally.helpful).toBeGreaterThan(0);
    expect(tally.unhelpful).toBeGreaterThan(0);
    expect(tally.handoffs).toBe(4);
    expect(tally.handoffsTaken).toBe(1);
    expect(tally.handoffsClosed).toBe(1);
    expect(tally.ratings).toHaveLength(1);
    for (const language of LANGUAGES) expect(tally.byLanguage[language].conversations).toBeGreaterThanOrEqual(12);
  });

  it('asks for the token first, and signs in with a secure HttpOnly cookie', async () => {
    // The URL's host must be "localhost" for Chromium to keep a Secure cookie over plain http.
    const url = bot.url.replace('127.0.0.1', 'localhost');
    const response = await page.goto(`${url}/admin?lang=en`);
    expect(response?.status()).toBe(401);
    await page.fill('#token', 'not the token');
    await page.click('button[type=submit]');
    await expect.poll(() => page.locator('.error').count()).toBe(1);
    await page.fill('#token', TOKEN);
    await Promise.all([page.waitForURL(/\/admin\?lang=en$/), page.click('button[type=submit]')]);
    const [cookie] = await page.context().cookies();
    expect(cookie).toMatchObject({ name: 'sportello_admin', httpOnly: true, secure: true, sameSite: 'Strict', path: '/admin' });
    expect(cookie!.value).not.toContain(TOKEN);
  });

  it('shows each number of the session on the page', async () => {
    expect(await metric('conversations')).toBe(String(tally.conversations));
    expect(await metric('answered')).toBe(String(tally.answered));
    expect(await metric('clarified')).toBe(String(tally.clarified));
    expect(await metric('declined')).toBe(String(tally.declined));
    expect(await metric('handoffs')).toBe(String(tally.handoffs));
    expect(await metric('handoff-rate')).toBe(`${Math.round((tally.handoffs / tally.conversations) * 100)}%`);
    expect(await metric('helpful-rate')).toBe(`${Math.round((tally.helpful / (tally.helpful + tally.unhelpful)) * 100)}%`);
    for (const language of LANGUAGES) {
      const row = `tr[data-language="${language}"]`;
      const sum = async (name: string) =>
        (await page.locator(`[data-table="daily"] ${row} [data-metric="${name}"]`).allTextContents()).reduce((s, v) => s + Number(v), 0);
      expect(await sum('conversations'), language).toBe(tally.byLanguage[language].conversations);
      expect(await sum('answered'), language).toBe(tally.byLanguage[language].answered);
      expect(await sum('clarified'), language).toBe(tally.byLanguage[language].clarified);
      expect(await sum('declined'), language).toBe(tally.byLanguage[language].declined);
    }
    const thumbs = async (name: string) => (await page.locator(`[data-table="entries"] [data-metric="${name}"]`).allTextContents()).reduce((s, v) => s + Number(v), 0);
    expect(await thumbs('helpful')).toBe(tally.helpful);
    expect(await thumbs('unhelpful')).toBe(tally.unhelpful);
    // Top declined questions: the in-scope ones are listed, with no secret.
    const declined = await page.locator('[data-table="declined"] td.question').allTextContents();
    for (const miss of tally.inScopeDeclined) expect(declined).toContain(miss.text);
    for (const secret of SECRETS) expect(declined.join('\n')).not.toContain(secret);
    // The 2FA tree: four left at its second question, four reached its end and were handed off.
    const tree = page.locator('[data-tree="2fa-recovery"]');
    expect(await tree.locator('[data-outcome="not-solved"] b').textContent()).toBe('4');
    expect(await tree.locator('tr[data-node="can-pass-second-factor"] [data-metric="reached"]').textContent()).toBe('8');
    expect(await tree.locator('tr[data-node="has-emergency-codes"] [data-metric="reached"]').textContent()).toBe('8');
    expect(await tree.locator('tr[data-node="has-emergency-codes"] [data-metric="left"]').textContent()).toBe(String(tally.treesLeftMidway));
    expect(await tree.locator('tr[data-node="identity-check"] [data-metric="left"]').textContent()).toBe('0');
  });

  it('shows the hand-off the agent took and closed, its wait and its rating', async () => {
    const handoffs = '[data-section="handoffs"]';
    expect(await metric('handoffs-requested', handoffs)).toBe(String(tally.handoffs));
    expect(await metric('handoffs-taken', handoffs)).toBe(String(tally.handoffsTaken));
    expect(await metric('handoffs-closed', handoffs)).toBe(String(tally.handoffsClosed));
    expect(await metric('ratings', handoffs)).toBe(String(tally.ratings.length));
    for (const score of [1, 2, 3, 4, 5]) expect(await metric(`rating-${score}`, handoffs), `rated ${score}`).toBe(String(tally.ratings.filter((r) => r === score).length));
    const average = tally.ratings.reduce((a, b) => a + b, 0) / tally.ratings.length;
    expect(await metric('average-rating')).toBe(`${average.toFixed(1)}/5`);
    // The wait the case itself holds: opened when the customer asked, taken when the agent clicked.
    const waits = await Promise.all(
      tally.threads.map(async (thread) => {
        const handoffCase = await bot.app.handoff.store.get((await bot.app.handoff.store.caseOfThread(thread))!);
        return Date.parse(handoffCase!.takenAt!) - Date.parse(handoffCase!.openedAt);
      }),
    );
    expect(await metric('median-wait')).toBe(waitText(waits.sort((a, b) => a - b)[Math.floor((waits.length - 1) / 2)]!, bot.app.services.t, 'en'));
    // The comment is kept as the bot read it: the words around the secret typed in it are left
    // out with the secret, the rest is shown.
    const comments = await page.locator(`${handoffs} [data-comment] .question`).allTextContents();
    expect(comments).toHaveLength(tally.comments.length);
    const typed = tally.comments[0]!.typed;
    expect(comments[0]).toContain(typed.slice(0, typed.indexOf('!')));
    expect(await page.locator(`${handoffs} [data-comment] [data-metric="comment-score"]`).allTextContents()).toEqual(tally.comments.map((c) => `${c.score}/5`));
    for (const secret of SECRETS) expect(comments.join('\n')).not.toContain(secret);
  });

  it('draws its charts with the chart library the bot serves itself', async () => {
    // Run in the page (a string: the test's TypeScript has no DOM types).
    await expect.poll(() => page.evaluate('typeof Chart')).toBe('function');
    const drawn = await page.evaluate<number[]>(`[...document.querySelectorAll('canvas')].map((c) => {
      const data = c.getContext('2d').getImageData(0, 0, c.width, c.height).data;
      let painted = 0;
      for (let i = 3; i < data.length; i += 4) if (data[i] > 0) painted++;
      return painted;
    })`);
    expect(drawn.length).toBeGreaterThanOrEqual(3);
    for (const painted of drawn) expect(painted).toBeGreaterThan(1000);
    await mkdir(ARTIFACTS, { recursive: true });
    const shot = path.join(ARTIFACTS, 'dashboard.png');
    await page.screenshot({ path: shot, fullPage: true });
    if (process.env.UPDATE_DOCS_SCREENSHOT) await copyFile(shot, path.resolve('docs/dashboard.png'));
  });

  it('shows /metrics with the same counts', async () => {
    const text = await (await fetch(`${bot.url}/metrics`)).text();
    const total = (name: string, filter: RegExp = /.*/) =>
      text
        .split('\n')
        .filter((l) => l.startsWith(`${name}{`) && filter.test(l))
        .reduce((s, l) => s + Number(l.split(' ').at(-1)), 0);
    expect(total('sportello_decisions_total', /decision="answer"/)).toBe(tally.answered);
    expect(total('sportello_decisions_total', /decision="clarify"/)).toBe(tally.clarified);
    expect(total('sportello_decisions_total', /decision="none"/)).toBe(tally.declined);
    expect(total('sportello_feedback_total', /kind="helpful",value="yes"/)).toBe(tally.helpful);
    expect(total('sportello_feedback_total', /kind="helpful",value="no"/)).toBe(tally.unhelpful);
    expect(total('sportello_handoffs_total', /phase="requested"/)).toBe(tally.handoffs);
    expect(total('sportello_handoffs_total', /phase="accepted"/)).toBe(tally.handoffsTaken);
    expect(total('sportello_handoffs_total', /phase="closed"/)).toBe(tally.handoffsClosed);
    expect(total('sportello_handoff_wait_seconds_count')).toBe(tally.handoffsTaken);
    for (const score of [1, 2, 3, 4, 5]) expect(total('sportello_feedback_total', new RegExp(`kind="rating",value="${score}"`))).toBe(tally.ratings.filter((r) => r === score).length);
    for (const language of LANGUAGES) expect(total('sportello_decisions_total', new RegExp(`decision="none",language="${language}"`)), language).toBe(tally.byLanguage[language].declined);
  });

  it('exports the table as CSV, with the bearer token too', async () => {
    const response = await fetch(`${bot.url}/admin/export.csv?days=7`, { headers: { authorization: `Bearer ${TOKEN}` } });
    expect(response.status).toBe(200);
    const [header, ...rows] = (await response.text()).trim().split('\n');
    expect(header).toBe('day,language,conversations,answered,clarified,declined,handoffs,helpful,unhelpful');
    expect(rows.reduce((s, r) => s + Number(r.split(',')[5]), 0)).toBe(tally.declined);
    expect((await fetch(`${bot.url}/admin/export.csv`)).status).toBe(401);
  });

  it('keeps no secret that was typed in the database', async () => {
    await bot.app.insights.writer.flush();
    const rows = await (await bot.app.insights.store())!.all<Record<string, unknown>>('SELECT * FROM events');
    const stored = JSON.stringify(rows);
    for (const secret of SECRETS) expect(stored).not.toContain(secret);
    // The declined question around the secret is kept, for the review.
    expect(stored).toContain('chi ha vinto la partita ieri sera?');
  });
});

describe('the dashboard without ADMIN_TOKEN', () => {
  it('is off: /admin is a 404', async () => {
    const bot = await HttpBot.start();
    try {
      expect((await fetch(`${bot.url}/admin`)).status).toBe(404);
      expect((await fetch(`${bot.url}/admin/export.csv`, { headers: { authorization: 'Bearer anything-at-all-123' } })).status).toBe(404);
    } finally {
      await bot.stop();
    }
  });
});
