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
  it('lets clear text override the channel locale', () => {
    expect(detector.detect('Rechnung bezahlt aber trotzdem eine Mahnung, warum?', { hint: 'it', fallback: 'it' }).language).toBe('de');
  });
});
