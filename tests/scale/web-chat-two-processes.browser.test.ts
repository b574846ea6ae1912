import type { Activity } from 'botbuilder';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Content } from '../../src/content/load-content.js';
import { createTranslator } from '../../src/i18n/i18n.js';
import { ChildBot } from '../support/bot-process.js';
import { collectProblems, haveChromium, launchChromium, shown, webChat } from '../support/chromium.js';
import { projectContent } from '../support/content.js';
import { freePort, hasRedisServer, RedisServer } from '../support/redis-server.js';
import { RoundRobinProxy } from '../support/round-robin-proxy.js';

const SECRET = 'two-processes-browser-test-secret-0123456789';
const sequence = (id: string) => Number(id.slice(id.lastIndexOf('|') + 1));

/**
 * The customer's questions, each answered by its entry's card; the conversation is asked them
 * one by one, with both bot processes restarted in between.
 */
const QUESTIONS: Array<[string, string]> = [
  ['dove trovo il codice supporto?', 'support-code'],
  ['come cambio la mail di recupero?', 'recovery-email'],
  ['come aggiungo un altro indirizzo di fatturazione?', 'billing-address'],
  ['come smetto di ricevere la newsletter?', 'newsletter'],
  ['come disattivo la garanzia di rinnovo?', 'renewal-warranty'],
];

describe.skipIf(!haveChromium || !hasRedisServer)('Web Chat on two bot processes sharing one Redis, with no sticky sessions', () => {
  let redis: RedisServer;
  let ports: number[];
  let bots: ChildBot[];
  let proxy: RoundRobinProxy;
  let browser: Browser;
  let content: Content;

  /** Starting the bot is slow on a busy 2-core machine; two at once, slower. */
  const STARTUP_MS = 150_000;
  const env = (port: number) => ({ PORT: String(port), REDIS_URL: redis.url, DIRECTLINE_SECRET: SECRET, LOG_LEVEL: 'warn' });
  /** Stops one bot process (SIGTERM, as a deploy does) and starts it again on its port. */
  async function restart(i: number): Promise<void> {
    await bots[i]!.kill('SIGTERM');
    bots[i] = await ChildBot.start(env(ports[i]!), STARTUP_MS);
  }

  beforeAll(async () => {
    redis = await RedisServer.start();
    ports = [await freePort(), await freePort()];
    bots = await Promise.all(ports.map((port) => ChildBot.start(env(port), STARTUP_MS)));
    proxy = await RoundRobinProxy.start(ports);
    browser = await launchChromium();
    content = await projectContent();
  }, 2 * STARTUP_MS);

  afterAll(async () => {
    await browser?.close();
    await proxy?.stop();
    await Promise.all((bots ?? []).map((bot) => bot.kill('SIGTERM')));
    await redis?.stop();
  });

  it('alternates between them call by call and survives a restart of each, then of both: nothing lost, doubled or reordered, one greeting', async () => {
    const t = await createTranslator(content.locales, 'it');
    const welcome = shown(t('it', 'welcome.text'), 40);
    const context = await browser.newContext({ locale: 'it-IT' });
    const page: Page = await context.newPage();
    const problems = collectProblems(page);
    // Everything the page received from the bot, over its streams, in order of arrival.
    const received: Activity[] = [];
    page.on('websocket', (socket) =>
      socket.on('framereceived', ({ payload }) => {
        if (typeof payload === 'string' && payload) received.push(...(JSON.parse(payload) as { activities: Activity[] }).activities);
      }),
    );
    // Long waits: after a restart, Web Chat reconnects its stream 3 to 15 s later.
    const chat = webChat(page, 120_000);
    const ask = ([question, entry]: [string, string]) => chat.ask(question, shown(content.kb.get(entry)!.text.it.title));

    await page.goto(proxy.url);
    await chat.see(welcome);
    await ask(QUESTIONS[0]!);
    await ask(QUESTIONS[1]!);
    await restart(0);
    await ask(QUESTIONS[2]!);
    await restart(1);
    await ask(QUESTIONS[3]!);
    // Both down at once, then both back: only Redis remembers the conversation.
    await Promise.all(bots.map((bot) => bot.kill('SIGTERM')));
    bots = await Promise.all(ports.map((port) => ChildBot.start(env(port), STARTUP_MS)));
    await ask(QUESTIONS[4]!);

    // The conversation's log, as the bot has it (the secret reads any conversation).
    const conversationId = await page.evaluate<string>("JSON.parse(localStorage.getItem('sportello.conversation')).conversationId");
    const response = await fetch(`${proxy.url}/v3/directline/conversations/${encodeURIComponent(conversationId)}/activities`, {
      headers: { Authorization: `Bearer ${SECRET}` },
    });
    const log = ((await response.json()) as { activities: Activity[] }).activities;
    const numbers = log.map((a) => sequence(a.id!));
    expect(numbers).toEqual(Array.from({ length: log.length }, (_, i) => i + 1));
    // Asked once each, in order; one greeting.
    expect(log.filter((a) => a.from.role === 'user').map((a) => a.text)).toEqual(QUESTIONS.map(([q]) => q));
    expect(log.filter((a) => a.text === t('it', 'welcome.text'))).toHaveLength(1);
    // The page received exactly that log, each activity once and in order, across five streams at least.
    await expect.poll(() => received.length, { timeout: 120_000 }).toBe(log.length);
    expect(received.map((a) => a.id)).toEqual(log.map((a) => a.id));
    // And shows it: each question once, in order, after one greeting.
    const shownBubbles = await chat.bubbles();
    expect(shownBubbles.filter((text) => welcome.test(text))).toHaveLength(1);
    expect(shownBubbles.filter((text) => QUESTIONS.some(([q]) => text.includes(q)))).toEqual(QUESTIONS.map(([q]) => q));

    // No stickiness: both processes served posts and streams of this one conversation.
    const conversationCalls = proxy.calls.filter((call) => call.path.includes(encodeURIComponent(conversationId)));
    for (const backend of [0, 1]) {
      expect(conversationCalls.some((call) => call.backend === backend && call.method === 'POST')).toBe(true);
      expect(conversationCalls.some((call) => call.backend === backend && call.upgrade)).toBe(true);
    }
    expect(problems.filter((problem) => !/WebSocket|ERR_CONNECTION|502/.test(problem))).toEqual([]);
    await context.close();
  }, 600_000);
});
