import { MemoryStorage, MemoryTranscriptStore, TranscriptLoggerMiddleware } from 'botbuilder';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { HttpBot, replyTexts } from '../support/http-bot.js';
import { RedisServer, dumpRedis, hasRedisServer } from '../support/redis-server.js';

const PASSWORD = 'Tr0ub4dor&3xyz';
const IBAN = 'IT60 X054 2811 1010 0000 0123 456';
const IBAN_COMPACT = IBAN.replace(/ /g, '');

/** Checks one text for any trace of the secrets: the password, the IBAN spaced or compact. */
function expectNoSecrets(where: string, text: string) {
  expect(text, where).not.toContain(PASSWORD);
  expect(text, where).not.toContain(IBAN);
  expect(text, where).not.toContain(IBAN_COMPACT);
  expect(text, where).not.toContain('X054');
}

async function pasteSecrets(bot: HttpBot, store: MemoryTranscriptStore) {
  bot.app.adapter.use(new TranscriptLoggerMiddleware(store));
  const first = await bot.say('secrets-1', `la mia password è ${PASSWORD} e non riesco ad entrare`);
  const second = await bot.say('secrets-2', `Hi, my IBAN is ${IBAN}, why did I get a payment reminder?`, { locale: 'en-US' });
  const transcript = [
    ...(await store.getTranscriptActivities('test', 'secrets-1')).items,
    ...(await store.getTranscriptActivities('test', 'secrets-2')).items,
  ];
  return { first, second, transcript: JSON.stringify(transcript) };
}

describe('a secret pasted in chat', () => {
  let bot: HttpBot;
  const storage = new MemoryStorage();
  const store = new MemoryTranscriptStore();
  let result: Awaited<ReturnType<typeof pasteSecrets>>;
  beforeAll(async () => {
    bot = await HttpBot.start({ storage, logLevel: 'debug' });
    result = await pasteSecrets(bot, store);
  });
  afterAll(() => bot.stop());

  it('gets a warning in the customer language: never share it, support never asks', () => {
    expect(replyTexts(result.first)).toContain(bot.app.services.t('it', 'secrets.password'));
    expect(replyTexts(result.second)).toContain(bot.app.services.t('en', 'secrets.iban'));
  });

  it('does not stop the bot from answering the question around it', () => {
    const title = bot.app.services.kb.get('payment-reminder')!.text.en.title;
    expect(replyTexts(result.second)).toContain(title);
  });

  it('is recorded in the transcript only as a mask', () => {
    // Each in the language its customer wrote in.
    expect(result.transcript).toContain(bot.app.services.t('it', 'secrets.mask.password'));
    expect(result.transcript).toContain(bot.app.services.t('en', 'secrets.mask.iban'));
    expectNoSecrets('transcript', result.transcript);
  });

  it('appears nowhere in the logs, even at debug level', () => {
    expect(bot.logs.text).toContain(bot.app.services.t('it', 'secrets.mask.password'));
    expectNoSecrets('logs', bot.logs.text);
  });

  it('appears nowhere in the stored conversation state', async () => {
    const stored = JSON.stringify(storage);
    expect(stored).toContain('secrets-1');
    expectNoSecrets('state', stored);
  });

  it('leaves no message text in info-level log lines', () => {
    const info = bot.logs.entries().filter((e) => (e.level as number) >= 30);
    expect(info.length).toBeGreaterThan(0);
    for (const entry of info) {
      expect(JSON.stringify(entry)).not.toContain('non riesco ad entrare');
      expect(JSON.stringify(entry)).not.toContain('payment reminder');
    }
    expect(info.every((e) => typeof e.conversation === 'string')).toBe(true);
  });
});

describe('a secret pasted in the web widget (Direct Line)', () => {
  let bot: HttpBot;
  beforeAll(async () => {
    bot = await HttpBot.start({ logLevel: 'debug' });
  });
  afterAll(() => bot.stop());

  it('is masked in the conversation log the widget reads back, and the warning is there', async () => {
    const directLine = (path: string, body?: unknown) =>
      fetch(`${bot.url}/v3/directline${path}`, {
        method: body === undefined ? 'GET' : 'POST',
        headers: { 'content-type': 'application/json' },
        ...(body === undefined ? {} : { body: JSON.stringify(body) }),
      });
    const started = (await (await directLine('/conversations', { user: { id: 'r_webchat' }, locale: 'it-IT' })).json()) as { conversationId: string };
    const posted = await directLine(`/conversations/${started.conversationId}/activities`, {
      type: 'message',
      text: `la mia password è ${PASSWORD}, IBAN ${IBAN}`,
      locale: 'it-IT',
      from: { id: 'r_webchat', role: 'user' },
    });
    expect(posted.status).toBe(200);
    const log = JSON.stringify(await (await directLine(`/conversations/${started.conversationId}/activities`)).json());
    expect(log).toContain(`la mia password è ${bot.app.services.t('it', 'secrets.mask.password')}`);
    expect(log).toContain(bot.app.services.t('it', 'secrets.password').slice(0, 30));
    expectNoSecrets('direct line log', log);
    expectNoSecrets('logs', bot.logs.text);
  });
});

describe.skipIf(!hasRedisServer)('a secret pasted in chat, with state in Redis', () => {
  let redis: RedisServer;
  let bot: HttpBot;
  beforeAll(async () => {
    redis = await RedisServer.start();
    bot = await HttpBot.start({ env: { REDIS_URL: redis.url }, logLevel: 'debug' });
  });
  afterAll(async () => {
    await bot?.stop();
    await redis?.stop();
  });

  it('appears nowhere in Redis, the transcript or the logs', async () => {
    const { transcript } = await pasteSecrets(bot, new MemoryTranscriptStore());
    const client = redis.client();
    const stored = await dumpRedis(client);
    client.disconnect();
    expect(stored).toContain('secrets-1');
    expectNoSecrets('redis', stored);
    expectNoSecrets('transcript', transcript);
    expectNoSecrets('logs', bot.logs.text);
  });
});
