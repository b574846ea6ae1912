import { describe, expect, it } from 'vitest';
import { LANGUAGES } from '../../src/content/languages.js';
import { entrySchema } from '../../src/knowledge/schema.js';
import { MAX_SYNTHETIC_ENTRIES, syntheticEntryFiles, syntheticHeldOut, syntheticKnowledgeBase } from '../../bench/synthetic-kb.js';

describe('the synthetic knowledge base of the scale benchmark', () => {
  it('makes the number of entries asked for, each a valid knowledge file with its own id', () => {
    const files = syntheticEntryFiles(30);
    expect(files).toHaveLength(30);
    for (const file of files) expect(entrySchema.safeParse(file).error).toBeUndefined();
    expect(new Set(files.map((f) => f.id)).size).toBe(30);
  });

  it('can make 1,000 entries, no two with the same title in any language', () => {
    expect(MAX_SYNTHETIC_ENTRIES).toBeGreaterThanOrEqual(1000);
    const files = syntheticEntryFiles(1000);
    for (const language of LANGUAGES) expect(new Set(files.map((f) => f[language]!.title)).size).toBe(1000);
  });

  it('refuses a count its word lists cannot make', () => {
    expect(() => syntheticEntryFiles(0)).toThrow(/count/);
    expect(() => syntheticEntryFiles(MAX_SYNTHETIC_ENTRIES + 1)).toThrow(/count/);
  });

  it('asks its held-out questions in every language, about existing entries, in words no training question has', () => {
    const kb = syntheticKnowledgeBase(40, { it: ['ciao'], en: ['hi'], fr: ['salut'], de: ['hallo'] });
    const heldOut = syntheticHeldOut(40, 10);
    expect(heldOut).toHaveLength(4 * LANGUAGES.length);
    for (const message of heldOut) {
      const entry = kb.get(message.expected);
      expect(entry).toBeDefined();
      expect(entry!.text[message.language].questions).not.toContain(message.text);
    }
    expect(kb.outOfScope.fr).toEqual(['salut']);
  });
});
