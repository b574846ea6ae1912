import type { Activity } from '../sdk/activity.js';
import type { Result } from 'ioredis';
import type { Logger } from '../logging.js';
import { isCluster, type RedisClient } from '../storage/redis-client.js';
import { activityId, type ActivitySet, type AppendListener, type ConversationStore, type StoredActivity, type StoredConversation } from './conversation-store.js';

declare module 'ioredis' {
  interface RedisCommander<Context> {
    sportelloDlCreate(meta: string, log: string, conversation: string, ttlMs: number): Result<number, Context>;
    sportelloDlGet(meta: string, log: string, ttlMs: number): Result<string | null, Context>;
    sportelloDlAppend(meta: string, log: string, ttlMs: number, max: number, channel: string, ...activities: string[]): Result<number, Context>;
    sportelloDlRead(meta: string, log: string, after: number): Result<[number, string[]] | null, Context>;
  }
}

/*
 * Two keys per conversation, with the conversation id as their hash tag so they share a slot
 * on Redis Cluster: a hash `meta` { c: the conversation as JSON, n: the sequence number of the
 * last activity } and a list `log` of the latest activities as JSON, without their ids. Every
 * change to both runs in one script, so `n` and the list's length always agree: the list's
 * first element is activity n - LLEN + 1, which gives every element its id on the way out.
 */

// Expiry of both keys: ARGV ttl in ms, 0 keeps them.
const EXPIRE = `
local function expire(ttl)
  if ttl > 0 then
    redis.call('PEXPIRE', KEYS[1], ttl)
    redis.call('PEXPIRE', KEYS[2], ttl)
  else
    redis.call('PERSIST', KEYS[1])
    redis.call('PERSIST', KEYS[2])
  end
end`;

// ARGV: conversation JSON, ttl. 0 when the conversation exists already.
const CREATE = `${EXPIRE}
if redis.call('HSETNX', KEYS[1], 'c', ARGV[1]) == 0 then return 0 end
redis.call('HSET', KEYS[1], 'n', 0)
redis.call('DEL', KEYS[2])
expire(tonumber(ARGV[2]))
return 1`;

// ARGV: ttl. A conversation someone opens is alive: its idle timer starts again.
const GET = `${EXPIRE}
local c = redis.call('HGET', KEYS[1], 'c')
if c then expire(tonumber(ARGV[1])) end
return c`;

// ARGV: ttl, activities kept, pub/sub channel, then the activities' JSON. Returns the new last
// sequence number, or -1 for an unknown conversation. The set is published from the script, in
// the order of the appends, as "<last sequence>\\n<json>\\n<json>…" (JSON has no raw newline).
const APPEND = `${EXPIRE}
if redis.call('HEXISTS', KEYS[1], 'c') == 0 then return -1 end
local count = #ARGV - 3
local n = redis.call('HINCRBY', KEYS[1], 'n', count)
for i = 4, #ARGV do redis.call('RPUSH', KEYS[2], ARGV[i]) end
redis.call('LTRIM', KEYS[2], -tonumber(ARGV[2]), -1)
expire(tonumber(ARGV[1]))
local message = tostring(n)
for i = 4, #ARGV do message = message .. '\\n' .. ARGV[i] end
redis.call('PUBLISH', ARGV[3], message)
return n`;

// ARGV: watermark. { last sequence, activities after the watermark } or nil when unknown.
const READ = `
local n = redis.call('HGET', KEYS[1], 'n')
if not n then return nil end
n = tonumber(n)
local first = n - redis.call('LLEN', KEYS[2]) + 1
local start = math.max(0, tonumber(ARGV[1]) - first + 1)
return { n, redis.call('LRANGE', KEYS[2], start, -1) }`;

export interface RedisConversationStoreOptions {
  /** REDIS_KEY_PREFIX, e.g. "sportello:". */
  keyPrefix: string;
  /** A conversation nobody posts to or opens for this long disappears (STATE_TTL_SECONDS); 0 keeps it. */
  ttlSeconds: number;
  /** Activities kept per conversation; the oldest go first (watermarks keep counting). */
  maxActivities: number;
  logger: Logger;
}

/**
 * Direct Line conversations in Redis, shared by every bot process: watermarks come from one
 * counter per conversation, incremented in the same script that appends, so two processes
 * appending at once get distinct, gapless numbers in the order Redis ran them. Appends are
 * published on a channel per conversation, and each process subscribes, on a connection of its
 * own, to the conversations it streams.
 */
export class RedisConversationStore implements ConversationStore {
  private readonly ttlMs: number;
  private subscriber?: RedisClient;
  /** Local listeners per channel; a channel is subscribed while it has one. */
  private readonly listeners = new Map<string, Set<AppendListener>>();
  /** SUBSCRIBE in flight or done, per channel, so a second listener waits for the first. */
  private readonly subscriptions = new Map<string, Promise<unknown>>();

  constructor(
    private readonly client: RedisClient,
    private readonly options: RedisConversationStoreOptions,
  ) {
    this.ttlMs = options.ttlSeconds * 1000;
    client.defineCommand('sportelloDlCreate', { numberOfKeys: 2, lua: CREATE });
    client.defineCommand('sportelloDlGet', { numberOfKeys: 2, lua: GET });
    client.defineCommand('sportelloDlAppend', { numberOfKeys: 2, lua: APPEND });
    client.defineCommand('sportelloDlRead', { numberOfKeys: 2, lua: READ });
  }

  /** The conversation's keys, its hash tag first: [meta, log]. */
  keys(id: string): [string, string] {
    const tag = `${this.options.keyPrefix}dl:{${id}}`;
    return [`${tag}:meta`, `${tag}:log`];
  }

  channel(id: string): string {
    return `${this.options.keyPrefix}dl:{${id}}:appended`;
  }

  async create(conversation: StoredConversation): Promise<boolean> {
    return (await this.client.sportelloDlCreate(...this.keys(conversation.id), JSON.stringify(conversation), this.ttlMs)) === 1;
  }

  async get(id: string): Promise<StoredConversation | undefined> {
    const found = await this.client.sportelloDlGet(...this.keys(id), this.ttlMs);
    return found === null ? undefined : (JSON.parse(found) as StoredConversation);
  }

  async append(id: string, activities: Partial<Activity>[]): Promise<ActivitySet> {
    if (activities.length === 0) {
      const current = await this.read(id, Number.MAX_SAFE_INTEGER);
      if (!current) throw new Error(`Direct Line conversation ${id} does not exist`);
      return current;
    }
    const json = activities.map((activity) => JSON.stringify({ ...activity, id: undefined }));
    const [meta, log] = this.keys(id);
    const watermark = await this.client.sportelloDlAppend(meta, log, this.ttlMs, this.options.maxActivities, this.channel(id), ...json);
    if (watermark < 0) throw new Error(`Direct Line conversation ${id} does not exist`);
    return toSet(id, watermark, json);
  }

  async read(id: string, watermark = 0): Promise<ActivitySet | undefined> {
    const found = await this.client.sportelloDlRead(...this.keys(id), watermark);
    if (!found) return undefined;
    const [last, json] = found;
    return toSet(id, Number(last), json);
  }

  async subscribe(id: string, listener: AppendListener): Promise<() => void> {
    const channel = this.channel(id);
    const subscriber = this.feed();
    let listeners = this.listeners.get(channel);
    if (!listeners) {
      listeners = new Set();
      this.listeners.set(channel, listeners);
      this.subscriptions.set(channel, subscriber.subscribe(channel));
    }
    listeners.add(listener);
    const stop = () => {
      if (!listeners.delete(listener) || listeners.size > 0 || this.listeners.get(channel) !== listeners) return;
      this.listeners.delete(channel);
      this.subscriptions.delete(channel);
      void subscriber.unsubscribe(channel).catch(() => undefined);
    };
    try {
      await this.subscriptions.get(channel);
    } catch (error) {
      stop();
      throw error;
    }
    return stop;
  }

  async close(): Promise<void> {
    const subscriber = this.subscriber;
    this.subscriber = undefined;
    this.listeners.clear();
    this.subscriptions.clear();
    if (subscriber) await subscriber.quit().catch(() => subscriber.disconnect());
  }

  /** The subscriber connection, opened on first use: a subscribed connection can do nothing else. */
  private feed(): RedisClient {
    if (this.subscriber) return this.subscriber;
    // A SUBSCRIBE waits for the connection to open (up to the command timeout) instead of failing
    // at once like other commands; ioredis subscribes again by itself after a reconnect.
    const subscriber =
      isCluster(this.client)
        ? this.client.duplicate([], { enableOfflineQueue: true })
        : this.client.duplicate({ enableOfflineQueue: true, autoResubscribe: true });
    this.subscriber = subscriber;
    let ready = false;
    let interrupted = false;
    subscriber.on('error', (error: Error) => this.options.logger.debug({ err: { message: error.message } }, 'direct line feed: redis error'));
    subscriber.on('close', () => (interrupted = ready));
    subscriber.on('ready', () => {
      ready = true;
      if (!interrupted) return;
      interrupted = false;
      // Appends published while the feed was down are gone: every listener re-reads. The PING
      // comes after the re-subscriptions on this connection, so once it answers they are live.
      void subscriber.ping().then(
        () => this.listeners.forEach((listeners) => listeners.forEach((listener) => listener())),
        () => undefined,
      );
    });
    subscriber.on('message', (channel: string, message: string) => {
      const listeners = this.listeners.get(channel);
      if (!listeners) return;
      const [last, ...json] = message.split('\n');
      const id = idOfChannel(channel, this.options.keyPrefix);
      const set = toSet(id, Number(last), json);
      listeners.forEach((listener) => listener(set));
    });
    return subscriber;
  }
}

/** The set of activities `json` that ends at sequence `last`, each given its id. */
function toSet(id: string, last: number, json: string[]): ActivitySet {
  const first = last - json.length + 1;
  const activities = json.map((text, i) => ({ ...(JSON.parse(text) as Activity), id: activityId(id, first + i) }) as StoredActivity);
  return { activities, watermark: last };
}

function idOfChannel(channel: string, prefix: string): string {
  return channel.slice(`${prefix}dl:{`.length, -'}:appended'.length);
}
