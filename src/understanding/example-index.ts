/**
 * An inverted index of labelled examples (stems), for "how close is this message to the
 * closest example of each label?" — cosine similarity of IDF-weighted stem sets. A message
 * only touches the examples that share one of its stems.
 */
export interface ExampleIndex {
  /** Inverse document frequency of a stem; unseen stems weigh as the rarest. */
  idf(stem: string): number;
  /** Per label, the cosine similarity (0-1) of the closest example. */
  closest(stems: string[]): Map<string, number>;
  /** The same for the given labels only: on a large base, cheaper than visiting every example that shares a common stem. */
  closestAmong(stems: string[], labels: readonly string[]): Map<string, number>;
  /** IDF-weighted share of the stems that some example contains (0-1). */
  coverage(stems: string[]): number;
}

export function createExampleIndex(examples: Array<{ label: string; stems: string[] }>, idfFrom?: (stem: string) => number): ExampleIndex {
  const df = new Map<string, number>();
  for (const { stems } of examples) for (const s of new Set(stems)) df.set(s, (df.get(s) ?? 0) + 1);
  const total = Math.max(1, examples.length);
  const weights = new Map([...df].map(([stem, count]) => [stem, idfFrom ? idfFrom(stem) : Math.log(1 + total / count)]));
  const rarest = idfFrom ? undefined : Math.log(1 + total);
  const idf = (stem: string) => weights.get(stem) ?? rarest ?? idfFrom!(stem);

  const postings = new Map<string, number[]>();
  const byLabel = new Map<string, number[]>();
  examples.forEach(({ label }, i) => {
    const list = byLabel.get(label);
    if (list) list.push(i);
    else byLabel.set(label, [i]);
  });
  const distinctStems = examples.map(({ stems }) => new Set(stems));
  const norms: number[] = [];
  examples.forEach(({ stems }, i) => {
    const distinct = new Set(stems);
    let norm = 0;
    for (const s of distinct) {
      norm += idf(s) ** 2;
      const list = postings.get(s) ?? [];
      list.push(i);
      postings.set(s, list);
    }
    norms.push(Math.sqrt(norm));
  });

  return {
    idf,
    closest(stems) {
      const distinct = [...new Set(stems)];
      const messageNorm = Math.sqrt(distinct.reduce((sum, s) => sum + idf(s) ** 2, 0));
      const dots = new Map<number, number>();
      for (const s of distinct) {
        const weight = idf(s) ** 2;
        for (const i of postings.get(s) ?? []) dots.set(i, (dots.get(i) ?? 0) + weight);
      }
      const best = new Map<string, number>();
      for (const [i, dot] of dots) {
        const cosine = dot / (messageNorm * norms[i]! || 1);
        const label = examples[i]!.label;
        if (cosine > (best.get(label) ?? 0)) best.set(label, cosine);
      }
      return best;
    },
    closestAmong(stems, labels) {
      const distinct = [...new Set(stems)];
      const messageNorm = Math.sqrt(distinct.reduce((sum, s) => sum + idf(s) ** 2, 0));
      const best = new Map<string, number>();
      for (const label of labels) {
        for (const i of byLabel.get(label) ?? []) {
          let dot = 0;
          for (const s of distinct) if (distinctStems[i]!.has(s)) dot += idf(s) ** 2;
          const cosine = dot / (messageNorm * norms[i]! || 1);
          if (cosine > (best.get(label) ?? 0)) best.set(label, cosine);
        }
      }
      return best;
    },
    coverage(stems) {
      const distinct = [...new Set(stems)];
      const all = distinct.reduce((sum, s) => sum + idf(s), 0);
      const known = distinct.filter((s) => postings.has(s)).reduce((sum, s) => sum + idf(s), 0);
      return all > 0 ? known / all : 0;
    },
  };
}
