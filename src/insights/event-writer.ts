import type { Logger } from '../logging.js';
import type { EventSink, InsightEvent } from './event.js';
import type { EventStore } from './event-store.js';

// Events waiting while the database is down are capped: the bot's memory matters more than the counts.
const MAX_WAITING = 10_000;

/**
 * Writes events to the store in the background, in batches: `record` returns at once, the
 * write happens after the turn, and a database fault is logged, never felt by the customer.
 * A store that cannot be opened is tried again at the next batch.
 */
export class EventWriter implements EventSink {
  private waiting: InsightEvent[] = [];
  private store?: EventStore;
  private running?: Promise<void>;
  private scheduled = false;
  private dropped = 0;

  constructor(
    private readonly open: () => Promise<EventStore>,
    private readonly logger: Logger,
    /**
     * How long events gather before a batch is written. Every turn records some; one write
     * (one database transaction) per turn cost about 4% of a turn. Whoever reads the database
     * (the dashboard, the review) flushes first, and closing flushes too.
     */
    private readonly batchDelayMs = 200,
  ) {}

  record(event: InsightEvent): void {
    if (this.waiting.length >= MAX_WAITING) {
      this.dropped++;
      return;
    }
    this.waiting.push(event);
    if (this.scheduled) return;
    this.scheduled = true;
    // Not holding the process open: stopping the bot flushes what is left.
    setTimeout(() => void this.flush(), this.batchDelayMs).unref();
  }

  /** Writes everything recorded so far; resolves when it is written (or failed and was logged). */
  async flush(): Promise<void> {
    while (this.running) await this.running;
    this.scheduled = false;
    if (this.waiting.length === 0) return;
    const batch = this.waiting;
    this.waiting = [];
    this.running = this.write(batch).finally(() => (this.running = undefined));
    await this.running;
  }

  /** The store, opened on first use; undefined (and logged) while it cannot be. */
  async opened(): Promise<EventStore | undefined> {
    if (this.store) return this.store;
    try {
      this.store = await this.open();
    } catch (error) {
      this.logger.error({ err: error }, 'events: database not reachable; events wait in memory');
    }
    return this.store;
  }

  async close(): Promise<void> {
    await this.flush();
    await this.store?.close();
    this.store = undefined;
  }

  private async write(batch: InsightEvent[]): Promise<void> {
    const store = await this.opened();
    try {
      if (!store) throw new Error('no database');
      await store.insert(batch);
      if (this.dropped > 0) this.logger.warn({ dropped: this.dropped }, 'events: some were dropped while the database was down');
      this.dropped = 0;
    } catch (error) {
      if (store) this.logger.error({ err: error, events: batch.length }, 'events: write failed; they wait for the next batch');
      // Kept for the next batch, oldest first, within the cap.
      this.waiting = [...batch, ...this.waiting].slice(-MAX_WAITING);
    }
  }
}
