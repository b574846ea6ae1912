import { beforeAll, describe, expect, it } from 'vitest';
import { createCommandRecognizer, type CommandRecognizer } from '../../src/understanding/commands.js';
import { projectContent } from '../support/content.js';

let recognizer: CommandRecognizer;
beforeAll(async () => {
  recognizer = createCommandRecognizer((await projectContent()).locales.input);
});

describe('asking for a person', () => {
  it.each([
    ['voglio parlare con un operatore', 'it'],
    ['voglio parlare con un opratore', 'it'],
    ['operatore!', 'it'],
    ['ciao, posso parlare con una persona per favore?', 'it'],
    ['human please', 'en'],
    ['humna please', 'en'],
    ['can I talk to a human about my invoice?', 'en'],
    ['un conseiller', 'fr'],
    ['je veux parler à un conseiller svp', 'fr'],
    ['Mitarbeiter', 'de'],
    ['Mitarbieter bitte', 'de'],
    ['ich möchte mit einem Mitarbeiter sprechen', 'de'],
  ])('reads "%s" as a request for a person (%s)', (text, language) => {
    expect(recognizer.recognise(text, language as 'it')).toMatchObject({ command: 'human' });
  });

  it.each([
    'come aggiungo un operatore alla mia organizzazione e gli do accesso',
    'wie füge ich einen Mitarbeiter zur Organisation hinzu',
    'how do I turn off two-factor authentication',
  ])('does not read a support question as one: "%s"', (text) => {
    expect(recognizer.recognise(text)?.command).not.toBe('human');
  });
});
