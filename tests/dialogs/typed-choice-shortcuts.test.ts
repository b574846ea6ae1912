import Fuse from 'fuse.js';
import { describe, expect, it } from 'vitest';
import { LANGUAGES, type Language } from '../../src/content/languages.js';
import { matchTypedChoice, missingCharacters, type TypeableChoice } from '../../src/dialogs/typed-choice.js';
import { readLabelledSet } from '../../src/evaluation/labelled-set.js';
import { normalise } from '../../src/understanding/normalise.js';
import { projectContent } from '../support/content.js';

describe('the bag distance that spares the fuzzy search', () => {
  it('counts the characters of the pattern that the text lacks, repeats included', () => {
    expect(missingCharacters('abc', 'cab')).toBe(0);
    expect(missingCharacters('abc', 'ab')).toBe(1);
    expect(missingCharacters('aab', 'ab')).toBe(1);
    expect(missingCharacters('', 'ab')).toBe(0);
    expect(missingCharacters('xyz', '')).toBe(3);
  });
});

/** The fuzzy step as it was before the shortcut: fuse over every phrase of every choice. */
function fuzzyOverEveryPhrase(choices: TypeableChoice[], text: string): number | undefined {
  const compact = (s: string) => normalise(s).replace(/ /g, '');
  const phrases = choices.flatMap((c, index) => LANGUAGES.flatMap((l) => [c.label[l], ...(c.says?.[l] ?? [])]).map((p) => ({ index, text: compact(p) })));
  const [best] = new Fuse(phrases, { keys: ['text'], includeScore: true, threshold: 0.3 }).search(compact(text).slice(0, 32), { limit: 1 });
  return best && (best.score ?? 1) <= 0.3 ? best.item.index : undefined;
}

describe('reading typed answers without searching phrases that cannot match', () => {
  it('picks what a fuzzy search over every phrase picks, for questions and for mistyped labels', async () => {
    const { kb } = await projectContent();
    const topics: TypeableChoice[] = [...kb.entries.values()].map((e) => ({
      label: Object.fromEntries(LANGUAGES.map((l) => [l, e.text[l].title])) as Record<Language, string>,
    }));
    const typed = [
      ...(await readLabelledSet('tests/eval/heldout.tsv')).map((m) => m.text),
      ...topics.flatMap((t) => LANGUAGES.flatMap((l) => [t.label[l].slice(1), t.label[l].replace(/[aeiou]/g, 'x'), t.label[l].split(' ').slice(0, 3).join(' ')])),
    ];
    const noCommands = () => undefined;
    const differences = typed.filter((text) => {
      const expected = /^\s*\d+\s*$/.test(text) ? undefined : fuzzyOverEveryPhrase(topics, text);
      return matchTypedChoice(topics, text, 'it', noCommands) !== expected;
    });
    expect(differences).toEqual([]);
  });
});
