import { readFile } from 'node:fs/promises';
import { beforeAll, describe, expect, it } from 'vitest';
import { treeFlowchart, mermaidLabel } from '../../src/trees/mermaid.js';
import { loadTrees } from '../../src/trees/load.js';
import type { Tree } from '../../src/trees/model.js';
import { treeIndex, treePage } from '../../src/trees/tree-page.js';
import { projectContent } from '../support/content.js';
import { sampleTree, writeTreeFiles } from '../support/tree-files.js';

let sample: Tree;
beforeAll(async () => {
  sample = (await loadTrees('tests/fixtures/trees', ['support-code'])).get('sample')!;
});

describe('a tree as a Mermaid flowchart', () => {
  it('draws each kind of node in its own shape, with its id and text', () => {
    const chart = treeFlowchart(sample, 'it');
    expect(chart.split('\n')[0]).toBe('flowchart TD');
    expect(chart).toContain('  n_ask{"ask<br/>Funziona?"}');
    expect(chart).toContain('  n_intro["intro<br/>Vediamo."]');
    expect(chart).toContain('  n_done(["done<br/>Fatto."])');
    expect(chart).toContain('  n_person{{"person<br/>Ti passo a una persona."}}');
    expect(chart).toContain('  n_read_article[/"read-article<br/>→ support-code"/]');
  });

  it('labels each choice’s arrow in the language asked for', () => {
    expect(treeFlowchart(sample, 'it')).toContain('  n_which -->|"Il codice"| n_read_article');
    expect(treeFlowchart(sample, 'de')).toContain('  n_which -->|"Der Code"| n_read_article');
    expect(treeFlowchart(sample, 'it')).toContain('  n_how_to_tell --> n_ask');
  });

  it('marks leaves and handoffs with classes that are not Mermaid keywords', () => {
    const chart = treeFlowchart(sample, 'it');
    expect(chart).toContain('  class n_person handoff');
    expect(chart).toContain('  class n_done,n_read_article leaf');
    expect(chart).not.toMatch(/\bclass(Def)? .*\bend\b/);
  });

  it('gives a node named "end" an id Mermaid does not read as its keyword', async () => {
    const tree = await sampleTree();
    tree.nodes.end = tree.nodes.done;
    delete tree.nodes.done;
    tree.nodes.tip.next = 'end';
    const loaded = (await loadTrees(await writeTreeFiles({ sample: tree }), ['support-code'])).get('sample')!;
    expect(treeFlowchart(loaded, 'it')).toContain('  n_tip --> n_end');
  });
});

describe('a label in a diagram', () => {
  it('drops Markdown bold and code marks and line breaks, keeping underscores of names', () => {
    expect(mermaidLabel('Clicca **Elimina**\n\n1. `wxyz_mabase`')).toBe('Clicca Elimina 1. wxyz_mabase');
  });

  it('escapes double quotes so the label does not end early', () => {
    expect(mermaidLabel('the "Préfixe MySQL" option')).toBe('the #quot;Préfixe MySQL#quot; option');
  });

  it('cuts a long text with an ellipsis', () => {
    const label = mermaidLabel('a'.repeat(100));
    expect(label).toHaveLength(60);
    expect(label.endsWith('…')).toBe(true);
  });
});

describe('the diagrams under docs/trees', () => {
  it('match the trees of dialogs/ (run `npm run dialogs:graph` after editing a tree)', async () => {
    const { trees } = await projectContent();
    for (const tree of trees.trees.values()) {
      expect(await readFile(`docs/trees/${tree.id}.md`, 'utf8'), `docs/trees/${tree.id}.md`).toBe(treePage(tree, 'it'));
    }
    expect(await readFile('docs/trees/README.md', 'utf8')).toBe(treeIndex([...trees.trees.values()], 'it'));
  });
});
