import type { Activity } from '../sdk/activity.js';

/** A Direct Line conversation as the store keeps it. */
export interface StoredConversation {
  id: string;
  /** The user this conversation belongs to; activities from the client are posted as this user. */
  userId: string;
  /** The locale the client asked for when it started the conversation. */
  locale?: string;
}

/** An activity in a conversation's log: it always has its id. */
export type StoredActivity = Activity & { id: string };

/** Activities after a watermark, and the watermark to ask from next time. */
export interface ActivitySet {
  activities: StoredActivity[];
  /** The sequence number of the last activity of the conversation (0 when it has none). */
  watermark: number;
}

/**
 * Called with each set of activities appended to a conversation, in order. Without a set: the
 * feed was interrupted (a reconnect to Redis) and may have missed some; re-read from the store.
 */
export type AppendListener = (set?: ActivitySet) => void;

/**
 * Where Direct Line conversations and their activity logs live: in this process's memory
 * (MemoryConversationStore, the default) or in Redis, shared by every process
 * (RedisConversationStore), so any process can serve any call of any conversation.
 */
export interface ConversationStore {
  /** Adds a conversation; false when one with this id already exists. */
  create(conversation: StoredConversation): Promise<boolean>;
  get(id: string): Promise<StoredConversation | undefined>;
  /** Appends activities, giving each its id (`<conversation>|<sequence>`); returns them as stored. */
  append(id: string, activities: Partial<Activity>[]): Promise<ActivitySet>;
  /** The activities after `watermark` (all when it is absent); undefined for an unknown conversation. */
  read(id: string, watermark?: number): Promise<ActivitySet | undefined>;
  /**
   * Calls `listener` with every set appended from now on, by any process; resolves, once the
   * feed is live, with the function that stops it. followConversation() builds on it.
   */
  subscribe(id: string, listener: AppendListener): Promise<() => void>;
  /** Lets go of connections (on shutdown). */
  close?(): Promise<void>;
}

export interface MemoryStoreLimits {
  /** Conversations kept at most; the least recently active goes first, if idle for `evictableAfterMs`. */
  maxConversations: number;
  /** Activities kept per conversation; the oldest go first (watermarks keep counting). */
  maxActivities: number;
  /** A conversation idle this long is forgotten (STATE_TTL_SECONDS); 0 keeps it until room is needed. */
  idleMs: number;
  /**
   * When full, a conversation active more recently than this is never dropped to make room:
   * new ones are refused instead, so a flood of cheap conversations cannot end people's chats.
   */
  evictableAfterMs: number;
}

export const defaultLimits: MemoryStoreLimits = { maxConversations: 10_000, maxActivities: 500, idleMs: 60 * 60 * 1000, evictableAfterMs: 10 * 60 * 1000 };

/** The store is full of conversations active too recently to drop: try again later (503). */
export class ConversationStoreFull extends Error {
  constructor() {
    super('too many active Direct Line conversations: try again later');
  }
}

interface Entry {
  conversation: StoredConversation;
  activities: StoredActivity[];
  /** Sequence number of the last activity appended. */
  sequence: number;
  lastActive: number;
  listeners: Set<AppendListener>;
}

export const activityId = (conversationId: string, sequence: number) => `${conversationId}|${String(sequence).padStart(7, '0')}`;

/**
 * Conversations in process memory, bounded so the server cannot grow forever: idle
 * conversations expire, each keeps its latest activities, and the least recently active
 * conversation makes room for a new one. A Map keeps insertion order: re-inserting on
 * activity keeps it ordered from least to most recently active.
 */
export class MemoryConversationStore implements ConversationStore {
  private readonly entries = new Map<string, Entry>();

  constructor(
    private readonly limits: MemoryStoreLimits = defaultLimits,
    private readonly now: () => number = Date.now,
  ) {}

  async create(conversation: StoredConversation): Promise<boolean> {
    if (this.live(conversation.id)) return false;
    this.evict();
    if (this.entries.size >= this.limits.maxConversations) throw new ConversationStoreFull();
    this.entries.set(conversation.id, { conversation, activities: [], sequence: 0, lastActive: this.now(), listeners: new Set() });
    return true;
  }

  async get(id: string): Promise<StoredConversation | undefined> {
    return this.live(id)?.conversation;
  }

  async append(id: string, activities: Partial<Activity>[]): Promise<ActivitySet> {
    const entry = this.live(id);
    if (!entry) throw new Error(`Direct Line conversation ${id} does not exist`);
    const stored = activities.map((activity) => ({ ...activity, id: activityId(id, ++entry.sequence) }) as StoredActivity);
    entry.activities.push(...stored);
    if (entry.activities.length > this.limits.maxActivities) entry.activities.splice(0, entry.activities.length - this.limits.maxActivities);
    this.touch(id, entry);
    const set = { activities: stored, watermark: entry.sequence };
    for (const listener of entry.listeners) listener(set);
    return set;
  }

  async read(id: string, watermark = 0): Promise<ActivitySet | undefined> {
    const entry = this.live(id);
    if (!entry) return undefined;
    const first = entry.sequence - entry.activities.length + 1;
    return { activities: entry.activities.slice(Math.max(0, watermark - first + 1)), watermark: entry.sequence };
  }

  async subscribe(id: string, listener: AppendListener): Promise<() => void> {
    const entry = this.live(id);
    if (!entry) return () => {};
    entry.listeners.add(listener);
    return () => entry.listeners.delete(listener);
  }

  /** How many conversations are kept (tests, metrics). */
  get size(): number {
    return this.entries.size;
  }

  private expired(entry: Entry): boolean {
    return this.limits.idleMs > 0 && this.now() - entry.lastActive > this.limits.idleMs && entry.listeners.size === 0;
  }

  private live(id: string): Entry | undefined {
    const entry = this.entries.get(id);
    if (entry && this.expired(entry)) {
      this.entries.delete(id);
      return undefined;
    }
    return entry;
  }

  private touch(id: string, entry: Entry): void {
    entry.lastActive = this.now();
    this.entries.delete(id);
    this.entries.set(id, entry);
  }

  /**
   * Drops expired conversations (oldest first), then, while full, the least recently active
   * ones that have been idle long enough and have no open stream.
   */
  private evict(): void {
    const now = this.now();
    // Least recently active first: once one is neither expired nor evictable, none after it is.
    for (const [id, entry] of this.entries) {
      if (entry.listeners.size > 0) continue;
      const full = this.entries.size >= this.limits.maxConversations;
      if (!this.expired(entry) && !(full && now - entry.lastActive >= this.limits.evictableAfterMs)) break;
      this.entries.delete(id);
    }
  }
}
