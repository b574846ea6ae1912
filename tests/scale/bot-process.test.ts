import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadConfig } from '../../src/config.js';
import { createTranslator } from '../../src/i18n/i18n.js';
import type { QuestionNode } from '../../src/trees/model.js';
import { ChildBot, useChildBots } from '../support/bot-process.js';
import { projectContent } from '../support/content.js';
import { message, replyTexts } from '../support/http-bot.js';
import { RedisServer, freePort, hasRedisServer } from '../support/redis-server.js';

const conversation = () => `process-${Math.random().toString(36).slice(2)}`;
const en = { locale: 'en-US' };
const { start, track } = useChildBots();

// Each test starts bot processes (two for a restart): on two busy cores that alone can take
// longer than vitest's default 30 s, which would fail the test for no fault of the bot.
const PROCESS_TEST_MS = 180_000;

describe('starting the bot', { timeout: PROCESS_TEST_MS }, () => {
  it('refuses to start in production without credentials, saying what to set', async () => {
    const bot = await ChildBot.spawn({ NODE_ENV: 'production' });
    track(bot);
    expect(await bot.exited).toBe(1);
    expect(bot.stderr.join('')).toMatch(/MicrosoftAppId.*ALLOW_UNAUTHENTICATED=true/s);
  });
});

describe.skipIf(!hasRedisServer)('the bot process on Redis', { timeout: PROCESS_TEST_MS }, () => {
  let redis: RedisServer;
  beforeAll(async () => {
    redis = await RedisServer.start();
  });
  afterAll(() => redis?.stop());

  it('continues a guided check where the customer was after being killed and restarted', async () => {
    const content = await projectContent();
    const t = await createTranslator(content.locales, 'it');
    const tree = content.trees.get('2fa-recovery')!;
    const question = (id: string) => tree.nodes.get(id) as QuestionNode;
    const env = { REDIS_URL: redis.url, PORT: String(await freePort()), TURN_LOCK_TTL_MS: '1500' };
    const id = conversation();

    const first = await start(env);
    const offer = await first.post(message(id, '2FA', { ...en, value: { sportello: { action: 'entry', entry: '2fa-disable' } } }));
    const started = await first.click(id, offer, t('en', 'tree.start'), en);
    const lockedOut = await first.click(id, started, question('can-pass-second-factor').choices[1]!.label.en, en);
    expect(replyTexts(lockedOut)).toContain(question('has-emergency-codes').text.en);
    expect(await first.kill('SIGKILL')).toBeNull();
    // Killed in the middle of a turn, it would leave the conversation's lock behind: it expires.
    const client = redis.client();
    await client.set(`${loadConfig({}).redisKeyPrefix}lock:test/${id}`, 'killed-mid-turn', 'PX', 1500);
    client.disconnect();

    const second = await start(env);
    const noCodes = question('has-emergency-codes').choices.find((c) => c.next === 'identity-check')!;
    const next = await second.click(id, lockedOut, noCodes.label.en, en);
    expect(next.status).toBe(200);
    expect(replyTexts(next)).toContain(t('en', 'tree.didItHelp'));
    expect(replyTexts(next)).not.toContain(t('en', 'tree.expired', { title: tree.title.en }));
  });

  it('finishes the turn in flight on SIGTERM, then exits 0', async () => {
    const bot = await start({ REDIS_URL: redis.url });
    const id = conversation();
    // Hold the conversation's turn lock, as another process's turn would: the next turn waits for it.
    const client = redis.client();
    const lockKey = `${loadConfig({}).redisKeyPrefix}lock:test/${id}`;
    await client.set(lockKey, 'another-turn', 'PX', 20_000);

    // The turn is in flight once the bot tries to take that lock (Redis MONITOR shows it): a
    // fixed pause would signal too early on a busy machine, before the turn had even arrived.
    const monitor = await client.monitor();
    const waiting = new Promise<void>((resolve) => {
      monitor.on('monitor', (_time: string, args: string[]) => {
        if (args[0]?.toLowerCase() === 'set' && args[1] === lockKey && args.includes('NX')) resolve();
      });
    });
    const inFlight = bot.say(id, 'Where do I find my support code?', en);
    await waiting;
    monitor.disconnect();
    bot.child.kill('SIGTERM');
    // However long the signal takes to arrive, readiness fails before the process exits.
    while ((await fetch(`${bot.url}/readyz`).then((r) => r.status, () => 0)) === 200) await new Promise((resolve) => setTimeout(resolve, 50));
    expect(bot.child.exitCode).toBeNull();

    await client.del(lockKey);
    client.disconnect();
    const reply = await inFlight;
    expect(reply.status).toBe(200);
    expect(reply.replies.length).toBeGreaterThan(0);
    expect(await bot.exited).toBe(0);
  });

  it('writes only JSON lines to its output, each turn with its conversation id', async () => {
    const bot = await start({ REDIS_URL: redis.url });
    const id = conversation();
    await bot.say(id, 'my password is Hunter2, where is my support code?', en);
    await bot.kill('SIGTERM');
    const lines = bot.stdout.map((line) => JSON.parse(line) as Record<string, unknown>);
    expect(lines.some((l) => l.msg === 'turn' && l.conversation === id)).toBe(true);
    expect(bot.stdout.join('\n')).not.toContain('Hunter2');
    expect(bot.stderr.join('')).toBe('');
  });
});
