import type { Language } from '../content/languages.js';

/**
 * How each language says the opposite of an action: a negating prefix on the same root
 * ("attivare" / "disattivare", "enable" / "disable", "activer" / "désactiver", "aktivieren" /
 * "deaktivieren") or an opposite particle ("turn on" / "turn off", "ein" / "aus"). A message
 * that asks for the opposite of what an entry's title does ("how do I turn ON 2FA?" against
 * "Turn off two-factor authentication") is a neighbouring topic, not that entry, however many
 * other words the two share. General grammar, like function-words.ts: no entry is named.
 */
interface Polarity {
  /** Prefixes of the plain or positive form ('' is the bare root). */
  positive: readonly string[];
  /** Prefixes that turn the root into its opposite. */
  negative: readonly string[];
  /**
   * Particles that are each other's opposite after the same verb ("turn on" / "turn off"). Only
   * as a pair with the verb: alone, "on" is a preposition ("kAuth was on my phone"). German
   * "ein" is also the article, so German relies on its prefixes (ein-/aus-schalten).
   */
  particles: ReadonlyArray<readonly [string, string]>;
  /**
   * Particles that a verb leaves at the end of the sentence ("schalte … ab" is "abschalten"):
   * with one of them in the message, its bare verb stem says nothing about which way.
   */
  separable: readonly string[];
}

const polarity: Record<Language, Polarity> = {
  it: { positive: ['', 'ri'], negative: ['dis', 'de'], particles: [], separable: [] },
  en: { positive: ['', 'en', 're'], negative: ['dis', 'de', 'un'], particles: [['on', 'off']], separable: [] },
  fr: { positive: ['', 're'], negative: ['des', 'de', 'dis'], particles: [], separable: [] },
  de: { positive: ['', 'ein', 'an', 're'], negative: ['de', 'ent', 'aus', 'ab'], particles: [], separable: ['ab', 'an', 'aus', 'ein', 'auf', 'zu'] },
};

// A shorter shared root is chance ("de" + "al" is not the opposite of "al").
const MIN_ROOT = 3;

function roots(stem: string, prefixes: readonly string[]): string[] {
  return prefixes.filter((p) => stem.startsWith(p) && stem.length - p.length >= MIN_ROOT).map((p) => stem.slice(p.length));
}

/** Whether stems `a` and `b` are each other's opposite by a prefix, either way round. */
export function opposite(language: Language, a: string, b: string): boolean {
  if (a === b) return false;
  const { positive, negative } = polarity[language];
  const meets = (p: string, n: string) => {
    const negatives = new Set(roots(n, negative));
    return roots(p, positive).some((r) => negatives.has(r));
  };
  return meets(a, b) || meets(b, a);
}

/** "turn on" against "turn off": the same verb stem followed by opposite particles. */
function oppositeParticles(language: Language, message: readonly string[], title: readonly string[]): boolean {
  for (const [x, y] of polarity[language].particles) {
    for (let i = 1; i < message.length; i++) {
      const particle = message[i] === x ? y : message[i] === y ? x : undefined;
      if (!particle) continue;
      for (let j = 1; j < title.length; j++) if (title[j] === particle && title[j - 1] === message[i - 1] && !title.includes(message[i]!)) return true;
    }
  }
  return false;
}

/**
 * Whether a message contradicts a title (both as stems, in order): one of its stems is the
 * opposite of one of the title's and the title does not name that stem too ("Turn Renewal
 * Warranty on or off" asks either way, so neither contradicts it), or it pairs the title's verb
 * with the opposite particle.
 */
export function contradicts(language: Language, message: readonly string[], title: readonly string[]): boolean {
  if (oppositeParticles(language, message, title)) return true;
  const { positive, negative, separable } = polarity[language];
  const bareIsAmbiguous = message.some((m) => separable.includes(m));
  // "ein- oder ausschalten": a title that writes a prefix apart names both ways.
  const prefixApart = (m: string) => [...positive, ...negative].some((p) => p !== '' && m.startsWith(p) && title.includes(p));
  for (const m of message) {
    if (title.includes(m) || prefixApart(m)) continue;
    if (bareIsAmbiguous && !negative.some((p) => m.startsWith(p)) && !positive.some((p) => p !== '' && m.startsWith(p))) continue;
    for (const t of title) if (!message.includes(t) && opposite(language, m, t)) return true;
  }
  return false;
}
