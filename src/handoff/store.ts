import type { AgentChannel, CaseMessage, HandoffCase } from './model.js';

/**
 * Where cases, the queue, tickets and the agents' channel live. Every bot process sharing one
 * store (Redis) sees the same cases; the memory store serves one process (`npm start`, tests).
 */
export interface HandoffStore {
  create(handoffCase: HandoffCase): Promise<void>;
  get(id: string): Promise<HandoffCase | undefined>;
  /**
   * Changes a case atomically: `change` gets the current case and returns the new one, or
   * undefined to leave it as it is (a transition that no longer applies: another process won).
   * Resolves with the case as written, or undefined when nothing was written.
   */
  update(id: string, change: (current: HandoffCase) => HandoffCase | undefined): Promise<HandoffCase | undefined>;

  /** The case a customer conversation is in, if any. */
  caseOfCustomer(conversationId: string): Promise<string | undefined>;
  setCaseOfCustomer(conversationId: string, caseId: string | undefined): Promise<void>;
  /** The case an agents' thread belongs to. */
  caseOfThread(conversationId: string): Promise<string | undefined>;
  setCaseOfThread(conversationId: string, caseId: string): Promise<void>;

  /** Waiting cases, oldest first. */
  enqueue(id: string, at: number): Promise<void>;
  dequeue(id: string): Promise<void>;
  queued(): Promise<string[]>;

  addTicket(id: string, at: number): Promise<void>;
  removeTicket(id: string): Promise<void>;
  /** Tickets, oldest first. */
  tickets(): Promise<string[]>;

  appendMessage(id: string, message: CaseMessage): Promise<void>;
  messages(id: string): Promise<CaseMessage[]>;

  /** Seconds customers waited before an agent took their case, latest first (a few dozen kept). */
  recordWait(seconds: number): Promise<void>;
  recentWaits(): Promise<number[]>;

  agentChannel(): Promise<AgentChannel | undefined>;
  setAgentChannel(channel: AgentChannel): Promise<void>;
}

export const RECENT_WAITS = 20;

/** In process memory: one bot process, lost on restart. */
export class MemoryHandoffStore implements HandoffStore {
  private readonly cases = new Map<string, string>();
  private readonly customers = new Map<string, string>();
  private readonly threads = new Map<string, string>();
  private readonly queue = new Map<string, number>();
  private readonly ticketList = new Map<string, number>();
  private readonly log = new Map<string, CaseMessage[]>();
  private waits: number[] = [];
  private channel?: AgentChannel;

  async create(handoffCase: HandoffCase) {
    this.cases.set(handoffCase.id, JSON.stringify(handoffCase));
  }
  async get(id: string) {
    const json = this.cases.get(id);
    return json ? (JSON.parse(json) as HandoffCase) : undefined;
  }
  async update(id: string, change: (current: HandoffCase) => HandoffCase | undefined) {
    // Copies in and out, as Redis would: callers never share an object with the store. No
    // await between reading and writing: that is what makes the change atomic here.
    const json = this.cases.get(id);
    const next = json ? change(JSON.parse(json) as HandoffCase) : undefined;
    if (!next) return undefined;
    this.cases.set(id, JSON.stringify(next));
    return next;
  }
  async caseOfCustomer(conversationId: string) {
    return this.customers.get(conversationId);
  }
  async setCaseOfCustomer(conversationId: string, caseId: string | undefined) {
    if (caseId) this.customers.set(conversationId, caseId);
    else this.customers.delete(conversationId);
  }
  async caseOfThread(conversationId: string) {
    return this.threads.get(conversationId);
  }
  async setCaseOfThread(conversationId: string, caseId: string) {
    this.threads.set(conversationId, caseId);
  }
  async enqueue(id: string, at: number) {
    this.queue.set(id, at);
  }
  async dequeue(id: string) {
    this.queue.delete(id);
  }
  async queued() {
    return byTime(this.queue);
  }
  async addTicket(id: string, at: number) {
    this.ticketList.set(id, at);
  }
  async removeTicket(id: string) {
    this.ticketList.delete(id);
  }
  async tickets() {
    return byTime(this.ticketList);
  }
  async appendMessage(id: string, message: CaseMessage) {
    this.log.set(id, [...(this.log.get(id) ?? []), message]);
  }
  async messages(id: string) {
    return [...(this.log.get(id) ?? [])];
  }
  async recordWait(seconds: number) {
    this.waits = [seconds, ...this.waits].slice(0, RECENT_WAITS);
  }
  async recentWaits() {
    return [...this.waits];
  }
  async agentChannel() {
    return this.channel;
  }
  async setAgentChannel(channel: AgentChannel) {
    this.channel = channel;
  }
}

const byTime = (entries: Map<string, number>) => [...entries].sort((a, b) => a[1] - b[1]).map(([id]) => id);
