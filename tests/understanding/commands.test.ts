import fc from 'fast-check';
import { beforeAll, describe, expect, it } from 'vitest';
import { createCommandRecognizer, nearWord, type CommandRecognizer } from '../../src/understanding/commands.js';
import { projectContent } from '../support/content.js';

let recognizer: CommandRecognizer;
beforeAll(async () => {
  recognizer = createCommandRecognizer((await projectContent()).locales.input);
});

describe('conversational commands', () => {
  it.each([
    ['aiuto', 'help'],
    ['Hilfe!', 'help'],
    ['annulla', 'cancel'],
    ['laissez tomber', 'cancel'],
    ['start over', 'restart'],
    ['zurück', 'back'],
    ['grazie mille!!', 'thanks'],
    ['bonjour', 'greeting'],
    ['sì', 'yes'],
    ['si', 'yes'],
    ['oui', 'yes'],
    ['ja', 'yes'],
    ['non lo so', 'unsure'],
    ['weiß nicht', 'unsure'],
  ])('reads "%s" as %s', (text, command) => {
    expect(recognizer.recognise(text)?.command).toBe(command);
  });
  it('forgives a typo in a command', () => {
    expect(recognizer.recognise('annula')?.command).toBe('cancel');
  });
  it('prefers the conversation language when a word means something in two ("no")', () => {
    expect(recognizer.recognise('no', 'it')).toEqual({ command: 'no', language: 'it' });
  });
  it('does not read a question that starts with a greeting as a command', () => {
    expect(recognizer.recognise('ciao, come faccio a togliere la verifica in due passaggi?')).toBeUndefined();
  });
});

describe('crisis words', () => {
  it.each(['sto pensando al suicidio', 'I want to kill myself', 'je vais me suicider', 'Selbstmordgedanken'])('reads "%s" as a crisis, anywhere in the message', (text) => {
    expect(recognizer.recognise(text)?.command).toBe('crisis');
  });
  it('does not take an ordinary support question for one', () => {
    expect(recognizer.recognise('this 2FA is killing me, how do I turn it off')).toBeUndefined();
  });
  it('errs on the side of care when a crisis word is there, even in jest', () => {
    expect(recognizer.recognise('la procedura è da suicidio? no, scherzo: come tolgo la 2fa')?.command).toBe('crisis');
  });
});

/** Edit distance with adjacent swaps (optimal string alignment), by the textbook table. */
function swapDistance(a: string, b: string): number {
  const d = Array.from({ length: a.length + 1 }, (_, i) => Array.from({ length: b.length + 1 }, (_, j) => (i === 0 ? j : j === 0 ? i : 0)));
  for (let i = 1; i <= a.length; i++) {
    for (let j = 1; j <= b.length; j++) {
      d[i]![j] = Math.min(d[i - 1]![j]! + 1, d[i]![j - 1]! + 1, d[i - 1]![j - 1]! + (a[i - 1] === b[j - 1] ? 0 : 1));
      if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1]) d[i]![j] = Math.min(d[i]![j]!, d[i - 2]![j - 2]! + 1);
    }
  }
  return d[a.length]![b.length]!;
}

describe('a word one typo away', () => {
  it('is one letter added, dropped, changed or two neighbours swapped, in words of four letters or more', () => {
    expect(nearWord('operatore', 'operatroe')).toBe(true);
    expect(nearWord('operatore', 'operatre')).toBe(true);
    expect(nearWord('operatore', 'opperatore')).toBe(true);
    expect(nearWord('operatore', 'oparatore')).toBe(true);
    expect(nearWord('operatore', 'oparatroe')).toBe(false);
    expect(nearWord('uno', 'una')).toBe(false);
    const word = fc.string({ unit: fc.constantFrom(...'abc'), maxLength: 7 });
    fc.assert(
      fc.property(word, word, (expected, typed) => {
        const reference = expected === typed || (expected.length >= 4 && swapDistance(expected, typed) <= 1);
        expect(nearWord(expected, typed)).toBe(reference);
      }),
      { numRuns: 5000 },
    );
  });
});
