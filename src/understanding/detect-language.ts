import { LANGUAGES, type Language } from '../content/languages.js';
import { BoundedMap } from '../util/bounded-map.js';
import { detectAmongOurs } from './language-grams.js';
import { stemmers } from './natural-parts.js';
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
const STATISTICAL_SAMPLE = 120;
// When this many words belong to one language far more than to any other, the words have
// decided and the statistical detector (most of the cost of detection) is not asked.
const DECISIVE_WORDS = 3;
const DECISIVE_MARGIN = 0.5;
const MIN_STEM = 5;
const STEM_CACHE_LIMIT = 50_000;

/**
 * Guesses which of our four languages a message is written in, from a statistical detector
 * (tinyld's, on its tables cut down to them: language-grams.ts) and from which language's
 * vocabulary the words belong to.
 */
export function createLanguageDetector(vocabularies: Record<Language, ReadonlySet<string>>) {
  // Which languages use each known word, worked out once; a word all four use says nothing.
  const owners = new Map<string, Language[]>();
  for (const word of new Set(LANGUAGES.flatMap((l) => [...vocabularies[l]]))) {
    owners.set(word, LANGUAGES.filter((l) => vocabularies[l].has(word)));
  }
  // A word the base never uses may still be a form of one it does ("disattivo" beside
  // "disattivare"): each language's stemmer reads it, and the languages with a word of the same
  // stem, or of a stem one is the start of the other's, own it. Short stems are left out:
  // across languages they collide by chance.
  const stems = Object.fromEntries(
    LANGUAGES.map((l) => [l, [...new Set([...vocabularies[l]].map((w) => stemmers[l].stem(w)).filter((stem) => stem.length >= MIN_STEM))].sort()]),
  ) as Record<Language, string[]>;
  const sharesStem = (language: Language, word: string): boolean => {
    const stem = stemmers[language].stem(word);
    if (stem.length < MIN_STEM) return false;
    const sorted = stems[language];
    let low = 0;
    let high = sorted.length;
    while (low < high) {
      const middle = (low + high) >> 1;
      if (sorted[middle]! < stem) low = middle + 1;
      else high = middle;
    }
    if (sorted[low]?.startsWith(stem)) return true;
    // A known stem that starts this one sorts just before it.
    for (let i = low - 1; i >= 0 && stem.startsWith(sorted[i]!.slice(0, MIN_STEM)); i--) if (stem.startsWith(sorted[i]!)) return true;
    return false;
  };
  // Unknown words read by stem, remembered: four stemmers a word is most of detection's cost.
  // The cache only grows with the words people type; a flood of junk must not grow it forever.
  const byStem = new BoundedMap<string, Language[]>(STEM_CACHE_LIMIT);
  const usersOf = (word: string): Language[] => {
    const known = owners.get(word) ?? byStem.get(word);
    if (known) return known;
    if (word.length < MIN_STEM || /\d/.test(word)) return [];
    return byStem.set(word, LANGUAGES.filter((l) => sharesStem(l, word)));
  };

  function vocabularyScores(words: string[]): { scores: Record<Language, number>; counted: number } {
    const scores = zero();
    let counted = 0;
    for (const word of words) {
      const users = usersOf(word);
      // A word all four languages use, or none, says nothing.
      if (users.length === 0 || users.length === LANGUAGES.length) continue;
      counted++;
      for (const l of users) scores[l] += 1 / users.length;
    }
    if (counted > 0) for (const l of LANGUAGES) scores[l] /= counted;
    return { scores, counted };
  }

  function statisticalScores(text: string): Record<Language, number> {
    const scores = zero();
    // tinyld's "accuracy" has no fixed scale: 1 when a gram only one language has is found,
    // hundredths when only grams several languages share are. Its share among our languages is
    // what can be weighed against the words' shares, so a clear lead among shared grams counts
    // as a lead, and a wrong hint does not outweigh it.
    let sum = 0;
    // Its accuracy levels off after a few dozen characters; its cost does not.
    for (const { lang, accuracy } of detectAmongOurs(text.slice(0, STATISTICAL_SAMPLE))) {
      scores[lang] = accuracy;
      sum += accuracy;
    }
    if (sum > 0) for (const l of LANGUAGES) scores[l] /= sum;
    return scores;
  }

  return {
    detect(text: string, context: LanguageContext): LanguageGuess {
      const normalised = normalise(text);
      const words = normalised.split(' ').filter(Boolean);
      const { scores: byWords, counted } = vocabularyScores(words);
      const [top = 0, next = 0] = Object.values(byWords).sort((a, b) => b - a);
      const leader = LANGUAGES.find((l) => byWords[l] === top);
      const expected = context.previous ?? context.hint;
      // The words decide alone when several point one way, or when they confirm the language
      // the conversation or the channel already gave.
      // …or when some words belong to one language only and no word to any other language only
      // ("come disattivo la 2fa?" after an English turn: "disattivo" is Italian, "come" and
      // "la" are English too). Then the conversation's language does not overrule them.
      const alone = new Set(words.map(usersOf).filter((users) => users.length === 1).map((users) => users[0]));
      const unopposed = alone.size === 1 && alone.has(leader);
      const decided = unopposed || (top - next >= DECISIVE_MARGIN && (counted >= DECISIVE_WORDS || (counted > 0 && leader === expected)));
      const weight = decided ? 0 : STATISTICAL_WEIGHT_AT(normalised.length);
      const byStatistics = weight > 0 && normalised.length >= 4 ? statisticalScores(text) : zero();
      const scores = zero();
      for (const l of LANGUAGES) scores[l] = weight * byStatistics[l] + (1 - weight) * byWords[l];
      const ranked = [...LANGUAGES].sort((a, b) => scores[b] - scores[a]);
      const [first, second] = ranked as [Language, Language];
      const confidence = Math.max(0, Math.min(1, scores[first] - scores[second]));
      // The text decides when it speaks clearly; otherwise the conversation's language and the
      // channel's locale tip the balance.
      const withContext = { ...scores };
      if (context.previous && !unopposed) withContext[context.previous] += PREVIOUS_BONUS;
      if (context.hint && !unopposed) withContext[context.hint] += HINT_BONUS;
      const best = [...LANGUAGES].sort((a, b) => withContext[b] - withContext[a])[0] as Language;
      const language = withContext[best] > 0 ? best : (context.previous ?? context.hint ?? context.fallback);
      return { language, confidence, scores };
    },
  };
}

export type LanguageDetector = ReturnType<typeof createLanguageDetector>;
