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

const byStemThenExample = (a: [number, number], b: [number, number]) => a[0] - b[0] || a[1] - b[1];

export function createExampleIndex(examples: Array<{ label: string; stems: string[] }>, idfFrom?: (stem: string) => number): ExampleIndex {
  const df = new Map<string, number>();
  for (const { stems } of examples) for (const s of new Set(stems)) df.set(s, (df.get(s) ?? 0) + 1);
  const total = Math.max(1, examples.length);
  const weights = new Map([...df].map(([stem, count]) => [stem, idfFrom ? idfFrom(stem) : Math.log(1 + total / count)]));
  const rarest = idfFrom ? undefined : Math.log(1 + total);
  const idf = (stem: string) => weights.get(stem) ?? rarest ?? idfFrom!(stem);

  // Stems as ids and examples as arrays of distinct ids, so a message costs typed-array reads,
  // not a Set and a Map lookup per (example, stem).
  const stemIds = new Map<string, number>();
  // Labels apart: the examples' own stem lists need not outlive the index.
  const labelOf = examples.map(({ label }) => label);
  const norms = new Float64Array(examples.length);
  const exampleStems = examples.map(({ stems }, i) => {
    const distinct = new Set(stems);
    const ids = new Int32Array(distinct.size);
    let norm = 0;
    let k = 0;
    for (const s of distinct) {
      norm += idf(s) ** 2;
      let id = stemIds.get(s);
      if (id === undefined) stemIds.set(s, (id = stemIds.size));
      ids[k++] = id;
    }
    norms[i] = Math.sqrt(norm);
    return ids;
  });
  // Per label, the examples of each stem, as flat sorted arrays (a Map and an array per stem
  // and label would cost megabytes on a large base): a message visits only the examples of the
  // labels asked about that share one of its stems.
  const postingsByLabel = new Map<string, { stems: Int32Array; starts: Int32Array; examples: Int32Array }>();
  // (Plain loops: a local a closure reads would live as long as the index.)
  const pairsByLabel = new Map<string, Array<[number, number]>>();
  for (let i = 0; i < exampleStems.length; i++) {
    let pairs = pairsByLabel.get(labelOf[i]!);
    if (!pairs) pairsByLabel.set(labelOf[i]!, (pairs = []));
    for (const id of exampleStems[i]!) pairs.push([id, i]);
  }
  for (const [label, pairs] of pairsByLabel) {
    pairs.sort(byStemThenExample);
    const stems: number[] = [];
    const starts: number[] = [];
    for (let k = 0; k < pairs.length; k++) {
      const id = pairs[k]![0];
      if (stems.length === 0 || stems[stems.length - 1] !== id) {
        stems.push(id);
        starts.push(k);
      }
    }
    starts.push(pairs.length);
    const examplesOf = new Int32Array(pairs.length);
    for (let k = 0; k < pairs.length; k++) examplesOf[k] = pairs[k]![1];
    postingsByLabel.set(label, { stems: Int32Array.from(stems), starts: Int32Array.from(starts), examples: examplesOf });
  }
  const allLabels = [...postingsByLabel.keys()];
  const dots = new Float64Array(examples.length);

  /** The message's distinct stems, their ids (-1 unknown), squared weights and norm. */
  function message(stems: string[]) {
    const distinct = [...new Set(stems)];
    const ids = distinct.map((s) => stemIds.get(s) ?? -1);
    const weights = distinct.map((s) => idf(s) ** 2);
    let norm = 0;
    for (const w of weights) norm += w;
    return { ids, weights, norm: Math.sqrt(norm) };
  }

  /** Per label, the best cosine among the given labels' examples that share a stem with the message. */
  function closestAmong(stems: string[], labels: readonly string[]): Map<string, number> {
    const m = message(stems);
    const best = new Map<string, number>();
    for (const label of labels) {
      const own = postingsByLabel.get(label);
      if (!own) continue;
      // Each example's dot summed in the message's order, as a loop over its stems would.
      const touched: number[] = [];
      for (let k = 0; k < m.ids.length; k++) {
        const id = m.ids[k]!;
        if (id < 0) continue;
        let low = 0;
        let high = own.stems.length;
        while (low < high) {
          const middle = (low + high) >> 1;
          if (own.stems[middle]! < id) low = middle + 1;
          else high = middle;
        }
        if (own.stems[low] !== id) continue;
        const weight = m.weights[k]!;
        for (let n = own.starts[low]!; n < own.starts[low + 1]!; n++) {
          const i = own.examples[n]!;
          if (dots[i] === 0) touched.push(i);
          dots[i]! += weight;
        }
      }
      // An example that shares no stem scores 0, which is never the best.
      for (const i of touched) {
        const cosine = dots[i]! / (m.norm * norms[i]! || 1);
        dots[i] = 0;
        if (cosine > (best.get(label) ?? 0)) best.set(label, cosine);
      }
    }
    return best;
  }

  return {
    idf,
    // Every label's examples that share a stem: the same dots, summed in the same order, as a
    // pass over one posting list per stem would give (the out-of-scope index has one label).
    closest(stems) {
      return closestAmong(stems, allLabels);
    },
    closestAmong,
    coverage(stems) {
      const distinct = [...new Set(stems)];
      const all = distinct.reduce((sum, s) => sum + idf(s), 0);
      const known = distinct.filter((s) => stemIds.has(s)).reduce((sum, s) => sum + idf(s), 0);
      return all > 0 ? known / all : 0;
    },
  };
}
