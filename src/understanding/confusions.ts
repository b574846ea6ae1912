import type { HeldOut } from './calibrate.js';

/** Two entries that the classifier mixes up in cross-validation, with examples. */
export interface ConfusedPair {
  a: string;
  b: string;
  /** Cross-validated messages of a or b whose best entry was the other one. */
  confused: number;
  /** Cross-validated messages of a and b in all. */
  of: number;
  examples: string[];
}

/**
 * A pair fails `npm run kb:check` when more than this share of its two entries' own
 * cross-validated questions go to the other: the classifier cannot tell them apart, and
 * customers asking either would often get the wrong article.
 */
export const CONFUSION_FAILS_ABOVE = 1 / 3;

/** Pairs of entries confused in the cross-validation the understander ran at start, worst first. */
export function confusedPairs(heldOut: readonly HeldOut[]): ConfusedPair[] {
  const totals = new Map<string, number>();
  const pairs = new Map<string, ConfusedPair>();
  for (const h of heldOut) {
    if (h.expected === 'none') continue;
    totals.set(h.expected, (totals.get(h.expected) ?? 0) + 1);
    if (h.got === h.expected || h.got === 'none') continue;
    const [a, b] = [h.expected, h.got].sort() as [string, string];
    const key = `${a}\n${b}`;
    const pair = pairs.get(key) ?? { a, b, confused: 0, of: 0, examples: [] };
    pair.confused++;
    if (pair.examples.length < 3) pair.examples.push(`[${h.language}] ${h.text} (${h.expected} → ${h.got})`);
    pairs.set(key, pair);
  }
  for (const pair of pairs.values()) pair.of = (totals.get(pair.a) ?? 0) + (totals.get(pair.b) ?? 0);
  return [...pairs.values()].sort((x, y) => y.confused / y.of - x.confused / x.of);
}
