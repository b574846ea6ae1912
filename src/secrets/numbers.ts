import { getCountrySpecifications, isValidIBAN } from 'ibantools';

/** Where a secret sits in a text: [start, end) in UTF-16 units. */
export interface Span {
  start: number;
  end: number;
}

// 13 to 19 digits, single spaces or dashes allowed between them, not inside a longer number
// nor glued to letters (a creditor reference "RF18 5390 …" is not a card).
const CARD = /(?<![\p{L}\p{N}])\d(?:[ -]?\d){12,18}(?!\p{N})/gu;

/** Luhn's check digit, which every payment card number passes. */
export function passesLuhn(digits: string): boolean {
  let sum = 0;
  for (let i = 0; i < digits.length; i++) {
    let d = digits.charCodeAt(digits.length - 1 - i) - 48;
    if (i % 2 === 1) {
      d *= 2;
      if (d > 9) d -= 9;
    }
    sum += d;
  }
  return sum % 10 === 0;
}

/** Payment card numbers: 13-19 digits that pass Luhn's check. */
export function findCardNumbers(text: string): Span[] {
  const spans: Span[] = [];
  for (const match of text.matchAll(CARD)) {
    if (passesLuhn(match[0].replace(/[ -]/g, ''))) spans.push({ start: match.index, end: match.index + match[0].length });
  }
  return spans;
}

// A country code, two check digits, then letters and digits, possibly in groups. The match is
// greedy (it may run into the next word); the country's IBAN length decides where it ends.
const IBAN_CANDIDATE = /(?<![\p{L}\p{N}])[A-Za-z]{2}\d{2}(?:[ -]?[A-Za-z0-9]){8,32}/gu;
const ibanLengths = new Map(
  Object.entries(getCountrySpecifications()).flatMap(([country, spec]) => (spec.chars ? [[country, spec.chars] as const] : [])),
);

/** IBANs with a valid checksum, typed compact or in groups, in any case. */
export function findIbans(text: string): Span[] {
  const spans: Span[] = [];
  const candidates = new RegExp(IBAN_CANDIDATE);
  for (let match = candidates.exec(text); match; match = candidates.exec(text)) {
    const end = ibanEnd(match[0]);
    if (end === undefined) {
      // Not an IBAN from here: one may still start at a later word inside this candidate.
      candidates.lastIndex = match.index + 1;
      continue;
    }
    spans.push({ start: match.index, end: match.index + end });
    candidates.lastIndex = match.index + end;
  }
  return spans;
}

/** Where the IBAN at the start of a candidate ends, if it is one: its country fixes its length. */
function ibanEnd(candidate: string): number | undefined {
  const length = ibanLengths.get(candidate.slice(0, 2).toUpperCase());
  if (!length) return undefined;
  let compact = '';
  let end = 0;
  while (end < candidate.length && compact.length < length) {
    const char = candidate[end++]!;
    if (char !== ' ' && char !== '-') compact += char.toUpperCase();
  }
  return compact.length === length && isValidIBAN(compact) ? end : undefined;
}
