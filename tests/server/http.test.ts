import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { App } from '../../src/app.js';
import { buttons, texts } from '../support/bot-harness.js';
import { httpConversation, startHttpBot } from '../support/http-bot.js';

let app: App;
let url: string;
beforeAll(async () => {
  ({ app, url } = await startHttpBot());
});
afterAll(() => app.stop());

const post = (body: string, contentType = 'application/json') =>
  fetch(`${url}/api/messages`, { method: 'POST', headers: { 'content-type': contentType }, body });

describe('the bot over HTTP (POST /api/messages, deliveryMode expectReplies)', () => {
  it('answers GET /healthz', async () => {
    const response = await fetch(`${url}/healthz`);
    expect(response.status).toBe(200);
    expect(await response.json()).toEqual({ status: 'ok' });
  });

  it.each([
    ['it-IT', 'it', 'come posso passare a un piano kSuite superiore?', 'ksuite-offer'],
    ['en-US', 'en', 'I need to change the backup email used to recover my password', 'recovery-email'],
    ['fr-FR', 'fr', 'où est le code VIP du Support Premium ?', 'support-code'],
    ['de-DE', 'de', 'Wie kann ich die Newsletter-Themen auswählen?', 'newsletter'],
  ] as const)('returns the right answer in the body for a %s question', async (locale, language, question, id) => {
    const replies = await httpConversation(url, locale).say(question);
    expect(texts(replies)).toContain(app.services.kb.get(id)!.text[language].answer.summary.trim());
  });

  it('answers a misspelled question', async () => {
    const replies = await httpConversation(url, 'en-US').say('how do i chnage the recovry email adress');
    expect(texts(replies)).toContain(app.services.kb.get('recovery-email')!.text.en.title);
  });

  it('declines an out-of-scope question with the none reply', async () => {
    const replies = await httpConversation(url, 'it-IT').say('mi consigli un buon ristorante a Milano?');
    expect(texts(replies)).toContain(app.services.t('it', 'none.text'));
  });

  it('asks a clarifying question with buttons for an ambiguous one', async () => {
    const replies = await httpConversation(url, 'fr-FR').say('désactiver');
    expect(texts(replies)).toContain(app.services.t('fr', 'clarify.text'));
    expect(buttons(replies).length).toBeGreaterThanOrEqual(3);
  });

  it('keeps the dialogs\' state-snapshot traces for the Emulator, out of any other channel\'s body', async () => {
    const body = (channelId: string) =>
      JSON.stringify({
        type: 'message',
        deliveryMode: 'expectReplies',
        text: 'newsletter',
        channelId,
        serviceUrl: 'http://127.0.0.1:1',
        from: { id: 'customer' },
        recipient: { id: 'sportello' },
        conversation: { id: `traces-${channelId}` },
      });
    const types = async (channelId: string) =>
      ((await (await post(body(channelId))).json()) as { activities: Array<{ type: string }> }).activities.map((a) => a.type);
    expect(await types('webchat')).not.toContain('trace');
    expect(await types('msteams')).not.toContain('trace');
    expect(await types('emulator')).toContain('trace');
  });

  it('answers a malformed body with 400 and keeps serving', async () => {
    expect((await post('{not json')).status).toBe(400);
    expect((await post('[1,2,3]')).status).toBe(400);
    expect((await post(JSON.stringify({ type: 42 }))).status).toBe(400);
    expect((await post(JSON.stringify({ text: 'no type' }))).status).toBe(400);
    const replies = await httpConversation(url, 'en-US').say('hello');
    expect(replies.length).toBeGreaterThan(0);
  });
});
