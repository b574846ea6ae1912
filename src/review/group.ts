import type { Language } from '../content/languages.js';
import type { KnowledgeBase } from '../knowledge/model.js';
import { normalise } from '../understanding/normalise.js';
import type { Understander } from '../understanding/understander.js';
import type { Miss, MissReason } from './misses.js';

export interface ReviewedQuestion {
  text: string;
  language: Language;
  reasons: MissReason[];
  /** How often it was asked. */
  count: number;
  /** The understander's best score for its entry (0 for questions that fit none). */
  score: number;
}

export interface ReviewGroups {
  /** Entry id → the questions to add to it. */
  entries: Map<string, ReviewedQuestion[]>;
  /** Questions that fit no entry, in clusters of questions that share words. */
  clusters: ReviewedQuestion[][];
  /** 👎 questions the entry they got was clearly the best for: its answer needs a look, not the examples. */
  answersToImprove: Array<ReviewedQuestion & { entry: string }>;
}

export interface GroupOptions {
  /** The lowest candidate score that makes an entry the home of a question. */
  minScore: number;
}

/** Words worth comparing: longer than three letters, accents and case folded. */
const words = (text: string) => new Set(normalise(text).split(' ').filter((w) => w.length > 3));

// A 👎 question moves to another entry only when the understander was torn between the two.
const TORN = 0.1;

/**
 * Groups missed questions by the entry the understander ranks first for them now, when its
 * score reaches `minScore`. A 👎 question goes to another entry only if that one scored
 * about as well as the entry that did not help; else it is listed as an answer to improve.
 * Questions an entry already lists are left out; the rest are clustered by shared words.
 */
export function groupMisses(misses: readonly Miss[], kb: KnowledgeBase, understander: Understander, options: GroupOptions): ReviewGroups {
  const known = new Set<string>();
  for (const entry of kb.entries.values()) {
    for (const [language, text] of Object.entries(entry.text)) for (const q of text.questions) known.add(`${language}:${q.toLowerCase().trim()}`);
  }
  const unique = new Map<string, { miss: Miss; reasons: Set<MissReason>; count: number; notEntries: Set<string> }>();
  for (const miss of misses) {
    const key = `${miss.language}:${miss.text.toLowerCase().trim()}`;
    if (known.has(key)) continue;
    const seen = unique.get(key) ?? { miss, reasons: new Set(), count: 0, notEntries: new Set() };
    seen.reasons.add(miss.reason);
    seen.count++;
    if (miss.notEntry) seen.notEntries.add(miss.notEntry);
    unique.set(key, seen);
  }

  const entries = new Map<string, ReviewedQuestion[]>();
  const homeless: ReviewedQuestion[] = [];
  const answersToImprove: ReviewGroups['answersToImprove'] = [];
  for (const { miss, reasons, count, notEntries } of unique.values()) {
    const understanding = understander.understand(miss.text, { hint: miss.language, previous: miss.language, fallback: miss.language });
    const best = understanding.candidates.find((c) => !notEntries.has(c.intent) && kb.get(c.intent));
    const question = { text: miss.text.trim(), language: miss.language, reasons: [...reasons], count, score: best?.score ?? 0 };
    const thumbed = understanding.candidates.find((c) => notEntries.has(c.intent));
    const onlyThumbedDown = reasons.size === 1 && reasons.has('thumbed-down');
    if (onlyThumbedDown && thumbed && (!best || best.score < Math.max(options.minScore, thumbed.score - TORN))) {
      answersToImprove.push({ ...question, entry: thumbed.intent });
    } else if (best && best.score >= options.minScore) entries.set(best.intent, [...(entries.get(best.intent) ?? []), question]);
    else homeless.push({ ...question, score: 0 });
  }
  return { entries, clusters: cluster(homeless), answersToImprove };
}

/** Single-link clusters: two questions sharing at least one word of four letters or more belong together. */
function cluster(questions: ReviewedQuestion[]): ReviewedQuestion[][] {
  const bags = questions.map((q) => words(q.text));
  const parent = questions.map((_, i) => i);
  const root = (i: number): number => (parent[i] === i ? i : (parent[i] = root(parent[i]!)));
  for (let i = 0; i < questions.length; i++) {
    for (let j = i + 1; j < questions.length; j++) {
      if ([...bags[i]!].some((w) => bags[j]!.has(w))) parent[root(j)] = root(i);
    }
  }
  const groups = new Map<number, ReviewedQuestion[]>();
  questions.forEach((q, i) => groups.set(root(i), [...(groups.get(root(i)) ?? []), q]));
  return [...groups.values()];
}
