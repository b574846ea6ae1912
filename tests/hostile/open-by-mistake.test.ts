import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ConfigError, loadConfig } from '../../src/config.js';
import { ChildBot } from '../support/bot-process.js';
import { HttpBot, message } from '../support/http-bot.js';

const SECRET = 'a-direct-line-secret-of-32-chars!';
const credentials = { NODE_ENV: 'production', MicrosoftAppId: 'app', MicrosoftAppPassword: 'password' };

describe('a production bot is not left open by mistake', () => {
  it('refuses NODE_ENV=production with credentials but no DIRECTLINE_SECRET, saying what to set', () => {
    expect(() => loadConfig(credentials)).toThrow(ConfigError);
    expect(() => loadConfig(credentials)).toThrow(/DIRECTLINE_SECRET.*ALLOW_OPEN_DIRECTLINE=true/s);
  });

  it('starts open only when told so, or with a secret', () => {
    expect(loadConfig({ ...credentials, ALLOW_OPEN_DIRECTLINE: 'true' }).directLineSecret).toBeUndefined();
    expect(loadConfig({ ...credentials, DIRECTLINE_SECRET: SECRET }).directLineSecret).toBe(SECRET);
  });

  it('refuses a DIRECTLINE_SECRET shorter than 32 characters, anywhere', () => {
    expect(() => loadConfig({ DIRECTLINE_SECRET: 'x'.repeat(31) })).toThrow(/DIRECTLINE_SECRET.*at least 32/s);
    expect(loadConfig({ DIRECTLINE_SECRET: 'x'.repeat(32) }).directLineSecret).toHaveLength(32);
  });

  it('the bot process exits 1 with an open Direct Line endpoint in production', { timeout: 120_000 }, async () => {
    const bot = await ChildBot.spawn(credentials);
    try {
      expect(await bot.exited).toBe(1);
      expect(bot.stderr.join('')).toMatch(/DIRECTLINE_SECRET.*ALLOW_OPEN_DIRECTLINE=true/s);
    } finally {
      await bot.kill('SIGKILL');
    }
  });
});

describe('without authentication, replies go only to loopback service URLs', () => {
  let bot: HttpBot;
  let allowing: HttpBot;
  beforeAll(async () => {
    [bot, allowing] = await Promise.all([HttpBot.start(), HttpBot.start({ env: { ALLOWED_SERVICE_URLS: 'https://connector.example.com/' } })]);
  });
  afterAll(async () => {
    await Promise.all([bot?.stop(), allowing?.stop()]);
  });

  const ask = (target: HttpBot, serviceUrl: string) =>
    target.post(message(`svc-${Math.random()}`, 'Where do I find my support code?', { locale: 'en-US', serviceUrl }));

  it.each(['https://attacker.example/', 'http://10.0.0.5:3978/', 'http://localhost.attacker.example/', 'file:///etc/passwd'])(
    'refuses an activity whose serviceUrl is %s with 403',
    async (serviceUrl) => {
      expect((await ask(bot, serviceUrl)).status).toBe(403);
    },
  );

  it.each(['http://127.0.0.1:9', 'http://localhost:3978/', 'http://[::1]:3978/'])('answers one from %s', async (serviceUrl) => {
    const reply = await ask(bot, serviceUrl);
    expect(reply.status).toBe(200);
    expect(reply.replies.length).toBeGreaterThan(0);
  });

  it('answers a service URL listed in ALLOWED_SERVICE_URLS, and no other', async () => {
    expect((await ask(allowing, 'https://connector.example.com/emea/')).status).toBe(200);
    expect((await ask(allowing, 'https://connector.example.com.attacker.example/')).status).toBe(403);
  });
});
