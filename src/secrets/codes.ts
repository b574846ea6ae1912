import type { Span } from './numbers.js';
import { namesPattern } from './words.js';
import type { TextView } from './text-view.js';

/** How far after a code's name its first code may be, in characters and in words. */
const CODE_WINDOW = 80;
const MAX_WORDS_BEFORE_CODE = 6;
/** A list of codes longer than this is not a list of codes. */
const MAX_CODES = 50;
// A word, or digits in groups ("1234 5678", "123-456").
const CODE_TOKEN = /(?<![\p{L}\p{N}])(?:\d(?:[ -]?\d){3,11}|[\p{L}\p{N}]{1,40}(?:-[\p{L}\p{N}]{1,40}){0,8})(?![\p{L}\p{N}])/gu;

/** Digits (not a year), or letters mixed with digits: what access codes look like. */
function isCode(word: string): boolean {
  const compact = word.replace(/[ -]/g, '');
  if (/^\d+$/.test(compact)) return compact.length >= 4 && !(compact.length === 4 && /^(19|20)\d\d$/.test(compact));
  return compact.length >= 6 && /\p{N}/u.test(compact) && /\p{L}/u.test(compact);
}

/**
 * Access codes after their name: the first code-shaped word within a few words of it, in the
 * same sentence, and every code-shaped word that follows it in a list ("backup codes: 1234
 * 5678, 2345 6789" or one per line).
 */
export function createCodeFinder(codeNames: string[]): (view: TextView) => Span[] {
  const names = namesPattern(codeNames);

  function codesAfter(view: TextView, nameEnd: number): Span[] {
    const { text } = view;
    const tokens = new RegExp(CODE_TOKEN);
    tokens.lastIndex = nameEnd;
    const spans: Span[] = [];
    let words = 0;
    let last = nameEnd;
    for (let match = tokens.exec(text); match; match = tokens.exec(text)) {
      const gap = text.slice(last, match.index);
      const code = isCode(match[0]) && !view.insideMask(match.index);
      if (spans.length === 0 && (/[.!?]/.test(gap) || ++words > MAX_WORDS_BEFORE_CODE || match.index - nameEnd > CODE_WINDOW)) break;
      if (spans.length > 0 && (!code || !/^[\s,;:|/]*$/.test(gap) || spans.length >= MAX_CODES)) break;
      if (code) spans.push({ start: match.index, end: match.index + match[0].length });
      last = match.index + match[0].length;
    }
    return spans;
  }

  return (view) => [...view.text.matchAll(names)].filter((n) => !view.insideMask(n.index)).flatMap((n) => codesAfter(view, n.index + n[0].length));
}
