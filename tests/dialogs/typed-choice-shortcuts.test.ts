import fc from 'fast-check';
import Fuse from 'fuse.js';
import { describe, expect, it } from 'vitest';
import { LANGUAGES, type Language } from '../../src/content/languages.js';
import type { TurnInput } from '../../src/dialogs/turn-input.js';
import { labelStartingWith, matchTypedChoice, missingCharacters, turnCommandReader, withinEdits, type TypeableChoice } from '../../src/dialogs/typed-choice.js';
import { readLabelledSet } from '../../src/evaluation/labelled-set.js';
import { normalise } from '../../src/understanding/normalise.js';
import type { Understanding } from '../../src/understanding/understander.js';
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

describe('the edit distance that spares the fuzzy search', () => {
  it('finds the pattern anywhere in the text with at most so many edits', () => {
    expect(withinEdits('guida', 'guidami passo passo', 0)).toBe(true);
    expect(withinEdits('gida', 'guidami passo passo', 0)).toBe(false);
    expect(withinEdits('gida', 'guidami passo passo', 1)).toBe(true);
    expect(withinEdits('pasoo', 'guidami passo passo', 1)).toBe(true);
    expect(withinEdits('xyzw', 'guidami', 3)).toBe(false);
    expect(withinEdits('xyzw', '', 3)).toBe(false);
    expect(withinEdits('xyz', '', 3)).toBe(true);
  });

  it('never rejects what fuse accepts, on random texts', () => {
    // A small alphabet, so that near matches are common and the test has cases on both sides.
    const text = (most: number) => fc.string({ unit: fc.constantFrom(...'abcde'), maxLength: most });
    let accepted = 0;
    fc.assert(
      fc.property(text(32).filter((p) => p.length > 0), text(60), (pattern, phrase) => {
        const [best] = new Fuse([{ text: phrase }], { keys: ['text'], includeScore: true, threshold: 0.3 }).search(pattern, { limit: 1 });
        if (!best || (best.score ?? 1) > 0.3) return;
        accepted++;
        expect(withinEdits(pattern, phrase, Math.ceil(0.3 * pattern.length))).toBe(true);
      }),
      { numRuns: 3000 },
    );
    expect(accepted).toBeGreaterThan(100);
  });
});

/**
 * The label steps without the shortcut: a label's first words, else fuse over every phrase of
 * every choice that the typed text is long enough to stand for (a fragment is no answer).
 */
function fuzzyOverEveryPhrase(choices: TypeableChoice[], text: string): number | undefined {
  const compact = (s: string) => normalise(s).replace(/ /g, '');
  const phrases = choices
    .flatMap((c, index) => LANGUAGES.flatMap((l) => [c.label[l], ...(c.says?.[l] ?? [])].map((p) => ({ index, language: l, text: compact(p) }))))
  const prefixed = labelStartingWith(phrases.filter((p) => p.language === 'it'), compact(text));
  if (prefixed !== undefined) return prefixed;
  const longEnough = phrases.filter((p) => compact(text).length >= 0.6 * p.text.length);
  if (longEnough.length === 0) return undefined;
  const [best] = new Fuse(longEnough, { keys: ['text'], includeScore: true, threshold: 0.3 }).search(compact(text).slice(0, 32), { limit: 1 });
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

describe('the command reader of a turn', () => {
  // Only the fields the reader looks at; the rest of an Understanding is the classifier's business.
  const understanding = (text: string, command?: Understanding['command']) =>
    ({ text, language: 'it', command, intent: 'none', decision: 'none' }) satisfies Partial<Understanding> as Understanding;
  const input = (u: Understanding): TurnInput => ({ text: u.text, language: u.language, understanding: u });

  it("answers from the turn's understanding without asking the recognizer again", () => {
    let asked = 0;
    const recognizer = () => {
      asked++;
      return { command: 'no' as const };
    };
    const read = turnCommandReader(input(understanding('Sì!', 'yes')), recognizer);
    expect(read('si', 'it')).toEqual({ command: 'yes' });
    expect(read('Sì!', 'it')).toEqual({ command: 'yes' });
    expect(asked).toBe(0);
    expect(turnCommandReader(input(understanding('dove trovo il codice?')), recognizer)('dove trovo il codice', 'it')).toBeUndefined();
    expect(asked).toBe(0);
  });

  it('asks the recognizer for any other text or language', () => {
    let asked = 0;
    const recognizer = () => {
      asked++;
      return { command: 'no' as const };
    };
    const read = turnCommandReader(input(understanding('sii', 'yes')), recognizer);
    expect(read('si', 'it')).toEqual({ command: 'no' });
    expect(read('sii', 'en')).toEqual({ command: 'no' });
    expect(asked).toBe(2);
  });
});
