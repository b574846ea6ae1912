import { execFileSync } from 'node:child_process';
import { cpSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parse, stringify } from 'yaml';
import { readLabelledSet } from '../../src/evaluation/labelled-set.js';
import { runScript, type ScriptResult } from '../support/run-script.js';
import { overall } from './heldout-lines.js';

describe('npm run kb:check -- --compare REV', () => {
  const repo = mkdtempSync(path.join(tmpdir(), 'sportello-kb-compare-'));
  const knowledge = path.join(repo, 'knowledge');
  const git = (...args: string[]) => execFileSync('git', ['-c', 'user.name=test', '-c', 'user.email=test@localhost', ...args], { cwd: repo, encoding: 'utf8' });
  const check = (): Promise<ScriptResult> => runScript('kb:check', { env: { KNOWLEDGE_DIR: knowledge, LOG_LEVEL: 'silent' }, args: ['--compare', 'HEAD'] });
  let unchanged: ScriptResult;

  beforeAll(async () => {
    // The project's knowledge, committed in a repository of its own: HEAD is the base.
    cpSync('knowledge', knowledge, { recursive: true });
    git('init', '-q');
    git('add', '-A');
    git('commit', '-q', '-m', 'base');
    unchanged = await check();
  });
  afterAll(() => rmSync(repo, { recursive: true, force: true }));

  it('shows no change when knowledge/ is as the revision has it', () => {
    expect(unchanged.stdout).toContain('knowledge at HEAD → as it is now');
    const { before, after } = overall(unchanged.stdout);
    expect(after).toBe(before);
    expect(unchanged.stdout).not.toContain('warning: ');
  });

  it('shows the drop when a change takes example questions away, and names held-out messages copied into the examples', async () => {
    // A bad patch: every entry loses the second half of its example questions, and one entry
    // gets a held-out message as an example (which would flatter the figure after).
    const examples = readdirSync(knowledge).map((f) => readFileSync(path.join(knowledge, f), 'utf8').toLowerCase()).join('\n');
    const [leak] = (await readLabelledSet('tests/eval/heldout.tsv')).filter((m) => m.expected !== 'none' && !examples.includes(m.text.toLowerCase()));
    for (const file of readdirSync(knowledge).filter((f) => f.endsWith('.yaml') && !f.startsWith('_'))) {
      const entry = parse(readFileSync(path.join(knowledge, file), 'utf8')) as Record<string, { questions?: string[] }> & { id: string };
      for (const language of ['it', 'en', 'fr', 'de']) {
        const side = entry[language];
        if (side?.questions) side.questions = side.questions.slice(0, Math.ceil(side.questions.length / 2));
        if (side && entry.id === leak!.expected && language === leak!.language) side.questions = [...(side.questions ?? []), leak!.text];
      }
      writeFileSync(path.join(knowledge, file), stringify(entry));
    }
    const changed = await check();
    const { before, after } = overall(changed.stdout);
    expect(before).toBe(overall(unchanged.stdout).before);
    expect(after).toBeLessThan(before);
    expect(changed.stdout).toMatch(/warning: 1 held-out message\(s\) are now example questions/);
    expect(changed.stdout).toContain(`${leak!.language} "${leak!.text}"`);
  });
});
