/** Helpers shared by the finders: how names are matched and where a secret's word ends. */
import type { Span } from './numbers.js';

export const normal = (word: string) => word.normalize('NFC').toLowerCase().replace(/’/g, "'");
const escape = (text: string) => text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

/** A name as a regex source: any spacing, either apostrophe. */
export const nameSource = (name: string) => escape(normal(name)).replace(/\s+/g, '\\s+').replace(/'/g, "['’]");

/** Many names as one regex alternation, longest first (so "backup codes" wins over "backup code"). */
export const alternatives = (names: string[]) =>
  [...new Set(names.map(normal))]
    .sort((a, b) => b.length - a.length)
    .map(nameSource)
    .join('|');

/** One regex for many names, whole words only. */
export function namesPattern(names: string[]): RegExp {
  return new RegExp(`(?<![\\p{L}\\p{N}])(?:${alternatives(names)})(?![\\p{L}\\p{N}])`, 'giu');
}

/**
 * Every repetition is bounded: the detector runs on every message, up to the body limit, and
 * an unbounded word after each of thousands of names would make it quadratic.
 */
export const MAX_WORD = 200;

export const QUOTES: Record<string, string> = { '"': '"', "'": "'", '“': '”', '„': '“', '«': '»', '‘': '’', '`': '`' };

/** A bare word after a password's name is taken for the password if it mixes letters and digits. */
export const looksGenerated = (word: string) => word.length >= 4 && /\p{N}/u.test(word) && /\p{L}/u.test(word);

/** Punctuation around a word ("Hunter2!", "(x)") is not part of what it says. */
export const bare = (word: string) => normal(word.replace(/^[\p{P}\p{S}]+|[\p{P}\p{S}]+$/gu, ''));

/**
 * The word, or quoted text, starting at `from` (after spaces): [start, end), the quotes
 * included. Quoted text may hold spaces; a bare word ends at the first space, or at `stop`.
 */
export function wordAt(text: string, from: number, stop?: RegExp): Span {
  const start = from + (/^\s*/.exec(text.slice(from, from + MAX_WORD))?.[0].length ?? 0);
  const close = QUOTES[text[start] ?? ''];
  const quoted = close ? text.slice(start + 1, start + MAX_WORD).indexOf(close) : -1;
  if (quoted > 0) return { start, end: start + quoted + 2 };
  const rest = text.slice(start, start + MAX_WORD);
  const word = /^\S*/.exec(rest)![0];
  const cut = stop ? word.search(stop) : -1;
  return { start, end: start + (cut > 0 ? cut : word.length) };
}
