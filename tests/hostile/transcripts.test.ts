import { mkdtempSync, rmSync } from 'node:fs';
import { readFile, readdir, stat, utimes, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { Activity } from 'botbuilder';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { transcriptFileName } from '../../src/bot/file-transcript-logger.js';
import { HttpBot } from '../support/http-bot.js';

/** Transcripts on the real app: appended (not rewritten), never shared by two ids, cleaned up. */
describe('transcript files', () => {
  let dir: string;
  let bot: HttpBot;
  const old = 'old-conversation.transcript';
  const recent = 'recent-conversation.transcript';
  beforeAll(async () => {
    dir = mkdtempSync(path.join(tmpdir(), 'sportello-transcripts-'));
    await writeFile(path.join(dir, old), '[\n{}\n]');
    await writeFile(path.join(dir, recent), '[\n{}\n]');
    const fortyDaysAgo = new Date(Date.now() - 40 * 24 * 3600 * 1000);
    await utimes(path.join(dir, old), fortyDaysAgo, fortyDaysAgo);
    bot = await HttpBot.start({ env: { TRANSCRIPTS_DIR: dir, TRANSCRIPTS_RETENTION_DAYS: '30' } });
  });
  afterAll(async () => {
    await bot?.stop();
    rmSync(dir, { recursive: true, force: true });
  });

  const file = (id: string) => path.join(dir, transcriptFileName(id));
  const say = async (id: string, text: string) => {
    expect((await bot.say(id, text, { channelId: 'emulator', locale: 'en-US' })).status).toBe(200);
    await bot.app.transcripts!.flush();
  };

  it('appends each activity to the same file instead of rewriting it', async () => {
    const id = 'emulator|append-test';
    await say(id, 'Where do I find my support code?');
    const first = await readFile(file(id), 'utf8');
    const { ino } = await stat(file(id));
    await say(id, 'And how do I turn off two-factor authentication?');
    const second = await readFile(file(id), 'utf8');
    // The same file (a rewrite goes through a new file and a rename), grown at its end only.
    expect((await stat(file(id))).ino).toBe(ino);
    expect(second.startsWith(first.slice(0, -2))).toBe(true);
    const activities = JSON.parse(second) as Activity[];
    expect(activities.filter((a) => a.from?.role === 'user').map((a) => a.text)).toEqual([
      'Where do I find my support code?',
      'And how do I turn off two-factor authentication?',
    ]);
  });

  it('never gives two conversation ids one file, even an id made to look like another one\'s file name', async () => {
    const teams = '19:abc|def';
    const lookalike = transcriptFileName(teams).replace(/\.transcript$/, '');
    const long = 'x'.repeat(300);
    const ids = [teams, lookalike, '19:abc;def', '19_abc_def', long, `${long}y`, 'A', 'a%41'];
    expect(new Set(ids.map(transcriptFileName)).size).toBe(ids.length);
    await say(teams, 'first conversation');
    await say(lookalike, 'second conversation');
    const texts = async (id: string) => (JSON.parse(await readFile(file(id), 'utf8')) as Activity[]).filter((a) => a.from?.role === 'user').map((a) => a.text);
    expect(await texts(teams)).toEqual(['first conversation']);
    expect(await texts(lookalike)).toEqual(['second conversation']);
  });

  it(`deletes transcripts not written to for TRANSCRIPTS_RETENTION_DAYS, and keeps the others`, async () => {
    await bot.app.transcripts!.sweep();
    const names = await readdir(dir);
    expect(names).not.toContain(old);
    expect(names).toContain(recent);
  });
});
