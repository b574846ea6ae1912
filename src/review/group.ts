import type { Language } from '../content/languages.js';
import type { KnowledgeBase } from '../knowledge/model.js';
import { normalise } from '../understanding/normalise.js';
import type { Understander } from '../understanding/understander.js';
import { textBesideSecrets } from '../bot/beside-secrets.js';
import type { Miss, MissReason } from './misses.js';
import { placeQuestion, type PlacementRule } from './place.js';

export interface ReviewedQuestion {
  text: string;
  language: Language;
  reasons: MissReason[];
  /** How often it was asked. */
  count: number;
  /** The entry's share of the classifier's belief among the entries (0 for questions that fit none). */
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
  rule: PlacementRule;
  /** Every secret mask of every language: the words around a mask are not the question. */
  masks: readonly string[];
}

/** Words worth comparing: longer than three letters, accents and case folded. */
const words = (text: string) => new Set(normalise(text).split(' ').filter((w) => w.length > 3));

/**
 * Groups missed questions by the entry they clearly belong to (src/review/place.ts). A 👎
 * question the classifier still puts with the entry that did not help is listed as an answer
 * to improve. Questions an entry already lists are left out; the rest are clustered by shared
 * words, for draft entries. A question is kept without the secret typed in it and the words
 * that announced the secret ("my password is …"), as the bot itself classified it.
 */
export function groupMisses(misses: readonly Miss[], kb: KnowledgeBase, understander: Understander, options: GroupOptions): ReviewGroups {
  const known = new Set<string>();
  for (const entry of kb.entries.values()) {
    for (const [language, text] of Object.entries(entry.text)) for (const q of text.questions) known.add(`${language}:${q.toLowerCase().trim()}`);
  }
  const unique = new Map<string, { text: string; language: Language; reasons: Set<MissReason>; count: number; notEntries: Set<string> }>();
  for (const miss of misses) {
    const text = textBesideSecrets(miss.text, options.masks).trim();
    const key = `${miss.language}:${text.toLowerCase()}`;
    if (!/\p{L}/u.test(text) || known.has(key)) continue;
    const seen = unique.get(key) ?? { text, language: miss.language, reasons: new Set(), count: 0, notEntries: new Set() };
    seen.reasons.add(miss.reason);
    seen.count++;
    if (miss.notEntry) seen.notEntries.add(miss.notEntry);
    unique.set(key, seen);
  }

  const entries = new Map<string, ReviewedQuestion[]>();
  const homeless: ReviewedQuestion[] = [];
  const answersToImprove: ReviewGroups['answersToImprove'] = [];
  for (const { text, language, reasons, count, notEntries } of unique.values()) {
    const placement = placeQuestion({ text, language, notEntries }, understander, options.rule);
    const question = { text, language, reasons: [...reasons], count, score: placement.kind === 'entry' ? placement.share : 0 };
    const onlyThumbedDown = reasons.size === 1 && reasons.has('thumbed-down');
    if (placement.kind === 'entry') entries.set(placement.entry, [...(entries.get(placement.entry) ?? []), question]);
    else if (placement.kind === 'improve-answer' && onlyThumbedDown) answersToImprove.push({ ...question, entry: placement.entry });
    else homeless.push(question);
  }
  return { entries, clusters: cluster(homeless), answersToImprove };
}

/** Moves questions out of their entries into the draft clusters (those the patched base still does not answer). */
export function unplace(groups: ReviewGroups, questions: ReadonlyArray<{ entry: string; question: ReviewedQuestion }>): ReviewGroups {
  const leaving = new Set(questions.map((q) => q.question));
  const entries = new Map<string, ReviewedQuestion[]>();
  for (const [entry, list] of groups.entries) {
    const staying = list.filter((q) => !leaving.has(q));
    if (staying.length > 0) entries.set(entry, staying);
  }
  const homeless = [...groups.clusters.flat(), ...questions.map((q) => ({ ...q.question, score: 0 }))];
  return { entries, clusters: cluster(homeless), answersToImprove: groups.answersToImprove };
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
