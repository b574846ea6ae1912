import { beforeAll, describe, expect, it } from 'vitest';
import { createCommandRecognizer, type CommandRecognizer } from '../../src/understanding/commands.js';
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
