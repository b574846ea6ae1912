import type { SecretDetector } from './detect.js';
import type { Finding, SecretKind } from './finding.js';

/** What replaces a secret of each kind, in one language: says what was there, keeps nothing of it. */
export type Masks = Record<SecretKind, string>;

export interface Redacted<T> {
  value: T;
  /** The kinds of secret that were hidden; empty when there were none. */
  kinds: Set<SecretKind>;
}

/** Puts masks in place of the findings (in order, not overlapping). */
export function applyMasks(text: string, findings: Finding[], masks: Masks): string {
  if (findings.length === 0) return text;
  let result = '';
  let at = 0;
  for (const finding of findings) {
    result += text.slice(at, finding.start) + masks[finding.kind];
    at = finding.end;
  }
  return result + text.slice(at);
}

export function redactText(text: string, detect: SecretDetector, masks: Masks): Redacted<string> {
  const findings = detect(text);
  return { value: applyMasks(text, findings, masks), kinds: new Set(findings.map((f) => f.kind)) };
}

/** Deeper than any card, button or channel sends; junk below this is dropped rather than walked. */
const MAX_DEPTH = 8;

/** A copy of a JSON-like value with every string in it (not the keys) passed through `change`. */
export function mapStrings(value: unknown, change: (text: string) => string, depth = 0, keep?: (key: string) => boolean): unknown {
  if (typeof value === 'string') return change(value);
  if (value === null || typeof value !== 'object') return value;
  if (depth >= MAX_DEPTH) return undefined;
  if (Array.isArray(value)) return value.map((v) => mapStrings(v, change, depth + 1, keep));
  return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, keep?.(k) ? v : mapStrings(v, change, depth + 1, keep)]));
}

/** Every string inside a JSON-like value (a card's submitted form, say), redacted; a new value. */
export function redactValue(value: unknown, detect: SecretDetector, masks: Masks, kinds = new Set<SecretKind>()): Redacted<unknown> {
  const redacted = mapStrings(value, (text) => {
    const one = redactText(text, detect, masks);
    one.kinds.forEach((k) => kinds.add(k));
    return one.value;
  });
  return { value: redacted, kinds };
}
