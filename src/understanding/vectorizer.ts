/**
 * TF-IDF over a vocabulary learnt from the training texts. A text is a sparse vector: its
 * features' ids and weights, sublinear term frequency × smoothed IDF, each group of features
 * (word-level terms, character n-grams) scaled apart to its own length (`groupWeights`), so
 * neither drowns the other.
 */
export interface SparseVector {
  ids: Int32Array;
  values: Float32Array;
}

export interface Vectorizer {
  /** Number of features known. */
  size: number;
  idOf(feature: string): number | undefined;
  idf(id: number): number;
  /** Groups of feature lists → one vector; unknown features are left out. */
  vector(groups: ReadonlyArray<readonly string[]>): SparseVector;
  /** IDF-weighted share of the features that the vocabulary knows (0-1); `trained` narrows what counts as known. */
  known(features: readonly string[], trained?: (id: number) => boolean): number;
  /** What `vectorizerOf` makes the same vectorizer again from (model-snapshot.ts). */
  data(): VectorizerData;
}

/** A fitted vectorizer as plain data: its features in id order, their IDF, and how many documents it was fitted on. */
export interface VectorizerData {
  features: string[];
  idfs: Float32Array;
  documents: number;
  groupWeights: number[];
}

/**
 * `groupWeights[i]` is the length group i is scaled to (1 when not given): how much it counts
 * against the others in the model's dot products.
 */
export function fitVectorizer(documents: ReadonlyArray<ReadonlyArray<readonly string[]>>, groupWeights: readonly number[] = []): Vectorizer {
  const ids = new Map<string, number>();
  const df: number[] = [];
  for (const groups of documents) {
    const seen = new Set<number>();
    for (const group of groups) {
      for (const feature of group) {
        let id = ids.get(feature);
        if (id === undefined) {
          id = ids.size;
          ids.set(feature, id);
          df.push(0);
        }
        if (!seen.has(id)) {
          seen.add(id);
          df[id]!++;
        }
      }
    }
  }
  const n = documents.length;
  return vectorizerOver(ids, Float32Array.from(df, (d) => Math.log((1 + n) / (1 + d)) + 1), n, groupWeights);
}

/** The vectorizer `data` was taken from: the same ids, weights and vectors. */
export function vectorizerOf(data: VectorizerData): Vectorizer {
  return vectorizerOver(new Map(data.features.map((f, i) => [f, i])), data.idfs, data.documents, data.groupWeights);
}

function vectorizerOver(ids: Map<string, number>, idfs: Float32Array, n: number, groupWeights: readonly number[]): Vectorizer {
  // A feature never seen weighs as the rarest would: it is the strongest sign of something new.
  const unseenIdf = Math.log(1 + n) + 1;

  // Scratch counts by feature id, cleared after each text: a vector costs its own features,
  // not a Map per call.
  const counts = new Int32Array(ids.size);
  function vector(groups: ReadonlyArray<readonly string[]>): SparseVector {
    const outIds: number[] = [];
    const outValues: number[] = [];
    for (let g = 0; g < groups.length; g++) {
      const group = groups[g]!;
      const start = outIds.length;
      for (const feature of group) {
        const id = ids.get(feature);
        if (id === undefined) continue;
        if (counts[id] === 0) outIds.push(id);
        counts[id]!++;
      }
      let norm = 0;
      for (let i = start; i < outIds.length; i++) {
        const id = outIds[i]!;
        const value = (1 + Math.log(counts[id]!)) * idfs[id]!;
        counts[id] = 0;
        outValues.push(value);
        norm += value * value;
      }
      norm = (Math.sqrt(norm) || 1) / (groupWeights[g] ?? 1);
      for (let i = start; i < outValues.length; i++) outValues[i]! /= norm;
    }
    return { ids: Int32Array.from(outIds), values: Float32Array.from(outValues) };
  }

  return {
    size: ids.size,
    idOf: (feature) => ids.get(feature),
    idf: (id) => idfs[id]!,
    vector,
    known(features, trained = () => true) {
      let all = 0;
      let known = 0;
      for (const feature of new Set(features)) {
        const id = ids.get(feature);
        const isKnown = id !== undefined && trained(id);
        const weight = isKnown ? idfs[id]! : unseenIdf;
        all += weight;
        if (isKnown) known += weight;
      }
      return all > 0 ? known / all : 0;
    },
    data: () => ({ features: [...ids.keys()], idfs, documents: n, groupWeights: [...groupWeights] }),
  };
}
