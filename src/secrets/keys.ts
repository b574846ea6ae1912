import type { Finding, SecretKind } from './finding.js';
import { bare, wordAt } from './words.js';
import type { TextView } from './text-view.js';

/** Names of credentials as configuration files, code and forms write them, by the mask they get. */
export type KeyNames = Record<Extract<SecretKind, 'password' | 'key'>, string[]>;

// HTTP authentication schemes: the credential is the word after them ("Authorization: Bearer x").
const AUTH_SCHEMES = new Set(['bearer', 'basic', 'token', 'digest']);
// A bare value ends before the next "key=" of a connection string or query ("pwd=x;Database=y").
const VALUE_STOP = /[;&](?=[A-Za-z_][\w .-]{0,30}=)/;
const QUOTE = /["'`]/;
// Every separator below has one of these: a text without any holds no key and value.
const SEPARATOR = /[:=,]/;

/** A name matched inside identifiers in any case: "api key" finds API_KEY, apiKey, api-key, "API Key". */
function identifierSource(name: string): string {
  return [...name.trim()]
    .map((c) => (/[\s_.-]/.test(c) ? '[\\s_.-]?' : /\p{L}/u.test(c) ? `[${c.toLowerCase()}${c.toUpperCase()}]` : c.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')))
    .join('');
}

/**
 * Credentials written as key and value, the way configuration files, code, logs and forms write
 * them: `DB_PASSWORD=x`, `"apiKey": "x"`, `define('DB_PASSWORD', 'x')`, `'password' => 'x'`,
 * `Password=x;` in a connection string, `Authorization: Bearer x`. Only before ":", "=", "=>",
 * (or "," after a quoted name), so that prose using the same words is left alone.
 */
export function createKeyFinder(names: KeyNames): (view: TextView) => Finding[] {
  const kinds = Object.keys(names) as (keyof KeyNames)[];
  const sources = kinds.map((kind) => `(?<${kind}>${[...new Set(names[kind])].sort((a, b) => b.length - a.length).map(identifierSource).join('|')})`);
  // Identifier parts before the name ("DB_", "aws_", camelCase "db") and after it ("_1").
  const pattern = new RegExp(
    `(?<![\\p{L}\\p{N}_.-])(?:[A-Za-z0-9]{1,20}[_.-]|[a-z0-9]{1,20}(?=[A-Z])){0,4}(?:${sources.join('|')})(?:[_.-][A-Za-z0-9]{1,20}){0,2}(?![\\p{L}\\p{N}])(?<close>["'\\]]?)[ \\t]{0,5}(?<separator>=>|:=|[:=]|,)`,
    'gu',
  );

  return (view) => {
    const { text } = view;
    const findings: Finding[] = [];
    // Most messages have no separator at all, and the pattern is tried at every word start.
    if (!SEPARATOR.test(text)) return findings;
    for (const match of text.matchAll(pattern)) {
      const groups = match.groups!;
      if (view.insideMask(match.index)) continue;
      // "," separates a name from its value only as a function's arguments: define('DB_PASSWORD', 'x').
      if (groups.separator === ',' && !(groups.close && QUOTE.test(text[match.index - 1] ?? ''))) continue;
      let span = wordAt(text, match.index + match[0].length, VALUE_STOP);
      if (AUTH_SCHEMES.has(bare(text.slice(span.start, span.end)))) span = { start: span.start, end: wordAt(text, span.end, VALUE_STOP).end };
      // A trailing separator of a list or statement is not part of a bare value.
      const trimmed = QUOTE.test(text[span.start] ?? '') ? span.end : span.start + text.slice(span.start, span.end).replace(/[,;]+$/, '').length;
      if (trimmed <= span.start || view.maskAt(span.start)) continue;
      const kind = kinds.find((k) => groups[k] !== undefined)!;
      findings.push({ kind, start: span.start, end: trimmed });
    }
    return findings;
  };
}
