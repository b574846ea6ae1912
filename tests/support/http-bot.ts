import type { Activity } from 'botbuilder';
import type { App } from '../../src/app.js';
import { createTestBot } from './bot-harness.js';

/** The real app listening on a free loopback port, driven over HTTP with expectReplies. */
export async function startHttpBot(env: Record<string, string> = {}): Promise<{ app: App; url: string }> {
  const app = await createTestBot({ env });
  const url = await app.start(0, '127.0.0.1');
  return { app, url };
}

let counter = 0;
/** One conversation over HTTP: each message is a POST whose response body holds the bot's replies. */
export function httpConversation(url: string, locale = 'it-IT', conversationId = `http-${process.pid}-${counter++}`) {
  return {
    async say(text: string, extra: Partial<Activity> = {}): Promise<Activity[]> {
      const response = await fetch(`${url}/api/messages`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({
          type: 'message',
          deliveryMode: 'expectReplies',
          text,
          locale,
          channelId: 'emulator',
          serviceUrl: 'http://127.0.0.1:1',
          from: { id: 'customer' },
          recipient: { id: 'sportello' },
          conversation: { id: conversationId },
          ...extra,
        }),
      });
      if (response.status !== 200) throw new Error(`POST /api/messages answered ${response.status}: ${await response.text()}`);
      const body = (await response.json()) as { activities: Activity[] };
      return body.activities.filter((a) => a.type === 'message');
    },
  };
}
