import type { Activity } from 'botbuilder';
import { expect } from 'vitest';

export interface ActivitySet {
  activities: Activity[];
  watermark: string;
}

/** A Direct Line client that does what Web Chat does, over real HTTP. */
export class DirectLineClient {
  conversationId = '';
  token?: string;
  streamUrl?: string;
  watermark = '';

  /** `base` is the bot's address; a test may point it at another process mid-conversation. */
  constructor(
    public base: string,
    token?: string,
  ) {
    this.token = token;
  }

  request(method: string, path: string, body?: unknown, token = this.token): Promise<Response> {
    return fetch(`${this.base}/v3/directline${path}`, {
      method,
      // Web Chat sends "Bearer undefined" when it has no token; so do we.
      headers: { Authorization: `Bearer ${token}`, 'Content-Type': 'application/json' },
      ...(body === undefined ? {} : { body: JSON.stringify(body) }),
    });
  }

  async start(locale: string): Promise<void> {
    const response = await this.request('POST', '/conversations', { user: { id: 'r_webchat' }, locale });
    expect(response.status).toBe(201);
    const started = (await response.json()) as { conversationId: string; token?: string; streamUrl?: string };
    this.conversationId = started.conversationId;
    this.token = started.token ?? this.token;
    this.streamUrl = started.streamUrl;
  }

  /** GET /conversations/:id?watermark=, as Web Chat reconnects: a fresh token and stream URL. */
  async resume(): Promise<number> {
    const response = await this.request('GET', `/conversations/${this.conversationId}?watermark=${this.watermark}`);
    if (response.status === 200) {
      const resumed = (await response.json()) as { conversationId: string; token?: string; streamUrl?: string };
      expect(resumed.conversationId).toBe(this.conversationId);
      this.token = resumed.token ?? this.token;
      this.streamUrl = resumed.streamUrl;
    }
    return response.status;
  }

  async say(text: string, locale: string, value?: unknown): Promise<string> {
    const clientActivityID = `client-${Math.random()}`;
    const response = await this.request('POST', `/conversations/${this.conversationId}/activities`, {
      type: 'message',
      text,
      locale,
      from: { id: 'r_webchat', role: 'user' },
      channelData: { clientActivityID },
      ...(value ? { value } : {}),
    });
    expect(response.status).toBe(200);
    expect(((await response.json()) as { id: string }).id).toBeTruthy();
    return clientActivityID;
  }

  /** GET …/activities?watermark=, as Web Chat polls. */
  async poll(): Promise<Activity[]> {
    const response = await this.request('GET', `/conversations/${this.conversationId}/activities?watermark=${this.watermark}`);
    expect(response.status).toBe(200);
    const set = (await response.json()) as ActivitySet;
    this.watermark = set.watermark;
    return set.activities;
  }
}

