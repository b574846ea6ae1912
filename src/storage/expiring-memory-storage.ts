import type { Storage, StoreItems } from '../sdk/storage.js';

/** What is kept of one item: its JSON and when it is forgotten unless used again. */
interface Kept {
  text: string;
  /** Milliseconds since the storage was made: a small integer, where a timestamp would be a heap number of its own. */
  expires: number;
}

/**
 * State in one process, with botbuilder MemoryStorage's behaviour (items kept as JSON, so a
 * read returns a copy; a numbered eTag per write; a write with a stale eTag refused) and what
 * RedisStorage has and it lacks: an item nobody reads or writes for `ttlMs` is forgotten
 * (STATE_TTL_SECONDS), so a long-running process does not keep every conversation it ever had.
 *
 * What an idle conversation costs is what this keeps, so it keeps little: one Map, in order of
 * last use (expiring looks only at the items that are due), from each key to its JSON as one
 * flat string (V8's JSON.stringify returns a rope of its build buffers, about twice the text's
 * size) and its expiry. An item of a conversation's usual state (a 65-character key, ~300
 * characters of JSON) costs ~540 bytes of heap, most of it the two strings.
 * `expires` stays a small integer for 24 days of uptime; after that V8 boxes it (16 bytes more an item).
 *
 * At most `maxItems` are kept: past it the least recently used goes first, as if it had expired.
 * The TTL alone bounds memory by how many conversations start in a TTL (a week by default), and
 * nothing bounds that on an open endpoint: a visitor posting from many addresses, each
 * conversation id new, would otherwise grow the process until it dies.
 */
export class ExpiringMemoryStorage implements Storage {
  private readonly items = new Map<string, Kept>();
  private readonly origin: number;
  private etag = 1;

  /** `ttlMs` 0 keeps items forever (up to `maxItems`). */
  constructor(
    private readonly ttlMs: number,
    private readonly now: () => number = Date.now,
    private readonly maxItems = Infinity,
  ) {
    this.origin = now();
  }

  async read(keys: string[]): Promise<StoreItems> {
    this.expire();
    const found: StoreItems = {};
    for (const key of keys) {
      const kept = this.items.get(key);
      if (!kept) continue;
      found[key] = JSON.parse(kept.text);
      this.use(key, kept);
    }
    return found;
  }

  async write(changes: StoreItems): Promise<void> {
    this.expire();
    // Every eTag is checked before anything is written: a refused write changes nothing.
    for (const [key, item] of Object.entries(changes)) {
      const kept = this.items.get(key);
      if (kept && item.eTag && item.eTag !== '*' && item.eTag !== JSON.parse(kept.text).eTag) {
        throw new Error(`Storage: error writing "${key}" due to eTag conflict.`);
      }
    }
    for (const [key, item] of Object.entries(changes)) {
      const text = flat(JSON.stringify({ ...item, eTag: String(this.etag++) }));
      const kept = this.items.get(key);
      if (kept) kept.text = text;
      this.use(key, kept ?? { text, expires: 0 });
    }
    // The Map is in order of last use: its first items are the least recently used.
    for (const key of this.items.keys()) {
      if (this.items.size <= this.maxItems) break;
      this.items.delete(key);
    }
  }

  async delete(keys: string[]): Promise<void> {
    for (const key of keys) this.items.delete(key);
  }

  /** How many items are kept (tests, metrics). */
  get size(): number {
    this.expire();
    return this.items.size;
  }

  /** Moves the item to the end of the Map (the most recently used) with a new expiry. */
  private use(key: string, kept: Kept): void {
    kept.expires = this.now() - this.origin + this.ttlMs;
    this.items.delete(key);
    this.items.set(key, kept);
  }

  private expire(): void {
    if (this.ttlMs === 0) return;
    const now = this.now() - this.origin;
    for (const [key, kept] of this.items) {
      if (kept.expires > now) break;
      this.items.delete(key);
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
