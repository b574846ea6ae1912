import { describe, expect, it } from 'vitest';
import { BoundedMap } from '../../src/util/bounded-map.js';

describe('BoundedMap', () => {
  it('forgets the oldest entry past its bound, and keeps the rest', () => {
    const map = new BoundedMap<string, number>(2);
    map.set('a', 1);
    map.set('b', 2);
    map.set('c', 3);
    expect([map.has('a'), map.get('b'), map.get('c'), map.size]).toEqual([false, 2, 3, 2]);
  });

  it('replaces a value under a kept key without forgetting another', () => {
    const map = new BoundedMap<string, number>(2);
    map.set('a', 1);
    map.set('b', 2);
    map.set('a', 10);
    expect([map.get('a'), map.get('b')]).toEqual([10, 2]);
  });

  it('makes a value once, and keeps undefined as a value', () => {
    const map = new BoundedMap<string, number | undefined>(4);
    let made = 0;
    const make = () => {
      made++;
      return undefined;
    };
    expect(map.remember('x', make)).toBeUndefined();
    expect(map.remember('x', make)).toBeUndefined();
    expect(made).toBe(1);
  });
});
