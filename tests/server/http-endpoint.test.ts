import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { clientIp } from '../../src/server/client-ip.js';
import { HttpBot, message, replyTexts } from '../support/http-bot.js';

const conversation = () => `conv-${Math.random().toString(36).slice(2)}`;

describe('POST /api/messages', () => {
  let bot: HttpBot;
  beforeAll(async () => {
    bot = await HttpBot.start({ env: { MAX_BODY_BYTES: '4096', MAX_MESSAGE_CHARS: '300' } });
  });
  afterAll(() => bot.stop());

  it('answers a message in the response body when asked to expect replies', async () => {
    const reply = await bot.say(conversation(), 'dove trovo il codice supporto?');
    expect(reply.status).toBe(200);
    expect(replyTexts(reply)).toContain(bot.app.services.kb.get('support-code')!.text.it.title);
  });

  it('refuses a body larger than MAX_BODY_BYTES with 413', async () => {
    const reply = await bot.post(message(conversation(), 'x'.repeat(5000)));
    expect(reply.status).toBe(413);
  });

  it('refuses malformed JSON with 400', async () => {
    const reply = await bot.post('{"type": "message", "text": ');
    expect(reply.status).toBe(400);
  });

  it('refuses JSON that is not an activity with 400', async () => {
    expect((await bot.post('[1, 2, 3]')).status).toBe(400);
    expect((await bot.post({ text: 'no type' })).status).toBe(400);
    expect((await bot.post({ type: 'message', text: 42 })).status).toBe(400);
  });

  it('answers a long paste politely in the conversation language, without reading it', async () => {
    const id = conversation();
    await bot.say(id, 'Hello, where do I find my support code?', { locale: 'en-US' });
    const understand = vi.spyOn(bot.app.services.understander, 'understand');
    const reply = await bot.say(id, 'my server log: '.padEnd(5000 / 2, 'error '), { locale: 'en-US' });
    expect(reply.status).toBe(200);
    expect(replyTexts(reply)).toBe(bot.app.services.t('en', 'limits.tooLong', { max: 300 }));
    expect(understand).not.toHaveBeenCalled();
    understand.mockRestore();
  });

  it('still answers a long message that says someone is in danger with care first', async () => {
    const id = conversation();
    await bot.say(id, 'Hello there', { locale: 'en-US' });
    const reply = await bot.say(id, `${'I have tried everything and nothing works. '.repeat(8)}I want to end my life.`, { locale: 'en-US' });
    expect(replyTexts(reply)).toContain(bot.app.services.t('en', 'crisis.reply'));
    expect(replyTexts(reply)).toContain(bot.app.services.t('en', 'limits.tooLong', { max: 300 }));
  });

  it('keeps the customer in a guided check after a long paste', async () => {
    const id = conversation();
    await bot.post(message(id, 'Guide me step by step', { locale: 'en-US', value: { sportello: { action: 'tree', tree: '2fa-recovery' } } }));
    await bot.say(id, 'z'.repeat(301), { locale: 'en-US' });
    const next = await bot.say(id, "No, I'm locked out", { locale: 'en-US' });
    const tree = bot.app.services.trees.get('2fa-recovery')!;
    const question = tree.nodes.get('has-emergency-codes')!;
    expect(replyTexts(next)).toContain(question.type === 'question' ? question.text.en : 'a question');
  });
});

describe('health endpoints', () => {
  let bot: HttpBot;
  beforeAll(async () => {
    bot = await HttpBot.start();
  });
  afterAll(() => bot.stop());

  it('says the process is up on /healthz and ready on /readyz', async () => {
    expect((await fetch(`${bot.url}/healthz`)).status).toBe(200);
    const ready = await fetch(`${bot.url}/readyz`);
    expect(ready.status).toBe(200);
    expect(await ready.json()).toEqual({ status: 'ready' });
  });

  it('fails /readyz while the storage does not answer', async () => {
    const ping = vi.spyOn(bot.app.backend, 'ping').mockRejectedValueOnce(new Error('storage down'));
    expect((await fetch(`${bot.url}/readyz`)).status).toBe(503);
    ping.mockRestore();
  });
});

describe('authentication', () => {
  let bot: HttpBot;
  beforeAll(async () => {
    bot = await HttpBot.start({
      env: { MicrosoftAppId: '00000000-0000-0000-0000-000000000001', MicrosoftAppPassword: 'not-a-real-secret', MicrosoftAppType: 'MultiTenant' },
    });
  });
  afterAll(() => bot.stop());
  afterEach(() => vi.restoreAllMocks());

  it('answers 401 to a message without a token, and the bot never sees it', async () => {
    const run = vi.spyOn(bot.app.bot, 'run');
    const reply = await bot.say(conversation(), 'hello');
    expect(reply.status).toBe(401);
    expect(run).not.toHaveBeenCalled();
  });

  it('answers 401 to a message with a token that is not a Bot Framework token', async () => {
    const run = vi.spyOn(bot.app.bot, 'run');
    const reply = await bot.post(message(conversation(), 'hello'), { authorization: 'Bearer not.a.token' });
    expect(reply.status).toBe(401);
    expect(run).not.toHaveBeenCalled();
  });
});

describe('rate limits', () => {
  const bots: HttpBot[] = [];
  const start = async (env: Record<string, string>) => {
    const bot = await HttpBot.start({ env });
    bots.push(bot);
    return bot;
  };
  afterAll(() => Promise.all(bots.map((b) => b.stop())));

  it('answers 429 with Retry-After once a conversation sends too fast, and other conversations go on', async () => {
    const bot = await start({ RATE_LIMIT_PER_CONVERSATION: '3' });
    const busy = conversation();
    const statuses = [];
    for (let i = 0; i < 4; i++) statuses.push((await bot.say(busy, 'ciao')).status);
    expect(statuses).toEqual([200, 200, 200, 429]);
    expect(Number((await bot.say(busy, 'ciao')).headers.get('retry-after'))).toBeGreaterThan(0);
    expect((await bot.say(conversation(), 'ciao')).status).toBe(200);
  });

  it('answers 429 with Retry-After once one client address sends too much, whatever the conversation', async () => {
    const bot = await start({ RATE_LIMIT_PER_IP: '3' });
    const statuses = [];
    for (let i = 0; i < 4; i++) statuses.push((await bot.say(conversation(), 'ciao')).status);
    expect(statuses).toEqual([200, 200, 200, 429]);
    expect(Number((await bot.say(conversation(), 'ciao')).headers.get('retry-after'))).toBeGreaterThan(0);
  });

  it('does not count a request that fails authentication against its conversation', async () => {
    const bot = await start({ RATE_LIMIT_PER_CONVERSATION: '1', MicrosoftAppId: '00000000-0000-0000-0000-000000000001', MicrosoftAppPassword: 'x' });
    const id = conversation();
    expect((await bot.say(id, 'ciao')).status).toBe(401);
    expect((await bot.say(id, 'ciao')).status).toBe(401);
  });
});

describe('the client address', () => {
  const req = (forwarded: string | undefined, socket = '10.0.0.5') => ({
    headers: forwarded ? { 'x-forwarded-for': forwarded } : {},
    socket: { remoteAddress: socket } as never,
  });

  it('is the socket address when no proxy is trusted, whatever X-Forwarded-For says', () => {
    expect(clientIp(req('1.2.3.4'), 0)).toBe('10.0.0.5');
  });

  it('is read that many hops back in X-Forwarded-For behind trusted proxies', () => {
    expect(clientIp(req('6.6.6.6, 1.2.3.4'), 1)).toBe('1.2.3.4');
    expect(clientIp(req('6.6.6.6, 1.2.3.4, 10.0.0.4'), 2)).toBe('1.2.3.4');
  });

  it('does not trust a chain shorter than the proxies said to be there', () => {
    expect(clientIp(req(undefined), 1)).toBe('10.0.0.5');
  });
});
