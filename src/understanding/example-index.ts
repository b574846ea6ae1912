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
  /** What `exampleIndexOf` makes the same index again from (model-snapshot.ts). */
  data(): ExampleIndexData;
}

/**
 * An index as plain data (model-snapshot.ts): its stems in id order with their IDF, each
 * example's norm, and per label (in the order first seen) the examples of each of its stems.
 */
export interface ExampleIndexData {
  stems: string[];
  weights: Float64Array;
  /** IDF of a stem no example has; null: ask `idfFrom`. */
  rarest: number | null;
  norms: Float64Array;
  postings: Array<{ label: string; stems: Int32Array; starts: Int32Array; examples: Int32Array }>;
}

const byStemThenExample = (a: [number, number], b: [number, number]) => a[0] - b[0] || a[1] - b[1];

export function createExampleIndex(examples: Array<{ label: string; stems: string[] }>, idfFrom?: (stem: string) => number): ExampleIndex {
  // Stems as ids and examples as arrays of distinct ids, so a message costs typed-array reads,
  // not a Set and a Map lookup per (example, stem). A stem's id is the order it is first met.
  const stemIds = new Map<string, number>();
  return indexOver(exampleIndexData(examples, stemIds, idfFrom), stemIds, idfFrom);
}

/** The data of the index `createExampleIndex` makes of these examples; fills `stemIds`. */
function exampleIndexData(examples: Array<{ label: string; stems: string[] }>, stemIds: Map<string, number>, idfFrom?: (stem: string) => number): ExampleIndexData {
  const exampleStems = examples.map(({ stems }) => {
    const distinct = new Set(stems);
    const ids = new Int32Array(distinct.size);
    let k = 0;
    for (const s of distinct) {
      let id = stemIds.get(s);
      if (id === undefined) stemIds.set(s, (id = stemIds.size));
      ids[k++] = id;
    }
    return ids;
  });
  const df = new Float64Array(stemIds.size);
  for (const ids of exampleStems) for (const id of ids) df[id]!++;
  const total = Math.max(1, examples.length);
  const stems = [...stemIds.keys()];
  const weights = Float64Array.from(stems, (stem, id) => (idfFrom ? idfFrom(stem) : Math.log(1 + total / df[id]!)));
  const norms = Float64Array.from(exampleStems, (ids) => {
    let norm = 0;
    for (const id of ids) norm += weights[id]! ** 2;
    return Math.sqrt(norm);
  });
  // Per label, the examples of each stem, as flat sorted arrays (a Map and an array per stem
  // and label would cost megabytes on a large base): a message visits only the examples of the
  // labels asked about that share one of its stems.
  const pairsByLabel = new Map<string, Array<[number, number]>>();
  for (let i = 0; i < exampleStems.length; i++) {
    const label = examples[i]!.label;
    let pairs = pairsByLabel.get(label);
    if (!pairs) pairsByLabel.set(label, (pairs = []));
    for (const id of exampleStems[i]!) pairs.push([id, i]);
  }
  const postings: ExampleIndexData['postings'] = [];
  for (const [label, pairs] of pairsByLabel) {
    pairs.sort(byStemThenExample);
    const own: number[] = [];
    const starts: number[] = [];
    for (let k = 0; k < pairs.length; k++) {
      const id = pairs[k]![0];
      if (own.length === 0 || own[own.length - 1] !== id) {
        own.push(id);
        starts.push(k);
      }
    }
    starts.push(pairs.length);
    postings.push({ label, stems: Int32Array.from(own), starts: Int32Array.from(starts), examples: Int32Array.from(pairs, (p) => p[1]) });
  }
  return { stems, weights, rarest: idfFrom ? null : Math.log(1 + total), norms, postings };
}

/** The index of `data`; `idfFrom` as it was made with (the IDF of stems no example has). */
export function exampleIndexOf(data: ExampleIndexData, idfFrom?: (stem: string) => number): ExampleIndex {
  return indexOver(data, new Map(data.stems.map((s, i) => [s, i])), idfFrom);
}

function indexOver(data: ExampleIndexData, stemIds: Map<string, number>, idfFrom?: (stem: string) => number): ExampleIndex {
  const { weights, norms, rarest } = data;
  const idf = (stem: string) => {
    const id = stemIds.get(stem);
    return id !== undefined ? weights[id]! : (rarest ?? idfFrom!(stem));
  };
  const postingsByLabel = new Map(data.postings.map((p) => [p.label, p]));
  const allLabels = [...postingsByLabel.keys()];
  const dots = new Float64Array(norms.length);

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
    data: () => data,
  };
}
