import type { Entry, KnowledgeBase } from '../knowledge/model.js';

/** Topics per page of the menu: what fits a phone's screen above the keyboard with the greeting. */
export const MENU_PAGE_SIZE = 4;

/** The entries, most asked first (their `popularity`), in file order where it ties or is missing. */
export function topicsByPopularity(kb: KnowledgeBase): Entry[] {
  return [...kb.entries.values()]
    .map((entry, order) => ({ entry, order }))
    .sort((a, b) => (b.entry.popularity ?? 0) - (a.entry.popularity ?? 0) || a.order - b.order)
    .map((x) => x.entry);
}

export interface MenuPage {
  entries: Entry[];
  /** Where "More topics" carries on, when topics remain after this page. */
  more?: number;
}

/**
 * One page of the topic menu, from position `from` of the most-asked order. The last page
 * takes one topic more rather than offer "More topics" for a single one.
 */
export function topicMenuPage(kb: KnowledgeBase, from = 0, size = MENU_PAGE_SIZE): MenuPage {
  const all = topicsByPopularity(kb);
  const start = from < all.length ? from : 0;
  if (all.length - start <= size + 1) return { entries: all.slice(start) };
  return { entries: all.slice(start, start + size), more: start + size };
}
