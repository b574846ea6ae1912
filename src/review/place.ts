import type { Language } from '../content/languages.js';
import { functionWords } from '../understanding/function-words.js';
import { NONE } from '../understanding/intent-model.js';
import { normalise } from '../understanding/normalise.js';
import type { Understander } from '../understanding/understander.js';

/**
 * When a missed question is clearly about one entry. The understander's probabilities include
 * `none`, which takes most of the mass for the very questions the review reads (they were
 * declined), so a fixed threshold on the raw score means little. What is compared instead is
 * how the classifier divides its belief among the entries, and whether the question holds a
 * word that is mostly that entry's: the same three tests hold for a base of 5 or 2,000 entries.
 */
export interface PlacementRule {
  /** Least share of the entries' probability the best entry must hold (0-1). */
  minShare: number;
  /** How many times more probable than the runner-up the best entry must be. */
  minLead: number;
  /**
   * Least share of the use of the question's most telling word that is the entry's (0-1).
   * Same idea as the understander's own "telling word" test for answering outright.
   */
  minTelling: number;
  /**
   * Least share of the question's own words (grammatical words aside) that the knowledge base
   * uses (0-1). In a small base a single shared question word ("quelle") can make any
   * question look like one entry's: most of what was asked must be the base's vocabulary.
   */
  minKnown: number;
}

export const defaultPlacementRule: PlacementRule = { minShare: 0.5, minLead: 2, minTelling: 0.5, minKnown: 0.5 };

export type Placement =
  | { kind: 'entry'; entry: string; share: number }
  /** A 👎 question the classifier still puts with the entry that did not help: the answer needs work. */
  | { kind: 'improve-answer'; entry: string }
  | { kind: 'none' };

export interface PlaceInput {
  /** What to classify: the question with any secret and the words around it left out. */
  text: string;
  language: Language;
  /** Entries that are not its home (their answer got a 👎 for it). */
  notEntries: ReadonlySet<string>;
}

const grammaticalSets = new Map<Language, Set<string>>();
function grammaticalWords(language: Language): Set<string> {
  let words = grammaticalSets.get(language);
  if (!words) grammaticalSets.set(language, (words = new Set(functionWords[language].flatMap((w) => normalise(w).split(' ')))));
  return words;
}

/** How the review reads a question: as the first message of a conversation on a channel of its language. */
export const asFirstMessage = (language: Language) => ({ hint: language, fallback: language });

/** Where one missed question belongs, by the understander trained on the knowledge base as it is now. */
export function placeQuestion(input: PlaceInput, understander: Understander, rule: PlacementRule): Placement {
  const { language } = understander.understand(input.text, asFirstMessage(input.language));
  const evidence = understander.models[language].evidence(input.text);
  const ranked = [...evidence.probabilities].filter(([id]) => id !== NONE).sort((a, b) => b[1] - a[1]);
  const total = ranked.reduce((sum, [, p]) => sum + p, 0);
  const thumbed = ranked.find(([id]) => input.notEntries.has(id));
  // The best home among the entries that may have it, measured against every entry (the one
  // that got the 👎 included): moving a question needs the classifier to clearly prefer the new home.
  const index = ranked.findIndex(([id]) => !input.notEntries.has(id));
  const best = ranked[index];
  const runnerUp = ranked.filter((_, i) => i !== index)[0];
  const grammatical = grammaticalWords(language);
  const own = new Set(evidence.words.filter((w) => !grammatical.has(w) && /\p{L}/u.test(w)));
  const known = own.size > 0 ? new Set(evidence.evidence).size / own.size : 0;
  const fits =
    known >= rule.minKnown &&
    best !== undefined &&
    total > 0 &&
    best[1] / total >= rule.minShare &&
    best[1] >= rule.minLead * (runnerUp?.[1] ?? 0) &&
    (evidence.distinctive.get(best[0]) ?? 0) >= rule.minTelling;
  if (fits) return { kind: 'entry', entry: best[0], share: best[1] / total };
  if (thumbed) return { kind: 'improve-answer', entry: thumbed[0] };
  return { kind: 'none' };
}
