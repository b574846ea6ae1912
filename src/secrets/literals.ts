import type { SecretKind } from './finding.js';
import type { Masks } from './redact.js';
import { viewOf } from './text-view.js';

export interface Literal {
  text: string;
  kind: SecretKind;
}

/** Shorter texts would be found inside harmless words and numbers. */
const MIN_LITERAL = 4;
/** A multi-line secret (a private key) is also looked for line by line, in copies that wrap it differently. */
const MIN_PART = 12;
/** More than this and the message is a dump, not a paste: the finders have done the work. */
const MAX_LITERALS = 200;

const htmlEscaped = (text: string) =>
  text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;').replace(/'/g, '&#39;');

/**
 * What to look for elsewhere, for each secret found: its text, without its quotes, as HTML
 * would escape it, and the lines of a long one. Longest first, so a secret is replaced whole
 * before any part of it.
 */
export function secretLiterals(sources: string[], kinds: SecretKind[]): Literal[] {
  const seen = new Map<string, SecretKind>();
  sources.forEach((source, i) => {
    const core = source.replace(/^["'“„«‘`]|["'”“»’`]$/g, '');
    const forms = [source, core, ...core.split(/\s+/).filter((part) => part.length >= MIN_PART)];
    for (const form of forms.flatMap((f) => [f, htmlEscaped(f)])) if (form.length >= MIN_LITERAL && !seen.has(form)) seen.set(form, kinds[i]!);
  });
  return [...seen]
    .map(([text, kind]) => ({ text, kind }))
    .sort((a, b) => b.text.length - a.text.length)
    .slice(0, MAX_LITERALS);
}

const wordChar = (char: string | undefined) => char !== undefined && /[\p{L}\p{N}]/u.test(char);

/** `text` with each whole-word occurrence of a literal replaced by its mask; masks already there are kept. */
export function scrubLiterals(text: string, literals: Literal[], masks: Masks, maskPattern: RegExp | undefined): string {
  let result = text;
  for (const literal of literals) {
    if (!result.includes(literal.text)) continue;
    const view = viewOf(result, maskPattern);
    let out = '';
    let at = 0;
    for (let i = result.indexOf(literal.text); i >= 0; i = result.indexOf(literal.text, i + literal.text.length)) {
      const end = i + literal.text.length;
      if (view.insideMask(i) || (wordChar(result[i - 1]) && wordChar(literal.text[0])) || (wordChar(result[end]) && wordChar(literal.text.at(-1)))) continue;
      out += result.slice(at, i) + masks[literal.kind];
      at = end;
    }
    result = out + result.slice(at);
  }
  return result;
}
