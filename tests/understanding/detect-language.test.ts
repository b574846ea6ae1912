import { describe, expect, it } from 'vitest';
import { createLanguageDetector } from '../../src/understanding/detect-language.js';

const detector = createLanguageDetector({
  it: new Set(['ciao', 'fattura', 'sollecito', 'grazie', 'codice']),
  en: new Set(['hello', 'invoice', 'reminder', 'thanks', 'code']),
  fr: new Set(['bonjour', 'facture', 'rappel', 'merci', 'code']),
  de: new Set(['hallo', 'rechnung', 'mahnung', 'danke']),
});

describe('language detection', () => {
  it('reads a long sentence by its statistics', () => {
    expect(detector.detect('Je voudrais savoir pourquoi je reçois encore des messages de votre part', { fallback: 'it' }).language).toBe('fr');
    expect(detector.detect('Ich habe gestern bezahlt und heute trotzdem eine Mahnung bekommen', { fallback: 'it' }).language).toBe('de');
  });
  it('reads a short message by the words it shares with one language only', () => {
    expect(detector.detect('hello', { fallback: 'it' }).language).toBe('en');
    expect(detector.detect('grazie', { fallback: 'en' }).language).toBe('it');
  });
  it('falls back on the conversation, then the channel, for a word every language has', () => {
    expect(detector.detect('2fa', { previous: 'de', hint: 'fr', fallback: 'it' }).language).toBe('de');
    expect(detector.detect('2fa', { hint: 'fr', fallback: 'it' }).language).toBe('fr');
    expect(detector.detect('2fa', { fallback: 'en' }).language).toBe('en');
  });
  it('reads a form of a known word by its stem, and lets words of one language only override the conversation', () => {
    // "come" is English too, "solleciti" is only a form of "sollecito": Italian, even after English turns.
    const words = createLanguageDetector({
      it: new Set(['come', 'sollecito', 'la']),
      en: new Set(['come', 'reminder', 'la']),
      fr: new Set(['rappel', 'la']),
      de: new Set(['mahnung']),
    });
    expect(words.detect('come mai i solleciti?', { previous: 'en', hint: 'en', fallback: 'en' }).language).toBe('it');
    // With nothing that belongs to one language only, the conversation keeps its language.
    expect(words.detect('come la', { previous: 'en', hint: 'en', fallback: 'it' }).language).toBe('en');
  });
  it('reads a sentence none of whose words the base knows by its statistics, even against the conversation and the channel', () => {
    // No gram of these belongs to German alone: the detector leads by shared grams, and that
    // lead, not its small raw score, is what is weighed against the context.
    for (const text of ['Kannst du nicht interessanter sein?', 'Haustür im Flur zumachen']) {
      for (const wrong of ['it', 'en', 'fr'] as const) {
        expect(detector.detect(text, { previous: wrong, hint: wrong, fallback: wrong }).language).toBe('de');
      }
    }
  });
  it('lets clear text override the channel locale', () => {
    expect(detector.detect('Rechnung bezahlt aber trotzdem eine Mahnung, warum?', { hint: 'it', fallback: 'it' }).language).toBe('de');
  });
});
