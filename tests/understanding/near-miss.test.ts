import { beforeAll, describe, expect, it } from 'vitest';
import { LANGUAGES } from '../../src/content/languages.js';
import { readLabelledSet, type LabelledMessage } from '../../src/evaluation/labelled-set.js';
import { createUnderstander, type Understanding } from '../../src/understanding/understander.js';
import { projectContent } from '../support/content.js';

// Hosting questions no entry answers (tests/eval/near-miss.tsv: forgotten password, turning
// 2FA on, SSL, DNS…; near-miss-2.tsv, written apart so the decision is not tuned to one file:
// domain transfer, FTP, refunds, SSH keys…): a neighbour's article given outright is the worst
// reply the bot has. Issue 12 asks for 90% declined or clarified; these floors keep what is
// reached (90% and 98% on 2026-12-02) from sliding.
const sets = [
  { file: 'tests/eval/near-miss.tsv', mostAnswered: 0.12 },
  { file: 'tests/eval/near-miss-2.tsv', mostAnswered: 0.1 },
];
const verdicts = new Map<string, Array<{ message: LabelledMessage; understanding: Understanding }>>();
beforeAll(async () => {
  const content = await projectContent();
  const understander = createUnderstander(content.kb, content.locales.input);
  for (const { file } of sets) {
    const messages = await readLabelledSet(file);
    verdicts.set(file, messages.map((message) => ({ message, understanding: understander.understand(message.text, { hint: message.language, fallback: 'it' }) })));
  }
});

describe.each(sets)('near misses of $file: hosting topics the knowledge base does not cover', ({ file, mostAnswered }) => {
  it('are all labelled none, in every language', () => {
    const of = verdicts.get(file)!;
    expect(of.every((v) => v.message.expected === 'none')).toBe(true);
    for (const language of LANGUAGES) expect(of.filter((v) => v.message.language === language).length).toBeGreaterThanOrEqual(15);
  });
  it(`are answered outright at most ${100 * mostAnswered}% of the time`, () => {
    const of = verdicts.get(file)!;
    const answered = of.filter((v) => v.understanding.decision === 'answer');
    expect(answered.length / of.length).toBeLessThanOrEqual(mostAnswered);
  });
});
