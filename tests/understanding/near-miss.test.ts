import { beforeAll, describe, expect, it } from 'vitest';
import { LANGUAGES } from '../../src/content/languages.js';
import { readLabelledSet, type LabelledMessage } from '../../src/evaluation/labelled-set.js';
import { createUnderstander, type Understanding } from '../../src/understanding/understander.js';
import { projectContent } from '../support/content.js';

// Hosting questions no entry answers (tests/eval/near-miss.tsv: forgotten password, turning
// 2FA on, SSL, DNS…): a neighbour's article given outright is the worst reply the bot has.
// Issue 12 asks for 90% declined or clarified; this floor keeps what is reached from sliding.
let verdicts: Array<{ message: LabelledMessage; understanding: Understanding }>;
beforeAll(async () => {
  const content = await projectContent();
  const understander = createUnderstander(content.kb, content.locales.input);
  const messages = await readLabelledSet('tests/eval/near-miss.tsv');
  verdicts = messages.map((message) => ({ message, understanding: understander.understand(message.text, { hint: message.language, fallback: 'it' }) }));
});

describe('near misses: hosting topics the knowledge base does not cover', () => {
  it('are all labelled none, in every language', () => {
    expect(verdicts.every((v) => v.message.expected === 'none')).toBe(true);
    for (const language of LANGUAGES) expect(verdicts.filter((v) => v.message.language === language).length).toBeGreaterThanOrEqual(15);
  });
  it('are declined or clarified at least four times in five', () => {
    const answered = verdicts.filter((v) => v.understanding.decision === 'answer');
    expect(answered.length / verdicts.length).toBeLessThanOrEqual(0.2);
  });
});
