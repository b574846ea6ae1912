import { describe, expect, it } from 'vitest';
import { decodeSnapshot, encodeSnapshot } from '../../src/understanding/model-snapshot.js';

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
});
