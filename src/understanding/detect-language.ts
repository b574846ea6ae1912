import { detectAll } from 'tinyld';
import { LANGUAGES, type Language } from '../content/languages.js';
import { normalise } from './normalise.js';

export interface LanguageGuess {
  language: Language;
  /** How much the text itself says, 0 (nothing: "ok", "2fa") to 1 (unmistakable). */
  confidence: number;
  scores: Record<Language, number>;
}

export interface LanguageContext {
  /** The language of the conversation so far: short replies keep it. */
  previous?: Language;
  /** The channel's locale (activity.locale): a hint that the text overrules. */
  hint?: Language;
  fallback: Language;
}

const zero = (): Record<Language, number> => ({ it: 0, en: 0, fr: 0, de: 0 });
// A statistical detector is unreliable under ~24 characters; the knowledge base's own words
// are better evidence on short support messages ("codice vip?", "2fa off").
const STATISTICAL_WEIGHT_AT = (length: number) => Math.min(0.6, length / 60);
const PREVIOUS_BONUS = 0.25;
const HINT_BONUS = 0.1;

/**
 * Guesses which of our four languages a message is written in, from a statistical detector
 * (tinyld) restricted to them and from which language's vocabulary the words belong to.
 */
export function createLanguageDetector(vocabularies: Record<Language, ReadonlySet<string>>) {
  function vocabularyScores(words: string[]): Record<Language, number> {
    const scores = zero();
    let counted = 0;
    for (const word of words) {
      const owners = LANGUAGES.filter((l) => vocabularies[l].has(word));
      if (owners.length === 0 || owners.length === LANGUAGES.length) continue;
      counted++;
      for (const l of owners) scores[l] += 1 / owners.length;
    }
    if (counted > 0) for (const l of LANGUAGES) scores[l] /= counted;
    return scores;
  }

  function statisticalScores(text: string): Record<Language, number> {
    const scores = zero();
    for (const { lang, accuracy } of detectAll(text, { only: [...LANGUAGES] })) {
      if (lang in scores) scores[lang as Language] = accuracy;
    }
    return scores;
  }

  return {
    detect(text: string, context: LanguageContext): LanguageGuess {
      const normalised = normalise(text);
      const words = normalised.split(' ').filter(Boolean);
      const byWords = vocabularyScores(words);
      const byStatistics = normalised.length >= 4 ? statisticalScores(text) : zero();
      const weight = STATISTICAL_WEIGHT_AT(normalised.length);
      const scores = zero();
      for (const l of LANGUAGES) scores[l] = weight * byStatistics[l] + (1 - weight) * byWords[l];
      const ranked = [...LANGUAGES].sort((a, b) => scores[b] - scores[a]);
      const [first, second] = ranked as [Language, Language];
      const confidence = Math.max(0, Math.min(1, scores[first] - scores[second]));
      // The text decides when it speaks clearly; otherwise the conversation's language and the
      // channel's locale tip the balance.
      const withContext = { ...scores };
      if (context.previous) withContext[context.previous] += PREVIOUS_BONUS;
      if (context.hint) withContext[context.hint] += HINT_BONUS;
      const best = [...LANGUAGES].sort((a, b) => withContext[b] - withContext[a])[0] as Language;
      const language = withContext[best] > 0 ? best : (context.previous ?? context.hint ?? context.fallback);
      return { language, confidence, scores };
    },
  };
}

export type LanguageDetector = ReturnType<typeof createLanguageDetector>;
