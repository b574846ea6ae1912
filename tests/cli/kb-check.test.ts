import { readdir } from 'node:fs/promises';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { copyOf, edit } from '../support/temp-content.js';
import { runScript } from '../support/run-script.js';

describe('npm run kb:check', () => {
  it('passes on the project knowledge base', async () => {
    const result = await runScript('kb:check');
    expect(result.code).toBe(0);
    const entries = (await readdir('knowledge')).filter((f) => f.endsWith('.yaml') && !f.startsWith('_')).length;
    expect(result.stdout).toMatch(new RegExp(`${entries} entries valid`));
  });

  it('rejects a broken entry, naming the file and the field', async () => {
    const dir = await copyOf('knowledge');
    await edit(dir, 'recovery-email.yaml', (text) => text.replace(/^  title: .*$/m, '  title: ""'));
    const result = await runScript('kb:check', { env: { KNOWLEDGE_DIR: dir } });
    expect(result.code).toBe(1);
    expect(result.stderr).toContain(`${path.join(dir, 'recovery-email.yaml')}: it.title — must not be empty`);
  });
});
