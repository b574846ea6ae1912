import type { Activity } from 'botbuilder';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { WebSocket } from 'ws';
import type { App } from '../../src/app.js';
import { DirectLineClient, type ActivitySet } from '../support/directline-client.js';
import { startHttpBot } from '../support/http-bot.js';
import { topicMenuPage } from '../../src/replies/topic-menu.js';

const fromBot = (activities: Activity[]) => activities.filter((a) => a.from?.role === 'bot');

describe('the Direct Line endpoint, open (no secret)', () => {
  let bot: { app: App; url: string };
  beforeAll(async () => {
    bot = await startHttpBot();
  });
  afterAll(() => bot.app.stop());

  it('starts a conversation whose first activity is the welcome, in the locale asked for', async () => {
    const client = new DirectLineClient(bot.url);
    await client.start('fr-FR');
    const [first, ...rest] = await client.poll();
    expect(rest).toEqual([]);
    expect(first!.from.role).toBe('bot');
    expect(first!.text).toBe(bot.app.services.t('fr', 'welcome.text'));
    // The most asked topics, and "More topics".
    expect(first!.suggestedActions?.actions.length).toBe(topicMenuPage(bot.app.services.kb).entries.length + 1);
  });

  it('echoes the posted message with an id and its clientActivityID, then the replies in order', async () => {
    const client = new DirectLineClient(bot.url);
    await client.start('it-IT');
    await client.poll();
    const clientActivityID = await client.say('non riesco più a disattivare la doppia autenticazione', 'it-IT');
    const activities = await client.poll();
    const [echo, ...replies] = activities;
    expect(echo!.text).toBe('non riesco più a disattivare la doppia autenticazione');
    expect(echo!.id).toMatch(new RegExp(`^${client.conversationId}\\|\\d+$`));
    expect((echo!.channelData as { clientActivityID: string }).clientActivityID).toBe(clientActivityID);
    expect(replies.length).toBeGreaterThan(0);
    expect(replies.every((r) => r.from.role === 'bot' && r.replyToId === echo!.id)).toBe(true);
    const ids = activities.map((a) => a.id!);
    expect([...ids].sort()).toEqual(ids);
    const offer = replies.at(-1)!;
    expect(offer.text).toContain(bot.app.services.kb.get('2fa-disable')!.text.it.title);
    // Nothing new until the customer speaks again: the watermark moved past everything.
    expect(await client.poll()).toEqual([]);
  });

  it('passes a button payload to the bot unchanged and answers an article as an Adaptive Card', async () => {
    const client = new DirectLineClient(bot.url);
    await client.start('en-US');
    await client.poll();
    await client.say('Show me the article', 'en-US', { sportello: { action: 'article', entry: 'support-code' } });
    const replies = fromBot(await client.poll());
    const card = replies[0]!.attachments?.[0];
    expect(card?.contentType).toBe('application/vnd.microsoft.card.adaptive');
    expect(JSON.stringify(card?.content)).toContain(bot.app.services.kb.get('support-code')!.text.en.title);
  });

  it('keeps the bot state snapshot (a trace for the Emulator) out of the customer’s activities', async () => {
    const client = new DirectLineClient(bot.url);
    await client.start('it-IT');
    await client.say('ciao', 'it-IT');
    expect((await client.poll()).map((a) => a.type)).not.toContain('trace');
  });

  it('refuses what Web Chat never sends: conversation updates, bad watermarks, unknown conversations', async () => {
    const client = new DirectLineClient(bot.url);
    await client.start('it-IT');
    const update = await client.request('POST', `/conversations/${client.conversationId}/activities`, { type: 'conversationUpdate', membersAdded: [{ id: 'x' }] });
    expect(update.status).toBe(400);
    expect(((await update.json()) as { error: { code: string } }).error.code).toBe('BadArgument');
    expect((await client.request('POST', `/conversations/${client.conversationId}/activities`, { text: 'no type' })).status).toBe(400);
    expect((await client.request('GET', `/conversations/${client.conversationId}/activities?watermark=abc`)).status).toBe(400);
    expect((await client.request('GET', '/conversations/nope/activities')).status).toBe(404);
    expect((await client.request('POST', '/conversations/nope/activities', { type: 'message', text: 'hi' })).status).toBe(404);
  });

  it('streams the same activities over a WebSocket, starting after the watermark', async () => {
    const client = new DirectLineClient(bot.url);
    await client.start('de-DE');
    expect(client.streamUrl).toMatch(/^ws:\/\/127\.0\.0\.1:\d+\/v3\/directline\/conversations\/.+\/stream\?watermark=$/);
    const welcome = await client.poll();
    const url = new URL(client.streamUrl!);
    url.searchParams.set('watermark', client.watermark);
    const socket = new WebSocket(url);
    const received: Activity[] = [];
    const gotReplies = new Promise<void>((resolve, reject) => {
      socket.on('message', (data) => {
        received.push(...(JSON.parse(String(data)) as ActivitySet).activities);
        if (fromBot(received).length > 0) resolve();
      });
      socket.on('error', reject);
    });
    await new Promise((resolve) => socket.once('open', resolve));
    await client.say('Wie finde ich meinen Support-Code?', 'de-DE');
    await gotReplies;
    socket.close();
    expect(received.map((a) => a.id)).not.toContain(welcome[0]!.id);
    expect(received[0]!.text).toBe('Wie finde ich meinen Support-Code?');
    expect(JSON.stringify(fromBot(received))).toContain(bot.app.services.kb.get('support-code')!.text.de.title);
  });
});

describe('the Direct Line endpoint with DIRECTLINE_SECRET set', () => {
  const secret = 'test-secret-of-at-least-32-characters';
  let bot: { app: App; url: string };
  beforeAll(async () => {
    bot = await startHttpBot({ DIRECTLINE_SECRET: secret });
  });
  afterAll(() => bot.app.stop());

  it('answers 401 to a request without a token and 403 to a forged one', async () => {
    const client = new DirectLineClient(bot.url);
    expect((await client.request('POST', '/conversations', {}, undefined)).status).toBe(401);
    expect((await client.request('POST', '/conversations', {}, 'not-a-real-token')).status).toBe(403);
    expect((await client.request('POST', '/tokens/generate', {}, 'not-a-real-token')).status).toBe(403);
  });

  it('lets the page get a token server-side that opens its own conversation and no other', async () => {
    const response = await fetch(`${bot.url}/api/webchat/token`, { method: 'POST' });
    const { token, conversationId } = (await response.json()) as { token: string; conversationId: string };
    expect(token).toBeTruthy();
    expect(JSON.stringify({ token })).not.toContain(secret);
    const client = new DirectLineClient(bot.url, token);
    await client.start('it-IT');
    expect(client.conversationId).toBe(conversationId);
    expect(fromBot(await client.poll())).toHaveLength(1);

    const other = new DirectLineClient(bot.url, secret);
    await other.start('it-IT');
    expect((await client.request('GET', `/conversations/${other.conversationId}/activities`)).status).toBe(403);
    // The conversation's own token still works, and refreshing gives a new one for the same conversation.
    const refreshed = await client.request('POST', '/tokens/refresh');
    expect(refreshed.status).toBe(200);
    expect(((await refreshed.json()) as { conversationId: string }).conversationId).toBe(conversationId);
  });

  it('refuses a WebSocket stream without its token', async () => {
    const client = new DirectLineClient(bot.url, secret);
    await client.start('it-IT');
    const bare = new URL(client.streamUrl!);
    bare.searchParams.delete('t');
    const status = await new Promise<number>((resolve) => {
      const socket = new WebSocket(bare);
      socket.on('unexpected-response', (_req, res) => resolve(res.statusCode ?? 0));
      socket.on('open', () => resolve(101));
      socket.on('error', () => undefined);
    });
    expect(status).toBe(401);
  });
});
