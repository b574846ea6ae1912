import { readdir, writeFile } from 'node:fs/promises';
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
  it('loads every entry of the folder, the fixed ids of DESIGN.md among them', async () => {
    const kb = await loadKnowledge('knowledge');
    const files = (await readdir('knowledge')).filter((f) => f.endsWith('.yaml') && !f.startsWith('_'));
    expect(kb.ids().sort()).toEqual(files.map((f) => f.replace(/\.yaml$/, '')).sort());
    expect(kb.ids()).toEqual(
      expect.arrayContaining(['2fa-disable', 'billing-address', 'ksuite-offer', 'mysql-prefix', 'newsletter', 'organization', 'payment-reminder', 'recovery-email', 'renewal-warranty', 'support-code']),
    );
    for (const entry of kb.entries.values()) expect(entry.languages.length).toBeGreaterThanOrEqual(1);
  });

  it('names the file and the field when a language lacks its answer', async () => {
    const dir = await copyOf('knowledge');
    await edit(dir, '2fa-disable.yaml', (text) => text.replace(/^(fr:\n(?:  .*\n|\n)*?)  answer:\n(?:    .*\n|\n)*/m, '$1'));
    const problems = await problemsOf(dir);
    expect(problems).toContainEqual(`${path.join(dir, '2fa-disable.yaml')}: fr.answer is missing`);
  });

  it('accepts an entry without example questions or keywords, in some of the languages only', async () => {
    const dir = await copyOf('knowledge');
    await edit(dir, 'newsletter.yaml', (text) =>
      text
        .replace(/^  questions:\n(    - .*\n)+/gm, '')
        .replace(/^  keywords: .*\n/gm, '')
        .replace(/^de:\n[\s\S]*$/m, ''),
    );
    const kb = await loadKnowledge(dir);
    const entry = kb.get('newsletter')!;
    expect(entry.languages).toEqual(['it', 'en', 'fr']);
    expect(entry.text.it.questions).toEqual([]);
    // A language the entry lacks shows its first language, Italian.
    expect(entry.text.de).toBe(entry.text.it);
  });

  it('rejects an entry written in no language, naming the file', async () => {
    const dir = await copyOf('knowledge');
    await writeFile(path.join(dir, 'empty.yaml'), 'version: 1\nid: empty\n');
    expect((await problemsOf(dir)).join('\n')).toMatch(/empty\.yaml: .*at least one language/);
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
