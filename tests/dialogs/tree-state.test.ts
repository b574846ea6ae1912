import { beforeAll, describe, expect, it } from 'vitest';
import { pendingOptions, type TreeState } from '../../src/dialogs/tree-state.js';
import { createTranslator, type Translate } from '../../src/i18n/i18n.js';
import { loadLocaleFiles } from '../../src/i18n/locale-files.js';
import { loadTrees } from '../../src/trees/load.js';
import type { Tree } from '../../src/trees/model.js';

let sample: Tree;
let t: Translate;
beforeAll(async () => {
  sample = (await loadTrees('tests/fixtures/trees', ['support-code'])).get('sample')!;
  t = await createTranslator(await loadLocaleFiles('locales'), 'it');
});

const state = (changes: Partial<TreeState>): TreeState => ({ tree: 'sample', at: 'ask', history: [], phase: 'question', ...changes });

describe('the answers a tree waits for', () => {
  it('are the question’s choices, each naming its question and where it leads', () => {
    const options = pendingOptions(sample, state({}), t);
    expect(options.map((o) => o.label.it)).toEqual(['Sì', 'No', 'Come lo vedo?']);
    expect(options.map((o) => o.means)).toEqual(['yes', 'no', 'unsure']);
    expect(options[2]!.payload).toEqual({ action: 'choice', tree: 'sample', node: 'ask', next: 'how-to-tell' });
  });

  it('are yes and no to "did this solve it?" at a leaf, in every language', () => {
    const options = pendingOptions(sample, state({ at: 'done', phase: 'feedback' }), t);
    expect(options.map((o) => o.payload)).toEqual([
      { action: 'solved', tree: 'sample', solved: true },
      { action: 'solved', tree: 'sample', solved: false },
    ]);
    expect(options[0]!.label).toEqual({ it: t('it', 'tree.yesSolved'), en: t('en', 'tree.yesSolved'), fr: t('fr', 'tree.yesSolved'), de: t('de', 'tree.yesSolved') });
  });

  it('are yes and no to the switch while one is offered, whatever the phase', () => {
    for (const phase of ['question', 'feedback'] as const) {
      const options = pendingOptions(sample, state({ phase, switchTo: 'newsletter' }), t);
      expect(options.map((o) => o.payload)).toEqual([
        { action: 'switch', tree: 'sample', entry: 'newsletter', accept: true },
        { action: 'switch', tree: 'sample', entry: 'newsletter', accept: false },
      ]);
    }
  });
});
