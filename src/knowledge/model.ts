import type { Language } from '../content/languages.js';

export interface AnswerSection {
  heading?: string;
  text?: string;
  steps?: string[];
}

export interface Answer {
  summary: string;
  sections?: AnswerSection[];
  warnings?: string[];
}

export interface EntryText {
  title: string;
  questions: string[];
  keywords: string[];
  answer: Answer;
}

export interface Entry {
  id: string;
  /** The guided tree this entry can start, if any. */
  tree?: string;
  related: string[];
  /** How often it is asked, relative to other entries; orders the topic menu (see schema). */
  popularity?: number;
  text: Record<Language, EntryText>;
}

export interface KnowledgeBase {
  entries: ReadonlyMap<string, Entry>;
  /** Messages that no entry answers, per language. */
  outOfScope: Record<Language, string[]>;
  ids(): string[];
  get(id: string): Entry | undefined;
}

export function createKnowledgeBase(entries: Entry[], outOfScope: Record<Language, string[]>): KnowledgeBase {
  const byId = new Map(entries.map((e) => [e.id, e]));
  return {
    entries: byId,
    outOfScope,
    ids: () => [...byId.keys()],
    get: (id) => byId.get(id),
  };
}
