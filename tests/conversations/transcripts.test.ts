import type { Activity } from 'botbuilder';
import { readFile, readdir } from 'node:fs/promises';
import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { z } from 'zod';
import type { App } from '../../src/app.js';
import { parseYaml } from '../../src/content/yaml-file.js';
import { Conversation, buttons, createTestBot, texts } from '../support/bot-harness.js';

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

let app: App;
beforeAll(async () => {
  app = await createTestBot();
});

describe('conversations replayed from tests/conversations/transcripts', () => {
  it('has transcripts to replay', () => {
    expect(transcripts.length).toBeGreaterThanOrEqual(5);
  });

  for (const transcript of transcripts) {
    it(`${transcript.title} (${transcript.file})`, async () => {
      const conversation = new Conversation(app, transcript.locale);
      let replies: Activity[] = [];
      for (const [i, turn] of transcript.turns.entries()) {
        const where = `${transcript.file} turn ${i + 1} (${turn.user ?? `click ${turn.click}`})`;
        replies = turn.click !== undefined ? await conversation.clickButton(replies, turn.click) : await conversation.say(turn.user!);
        for (const piece of turn.bot) expect(texts(replies), where).toContain(piece);
        if (turn.buttons) expect(buttons(replies), where).toEqual(turn.buttons);
        const events = conversation.lastActivities.filter((a) => a.type === 'event').map((a) => a.name);
        expect(events, where).toEqual(turn.event ? [turn.event] : []);
      }
    });
  }
});
