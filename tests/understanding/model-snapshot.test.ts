import { describe, expect, it } from 'vitest';
import { decodeSnapshot, encodeSnapshot, typedArrayBuffers } from '../../src/understanding/model-snapshot.js';

const tree = {
  name: 'it',
  words: ['conto', 'fattura', 'è'],
  nested: [{ ids: Int32Array.of(0, -2, 2 ** 31 - 1), flags: Uint8Array.of(1, 0, 1) }, { none: null, empty: new Float64Array(0) }],
  weights: Float32Array.of(0.1, -2.5, 1e-7),
  bias: Float64Array.of(0.1, 0.2, Math.PI, -0),
  count: 3,
};

describe('a model snapshot', () => {
  it('keeps strings, numbers and every kind of typed array exactly', () => {
    const decoded = decodeSnapshot(encodeSnapshot(tree, 'k'), 'k');
    if (typeof decoded === 'string') throw new Error(decoded);
    expect(decoded.tree).toEqual(tree);
    const back = decoded.tree as typeof tree;
    expect(back.weights).toBeInstanceOf(Float32Array);
    expect(back.nested[0]!.ids).toBeInstanceOf(Int32Array);
    expect(Object.is(back.bias[3], -0)).toBe(true);
  });

  it('says what is wrong with a buffer it cannot use', () => {
    const bytes = encodeSnapshot(tree, 'k');
    expect(decodeSnapshot(bytes, 'other')).toMatch(/other content/);
    expect(decodeSnapshot(bytes.subarray(0, bytes.length - 8), 'k')).toBe('cut short');
    const damaged = Buffer.from(bytes);
    damaged[damaged.length - 20]! ^= 1;
    expect(decodeSnapshot(damaged, 'k')).toBe('damaged');
    expect(decodeSnapshot(Buffer.from('{"not":"ours"}'), 'k')).toMatch(/not a model cache/);
  });

  it('refuses a number JSON would turn into null, rather than keep another model', () => {
    expect(() => encodeSnapshot({ rarest: Number.NaN }, 'k')).toThrow(/rarest is NaN/);
    expect(() => encodeSnapshot({ list: [1, Infinity] }, 'k')).toThrow(/Infinity/);
  });

  it('lists the buffer of every typed array in a tree once, for a worker to move them', () => {
    const shared = new Float64Array(8);
    const buffers = typedArrayBuffers({ ...tree, views: [shared.subarray(0, 2), shared.subarray(4)] });
    expect(buffers).toHaveLength(6);
    for (const array of [tree.weights, tree.bias, tree.nested[0]!.ids, tree.nested[0]!.flags, tree.nested[1]!.empty, shared]) expect(buffers).toContain(array!.buffer);
  });
});
