import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { parse, stringify } from 'yaml';
import { runScript } from '../support/run-script.js';

/**
 * A folder of three of our entries, without the fields that name other entries or a tree: a
 * base of someone else's, which our guided trees (whose entries it lacks) do not belong to.
 */
function smallBase(): string {
  const dir = mkdtempSync(path.join(tmpdir(), 'other-knowledge-'));
  for (const id of ['newsletter', 'mysql-prefix', 'support-code']) {
    const entry = parse(readFileSync(`knowledge/${id}.yaml`, 'utf8')) as Record<string, unknown>;
    delete entry.related;
    delete entry.tree;
    writeFileSync(path.join(dir, `${id}.yaml`), stringify(entry));
  }
  return dir;
}

// The understanding commands judge any knowledge folder (issue 12): they load what the
// understanding is trained on, not the bot's trees, which belong to our entries.
describe('the understanding commands on another knowledge folder', { timeout: 180_000 }, () => {
  it('classify answers from that folder alone', async () => {
    const result = await runScript('classify', { env: { KNOWLEDGE_DIR: smallBase(), CALIBRATION_CACHE_DIR: '' }, input: '{"text": "how do I stop your newsletters?", "locale": "en"}\n' });
    expect(result.stderr).toBe('');
    const line = JSON.parse(result.stdout.trim()) as { intent: string; candidates: Array<{ intent: string }> };
    expect(line.intent).toBe('newsletter');
    expect(new Set(line.candidates.map((c) => c.intent))).toEqual(new Set(['newsletter', 'mysql-prefix', 'support-code']));
  });

  it('eval reports on a labelled set for it', async () => {
    const dir = smallBase();
    const set = path.join(dir, '..', `${path.basename(dir)}.tsv`);
    writeFileSync(set, ['newsletter\ten\tplease stop sending me your newsletter', 'support-code\ten\twhere do I find my support code?', 'none\ten\twhat is the weather in Geneva?', ''].join('\n'));
    const result = await runScript('eval', { env: { CALIBRATION_CACHE_DIR: '' }, args: ['--knowledge', dir, '--set', set, '--json'] });
    expect(result.code).toBe(0);
    const report = JSON.parse(result.stdout) as { heldout: { total: number; inScopeAccuracy: { en: number } } };
    expect(report.heldout.total).toBe(3);
    expect(report.heldout.inScopeAccuracy.en).toBe(1);
  });
});
