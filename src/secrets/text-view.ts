import type { Span } from './numbers.js';

/**
 * A text as the finders read it: with the masks already in it marked, so that running the
 * detector twice changes nothing and the words inside a mask ("[redacted password]") announce
 * nothing.
 */
export interface TextView {
  text: string;
  /** A mask starts here. */
  maskAt(position: number): boolean;
  /** This position is inside (or at the start of) a mask. */
  insideMask(position: number): boolean;
}

export function viewOf(text: string, masks: RegExp | undefined): TextView {
  const spans: Span[] = masks ? [...text.matchAll(masks)].map((m) => ({ start: m.index, end: m.index + m[0].length })) : [];
  const starts = new Set(spans.map((s) => s.start));
  return {
    text,
    maskAt: (position) => starts.has(position),
    // Spans are in order and few: a binary search keeps thousands of lookups cheap.
    insideMask(position) {
      let low = 0;
      let high = spans.length - 1;
      while (low <= high) {
        const middle = (low + high) >> 1;
        const span = spans[middle]!;
        if (position < span.start) high = middle - 1;
        else if (position >= span.end) low = middle + 1;
        else return true;
      }
      return false;
    },
  };
}

/** One regex finding any of the masks; none when there are no masks. */
export function masksPattern(masks: readonly string[]): RegExp | undefined {
  const escaped = [...new Set(masks)].filter(Boolean).map((m) => m.replace(/[.*+?^${}()|[\]\\]/g, '\\$&'));
  return escaped.length > 0 ? new RegExp(escaped.join('|'), 'g') : undefined;
}
