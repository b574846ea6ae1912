import { beforeAll, describe, expect, it } from 'vitest';
import type { App } from '../../src/app.js';
import { LANGUAGES } from '../../src/content/languages.js';
import { matchTypedChoice } from '../../src/dialogs/typed-choice.js';
import { createTestBot } from '../support/bot-harness.js';
import { projectContent } from '../support/content.js';
import { typedAnswers } from '../support/tree-walk.js';

/**
 * Every way the path tests may type a choice (label, label with a typo, its phrases, yes/no
 * words) read as that choice, in every language, by the real understanding and matcher:
 * the path tests take only some of these forms on each walk.
 */
const content = await projectContent();
let app: App;
beforeAll(async () => {
  app = await createTestBot();
});

for (const tree of content.trees.trees.values()) {
  describe(`typed answers in the ${tree.id} tree`, () => {
    for (const [id, node] of tree.nodes) {
      if (node.type !== 'question') continue;
      for (const language of LANGUAGES) {
        it(`reads every ${language} answer to "${id}" as its choice, in ${language}`, () => {
          const { understander } = app.services;
          const misread: string[] = [];
          node.choices.forEach((choice, index) => {
            for (const text of typedAnswers(choice, language)) {
              const understood = understander.understand(text, { previous: language, hint: language, fallback: 'it' });
              const got = matchTypedChoice(node.choices, text, understood.language, understander.recognizeCommand);
              if (got !== index || understood.language !== language) misread.push(`"${text}" → choice ${got} in ${understood.language}, not ${index} in ${language}`);
            }
          });
          expect(misread).toEqual([]);
        });
      }
    }
  });
}
