import type { Activity } from 'botbuilder';
import { beforeAll, describe, expect, it } from 'vitest';
import type { App } from '../../src/app.js';
import { LANGUAGES, type Language } from '../../src/content/languages.js';
import type { Choice, Tree } from '../../src/trees/model.js';
import { isLeaf } from '../../src/trees/model.js';
import { allPaths, walkFrom } from '../../src/trees/walk.js';
import { Conversation, buttons, createTestBot, texts } from '../support/bot-harness.js';
import { projectContent } from '../support/content.js';
import { LOCALES, nodeShows, typedAnswers } from '../support/tree-walk.js';

/**
 * Every path of every tree, to every leaf, in every language, by clicking the buttons and by
 * typing the answers. The paths come from allPaths(); the last test of each tree and mode
 * fails if a leaf of the tree was never shown.
 */
const content = await projectContent();
const trees = [...content.trees.trees.values()];
type Mode = 'buttons' | 'typing';
const MODES: Mode[] = ['buttons', 'typing'];

let app: App;
beforeAll(async () => {
  app = await createTestBot();
});

/** Leaves actually shown, per tree, language and mode. */
const reached = new Map<string, Set<string>>();
const reachedKey = (tree: Tree, language: Language, mode: Mode) => `${tree.id}/${language}/${mode}`;

/** Starts the tree the way a customer would: the entry's question (or topic button), then "guide me". */
async function startTree(conversation: Conversation, tree: Tree, language: Language, mode: Mode): Promise<Activity[]> {
  const entry = content.kb.get(tree.entry)!;
  const offer =
    mode === 'buttons'
      ? await conversation.click(entry.text[language].title, { action: 'entry', entry: entry.id })
      : await conversation.say(entry.text[language].questions[0]!);
  const start = app.services.t(language, 'tree.start');
  expect(buttons(offer), `the ${tree.entry} offer in ${language}`).toEqual([start, app.services.t(language, 'tree.article')]);
  return mode === 'buttons' ? conversation.clickButton(offer, start) : conversation.say(start);
}

async function answer(conversation: Conversation, replies: Activity[], choice: Choice, language: Language, mode: Mode, variant: number): Promise<Activity[]> {
  if (mode === 'buttons') return conversation.clickButton(replies, choice.label[language]);
  const ways = typedAnswers(choice, language);
  return conversation.say(ways[variant % ways.length]!);
}

for (const tree of trees) {
  describe(`the ${tree.id} tree`, () => {
    for (const language of LANGUAGES) {
      for (const mode of MODES) {
        describe(`in ${language}, by ${mode}`, () => {
          allPaths(tree).forEach(({ path, choices }, pathIndex) => {
            const leaf = path.at(-1)!;
            it(`reaches "${leaf}" by ${path.join(' → ')}`, async () => {
              const conversation = new Conversation(app, LOCALES[language]);
              let replies = await startTree(conversation, tree, language, mode);
              expect(texts(replies)).toContain(app.services.t(language, 'tree.started', { title: tree.title[language] }));
              let shown = walkFrom(tree, tree.start);
              for (const [step, index] of choices.entries()) {
                for (const id of shown) expect(texts(replies), `node ${id}`).toContain(nodeShows(tree, id, language, content.kb));
                const question = tree.nodes.get(shown.at(-1)!)!;
                if (question.type !== 'question') throw new Error(`${tree.id}: expected a question at ${shown.at(-1)}`);
                expect(buttons(replies)).toEqual(question.choices.map((c) => c.label[language]));
                const choice = question.choices[index]!;
                replies = await answer(conversation, replies, choice, language, mode, pathIndex + step);
                shown = walkFrom(tree, choice.next);
              }
              expect(shown.at(-1)).toBe(leaf);
              for (const id of shown) expect(texts(replies), `node ${id}`).toContain(nodeShows(tree, id, language, content.kb));
              if (tree.nodes.get(leaf)!.type === 'handoff') {
                expect(texts(replies)).toContain(app.services.t(language, 'handoff.how'));
                expect(conversation.lastActivities.some((a) => a.type === 'event' && a.name === 'handoff.initiate')).toBe(true);
              } else {
                expect(texts(replies)).toContain(app.services.t(language, 'tree.didItHelp'));
                expect(buttons(replies)).toEqual([app.services.t(language, 'tree.yesSolved'), app.services.t(language, 'tree.notSolved')]);
              }
              const key = reachedKey(tree, language, mode);
              reached.set(key, (reached.get(key) ?? new Set()).add(leaf));
            });
          });

          it('has shown every leaf of the tree', () => {
            const leaves = [...tree.nodes].filter(([, node]) => isLeaf(node)).map(([id]) => id);
            expect([...(reached.get(reachedKey(tree, language, mode)) ?? [])].sort()).toEqual(leaves.sort());
          });
        });
      }
    }
  });
}
