import { writeFile } from 'node:fs/promises';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { ContentError } from '../../src/content/yaml-file.js';
import { loadKnowledge } from '../../src/knowledge/load.js';
import { copyOf, edit } from '../support/temp-content.js';

async function problemsOf(dir: string): Promise<string[]> {
  try {
    await loadKnowledge(dir);
  } catch (error) {
    if (error instanceof ContentError) return error.problems;
    throw error;
  }
  return [];
}

describe('loading the knowledge base', () => {
  it('loads the ten entries of DESIGN.md with every language', async () => {
    const kb = await loadKnowledge('knowledge');
    expect(kb.ids().sort()).toEqual(
      ['2fa-disable', 'billing-address', 'ksuite-offer', 'mysql-prefix', 'newsletter', 'organization', 'payment-reminder', 'recovery-email', 'renewal-warranty', 'support-code'],
    );
    for (const entry of kb.entries.values()) {
      expect(entry.text.it.questions.length).toBeGreaterThanOrEqual(15);
      for (const l of ['en', 'fr', 'de'] as const) expect(entry.text[l].questions.length).toBeGreaterThanOrEqual(10);
    }
  });

  it('names the file and the field when a language lacks its answer', async () => {
    const dir = await copyOf('knowledge');
    await edit(dir, '2fa-disable.yaml', (text) => text.replace(/^(fr:\n(?:  .*\n|\n)*?)  answer:\n(?:    .*\n|\n)*/m, '$1'));
    const problems = await problemsOf(dir);
    expect(problems).toContainEqual(`${path.join(dir, '2fa-disable.yaml')}: fr.answer is missing`);
  });

  it('rejects too few example questions, naming the field', async () => {
    const dir = await copyOf('knowledge');
    await edit(dir, 'newsletter.yaml', (text) => text.replace(/^de:\n  title: (.*)\n  questions:\n(    - .*\n)+/m, 'de:\n  title: $1\n  questions:\n    - nur eine Frage\n'));
    const problems = await problemsOf(dir);
    expect(problems.some((p) => p.startsWith(`${path.join(dir, 'newsletter.yaml')}: de.questions`) && p.includes('at least 10'))).toBe(true);
  });

  it('rejects a related entry that does not exist', async () => {
    const dir = await copyOf('knowledge');
    await edit(dir, 'support-code.yaml', (text) => text.replace(/^related: \[/m, 'related: [no-such-entry, '));
    expect((await problemsOf(dir)).join('\n')).toMatch(/support-code\.yaml: related\[0\] — "no-such-entry" is not an entry id/);
  });

  it('rejects a file whose id is not its name', async () => {
    const dir = await copyOf('knowledge');
    await edit(dir, 'newsletter.yaml', (text) => text.replace(/^id: newsletter$/m, 'id: news'));
    expect((await problemsOf(dir)).join('\n')).toMatch(/newsletter\.yaml: id — is "news" but the file is named newsletter\.yaml/);
  });

  it('reports a YAML syntax error with the file name', async () => {
    const dir = await copyOf('knowledge');
    await writeFile(path.join(dir, 'broken.yaml'), 'version: 1\nid: [unclosed\n');
    expect((await problemsOf(dir)).join('\n')).toMatch(/broken\.yaml: YAML syntax/);
  });

  it('rejects the same question claimed by two entries', async () => {
    const dir = await copyOf('knowledge');
    const kb = await loadKnowledge('knowledge');
    const stolen = kb.get('newsletter')!.text.it.questions[0]!;
    await edit(dir, 'support-code.yaml', (text) => text.replace(/^it:\n  title: (.*)\n  questions:\n/m, `it:\n  title: $1\n  questions:\n    - ${JSON.stringify(stolen)}\n`));
    expect((await problemsOf(dir)).join('\n')).toContain('is also a question of');
  });
});
