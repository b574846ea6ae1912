import { mkdtemp, readdir, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { MemoryStorage, MemoryTranscriptStore, TranscriptLoggerMiddleware, type Activity } from 'botbuilder';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ChannelConversation, channelTexts, TENANT } from '../support/channel.js';
import { FakeConnector } from '../support/fake-connector.js';
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

// Made up, in the shapes customers paste: a wp-config line, a GitHub token, a private key.
const DB_PASSWORD = 'Kl4r!Wass3r';
const TOKEN = 'ghp_WoGsbeKXgzg2sye9b2Rann76dEyTzAeKOmXR';
const KEY_LINE = 'kUv3BabXzWwQlItOyYsVVRRGvBrmUBUGoqckGL7Qpmw+tjh9w+iFVsN1ZFlWzvdV';
const PASTE = [
  'Die Seite bleibt weiß, hier meine wp-config.php:',
  `define('DB_PASSWORD', '${DB_PASSWORD}');`,
  `Der Deploy nutzt ${TOKEN} und diesen Schlüssel:`,
  '-----BEGIN OPENSSH PRIVATE KEY-----',
  KEY_LINE,
  '-----END OPENSSH PRIVATE KEY-----',
].join('\n');
const escapeHtml = (text: string) => text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/'/g, '&#39;');

/** The paste as Teams sends it: the text, its HTML copy as an attachment, the channel's data. */
const teamsPaste: Partial<Activity> = {
  type: 'message',
  text: PASTE,
  textFormat: 'plain',
  attachments: [{ contentType: 'text/html', content: `<p>${PASTE.split('\n').map(escapeHtml).join('<br>')}</p>` }],
  channelData: { tenant: TENANT, source: { name: 'message' }, legacy: { text: PASTE } },
};

/** Checks one text for the pasted secrets, as typed or as HTML escapes them. */
function expectNoPaste(where: string, text: string) {
  for (const secret of [DB_PASSWORD, escapeHtml(DB_PASSWORD), TOKEN, KEY_LINE, 'Wass3r']) expect(text, where).not.toContain(secret);
}

describe('a paste in a Teams-shaped message, with its HTML copy and channel data', () => {
  let bot: HttpBot;
  let connector: FakeConnector;
  let teams: ChannelConversation;
  let transcriptsDir: string;
  const storage = new MemoryStorage();
  const store = new MemoryTranscriptStore();
  beforeAll(async () => {
    connector = await FakeConnector.start();
    transcriptsDir = await mkdtemp(path.join(tmpdir(), 'sportello-secrets-'));
    bot = await HttpBot.start({ storage, logLevel: 'debug', env: { TRANSCRIPTS_DIR: transcriptsDir } });
    bot.app.adapter.use(new TranscriptLoggerMiddleware(store));
    teams = new ChannelConversation(bot.url, connector, { locale: 'de-DE' });
    const turn = await teams.post(teamsPaste);
    expect(turn.status).toBe(200);
  });
  afterAll(async () => {
    await bot?.stop();
    await connector?.stop();
    await rm(transcriptsDir, { recursive: true, force: true });
  });

  it('gets the warnings for a password and a key, in German, through the connector', () => {
    const texts = channelTexts(connector.messages());
    expect(texts).toContain(bot.app.services.t('de', 'secrets.password'));
    expect(texts).toContain(bot.app.services.t('de', 'secrets.key'));
    expectNoPaste('replies', JSON.stringify(connector.calls));
  });

  it('leaves no trace in the state, either transcript or the debug log', async () => {
    const stored = JSON.stringify(storage);
    expect(stored).toContain(teams.id);
    expectNoPaste('state', stored);
    const transcript = JSON.stringify((await store.getTranscriptActivities('msteams', teams.id)).items);
    expect(transcript).toContain(bot.app.services.t('de', 'secrets.mask.key'));
    expect(transcript).toContain('text/html');
    expectNoPaste('transcript', transcript);
    expect(bot.logs.text).toContain(bot.app.services.t('de', 'secrets.mask.password'));
    expectNoPaste('debug log', bot.logs.text);
    // The transcript files are written behind the turns: stopping waits for them.
    await bot.app.stop();
    const files = await readdir(transcriptsDir);
    expect(files.length).toBeGreaterThan(0);
    for (const file of files) expectNoPaste(file, await readFile(path.join(transcriptsDir, file), 'utf8'));
  });
});

describe('the same paste through the web widget (Direct Line), with attachments and channel data', () => {
  let bot: HttpBot;
  beforeAll(async () => {
    bot = await HttpBot.start({ logLevel: 'debug' });
  });
  afterAll(() => bot.stop());

  it('is masked in the conversation log the widget reads back and in the debug log', async () => {
    const directLine = (route: string, body?: unknown) =>
      fetch(`${bot.url}/v3/directline${route}`, {
        method: body === undefined ? 'GET' : 'POST',
        headers: { 'content-type': 'application/json' },
        ...(body === undefined ? {} : { body: JSON.stringify(body) }),
      });
    const started = (await (await directLine('/conversations', { user: { id: 'r_webchat' }, locale: 'de-DE' })).json()) as { conversationId: string };
    const { attachments, channelData, text } = teamsPaste;
    const posted = await directLine(`/conversations/${started.conversationId}/activities`, {
      type: 'message',
      text,
      attachments,
      channelData: { ...(channelData as object), clientActivityID: '1733011200000k3x9a2b5c' },
      locale: 'de-DE',
      from: { id: 'r_webchat', role: 'user' },
    });
    expect(posted.status).toBe(200);
    const log = JSON.stringify(await (await directLine(`/conversations/${started.conversationId}/activities`)).json());
    // Web Chat matches its message by this id: masking must leave it as sent.
    expect(log).toContain('1733011200000k3x9a2b5c');
    expect(log).toContain(bot.app.services.t('de', 'secrets.key').slice(0, 30));
    expectNoPaste('direct line log', log);
    expectNoPaste('logs', bot.logs.text);
  });
});
