import Fuse from 'fuse.js';
import { LANGUAGES } from '../content/languages.js';
import type { Entry, KnowledgeBase } from './model.js';

/** Fuse's bitap matcher works on patterns of up to 32 characters. */
const MAX_PATTERN = 32;

interface Document {
  entry: Entry;
  title: string;
  keywords: string[];
  questions: string[];
}

export interface KnowledgeSearch {
  /** Entries matching what an agent typed, best first; an empty query lists every entry. */
  search(query: string, limit?: number): Entry[];
}

/**
 * Search as you type over the knowledge base, for the Teams compose box: titles, keywords and
 * example questions of every language, so an agent finds an entry in whichever language they
 * type. Indexed once at start; the answer is shown in the agent's language by the caller.
 */
export function createKnowledgeSearch(kb: KnowledgeBase): KnowledgeSearch {
  const documents: Document[] = [...kb.entries.values()].flatMap((entry) =>
    LANGUAGES.map((language) => ({
      entry,
      title: entry.text[language].title,
      keywords: entry.text[language].keywords,
      questions: entry.text[language].questions,
    })),
  );
  const fuse = new Fuse(documents, {
    keys: [
      { name: 'title', weight: 3 },
      { name: 'keywords', weight: 2 },
      { name: 'questions', weight: 1 },
    ],
    ignoreLocation: true,
    ignoreDiacritics: true,
    threshold: 0.35,
    minMatchCharLength: 2,
  });
  return {
    search(query, limit = 10) {
      const pattern = query.trim().slice(0, MAX_PATTERN);
      if (!pattern) return [...kb.entries.values()].slice(0, limit);
      const seen = new Set<string>();
      const found: Entry[] = [];
      for (const { item } of fuse.search(pattern)) {
        if (seen.has(item.entry.id)) continue;
        seen.add(item.entry.id);
        found.push(item.entry);
        if (found.length === limit) break;
      }
      return found;
    },
  };
}
