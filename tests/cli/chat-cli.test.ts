import { describe, expect, it } from 'vitest';
import { createTranslator } from '../../src/i18n/i18n.js';
import { projectContent } from '../support/content.js';
import { runScript } from '../support/run-script.js';

describe('npm run chat', () => {
  it('greets in the terminal’s language, shows /help and /quit at start, renders Markdown, and "exit" leaves', async () => {
    const content = await projectContent();
    const t = await createTranslator(content.locales, 'it');
    const result = await runScript('chat', { env: { LANG: 'fr_FR.UTF-8', LC_ALL: '', COLUMNS: '60', CALIBRATION_CACHE_DIR: '' }, input: 'aide\nexit\nbonjour\n' });
    expect(result.code, result.stderr).toBe(0);
    expect(result.stdout).toContain('/help');
    expect(result.stdout).toContain('/quit');
    // The French welcome, its Markdown rendered: no asterisks.
    expect(result.stdout).toContain(t('fr', 'welcome.text').replace(/\*\*/g, '').slice(0, 20));
    expect(result.stdout).not.toContain('**');
    // "exit" left before "bonjour" was read: the greeting reply never came.
    expect(result.stdout).not.toContain(t('fr', 'greeting.reply').slice(0, 20));
  }, 120_000);
});
