import { mkdtempSync, readdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { useChildBots } from '../support/bot-process.js';
import { replyTexts } from '../support/http-bot.js';

const { start } = useChildBots();
const en = { locale: 'en-US' };
const question = 'Where do I find my support code?';

interface ReadyLine {
  msg: string;
  level: number;
  trained?: string[];
  loaded?: string[];
  calibration?: string;
}

const linesOf = (stdout: string[]) => stdout.map((line) => JSON.parse(line) as ReadyLine);
const readyOf = (stdout: string[]) => linesOf(stdout).find((l) => l.msg === 'understanding ready');

// Processes behind a load balancer on one machine share the default models folder: started
// together, each finds no model and trains; both write. Neither may read half a file of the
// other's, and the files left must be whole, for the next start to load.
describe('bot processes sharing one models folder', { timeout: 300_000 }, () => {
  it('start together, both answer, and leave whole models that the next start loads', async () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'sportello-shared-models-'));
    const env = { CALIBRATION_CACHE_DIR: dir };
    const [first, second] = await Promise.all([start(env), start(env)]);
    const answers = await Promise.all([first, second].map((bot) => bot.say('shared-1', question, en)));
    for (const answer of answers) expect(answer.status).toBe(200);
    expect(replyTexts(answers[0]!)).toEqual(replyTexts(answers[1]!));
    expect(replyTexts(answers[0]!)).toMatch(/support code/i);
    for (const bot of [first, second]) {
      expect(readyOf(bot.stdout)?.trained?.length).toBeGreaterThan(0);
      expect(linesOf(bot.stdout).filter((l) => l.level >= 40)).toEqual([]);
    }
    expect(readdirSync(dir).sort()).toEqual(['calibration.json', 'model-de.bin', 'model-en.bin', 'model-fr.bin', 'model-it.bin']);

    const third = await start(env);
    expect(readyOf(third.stdout)).toMatchObject({ trained: [], loaded: expect.arrayContaining(['it', 'en', 'fr', 'de']), calibration: 'loaded' });
    expect(linesOf(third.stdout).filter((l) => l.level >= 40)).toEqual([]);
    expect(replyTexts(await third.say('shared-2', question, en))).toEqual(replyTexts(answers[0]!));
  });
});
