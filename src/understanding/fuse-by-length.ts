import Fuse, { type IFuseOptions } from 'fuse.js';

/**
 * Fuse indexes over small groups of items, so a fuzzy search only compares a query with the
 * items that could be meant: a typo changes a text's length by a letter or two. Each group
 * (an optional key such as the first letter, plus the length) is indexed once, at start.
 */
export function fuseByLength<T>(
  items: readonly T[],
  textOf: (item: T) => string,
  options: IFuseOptions<T> & { slack: number; keyOf?: (text: string) => string },
) {
  const { slack, keyOf = () => '', ...fuseOptions } = options;
  const groups = new Map<string, T[]>();
  for (const item of items) {
    const text = textOf(item);
    for (let d = -slack; d <= slack; d++) {
      const group = `${keyOf(text)}${text.length + d}`;
      groups.set(group, [...(groups.get(group) ?? []), item]);
    }
  }
  const indexes = new Map([...groups].map(([group, list]) => [group, new Fuse(list, fuseOptions)]));
  return {
    /** The closest items to `query`, best first (fuse's scores: 0 exact, 1 nothing alike). */
    search(query: string, limit: number) {
      return indexes.get(`${keyOf(query)}${query.length}`)?.search(query.slice(0, 32), { limit }) ?? [];
    },
  };
}
