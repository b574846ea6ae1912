import { createRequire } from 'node:module';
import { LANGUAGES, type Language } from '../content/languages.js';
import { createCodeFinder } from './codes.js';
import type { Finding, SecretKind } from './finding.js';
import { createKeyFinder } from './keys.js';
import { findCardNumbers, findIbans } from './numbers.js';
import { createPasswordFinder } from './passwords.js';
import { masksPattern, viewOf } from './text-view.js';
import { findTokens } from './tokens.js';
import type { SecretWords } from './vocabulary.js';
import { normal } from './words.js';

export type { Finding, SecretKind } from './finding.js';

const require = createRequire(import.meta.url);
const stopwordLists = require('stopwords-iso') as Record<string, string[]>;

/** Finds the secrets in a text; pure, and linear in the text's length (no backtracking blow-ups). */
export type SecretDetector = (text: string) => Finding[];

/**
 * Builds the detector from every language's words at once (customers mix languages) and the
 * masks it puts in place of secrets, in every language: a mask is never taken for a secret, so
 * redacting twice changes nothing.
 */
export function createSecretDetector(vocabulary: Record<Language, SecretWords>, masks: readonly string[] = []): SecretDetector {
  const all = (pick: (w: SecretWords) => string[]) => LANGUAGES.flatMap((l) => pick(vocabulary[l]));
  const findPasswords = createPasswordFinder({
    names: all((w) => w.password),
    connectors: all((w) => w.connectors),
    before: all((w) => w.before),
    references: all((w) => w.references),
    notSecrets: new Set([...all((w) => w.notSecrets), ...LANGUAGES.flatMap((l) => stopwordLists[l] ?? [])].map(normal)),
  });
  const findCodes = createCodeFinder(all((w) => w.code));
  const findKeys = createKeyFinder({ password: all((w) => w.keys.password), key: all((w) => w.keys.key) });
  const maskPattern = masksPattern(masks);

  return (text) => {
    const view = viewOf(text, maskPattern);
    const findings: Finding[] = [
      ...findTokens(view),
      ...findIbans(text).map((s) => ({ kind: 'iban' as const, ...s })),
      ...findCardNumbers(text).map((s) => ({ kind: 'card' as const, ...s })),
      ...findKeys(view),
      ...findPasswords(view).map((s) => ({ kind: 'password' as const, ...s })),
      ...findCodes(view).map((s) => ({ kind: 'code' as const, ...s })),
    ].filter((f) => !view.insideMask(f.start));
    return merge(findings);
  };
}

// At the same start, the kind found by the more specific finder names the mask.
const ORDER: SecretKind[] = ['key', 'iban', 'card', 'password', 'code'];

/** Overlapping findings become one, covering both (nothing of either may show); the earlier names it. */
function merge(findings: Finding[]): Finding[] {
  findings.sort((a, b) => a.start - b.start || ORDER.indexOf(a.kind) - ORDER.indexOf(b.kind));
  const merged: Finding[] = [];
  for (const finding of findings) {
    const last = merged.at(-1);
    if (last && finding.start < last.end) last.end = Math.max(last.end, finding.end);
    else merged.push({ ...finding });
  }
  return merged;
}
