import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { normalise } from '../../src/understanding/normalise.js';

describe('normalise', () => {
  it('lowers case and drops accents', () => {
    expect(normalise('Perché NON va?')).toBe('perche non va');
  });
  it('turns punctuation and apostrophes into spaces', () => {
    expect(normalise("l'autenticazione, a due-fattori!")).toBe('l autenticazione a due fattori');
  });
  it('collapses a letter shouted three times or more, but keeps double letters', () => {
    expect(normalise('grazieeee aiutooo')).toBe('grazie aiuto');
    expect(normalise('Rinnovo annullato')).toBe('rinnovo annullato');
  });
  it('spells the German sharp s as ss and folds umlauts', () => {
    expect(normalise('Größe Mahnungsschreiben')).toBe('grosse mahnungsschreiben');
  });
  it('leaves nothing of emoji and symbols alone', () => {
    expect(normalise('😀 *** ###')).toBe('');
  });
  // Readers compare a text normalised once with one normalised again (typed-choice.ts hands the
  // recognizer either), so a second pass must change nothing.
  it('changes nothing it has already normalised, whatever the text', () => {
    const letters = fc.constantFrom(...'aAéÉßẞüÜçñ İıﬁ\'’-.,!?😀 1'.split(''));
    fc.assert(
      fc.property(fc.oneof(fc.string({ unit: letters }), fc.string({ unit: 'grapheme' }), fc.string()), (text) => {
        const once = normalise(text);
        expect(normalise(once)).toBe(once);
      }),
      { numRuns: 2000 },
    );
  });
});
