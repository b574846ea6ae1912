import { createHash } from 'node:crypto';

/**
 * A trained language as one buffer: a JSON header holding the plain data (strings, numbers,
 * arrays) with each typed array replaced by where its bytes are, then the arrays' bytes, each
 * at a multiple of 8 so it is viewed in place, not copied again. What the model cache keeps
 * (model-cache.ts); a digest of the bytes tells a damaged file from a good one.
 */

type Typed = Int32Array | Uint8Array | Float32Array | Float64Array;
const KINDS = { Int32Array, Uint8Array, Float32Array, Float64Array } as const;
type KindName = keyof typeof KINDS;

interface Placed {
  $typed: KindName;
  at: number;
  length: number;
}

interface Header {
  format: number;
  key: string;
  digest: string;
  tree: unknown;
}

const ALIGN = 8;
const padded = (n: number) => Math.ceil(n / ALIGN) * ALIGN;
const kindOf = (value: object): KindName | undefined => (Object.keys(KINDS) as KindName[]).find((k) => value instanceof KINDS[k]);

/** Bumped when the layout changes in a way the training code's digest cannot see. */
export const SNAPSHOT_FORMAT = 2;

export function encodeSnapshot(tree: unknown, key: string): Buffer {
  const arrays: Typed[] = [];
  let bytes = 0;
  const treeJson = JSON.stringify(tree, (name: string, value: unknown) => {
    // JSON would write them as null, and the model read back would not be the one kept.
    if (typeof value === 'number' && !Number.isFinite(value)) throw new Error(`model snapshot: ${name || 'a number'} is ${value}, which JSON cannot keep`);
    // (JSON.stringify hands the replacer a typed array as itself: it has no toJSON.)
    const kind = value && typeof value === 'object' ? kindOf(value) : undefined;
    if (!kind) return value;
    const array = value as Typed;
    const place: Placed = { $typed: kind, at: bytes, length: array.length };
    arrays.push(array);
    bytes = padded(bytes + array.byteLength);
    return place;
  });
  const body = Buffer.alloc(bytes);
  let at = 0;
  for (const a of arrays) {
    body.set(new Uint8Array(a.buffer, a.byteOffset, a.byteLength), at);
    at = padded(at + a.byteLength);
  }
  // The tree's JSON as it is, not parsed and written again: on a large base it is megabytes.
  const head = JSON.stringify({ format: SNAPSHOT_FORMAT, key, digest: createHash('sha256').update(body).digest('hex') });
  const json = Buffer.from(`${head.slice(0, -1)},"tree":${treeJson}}`);
  const length = Buffer.alloc(4);
  length.writeUInt32LE(json.length);
  return Buffer.concat([length, json, Buffer.alloc(padded(4 + json.length) - 4 - json.length), body]);
}

/** A buffer made for another key: other content or other training code. */
export const STALE = 'made for other content or other training code';

/** Why a buffer cannot be used: not ours, made for another key (content or code), or damaged. */
export type SnapshotProblem = 'not a model cache this version writes' | typeof STALE | 'cut short' | 'damaged';

export function decodeSnapshot(bytes: Buffer, key: string): { tree: unknown } | SnapshotProblem {
  let header: Header;
  let start: number;
  try {
    const length = bytes.readUInt32LE(0);
    header = JSON.parse(bytes.subarray(4, 4 + length).toString('utf8')) as Header;
    start = padded(4 + length);
  } catch {
    return 'not a model cache this version writes';
  }
  if (header?.format !== SNAPSHOT_FORMAT || typeof header.digest !== 'string') return 'not a model cache this version writes';
  if (header.key !== key) return STALE;
  if (start > bytes.length) return 'cut short';
  // One copy into a fresh buffer, aligned: the typed arrays then view it in place.
  const buffer = new ArrayBuffer(bytes.length - start);
  const body = new Uint8Array(buffer);
  body.set(bytes.subarray(start));
  if (createHash('sha256').update(body).digest('hex') !== header.digest) return bytes.length - start < lastEnd(header.tree) ? 'cut short' : 'damaged';
  const revive = (value: unknown): unknown => {
    if (Array.isArray(value)) return value.map(revive);
    if (!value || typeof value !== 'object') return value;
    const place = value as Placed;
    if (typeof place.$typed === 'string' && place.$typed in KINDS) return new KINDS[place.$typed](buffer, place.at, place.length);
    return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, revive(v)]));
  };
  return { tree: revive(header.tree) };
}

/** Where the last array of a tree ends: a body shorter than that was cut. */
function lastEnd(tree: unknown): number {
  if (!tree || typeof tree !== 'object') return 0;
  const place = tree as Placed;
  if (typeof place.$typed === 'string' && place.$typed in KINDS) return place.at + place.length * KINDS[place.$typed].BYTES_PER_ELEMENT;
  let end = 0;
  for (const value of Object.values(tree)) end = Math.max(end, lastEnd(value));
  return end;
}

/** The buffers of every typed array in a tree, once each: what a worker thread moves to another thread rather than copies. */
export function typedArrayBuffers(tree: unknown, into = new Set<ArrayBuffer>()): ArrayBuffer[] {
  if (tree && typeof tree === 'object') {
    if (kindOf(tree)) into.add((tree as Typed).buffer as ArrayBuffer);
    else for (const value of Object.values(tree)) typedArrayBuffers(value, into);
  }
  return [...into];
}
