import type { Language } from '../content/languages.js';
import { LANGUAGE_GRAMS_JSON } from './language-grams-data.js';

/**
 * tinyld's `detectAll(text, { only: ['it', 'en', 'fr', 'de'] })` (tinyld 1.3.4, MIT,
 * komodojp/tinyld), step for step, on its gram tables cut down to those four languages
 * (src/cli/language-grams.ts explains why and writes them). Same answers, same order, same
 * rounding: tests/understanding/language-grams.test.ts holds it to tinyld itself.
 */

interface Grams {
  /** Our languages, in tinyld's order (ties between them keep it). */
  languages: Language[];
  /** A gram only one language has (among all 62 tinyld knows): that language's position. */
  uniques: Record<string, number>;
  /** A gram several languages share: each of our languages' score, 0 where it has none. */
  multiples: Record<string, number[]>;
}

const GRAMS = JSON.parse(LANGUAGE_GRAMS_JSON) as Grams;
const UNIQUES = new Map(Object.entries(GRAMS.uniques));
const MULTIPLES = new Map(Object.entries(GRAMS.multiples));
const LANGUAGE_ORDER = GRAMS.languages;
const GRAM_SIZES = [1, 2, 3, 4, 5];
const PRECISION = 1e4;

export interface GramGuess {
  lang: Language;
  accuracy: number;
}

const PUNCTUATION = /[,.。，、#%&/\\+*¡!¿?[\]！？;:…„“«»”"“_–—~]/gi;
const DIGITS = /[0-9]/g;
const FULL_WIDTH_DIGITS = /[\uFF10-\uFF19]/g;
const SPACES = /\s\s+/g;
const CURLY_APOSTROPHE = /’/gi;
const DIACRITICS = /[\u0300-\u036f]/g;
const CHUNK_SEPARATORS = /([,，、。!¿?！？":;()「」{}„“«»”"“<>⋯《》*]|[.[\]\\])+/;
const WORD_SEPARATORS = /[ ]+/;

const round = (value: number) => Math.round(value * PRECISION) / PRECISION;

function clean(text: string): string {
  return text
    .toLowerCase()
    .replace(CURLY_APOSTROPHE, "'")
    .replace(PUNCTUATION, ' ')
    .replace(FULL_WIDTH_DIGITS, (digit) => String.fromCharCode(digit.charCodeAt(0) - 65248))
    .replace(DIGITS, '')
    .replace(SPACES, ' ')
    .trim();
}

/** The text's grams of `size` characters, padded with spaces, never two spaces in a row. */
function grams(text: string, size: number): string[] {
  const found: string[] = [];
  const padded = ' '.repeat(size - 1) + text + ' '.repeat(size - 1);
  for (let start = 0; start < padded.length - (size - 1); start++) {
    const chars: string[] = [];
    let spaces = 0;
    for (let i = 0; i < size; i++) {
      spaces = padded[start + i] === ' ' ? spaces + 1 : 0;
      if (!(spaces > 1)) chars.push(padded[start + i]!);
    }
    const gram = chars.join('');
    if (gram.trim().length > 0 && gram.length === size) found.push(gram);
  }
  return found;
}

/** tinyld's first pass: the first gram, shortest first, that only one of our languages has. */
function uniqueLanguage(chunk: string): Language | undefined {
  for (const size of GRAM_SIZES) {
    for (const gram of grams(chunk, size)) {
      const at = UNIQUES.get(gram);
      if (at !== undefined) return LANGUAGE_ORDER[at];
    }
  }
  return undefined;
}

/** tinyld's second pass on one word: shared grams' scores, as shares of the best. */
function sharedGrams(word: string): GramGuess[] {
  const scores = LANGUAGE_ORDER.map(() => 0);
  for (const size of GRAM_SIZES) {
    for (const gram of grams(word, size)) {
      const plain = gram.normalize('NFD').replace(DIACRITICS, '');
      const row = MULTIPLES.get(plain);
      if (!row) continue;
      for (let i = 0; i < row.length; i++) scores[i] = scores[i]! + (row[i]! * plain.length) / 4;
    }
  }
  const ranked = LANGUAGE_ORDER.map((lang, i) => [lang, scores[i]!] as const).sort((a, b) => b[1] - a[1]);
  const best = Math.max(...ranked.map(([, score]) => score)) || 1;
  return ranked.map(([lang, score]) => ({ lang, accuracy: 1 - round((best - score) / best) }));
}

/** Our languages the text's grams point to, best first, each with tinyld's accuracy. */
export function detectAmongOurs(text: string): GramGuess[] {
  const chunks = text
    .split(CHUNK_SEPARATORS)
    .map(clean)
    .filter((chunk) => !!chunk)
    .sort((a, b) => b.length - a.length)
    .slice(0, 7);
  let length = 0;
  const totals = new Map<Language, number>();
  const add = (lang: Language, amount: number) => totals.set(lang, (totals.get(lang) ?? 0) + amount);
  for (const chunk of chunks) {
    const unique = uniqueLanguage(chunk);
    if (unique) {
      add(unique, chunk.length);
      length += chunk.length;
      continue;
    }
    for (const word of chunk.split(WORD_SEPARATORS)) {
      for (const guess of sharedGrams(word)) add(guess.lang, guess.accuracy);
      length += word.length;
    }
  }
  return [...totals]
    .filter(([, total]) => total > 0)
    .sort((a, b) => b[1] - a[1])
    .map(([lang, total]) => ({ lang, accuracy: total / length }));
}
