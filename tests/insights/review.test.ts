import { execFileSync } from 'node:child_process';
import { cpSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readLabelledSet } from '../../src/evaluation/labelled-set.js';
import { loadKnowledge } from '../../src/knowledge/load.js';
import { createUnderstander } from '../../src/understanding/understander.js';
import { projectContent } from '../support/content.js';
import { HttpBot } from '../support/http-bot.js';
import { runScript } from '../support/run-script.js';
import { overall } from './heldout-lines.js';
import { runSession, SECRETS, type Tally } from './session.js';

/** The questions the review put in draft entries, as `language "text"`. */
const drafted = (stderr: string) => stderr.split('\n').flatMap((line) => [...line.matchAll(/^draft entry: ((?:it|en|fr|de) "[^"]*")/g)].map((m) => m[1]!));

describe('npm run review on the scripted session', () => {
  const dir = mkdtempSync(path.join(tmpdir(), 'sportello-review-test-'));
  const database = path.join(dir, 'events.sqlite');
  const patchFile = path.join(dir, 'review.patch');
  let tally: Tally;
  let patch: string;
  let stderr: string;

  beforeAll(async () => {
    const bot = await HttpBot.start({ env: { EVENTS_DB_PATH: database } });
    try {
      tally = await runSession([bot], bot.app.services.t, 'review');
    } finally {
      await bot.stop();
    }
    const result = await runScript('review', { env: { EVENTS_DB_PATH: database, LOG_LEVEL: 'silent', CALIBRATION_CACHE_DIR: '' }, args: ['--days', '1', '--out', patchFile] });
    stderr = result.stderr;
    expect(result.code, result.stderr).toBe(0);
    patch = readFileSync(patchFile, 'utf8');
  }, 240_000);
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('writes a git diff against knowledge/ that applies cleanly', () => {
    expect(tally.inScopeUnanswered.length).toBeGreaterThanOrEqual(3);
    expect(patch).toMatch(/^diff --git a\/knowledge\//m);
    const files = [...patch.matchAll(/^diff --git a\/(\S+) b\//gm)].map((m) => m[1]!);
    for (const file of files) expect(file).toMatch(/^knowledge\//);
    // Applies to the project as it is, and to a copy that it then changes.
    execFileSync('git', ['apply', '--check', patchFile], { cwd: process.cwd() });
    const copy = path.join(dir, 'repo');
    cpSync('knowledge', path.join(copy, 'knowledge'), { recursive: true });
    const git = (...args: string[]) => execFileSync('git', ['-c', 'user.name=test', '-c', 'user.email=test@localhost', ...args], { cwd: copy });
    git('init', '-q');
    git('add', '-A');
    git('commit', '-q', '-m', 'knowledge before the review');
    git('apply', patchFile);
  });

  it('lets kb:check show what the applied patch changes in held-out accuracy', async () => {
    const result = await runScript('kb:check', { env: { KNOWLEDGE_DIR: path.join(dir, 'repo', 'knowledge'), LOG_LEVEL: 'silent' }, args: ['--compare', 'HEAD'] });
    expect(result.code, result.stderr).toBe(0);
    expect(result.stdout).toContain('knowledge at HEAD → as it is now');
    const { before, after } = overall(result.stdout);
    expect(before).toBeGreaterThan(0);
    expect(after).toBeGreaterThan(0);
    // Some of the session's questions are held-out messages too (declined ones, and a "did you
    // mean" the customer turned down): once the patch makes them examples, kb:check says the
    // figure after flatters, naming exactly those.
    const heldOut = new Set((await readLabelledSet('tests/eval/heldout.tsv')).map((m) => `${m.language} "${m.text}"`));
    const placedLines = stderr.split('\n').filter((line) => /^[\w-]+: \+\d+ \(/.test(line));
    const placedQuestions = placedLines.flatMap((line) => [...line.matchAll(/(?:it|en|fr|de) "[^"]*"/g)].map((m) => m[0]));
    for (const miss of tally.inScopeUnanswered) expect([...placedQuestions, ...drafted(stderr)]).toContain(`${miss.language} "${miss.text}"`);
    const leaked = placedQuestions.filter((q) => heldOut.has(q));
    expect(leaked.length).toBeGreaterThan(0);
    const warned = result.stdout.split('\n').filter((line) => /^\s+tests\/eval\/heldout\.tsv:\d+: /.test(line));
    expect(warned.map((line) => line.replace(/^\s+\S+: /, '')).sort()).toEqual(leaked.sort());
  });

  it('adds the declined questions it is sure of to their entries, which then answer them; the rest wait in drafts', async () => {
    // Listed under its entry, then in the entry's file, then answered by it.
    // The placement rule is meant to be sure, not complete: a question it cannot tell apart
    // clearly enough goes to a draft for a person, never under another entry, never lost.
    const placedLines = stderr.split('\n').filter((line) => /^[\w-]+: \+\d+ \(/.test(line));
    const under = (miss: Tally['inScopeUnanswered'][number]) => placedLines.find((line) => line.includes(`${miss.language} "${miss.text}"`));
    const home = tally.inScopeUnanswered.filter((miss) => under(miss) !== undefined);
    for (const miss of tally.inScopeUnanswered) {
      if (under(miss)) expect(under(miss)).toMatch(new RegExp(`^${miss.entry}: \\+`));
      else expect(drafted(stderr)).toContain(`${miss.language} "${miss.text}"`);
    }
    expect(home.length).toBeGreaterThan(tally.inScopeUnanswered.length / 2);
    const kb = await loadKnowledge(path.join(dir, 'repo', 'knowledge'));
    const understander = createUnderstander(kb, (await projectContent()).locales.input);
    for (const miss of home) {
      expect(kb.get(miss.entry)!.text[miss.language].questions).toContain(miss.text);
      const understanding = understander.understand(miss.text, { hint: miss.language, fallback: miss.language });
      expect({ text: miss.text, decision: understanding.decision, intent: understanding.intent }).toEqual({ text: miss.text, decision: 'answer', intent: miss.entry });
    }
  });

  it('puts the questions that fit no entry in draft entries the bot does not load, with no secret', () => {
    expect(patch).toMatch(/^\+\+\+ b\/knowledge\/drafts\/review-\d{4}-\d{2}-\d{2}-\d+\.yaml$/m);
    expect(patch).toContain('chi ha vinto la partita ieri sera?');
    for (const secret of SECRETS) expect(patch).not.toContain(secret);
  });
});
