import { MemoryStorage, type StoreItems } from '../sdk/storage.js';

/**
 * botbuilder's MemoryStorage (same eTags, same copies), with what RedisStorage has and it
 * lacks: an item nobody reads or writes for `ttlMs` is forgotten (STATE_TTL_SECONDS), so a
 * long-running process does not keep every conversation it ever had. The Map is kept in
 * order of last use, so expiring looks only at the items that are due.
 *
 * What an idle conversation costs is what this keeps, so it keeps little: each item's JSON as
 * one flat string (V8's JSON.stringify returns a rope of its build buffers, about twice the
 * text's size), and its last use as a small integer (milliseconds since this storage was made,
 * not a timestamp, which would be a heap number of its own).
 */
export class ExpiringMemoryStorage extends MemoryStorage {
  private readonly lastUsed = new Map<string, number>();
  private readonly origin: number;

  /** `ttlMs` 0 keeps items forever. */
  constructor(
    private readonly ttlMs: number,
    private readonly now: () => number = Date.now,
  ) {
    super();
    this.origin = now();
  }

  override async read(keys: string[]): Promise<StoreItems> {
    this.expire();
    const items = await super.read(keys);
    for (const key of Object.keys(items)) this.use(key);
    return items;
  }

  override async write(changes: StoreItems): Promise<void> {
    this.expire();
    await super.write(changes);
    for (const key of Object.keys(changes)) {
      const json = this.memory[key];
      if (typeof json === 'string') this.memory[key] = flat(json);
      this.use(key);
    }
  }

  override async delete(keys: string[]): Promise<void> {
    await super.delete(keys);
    for (const key of keys) this.lastUsed.delete(key);
  }

  /** How many items are kept (tests, metrics). */
  get size(): number {
    this.expire();
    return this.lastUsed.size;
  }

  private use(key: string): void {
    this.lastUsed.delete(key);
    this.lastUsed.set(key, this.now() - this.origin);
  }

  private expire(): void {
    if (this.ttlMs === 0) return;
    const cutoff = this.now() - this.origin - this.ttlMs;
    for (const [key, used] of this.lastUsed) {
      if (used > cutoff) break;
      this.lastUsed.delete(key);
      delete this.memory[key];
    }
  }
}

/**
 * A flat copy of a string. UTF-8 holds any JSON text exactly (JSON.stringify escapes lone
 * surrogates), and decoding makes one sequential string, not a rope.
 */
function flat(text: string): string {
  return Buffer.from(text, 'utf8').toString('utf8');
}
