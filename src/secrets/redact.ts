import type { SecretDetector, SecretKind } from './detect.js';

/** What replaces a secret: says what was there, keeps nothing of it. */
export const MASKS: Record<SecretKind, string> = {
  password: '[redacted password]',
  code: '[redacted code]',
  card: '[redacted card number]',
  iban: '[redacted IBAN]',
};

export interface Redacted<T> {
  value: T;
  /** The kinds of secret that were hidden; empty when there were none. */
  kinds: Set<SecretKind>;
}

export function redactText(text: string, detect: SecretDetector): Redacted<string> {
  const kinds = new Set<SecretKind>();
  let result = '';
  let at = 0;
  for (const finding of detect(text)) {
    result += text.slice(at, finding.start) + MASKS[finding.kind];
    at = finding.end;
    kinds.add(finding.kind);
  }
  return { value: kinds.size > 0 ? result + text.slice(at) : text, kinds };
}

/** Deeper than any card or button sends; junk below this is dropped rather than walked. */
const MAX_DEPTH = 8;

/** Every string inside a JSON-like value (a card's submitted form, say), redacted; a new value. */
export function redactValue(value: unknown, detect: SecretDetector, kinds = new Set<SecretKind>(), depth = 0): Redacted<unknown> {
  const walk = (v: unknown): unknown => redactValue(v, detect, kinds, depth + 1).value;
  if (typeof value === 'string') {
    const redacted = redactText(value, detect);
    redacted.kinds.forEach((k) => kinds.add(k));
    return { value: redacted.value, kinds };
  }
  if (value === null || typeof value !== 'object') return { value, kinds };
  if (depth >= MAX_DEPTH) return { value: undefined, kinds };
  if (Array.isArray(value)) return { value: value.map(walk), kinds };
  return { value: Object.fromEntries(Object.entries(value).map(([k, v]) => [k, walk(v)])), kinds };
}
