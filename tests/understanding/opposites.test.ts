import { describe, expect, it } from 'vitest';
import { contradicts, opposite } from '../../src/understanding/opposites.js';

describe('opposite actions', () => {
  it('knows a negating prefix on the same root, in each language', () => {
    expect(opposite('it', 'attiv', 'disattiv')).toBe(true);
    expect(opposite('en', 'enabl', 'disabl')).toBe(true);
    expect(opposite('fr', 'desactiv', 'activ')).toBe(true);
    expect(opposite('de', 'aktivi', 'deaktivi')).toBe(true);
    expect(opposite('de', 'einschalt', 'ausschalt')).toBe(true);
  });
  it('does not see opposites in words that merely start alike', () => {
    expect(opposite('it', 'attiv', 'attiv')).toBe(false);
    expect(opposite('en', 'al', 'deal')).toBe(false);
    expect(opposite('en', 'code', 'decode2')).toBe(false);
  });
  it('reads "turn on" against a title that turns off, but not a stray "on"', () => {
    expect(contradicts('en', ['how', 'turn', 'on', '2fa'], ['turn', 'off', 'two', 'factor'])).toBe(true);
    expect(contradicts('en', ['kauth', 'was', 'on', 'my', 'phone'], ['turn', 'off', 'two', 'factor'])).toBe(false);
  });
  it('lets a title that names both ways be asked either way', () => {
    expect(contradicts('it', ['attiv', 'renewal'], ['attiv', 'o', 'disattiv', 'renewal'])).toBe(false);
    expect(contradicts('de', ['renewal', 'einschalt'], ['renewal', 'warranty', 'ein', 'oder', 'ausschalt'])).toBe(false);
  });
  it('reads a German verb whose particle went to the end as either way', () => {
    expect(contradicts('de', ['wo', 'schalt', 'ich', 'das', 'ab'], ['ein', 'oder', 'ausschalt'])).toBe(false);
    expect(contradicts('de', ['wie', 'aktivi', 'ich', '2fa'], ['zwei', 'faktor', 'deaktivi'])).toBe(true);
  });
});

describe('prefixes that only look negating', () => {
  it('does not read "auswählen" as the opposite of "wählen", nor "let" of "delete"', () => {
    expect(opposite('de', 'auswahl', 'wahl')).toBe(false);
    expect(opposite('en', 'let', 'delet')).toBe(false);
  });
});
