import type { Activity } from 'botbuilder';
import { readFile, readdir } from 'node:fs/promises';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { z } from 'zod';
import type { App } from '../../src/app.js';
import { parseYaml } from '../../src/content/yaml-file.js';
import { Conversation, buttons, createTestBot, texts } from '../support/bot-harness.js';
import { ChannelConversation, buttonTitles } from '../support/channel.js';
import { FakeConnector } from '../support/fake-connector.js';
import { HttpBot } from '../support/http-bot.js';

/** A whole conversation kept as a file: what the customer does, and what the bot must answer. */
const turnSchema = z
  .strictObject({
    user: z.string().min(1).optional(),
    click: z.string().min(1).optional(),
    bot: z.array(z.string().min(1)).default([]),
    buttons: z.array(z.string()).optional(),
    event: z.string().optional(),
  })
  .refine((turn) => (turn.user === undefined) !== (turn.click === undefined), 'needs either user or click');
const transcriptSchema = z.strictObject({ version: z.literal(1), title: z.string().min(1), locale: z.string(), turns: z.array(turnSchema).min(1) });

const DIR = 'tests/conversations/transcripts';
const files = (await readdir(DIR)).filter((f) => f.endsWith('.yaml')).sort();
const transcripts = await Promise.all(files.map(async (f) => ({ file: f, ...parseYaml(path.join(DIR, f), await readFile(path.join(DIR, f), 'utf8'), transcriptSchema) })));

/** One way of talking to the bot: what a turn's replies were, and which events it sent. */
interface Driver {
  say(text: string): Promise<Activity[]>;
  click(title: string, replies: Activity[]): Promise<Activity[]>;
  buttons(replies: Activity[]): string[];
  events(): string[];
}

let app: App;
let http: HttpBot;
let connector: FakeConnector;
beforeAll(async () => {
  [app, http, connector] = await Promise.all([createTestBot(), HttpBot.start(), FakeConnector.start()]);
});
afterAll(() => Promise.all([http?.stop(), connector?.stop()]));

/** The bot in this process behind botbuilder's TestAdapter: the quickest loop, no HTTP. */
function inProcess(locale: string): Driver {
  const conversation = new Conversation(app, locale);
  return {
    say: (text) => conversation.say(text),
    click: (title, replies) => conversation.clickButton(replies, title),
    buttons,
    events: () => conversation.lastActivities.filter((a) => a.type === 'event').map((a) => a.name!),
  };
}

/**
 * The real app over HTTP, replying through a (fake) Bot Framework connector, as it runs for the
 * Emulator and Teams: no expectReplies, so a send that fails or an empty batch would show here.
 */
function throughConnector(locale: string, channelId: 'emulator' | 'msteams'): Driver {
  const conversation = new ChannelConversation(http.url, connector, { channelId, conversationType: 'personal', locale });
  let last: Activity[] = [];
  const turn = async (sent: Promise<{ activities: Activity[]; replies: Activity[]; status: number }>) => {
    const result = await sent;
    if (result.status !== 200) throw new Error(`POST /api/messages answered ${result.status}`);
    last = result.activities;
    return result.replies;
  };
  return {
    say: (text) => turn(conversation.say(text)),
    click: (title) => turn(conversation.click(title)),
    buttons: (replies) => buttonTitles(replies as never),
    events: () => last.filter((a) => a.type === 'event').map((a) => a.name!),
  };
}

describe('conversations replayed from tests/conversations/transcripts', () => {
  it('has transcripts to replay', () => {
    expect(transcripts.length).toBeGreaterThanOrEqual(5);
  });

  for (const [way, start] of [
    ['in process', inProcess],
    ['on the Emulator, through the connector', (locale: string) => throughConnector(locale, 'emulator')],
    ['in a Teams personal chat, through the connector', (locale: string) => throughConnector(locale, 'msteams')],
  ] as const) {
    for (const transcript of transcripts) {
      it(`${transcript.title} (${transcript.file}, ${way})`, async () => {
        const driver = start(transcript.locale);
        let replies: Activity[] = [];
        for (const [i, turn] of transcript.turns.entries()) {
          const where = `${transcript.file} turn ${i + 1} (${turn.user ?? `click ${turn.click}`}, ${way})`;
          replies = turn.click !== undefined ? await driver.click(turn.click, replies) : await driver.say(turn.user!);
          for (const piece of turn.bot) expect(texts(replies), where).toContain(piece);
          if (turn.buttons) expect(driver.buttons(replies), where).toEqual(turn.buttons);
          // Teams' connector refuses event activities: the bot sends none there (see OutgoingForChannel).
          const expected = turn.event && !way.includes('Teams') ? [turn.event] : [];
          expect(driver.events(), where).toEqual(expected);
        }
      });
    }
  }
});
