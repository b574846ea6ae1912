/**
 * A Map that forgets its oldest entry past `max`. For memos whose keys come from requests or
 * from what people type (service URLs, words, lookups): without a bound, a flood of made-up
 * keys would grow them for as long as the process runs.
 */
export class BoundedMap<K, V> {
  private readonly entries = new Map<K, V>();

  constructor(private readonly max: number) {}

  get size(): number {
    return this.entries.size;
  }

  has(key: K): boolean {
    return this.entries.has(key);
  }

  get(key: K): V | undefined {
    return this.entries.get(key);
  }

  /** Keeps `value` under `key`, forgetting the oldest entry if the map is full; returns `value`. */
  set(key: K, value: V): V {
    if (!this.entries.has(key) && this.entries.size >= this.max) this.entries.delete(this.entries.keys().next().value!);
    this.entries.set(key, value);
    return value;
  }

  /** The value kept under `key`, made and kept first if there is none. */
  remember(key: K, make: () => V): V {
    return this.entries.has(key) ? this.entries.get(key)! : this.set(key, make());
  }
}
