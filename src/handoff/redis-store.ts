import type { Result } from 'ioredis';
import type { RedisClient } from '../storage/redis-client.js';
import type { AgentChannel, CaseMessage, HandoffCase } from './model.js';
import { RECENT_WAITS, type HandoffStore } from './store.js';

declare module 'ioredis' {
  interface RedisCommander<Context> {
    sportelloCaseSet(key: string, expectedRevision: string, json: string): Result<number, Context>;
  }
}

// A case is a hash { r: revision, d: JSON }; a write names the revision it read and fails if
// another process wrote since (compare-and-set on one key: runs on Redis Cluster as it is).
const CASE_SET = `
local current = redis.call('HGET', KEYS[1], 'r') or ''
if current ~= ARGV[1] then return 0 end
redis.call('HSET', KEYS[1], 'r', tostring((tonumber(current) or 0) + 1), 'd', ARGV[2])
return 1`;

// Cases, their logs and the agents' channel are kept for good (tickets can wait days); the
// indexes are a few bytes each. Every command touches one key.
const ATTEMPTS = 20;

/** The hand-off store on the Redis that holds conversation state: shared by every bot process, kept across restarts. */
export class RedisHandoffStore implements HandoffStore {
  constructor(
    private readonly client: RedisClient,
    private readonly prefix: string,
  ) {
    client.defineCommand('sportelloCaseSet', { numberOfKeys: 1, lua: CASE_SET });
  }

  private key(...parts: string[]): string {
    return `${this.prefix}handoff:${parts.join(':')}`;
  }

  async create(handoffCase: HandoffCase) {
    await this.client.sportelloCaseSet(this.key('case', handoffCase.id), '', JSON.stringify(handoffCase));
  }

  async get(id: string) {
    const json = await this.client.hget(this.key('case', id), 'd');
    return json ? (JSON.parse(json) as HandoffCase) : undefined;
  }

  async update(id: string, change: (current: HandoffCase) => HandoffCase | undefined) {
    const key = this.key('case', id);
    for (let attempt = 0; attempt < ATTEMPTS; attempt++) {
      const [revision, json] = await this.client.hmget(key, 'r', 'd');
      if (!json) return undefined;
      const next = change(JSON.parse(json) as HandoffCase);
      if (!next) return undefined;
      if ((await this.client.sportelloCaseSet(key, revision ?? '', JSON.stringify(next))) === 1) return next;
    }
    throw new Error(`hand-off case ${id}: still changing after ${ATTEMPTS} attempts`);
  }

  async caseOfCustomer(conversationId: string) {
    return (await this.client.get(this.key('customer', conversationId))) ?? undefined;
  }
  async setCaseOfCustomer(conversationId: string, caseId: string | undefined) {
    if (caseId) await this.client.set(this.key('customer', conversationId), caseId);
    else await this.client.del(this.key('customer', conversationId));
  }
  async caseOfThread(conversationId: string) {
    return (await this.client.get(this.key('thread', conversationId))) ?? undefined;
  }
  async setCaseOfThread(conversationId: string, caseId: string) {
    await this.client.set(this.key('thread', conversationId), caseId);
  }

  async enqueue(id: string, at: number) {
    await this.client.zadd(this.key('queue'), String(at), id);
  }
  async dequeue(id: string) {
    await this.client.zrem(this.key('queue'), id);
  }
  async queued() {
    return this.client.zrange(this.key('queue'), '0', '-1');
  }
  async addTicket(id: string, at: number) {
    await this.client.zadd(this.key('tickets'), String(at), id);
  }
  async removeTicket(id: string) {
    await this.client.zrem(this.key('tickets'), id);
  }
  async tickets() {
    return this.client.zrange(this.key('tickets'), '0', '-1');
  }

  async appendMessage(id: string, message: CaseMessage) {
    await this.client.rpush(this.key('log', id), JSON.stringify(message));
  }
  async messages(id: string) {
    return (await this.client.lrange(this.key('log', id), 0, -1)).map((m) => JSON.parse(m) as CaseMessage);
  }

  async recordWait(seconds: number) {
    await this.client.lpush(this.key('waits'), String(seconds));
    await this.client.ltrim(this.key('waits'), 0, RECENT_WAITS - 1);
  }
  async recentWaits() {
    return (await this.client.lrange(this.key('waits'), 0, -1)).map(Number);
  }

  async agentChannel() {
    const json = await this.client.get(this.key('channel'));
    return json ? (JSON.parse(json) as AgentChannel) : undefined;
  }
  async setAgentChannel(channel: AgentChannel) {
    await this.client.set(this.key('channel'), JSON.stringify(channel));
  }
}
