import { describe, expect, it } from 'vitest';
import { createAnalyser } from '../../src/understanding/analyse.js';
import { createSpeller } from '../../src/understanding/spelling.js';

const speller = createSpeller(['autenticazione', 'organizzazione', 'newsletter', 'switch', 'money', 'fattura', 'sollecito']);

describe('the speller', () => {
  it('finds the known word a typo meant', () => {
    expect(speller.correct('autenticazone')).toBe('autenticazione');
    expect(speller.correct('organizazione')).toBe('organizzazione');
    expect(speller.correct('newsleter')).toBe('newsletter');
  });
  it('counts two swapped letters as one typo', () => {
    expect(speller.correct('swtich')).toBe('switch');
  });
  it('does not turn a different real word into a known one', () => {
    expect(speller.correct('moon')).toBe('moon');
    expect(speller.correct('pizza')).toBe('pizza');
  });
  it('leaves short words and numbers alone', () => {
    expect(speller.correct('fat')).toBe('fat');
    expect(speller.correct('2fa')).toBe('2fa');
  });
  it('keeps a known word as it is', () => {
    expect(speller.correct('sollecito')).toBe('sollecito');
    expect(speller.knows('fattura')).toBe(true);
  });
  it('leaves another form of a known word as it is, where it knows the stems', () => {
    const italian = createAnalyser('it');
    const words = ['iniziare', 'iniziali', 'fattura'];
    // Without stems, the nearest known word wins, though it is a different word.
    expect(createSpeller(words).correct('iniziano')).toBe('iniziali');
    const stemming = createSpeller(words, italian.stem);
    expect(stemming.correct('iniziano')).toBe('iniziano');
    expect(stemming.correct('fatura')).toBe('fattura');
  });
});
