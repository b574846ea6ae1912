/**
 * Text as the matcher sees it: lower case, no accents, no punctuation, no shouted letters.
 * "Perché la 2FA nn si DISATTIVAAA???" → "perche la 2fa nn si disattiva"
 */
const COMBINING_MARKS = /\p{M}+/gu;
const NOT_A_WORD_CHARACTER = /[^\p{L}\p{N}]+/gu;
// Three or more of one letter is emphasis, never spelling, in our four languages.
const SHOUTED_LETTER = /(\p{L})\1{2,}/gu;

// Detection, command reading and intent scoring each normalise the message they are given:
// the same text, three times a turn. The last answer is kept so that only the first pays.
let lastText: string | undefined;
let lastResult = '';

export function normalise(text: string): string {
  if (text === lastText) return lastResult;
  lastResult = fold(text);
  lastText = text;
  return lastResult;
}

function fold(text: string): string {
  return text
    .normalize('NFKD')
    .replace(COMBINING_MARKS, '')
    .toLowerCase()
    .replace(/ß/g, 'ss')
    .replace(SHOUTED_LETTER, '$1')
    .replace(NOT_A_WORD_CHARACTER, ' ')
    .trim();
}
