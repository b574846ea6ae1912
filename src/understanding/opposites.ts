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
  /**
   * Pairs of prefixes, the plain or positive form first ('' is the bare root), that make a root
   * into its opposite. Pairs, not two sets: German "aus-" undoes "ein-" ("ausschalten"), but
   * "auswählen" is not the opposite of "wählen".
   */
  prefixes: ReadonlyArray<readonly [string, string]>;
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
  it: { prefixes: [['', 'dis'], ['', 'de']], particles: [], separable: [] },
  en: { prefixes: [['', 'dis'], ['', 'de'], ['', 'un'], ['en', 'dis']], particles: [['on', 'off']], separable: [] },
  fr: { prefixes: [['', 'des'], ['', 'de']], particles: [], separable: [] },
  de: { prefixes: [['', 'de'], ['', 'ent'], ['ein', 'aus'], ['an', 'ab']], particles: [], separable: ['ab', 'an', 'aus', 'ein', 'auf', 'zu'] },
};

// A shorter shared root is chance: "let" is not the opposite of "delete", nor "al" of "deal".
// Two real prefixes on one root ("en-able" / "dis-able") are telling with a shorter one.
const MIN_BARE_ROOT = 4;
const MIN_ROOT = 3;

/**
 * Whether `p` is `plus` + root and `n` is `minus` + the same root, the root long enough. Plain
 * loops and no closures: it runs for every pair of a message's and a title's stems.
 */
function meets(pairs: Polarity['prefixes'], p: string, n: string): boolean {
  for (const [plus, minus] of pairs) {
    const root = p.length - plus.length;
    if (root !== n.length - minus.length) continue;
    if (root < (plus === '' || minus === '' ? MIN_BARE_ROOT : MIN_ROOT)) continue;
    if (p.startsWith(plus) && n.startsWith(minus) && p.endsWith(n.slice(minus.length))) return true;
  }
  return false;
}

/** Whether stems `a` and `b` are each other's opposite by a prefix, either way round. */
export function opposite(language: Language, a: string, b: string): boolean {
  // Opposites end in the same root: most pairs of stems differ in their last letter.
  if (a === b || a.charCodeAt(a.length - 1) !== b.charCodeAt(b.length - 1)) return false;
  const pairs = polarity[language].prefixes;
  return meets(pairs, a, b) || meets(pairs, b, a);
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
  const { separable } = polarity[language];
  const named = namedPrefixes[language];
  const bareIsAmbiguous = message.some((m) => separable.includes(m));
  for (const m of message) {
    if (title.includes(m)) continue;
    let prefixed = false;
    let apart = false;
    for (const p of named) {
      if (!m.startsWith(p)) continue;
      prefixed = true;
      // "ein- oder ausschalten": a title that writes a prefix apart names both ways.
      if (title.includes(p)) apart = true;
    }
    if (apart || (bareIsAmbiguous && !prefixed)) continue;
    for (const t of oppositesOf(language, title).get(m) ?? []) if (!message.includes(t)) return true;
  }
  return false;
}

/**
 * For each stem that is the opposite of one of the title's stems, those title stems: what
 * `opposite` would find pairing each message stem with each title stem, worked out once per
 * title (a model's titles live as long as the model) so a message costs one lookup a stem.
 */
const opposites = new WeakMap<readonly string[], Map<string, string[]>>();
function oppositesOf(language: Language, title: readonly string[]): Map<string, string[]> {
  let known = opposites.get(title);
  if (known) return known;
  known = new Map();
  for (const t of new Set(title)) {
    const candidates = new Set<string>();
    for (const [plus, minus] of polarity[language].prefixes) {
      const min = plus === '' || minus === '' ? MIN_BARE_ROOT : MIN_ROOT;
      if (t.startsWith(plus) && t.length - plus.length >= min) candidates.add(minus + t.slice(plus.length));
      if (t.startsWith(minus) && t.length - minus.length >= min) candidates.add(plus + t.slice(minus.length));
    }
    for (const m of candidates) {
      if (!opposite(language, m, t)) continue;
      const list = known.get(m);
      if (list) list.push(t);
      else known.set(m, [t]);
    }
  }
  opposites.set(title, known);
  return known;
}

/** Each language's negating and positive prefixes, the bare root left out. */
const namedPrefixes = Object.fromEntries(
  Object.entries(polarity).map(([language, { prefixes }]) => [language, prefixes.flat().filter((p) => p !== '')]),
) as Record<Language, string[]>;
