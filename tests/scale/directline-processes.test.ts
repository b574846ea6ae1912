import type { Activity } from 'botbuilder';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { WebSocket } from 'ws';
import { DirectLineClient, type ActivitySet } from '../support/directline-client.js';
import { HttpBot } from '../support/http-bot.js';
import { RedisServer, hasRedisServer } from '../support/redis-server.js';

const SECRET = 'directline-processes-test-secret-0123456789';
const sequence = (activity: Activity) => Number(activity.id!.slice(activity.id!.lastIndexOf('|') + 1));
const fromBot = (activities: Activity[]) => activities.filter((a) => a.from?.role === 'bot');

/** A page's token, from the bot's own token route (the secret stays on the server). */
async function pageToken(url: string): Promise<string> {
  const response = await fetch(`${url}/api/webchat/token`, { method: 'POST' });
  return ((await response.json()) as { token: string }).token;
}

/** A WebSocket stream and what it received. */
class Stream {
  readonly received: Activity[] = [];
  private readonly socket: WebSocket;
  private waiting?: { check: () => boolean; resolve: () => void };

  constructor(url: string) {
    this.socket = new WebSocket(url);
    this.socket.on('message', (data) => {
      if (String(data) === '') return;
      this.received.push(...(JSON.parse(String(data)) as ActivitySet).activities);
      if (this.waiting?.check()) this.waiting.resolve();
    });
  }

  opened(): Promise<void> {
    return new Promise((resolve, reject) => {
      this.socket.once('open', () => resolve());
      this.socket.once('error', reject);
    });
  }

  /** Resolves once the bot has answered `count` times in this stream. */
  until(check: (received: Activity[]) => boolean): Promise<void> {
    if (check(this.received)) return Promise.resolve();
    return new Promise((resolve) => (this.waiting = { check: () => check(this.received), resolve }));
  }

  close(): void {
    this.socket.close();
  }
}

describe.skipIf(!hasRedisServer)('Direct Line conversations shared by two bot processes on one Redis', () => {
  let redis: RedisServer;
  let a: HttpBot;
  let b: HttpBot;
  const env = () => ({ REDIS_URL: redis.url, DIRECTLINE_SECRET: SECRET });

  beforeAll(async () => {
    redis = await RedisServer.start();
    [a, b] = await Promise.all([HttpBot.start({ env: env() }), HttpBot.start({ env: env() })]);
  });
  afterAll(async () => {
    await Promise.all([a?.stop(), b?.stop()]);
    await redis?.stop();
  });

  it('serves each call of one conversation on either process: start, post, poll, resume, refresh', async () => {
    const client = new DirectLineClient(b.url, await pageToken(a.url));
    await client.start('en-US');
    client.base = a.url;
    const welcome = await client.poll();
    expect(welcome.map((x) => x.text)).toEqual([a.app.services.t('en', 'welcome.text')]);

    // Starting again with the same token (a retry, another tab) resumes: no second welcome.
    client.base = b.url;
    const again = await client.request('POST', '/conversations', { locale: 'en-US' });
    expect(again.status).toBe(200);
    expect(await client.poll()).toEqual([]);

    await client.say('Where do I find my support code?', 'en-US');
    client.base = a.url;
    const answered = await client.poll();
    expect(answered[0]!.text).toBe('Where do I find my support code?');
    expect(JSON.stringify(fromBot(answered))).toContain(a.app.services.kb.get('support-code')!.text.en.title);

    client.base = b.url;
    expect(await client.resume()).toBe(200);
    expect(client.streamUrl).toContain(b.url.replace('http', 'ws'));
    const refreshed = await client.request('POST', '/tokens/refresh');
    expect(refreshed.status).toBe(200);
    client.base = a.url;
    client.token = ((await refreshed.json()) as { token: string }).token;
    expect(await client.poll()).toEqual([]);
  });

  it('streams from process A what is posted to process B, in order, each activity once', async () => {
    const client = new DirectLineClient(a.url, await pageToken(a.url));
    await client.start('it-IT');
    await client.poll();
    const stream = new Stream(`${client.streamUrl!.split('?')[0]}?watermark=${client.watermark}&t=${encodeURIComponent(client.token!)}`);
    await stream.opened();
    client.base = b.url;
    await client.say('dove trovo il codice supporto?', 'it-IT');
    client.base = a.url;
    await client.say('come cambio la mail di recupero?', 'it-IT');
    const everything = await new DirectLineClient(b.url, client.token).request('GET', `/conversations/${client.conversationId}/activities`);
    const log = ((await everything.json()) as ActivitySet).activities;
    await stream.until((received) => received.length === log.length - 1);
    stream.close();
    // The stream carries exactly the log after the welcome: numbered 2, 3, 4… with no gap or repeat.
    expect(stream.received.map(sequence)).toEqual(log.slice(1).map(sequence));
    expect(stream.received.map(sequence)).toEqual(Array.from({ length: log.length - 1 }, (_, i) => i + 2));
    expect(stream.received.map((x) => x.text).filter((text) => text?.endsWith('?'))).toEqual([
      'dove trovo il codice supporto?',
      'come cambio la mail di recupero?',
    ]);
  });

  it('keeps each turn together in the log when two processes are posted to at the same moment', async () => {
    const client = new DirectLineClient(a.url, await pageToken(a.url));
    await client.start('en-US');
    await client.poll();
    const viaB = new DirectLineClient(b.url, client.token);
    viaB.conversationId = client.conversationId;
    await Promise.all([client.say('Where do I find my support code?', 'en-US'), viaB.say('How do I change my recovery email?', 'en-US')]);
    const log = await client.poll();
    // Each customer message is followed by its own replies before the next message begins.
    const echoes = log.filter((x) => x.from.role === 'user');
    expect(echoes).toHaveLength(2);
    for (const reply of fromBot(log)) {
      const echo = echoes.find((e) => e.id === reply.replyToId)!;
      const between = log.slice(log.indexOf(echo) + 1, log.indexOf(reply));
      expect(between.every((x) => x.from.role === 'bot')).toBe(true);
    }
  });

  it('carries a conversation on after both processes restart, nothing lost', async () => {
    const client = new DirectLineClient(a.url, await pageToken(b.url));
    await client.start('de-DE');
    await client.say('Wie finde ich meinen Support-Code?', 'de-DE');
    const before = await client.poll();
    await Promise.all([a.stop(), b.stop()]);
    [a, b] = await Promise.all([HttpBot.start({ env: env() }), HttpBot.start({ env: env() })]);

    client.base = b.url;
    expect(await client.resume()).toBe(200);
    expect(await client.poll()).toEqual([]);
    await client.say('Wie ändere ich die Wiederherstellungs-E-Mail?', 'de-DE');
    client.base = a.url;
    const after = await client.poll();
    expect(after[0]!.text).toBe('Wie ändere ich die Wiederherstellungs-E-Mail?');
    const all = ((await (await client.request('GET', `/conversations/${client.conversationId}/activities`)).json()) as ActivitySet).activities;
    expect(all.map((x) => x.id)).toEqual([...before, ...after].map((x) => x.id));
    expect(all.map(sequence)).toEqual(Array.from({ length: all.length }, (_, i) => i + 1));
    expect(all.filter((x) => x.text === a.app.services.t('de', 'welcome.text'))).toHaveLength(1);
  });
});
