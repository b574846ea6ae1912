import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { LANGUAGES } from '../../src/content/languages.js';
import { ContentError } from '../../src/content/yaml-file.js';
import { createTranslator } from '../../src/i18n/i18n.js';
import { flattenKeys, loadLocaleFiles } from '../../src/i18n/locale-files.js';
import { copyOf, edit } from '../support/temp-content.js';

describe('bot strings', () => {
  it('has the same keys in every language', async () => {
    const locales = await loadLocaleFiles('locales');
    const reference = flattenKeys(locales.strings.it).sort();
    expect(reference.length).toBeGreaterThan(20);
    for (const language of LANGUAGES) expect(flattenKeys(locales.strings[language]).sort()).toEqual(reference);
  });

  it('rejects a language that lacks a key, naming the file and the key', async () => {
    const dir = await copyOf('locales');
    await edit(dir, 'de/bot.yaml', (text) => text.replace(/^    didItHelp: .*\n/m, ''));
    await expect(loadLocaleFiles(dir)).rejects.toThrow(ContentError);
    await loadLocaleFiles(dir).catch((error: ContentError) => {
      expect(error.problems).toContain(`${path.join(dir, 'de', 'bot.yaml')}: strings.tree.didItHelp is missing (present in it)`);
    });
  });

  it('rejects input words without a command every language needs', async () => {
    const dir = await copyOf('locales');
    await edit(dir, 'fr/input.yaml', (text) => text.replace(/^  cancel: .*\n/m, ''));
    await expect(loadLocaleFiles(dir)).rejects.toThrow(/fr\/input\.yaml: words\.cancel/);
  });

  it('translates with interpolation and no HTML escaping', async () => {
    const t = await createTranslator(await loadLocaleFiles('locales'), 'it');
    expect(t('en', 'tree.cancelled', { title: '2FA & <recovery>' })).toContain('**2FA & <recovery>**');
  });

  it('gives each set of values its own sentence, the same one when asked again', async () => {
    const t = await createTranslator(await loadLocaleFiles('locales'), 'it');
    const first = t('en', 'tree.cancelled', { title: 'First' });
    expect(t('en', 'tree.cancelled', { title: 'Second' })).toContain('**Second**');
    expect(t('en', 'tree.cancelled', { title: 'First' })).toBe(first);
    expect(t('fr', 'tree.cancelled', { title: 'First' })).not.toBe(first);
    // A value that spells out another value is still just a value.
    expect(t('en', 'tree.cancelled', { title: 'First', extra: 'x' })).toContain('**First**');
    expect(t('en', 'tree.cancelled', { title: 'First","extra","x' })).toContain('**First","extra","x**');
    // Values i18next formats itself (not strings or numbers) are translated each time.
    expect(t('en', 'tree.cancelled', { title: { toString: () => 'Object' } })).toContain('**Object**');
  });
});
