import { createRequire } from 'node:module';
import { LANGUAGES, type Language } from '../content/languages.js';
import { findCardNumbers, findIbans, type Span } from './numbers.js';
import type { SecretWords } from './vocabulary.js';

const require = createRequire(import.meta.url);
const stopwordLists = require('stopwords-iso') as Record<string, string[]>;

export type SecretKind = 'password' | 'code' | 'card' | 'iban';

export interface Finding extends Span {
  kind: SecretKind;
}

/** Finds the secrets in a text; pure, and linear in the text's length (no backtracking blow-ups). */
export type SecretDetector = (text: string) => Finding[];

const MASK_PREFIX = '[redacted';
/** How many words may sit between a password's name and its connector ("password of my mailbox is"). */
const MAX_FILLERS = 3;
/** How far after a code's name its first code may be, in characters and in words. */
const CODE_WINDOW = 80;
const MAX_WORDS_BEFORE_CODE = 6;
/** A list of codes longer than this is not a list of codes. */
const MAX_CODES = 50;
/**
 * Every repetition below is bounded: the detector runs on every message, up to the body limit,
 * and an unbounded word after each of thousands of names would make it quadratic.
 */
const MAX_WORD = 200;
// A word, or digits in groups ("1234 5678", "123-456").
const CODE_TOKEN = /(?<![\p{L}\p{N}])(?:\d(?:[ -]?\d){3,11}|[\p{L}\p{N}]{1,40}(?:-[\p{L}\p{N}]{1,40}){0,8})(?![\p{L}\p{N}])/gu;

/** Digits (not a year), or letters mixed with digits: what access codes look like. */
function isCode(word: string): boolean {
  const compact = word.replace(/[ -]/g, '');
  if (/^\d+$/.test(compact)) return compact.length >= 4 && !(compact.length === 4 && /^(19|20)\d\d$/.test(compact));
  return compact.length >= 6 && /\p{N}/u.test(compact) && /\p{L}/u.test(compact);
}

const normal = (word: string) => word.normalize('NFC').toLowerCase().replace(/’/g, "'");
const escape = (text: string) => text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

/** One regex for many names: longest first, any spacing, either apostrophe, whole words only. */
function namesPattern(names: string[]): RegExp {
  const alternatives = [...new Set(names.map(normal))]
    .sort((a, b) => b.length - a.length)
    .map((n) => escape(n).replace(/\s+/g, '\\s+').replace(/'/g, "['’]"));
  return new RegExp(`(?<![\\p{L}\\p{N}])(?:${alternatives.join('|')})(?![\\p{L}\\p{N}])`, 'giu');
}

/** A bare word after a password's name is taken for the password if it mixes letters and digits. */
const looksGenerated = (word: string) => word.length >= 4 && /\p{N}/u.test(word) && /\p{L}/u.test(word);

const QUOTES: Record<string, string> = { '"': '"', "'": "'", '“': '”', '„': '“', '«': '»', '‘': '’', '`': '`' };

export function createSecretDetector(vocabulary: Record<Language, SecretWords>): SecretDetector {
  const all = (pick: (w: SecretWords) => string[]) => LANGUAGES.flatMap((l) => pick(vocabulary[l]));
  const passwordNames = namesPattern(all((w) => w.password));
  const codeNames = namesPattern(all((w) => w.code));
  const connectors = new Set(all((w) => w.connectors).map(normal));
  const notSecrets = new Set([...all((w) => w.notSecrets), ...LANGUAGES.flatMap((l) => stopwordLists[l] ?? [])].map(normal));

  /**
   * The word (or quoted text) starting at `from`, unless it is already a mask or, after a word
   * connector ("is"), a description ("wrong"). After ":" or "=" whatever follows is the secret.
   */
  function secretAt(text: string, from: number, afterWord: boolean): Span | undefined {
    const start = from + (/^\s*/.exec(text.slice(from, from + MAX_WORD))?.[0].length ?? 0);
    const close = QUOTES[text[start] ?? ''];
    const quoted = close ? text.slice(start + 1, start + MAX_WORD).indexOf(close) : -1;
    const end = quoted >= 0 ? start + quoted + 2 : start + (/^\S*/.exec(text.slice(start, start + MAX_WORD))?.[0].length ?? 0);
    const word = text.slice(start, end);
    const bare = normal(word.replace(/^[\p{P}\p{S}]+|[\p{P}\p{S}]+$/gu, ''));
    if (!bare || word.startsWith(MASK_PREFIX) || (afterWord && notSecrets.has(bare))) return undefined;
    return { start, end };
  }

  /** "password: x", "pwd=x", "my password is x", "password for the mailbox is x", "password Xy12". */
  function passwordAfter(text: string, nameEnd: number): Span | undefined {
    const punctuation = /^\s*[:=]+/.exec(text.slice(nameEnd, nameEnd + 50));
    if (punctuation) return secretAt(text, nameEnd + punctuation[0].length, false);
    const words = new RegExp(`\\s{0,${MAX_WORD}}(\\S{1,${MAX_WORD}})`, 'y');
    words.lastIndex = nameEnd;
    for (let i = 0; i <= MAX_FILLERS; i++) {
      const match = words.exec(text);
      if (!match) return undefined;
      const word = match[1]!;
      if (/[:=]$/.test(word)) return secretAt(text, words.lastIndex, false);
      if (connectors.has(normal(word))) {
        const colon = /^\s*[:=]/.exec(text.slice(words.lastIndex, words.lastIndex + 20));
        return secretAt(text, words.lastIndex + (colon?.[0].length ?? 0), !colon);
      }
      if (i === 0 && looksGenerated(word)) return { start: words.lastIndex - word.length, end: words.lastIndex };
    }
    return undefined;
  }

  /**
   * The codes after a code's name: the first code-shaped word within a few words of it, in the
   * same sentence, and every code-shaped word that follows it in a list ("backup codes: 1234
   * 5678, 2345 6789" or one per line).
   */
  function codesAfter(text: string, nameEnd: number): Span[] {
    const tokens = new RegExp(CODE_TOKEN);
    tokens.lastIndex = nameEnd;
    const spans: Span[] = [];
    let words = 0;
    let last = nameEnd;
    for (let match = tokens.exec(text); match; match = tokens.exec(text)) {
      const gap = text.slice(last, match.index);
      const code = isCode(match[0]);
      if (spans.length === 0 && (/[.!?]/.test(gap) || ++words > MAX_WORDS_BEFORE_CODE || match.index - nameEnd > CODE_WINDOW)) break;
      if (spans.length > 0 && (!code || !/^[\s,;:|/]*$/.test(gap) || spans.length >= MAX_CODES)) break;
      if (code) spans.push({ start: match.index, end: match.index + match[0].length });
      last = match.index + match[0].length;
    }
    return spans;
  }

  function afterNames(text: string, names: RegExp, kind: SecretKind, after: (text: string, end: number) => Span[]): Finding[] {
    return [...text.matchAll(names)].flatMap((name) => after(text, name.index + name[0].length).map((span) => ({ kind, ...span })));
  }

  return (text) => {
    const findings: Finding[] = [
      ...findIbans(text).map((s) => ({ kind: 'iban' as const, ...s })),
      ...findCardNumbers(text).map((s) => ({ kind: 'card' as const, ...s })),
      ...afterNames(text, passwordNames, 'password', (t, end) => [passwordAfter(t, end) ?? []].flat()),
      ...afterNames(text, codeNames, 'code', codesAfter),
    ];
    // Overlapping findings: the earlier one wins; at the same start, the kind found first above.
    const order: SecretKind[] = ['iban', 'card', 'password', 'code'];
    findings.sort((a, b) => a.start - b.start || order.indexOf(a.kind) - order.indexOf(b.kind));
    const kept: Finding[] = [];
    for (const finding of findings) {
      if (finding.start >= (kept.at(-1)?.end ?? 0)) kept.push(finding);
    }
    return kept;
  };
}
