import { Writable } from 'node:stream';
import type { Activity } from 'botbuilder';
import { createApp, type App, type AppOptions } from '../../src/app.js';
import { loadConfig } from '../../src/config.js';
import { createLogger } from '../../src/logging.js';
import { projectContent } from './content.js';

/** The real app listening on a free loopback port, driven over HTTP with expectReplies. */
export async function startHttpBot(env: Record<string, string> = {}): Promise<{ app: App; url: string }> {
  const bot = await HttpBot.start({ env });
  return { app: bot.app, url: bot.url };
}

let counter = 0;
/** One conversation over HTTP, as the Emulator talks: each message's replies come in the response body. */
export function httpConversation(url: string, locale = 'it-IT', conversationId = `http-${process.pid}-${counter++}`) {
  const client = new BotClient(url);
  return {
    async say(text: string, extra: Partial<Activity> = {}): Promise<Activity[]> {
      const reply = await client.say(conversationId, text, { locale, channelId: 'emulator', ...extra });
      if (reply.status !== 200) throw new Error(`POST /api/messages answered ${reply.status}: ${JSON.stringify(reply.body)}`);
      return reply.replies;
    },
  };
}

/** Every line the app logged, as text (for "the secret is logged nowhere") and parsed. */
export class LogCapture extends Writable {
  readonly lines: string[] = [];
  override _write(chunk: Buffer, _encoding: string, done: () => void) {
    this.lines.push(...chunk.toString('utf8').split('\n').filter(Boolean));
    done();
  }
  get text(): string {
    return this.lines.join('\n');
  }
  entries(): Array<Record<string, unknown>> {
    return this.lines.map((l) => JSON.parse(l) as Record<string, unknown>);
  }
}

export interface HttpReply {
  status: number;
  headers: Headers;
  /** The bot's message replies (expectReplies), or the error body's message. */
  replies: Activity[];
  body: unknown;
}

/** Talks to a bot at a URL the way a channel would, asking for the replies in the response body. */
export class BotClient {
  constructor(readonly url: string) {}

  /** POSTs a raw body to /api/messages. */
  async post(body: string | object, headers: Record<string, string> = {}): Promise<HttpReply> {
    const response = await fetch(`${this.url}/api/messages`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', ...headers },
      body: typeof body === 'string' ? body : JSON.stringify(body),
    });
    const text = await response.text();
    const parsed = text ? (JSON.parse(text) as { activities?: Activity[] }) : undefined;
    const replies = (parsed?.activities ?? []).filter((a) => a.type === 'message');
    return { status: response.status, headers: response.headers, replies, body: parsed };
  }

  /** Sends a message in a conversation and returns the bot's replies. */
  say(conversation: string, text: string, extra: Partial<Activity> = {}): Promise<HttpReply> {
    return this.post(message(conversation, text, extra));
  }

  /** Clicks the button with this title among a reply's suggested actions, as Web Chat sends it. */
  click(conversation: string, reply: HttpReply, title: string, extra: Partial<Activity> = {}): Promise<HttpReply> {
    const action = reply.replies.flatMap((r) => r.suggestedActions?.actions ?? []).find((a) => a.title === title);
    if (!action) throw new Error(`no button "${title}" among: ${buttonTitles(reply).join(', ')}`);
    return this.post(message(conversation, String(action.text ?? action.title), { value: action.value, ...extra }));
  }
}

/** The real app in this process on a free port, with its logs captured. */
export class HttpBot extends BotClient {
  private constructor(
    readonly app: App,
    url: string,
    readonly logs: LogCapture,
  ) {
    super(url);
  }

  /** Rate limits are off unless `env` sets them, so tests that are not about them are not limited. */
  static async start(options: { env?: Record<string, string>; logLevel?: string } & Omit<AppOptions, 'logger' | 'content'> = {}): Promise<HttpBot> {
    const logs = new LogCapture();
    const config = loadConfig({ LOG_LEVEL: 'silent', RATE_LIMIT_PER_IP: '0', RATE_LIMIT_BODY_KB_PER_IP: '0', RATE_LIMIT_PER_CONVERSATION: '0', EVENTS_DB_PATH: ':memory:', CALIBRATION_CACHE_DIR: '', ...options.env });
    const app = await createApp(config, { ...options, content: await projectContent(), logger: createLogger(options.logLevel ?? 'info', logs) });
    const url = await app.start(0, '127.0.0.1');
    return new HttpBot(app, url, logs);
  }

  stop(): Promise<void> {
    return this.app.stop();
  }
}

/** A message activity as a channel posts it, asking for the replies in the response body. */
export function message(conversation: string, text: string, extra: Partial<Activity> = {}): Partial<Activity> {
  return {
    type: 'message',
    id: `m-${Math.random().toString(36).slice(2)}`,
    channelId: 'test',
    serviceUrl: 'http://127.0.0.1:9',
    deliveryMode: 'expectReplies',
    from: { id: 'customer', name: 'customer' },
    recipient: { id: 'sportello', name: 'sportello' },
    conversation: { id: conversation, isGroup: false, conversationType: 'personal', name: 'test' },
    locale: 'it-IT',
    text,
    ...extra,
  };
}

export const replyTexts = (reply: HttpReply) => reply.replies.map((r) => r.text ?? '').join('\n');
export const buttonTitles = (reply: HttpReply) => reply.replies.flatMap((r) => r.suggestedActions?.actions ?? []).map((a) => String(a.title));
