import { setTimeout as sleep } from 'node:timers/promises';
import type { Storage } from 'botbuilder';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadConfig } from '../../src/config.js';
import { createLogger } from '../../src/logging.js';
import { createRedisClient, type RedisClient } from '../../src/storage/redis-client.js';
import { RedisStorage } from '../../src/storage/redis-storage.js';
import { redisBackend, type StateBackend } from '../../src/storage/state-backend.js';
import type { TurnLock } from '../../src/storage/turn-lock.js';
import { HttpBot, message, replyTexts } from '../support/http-bot.js';
import { RedisServer, hasRedisServer } from '../support/redis-server.js';

const conversation = () => `scale-${Math.random().toString(36).slice(2)}`;

describe.skipIf(!hasRedisServer)('many bot processes sharing one Redis', () => {
  let redis: RedisServer;
  let a: HttpBot;
  let b: HttpBot;
  beforeAll(async () => {
    redis = await RedisServer.start();
    [a, b] = await Promise.all([HttpBot.start({ env: { REDIS_URL: redis.url } }), HttpBot.start({ env: { REDIS_URL: redis.url } })]);
  });
  afterAll(async () => {
    await Promise.all([a?.stop(), b?.stop()]);
    await redis?.stop();
  });

  it('continues a guided check on process B that was started on process A, turn by turn', async () => {
    const { t, trees } = a.app.services;
    const tree = trees.get('2fa-recovery')!;
    const question = (id: string) => {
      const node = tree.nodes.get(id)!;
      if (node.type !== 'question') throw new Error(`${id} is not a question`);
      return node;
    };
    const id = conversation();
    const en = { locale: 'en-US' };

    const offer = await a.post(message(id, '2FA', { ...en, value: { sportello: { action: 'entry', entry: '2fa-disable' } } }));
    expect(replyTexts(offer)).toContain(t('en', 'tree.offer', { title: a.app.services.kb.get('2fa-disable')!.text.en.title }));

    const started = await b.click(id, offer, t('en', 'tree.start'), en);
    expect(replyTexts(started)).toContain(question('can-pass-second-factor').text.en);

    const lockedOut = await a.click(id, started, question('can-pass-second-factor').choices[1]!.label.en, en);
    expect(replyTexts(lockedOut)).toContain(question('has-emergency-codes').text.en);

    const hasCodes = question('has-emergency-codes').choices.find((c) => c.next === 'use-emergency-code')!;
    const end = await b.click(id, lockedOut, hasCodes.label.en, en);
    expect(replyTexts(end)).toContain(t('en', 'tree.didItHelp'));

    const solved = await a.click(id, end, t('en', 'tree.yesSolved'), en);
    expect(replyTexts(solved)).toContain(t('en', 'tree.solved'));
  });

  it('shares rate limits between processes', async () => {
    const limited = await Promise.all([
      HttpBot.start({ env: { REDIS_URL: redis.url, RATE_LIMIT_PER_CONVERSATION: '2' } }),
      HttpBot.start({ env: { REDIS_URL: redis.url, RATE_LIMIT_PER_CONVERSATION: '2' } }),
    ]);
    try {
      const id = conversation();
      expect((await limited[0].say(id, 'ciao')).status).toBe(200);
      expect((await limited[1].say(id, 'ciao')).status).toBe(200);
      expect((await limited[0].say(id, 'ciao')).status).toBe(429);
      expect((await limited[1].say(id, 'ciao')).status).toBe(429);
    } finally {
      await Promise.all(limited.map((bot) => bot.stop()));
    }
  });
});

/** A storage whose reads take a while, so two turns that are not kept apart surely overlap. */
function slowReads(storage: Storage, ms: number): Storage {
  return {
    read: async (keys) => {
      const items = await storage.read(keys);
      await sleep(ms);
      return items;
    },
    write: (changes) => storage.write(changes),
    delete: (keys) => storage.delete(keys),
  };
}

describe.skipIf(!hasRedisServer)('two turns of one conversation at the same moment on two processes', () => {
  let redis: RedisServer;
  const clients: RedisClient[] = [];
  const bots: HttpBot[] = [];
  beforeAll(async () => {
    redis = await RedisServer.start();
  });
  afterAll(async () => {
    await Promise.all(bots.map((bot) => bot.stop()));
    clients.forEach((c) => c.disconnect());
    await redis?.stop();
  });

  /** A bot process on the shared Redis, with slow state reads and, optionally, another turn lock. */
  async function process(lock?: TurnLock): Promise<HttpBot> {
    const settings = loadConfig({ REDIS_URL: redis.url });
    const client = createRedisClient(settings, createLogger('silent'))!;
    clients.push(client);
    const backend = redisBackend(client, settings);
    const slow: StateBackend = { ...backend, storage: slowReads(backend.storage, 300), turnLock: lock ?? backend.turnLock, close: async () => undefined };
    const bot = await HttpBot.start({ env: { REDIS_URL: redis.url }, backend: slow });
    bots.push(bot);
    return bot;
  }

  /**
   * In a guided check, A's turn answers the question while B's turn, at the same moment, comes
   * from a German Web Chat asking for help. Both updates must be in the saved state: the tree has
   * moved on (A), and the conversation knows the channel switched to German (B).
   */
  async function raceTwoTurns(a: HttpBot, b: HttpBot): Promise<string> {
    const { t, trees } = a.app.services;
    const node = trees.get('2fa-recovery')!.nodes.get('can-pass-second-factor')!;
    const yes = node.type === 'question' ? node.choices[0]!.label.en : '';
    const id = conversation();
    const en = { locale: 'en-US' };
    const offer = await a.post(message(id, '2FA', { ...en, value: { sportello: { action: 'entry', entry: '2fa-disable' } } }));
    const started = await a.click(id, offer, t('en', 'tree.start'), en);
    const [answered, helped] = await Promise.all([a.click(id, started, yes, en), b.say(id, 'Hilfe', { locale: 'de-DE' })]);
    expect(answered.status).toBe(200);
    expect(helped.status).toBe(200);
    const stored = await new RedisStorage(clients[0]!, { keyPrefix: 'sportello:', ttlSeconds: 60 }).read([`test/conversations/${id}/`]);
    return JSON.stringify(stored);
  }

  it('keeps both updates: the turn lock runs them one after the other', async () => {
    const state = await raceTwoTurns(await process(), await process());
    expect(state).toContain('"phase":"feedback"');
    expect(state).toContain('"channelLanguage":"de"');
  });

  it('would lose one of them without the turn lock (the race the lock is for is real)', async () => {
    const noLock: TurnLock = { withLock: (_conversation, turn) => turn() };
    const state = await raceTwoTurns(await process(noLock), await process(noLock));
    const kept = [state.includes('"phase":"feedback"'), state.includes('"channelLanguage":"de"')];
    expect(kept.filter(Boolean)).toHaveLength(1);
  });
});

describe.skipIf(!hasRedisServer)('when Redis goes away', () => {
  let redis: RedisServer;
  let bot: HttpBot;
  beforeAll(async () => {
    redis = await RedisServer.start();
    // Rate limits on, so their counters in Redis fail too and fall back to memory.
    bot = await HttpBot.start({ env: { REDIS_URL: redis.url, RATE_LIMIT_PER_IP: '1000', RATE_LIMIT_PER_CONVERSATION: '1000' } });
  });
  afterAll(async () => {
    await bot?.stop();
    await redis?.stop();
  });

  it('apologises in the customer language, fails /readyz, and works again once Redis is back', async () => {
    const id = conversation();
    const apology = bot.app.services.t('de', 'error.turn');
    const first = await bot.say(id, 'Wo finde ich meinen Support-Code?', { locale: 'de-DE' });
    expect(replyTexts(first)).not.toContain(apology);

    await redis.stop();
    const during = await bot.say(id, 'Wie ändere ich die Wiederherstellungs-E-Mail?', { locale: 'de-DE' });
    expect(during.status).toBe(200);
    expect(replyTexts(during)).toBe(apology);
    expect((await fetch(`${bot.url}/readyz`)).status).toBe(503);
    expect(bot.logs.entries().some((e) => e.msg === 'turn failed' && e.conversation === id)).toBe(true);

    await redis.restart();
    await waitUntil(async () => (await fetch(`${bot.url}/readyz`)).status === 200, 10_000);
    const after = await bot.say(id, 'Wo finde ich meinen Support-Code?', { locale: 'de-DE' });
    expect(after.status).toBe(200);
    expect(replyTexts(after)).not.toContain(apology);
    expect(replyTexts(after)).toContain(bot.app.services.kb.get('support-code')!.text.de.title);
  });
});

describe.skipIf(!hasRedisServer)('on a Redis Cluster', () => {
  let cluster: RedisServer;
  let bot: HttpBot;
  beforeAll(async () => {
    cluster = await RedisServer.start({ cluster: true });
    bot = await HttpBot.start({ env: { REDIS_CLUSTER_NODES: `127.0.0.1:${cluster.port}`, RATE_LIMIT_PER_CONVERSATION: '100' } });
  });
  afterAll(async () => {
    await bot?.stop();
    await cluster?.stop();
  });

  it('keeps conversation state, turn locks and rate limits through the cluster client', async () => {
    const id = conversation();
    const reply = await bot.say(id, 'dove trovo il codice supporto?');
    expect(reply.status).toBe(200);
    expect(replyTexts(reply)).toContain(bot.app.services.kb.get('support-code')!.text.it.title);
    expect((await fetch(`${bot.url}/readyz`)).status).toBe(200);
    const client = cluster.client();
    const keys = await client.keys('*');
    client.disconnect();
    expect(keys).toContain(`sportello:state:test/conversations/${id}/`);
    expect(keys.some((k) => k.startsWith('sportello:rate:conversation'))).toBe(true);
  });
});

async function waitUntil(check: () => Promise<boolean>, timeoutMs: number): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await check())) {
    if (Date.now() > deadline) throw new Error(`condition not met within ${timeoutMs} ms`);
    await sleep(100);
  }
}
