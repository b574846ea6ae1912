import { LANGUAGES, type Language } from '../content/languages.js';

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
  /** The languages the entry is written in (at least one), in the order of LANGUAGES. */
  languages: Language[];
  /**
   * The entry's text per language. A language it is not written in holds the text of the
   * first one it is (Italian, the help centre's source language, first), so every part of the
   * bot can show something; `languages` says which are the entry's own.
   */
  text: Record<Language, EntryText>;
}

/** An entry's text in the customer's language when it has it, otherwise in its first language. */
export function textIn(entry: Entry, language: Language): { language: Language; text: EntryText } {
  const shown = entry.languages.includes(language) ? language : entry.languages[0]!;
  return { language: shown, text: entry.text[shown] };
}

/** An entry from the languages it is written in (at least one). */
export function entryOf(base: Omit<Entry, 'languages' | 'text'>, own: Partial<Record<Language, EntryText>>): Entry {
  const languages = LANGUAGES.filter((l) => own[l] !== undefined);
  if (languages.length === 0) throw new Error(`entry ${base.id}: written in no language`);
  const first = own[languages[0]!]!;
  const text = Object.fromEntries(LANGUAGES.map((l) => [l, own[l] ?? first])) as Record<Language, EntryText>;
  return { ...base, languages, text };
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
