import { mkdtemp, readdir, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { Activity } from 'botbuilder';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { FileTranscriptLogger, transcriptFileName } from '../../src/bot/file-transcript-logger.js';
import { createLogger } from '../../src/logging.js';
import type { App } from '../../src/app.js';
import { startHttpBot } from '../support/http-bot.js';

let dir: string;
let bot: { app: App; url: string };
beforeAll(async () => {
  dir = await mkdtemp(path.join(tmpdir(), 'sportello-transcripts-'));
  bot = await startHttpBot({ TRANSCRIPTS_DIR: dir });
});
afterAll(async () => {
  await bot.app.stop();
  await rm(dir, { recursive: true, force: true });
});

/** One turn over /api/messages, as the Emulator sends it (expectReplies so no connector is needed). */
async function send(conversationId: string, activity: Partial<Activity>): Promise<void> {
  const response = await fetch(`${bot.url}/api/messages`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json' },
    body: JSON.stringify({
      id: `in-${Math.random().toString(36).slice(2)}`,
      timestamp: new Date().toISOString(),
      channelId: 'emulator',
      serviceUrl: 'http://127.0.0.1:9/unused',
      conversation: { id: conversationId },
      from: { id: 'user-1', name: 'User', role: 'user' },
      recipient: { id: 'bot', name: 'Sportello', role: 'bot' },
      deliveryMode: 'expectReplies',
      locale: 'it-IT',
      ...activity,
    }),
  });
  expect(response.status).toBe(200);
}

describe('conversations saved as .transcript files', () => {
  it('saves a conversation as a JSON array of its activities, which the Emulator opens', async () => {
    const conversationId = 'emulator|transcript-test';
    await send(conversationId, { type: 'conversationUpdate', membersAdded: [{ id: 'user-1', name: 'User' }] });
    await send(conversationId, { type: 'message', text: 'dove trovo il codice supporto?' });
    await bot.app.transcripts!.flush();

    const file = path.join(dir, transcriptFileName(conversationId));
    const activities = JSON.parse(await readFile(file, 'utf8')) as Activity[];
    expect(activities.map((a) => [a.type, a.from.role])).toEqual([
      ['conversationUpdate', 'user'],
      ['message', 'bot'],
      ['message', 'user'],
      ...activities.slice(3).map(() => ['message', 'bot']),
    ]);
    expect(activities.length).toBeGreaterThan(3);
    expect(activities[2]!.text).toBe('dove trovo il codice supporto?');
    expect(activities.every((a) => a.conversation.id === conversationId && a.id && a.timestamp)).toBe(true);
    expect(JSON.stringify(activities)).toContain(bot.app.services.kb.get('support-code')!.text.it.title);
  });

  it('names files after the conversation id, made safe for any file system', () => {
    expect(transcriptFileName('abc-123')).toBe('abc-123.transcript');
    const teams = transcriptFileName('19:meeting_x@thread.v2;messageid=1');
    expect(teams).toBe('19%3Ameeting_x%40thread.v2%3Bmessageid%3D1.transcript');
    expect(transcriptFileName('a:b')).not.toBe(transcriptFileName('a;b'));
  });

  it('logs a write that fails instead of failing the turn', async () => {
    const lines: string[] = [];
    const logger = createLogger('error', { write: (line: string) => lines.push(line) } as unknown as NodeJS.WritableStream);
    const blocked = path.join(dir, 'not-a-folder');
    await new FileTranscriptLogger(dir, logger).logActivity({ type: 'message', conversation: { id: 'x' } as Activity['conversation'] });
    await import('node:fs/promises').then((fs) => fs.writeFile(blocked, 'a file where a folder should be'));
    await expect(new FileTranscriptLogger(blocked, logger).logActivity({ type: 'message', conversation: { id: 'y' } as Activity['conversation'] })).resolves.toBeUndefined();
    expect(lines.join('')).toContain('could not save the transcript');
    expect(await readdir(dir)).toContain('x.transcript');
  });
});
