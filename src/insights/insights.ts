import type { Config } from '../config.js';
import type { Logger } from '../logging.js';
import type { EventSink, InsightEvent } from './event.js';
import type { EventStore } from './event-store.js';
import { EventWriter } from './event-writer.js';
import { TurnMetrics } from './metrics.js';
import { OtlpTraces } from './otlp-traces.js';
import { openSqliteStore } from './sqlite-store.js';

const DAY_MS = 24 * 3600 * 1000;
// Texts past their retention are cleared at start-up and then every hour.
const FORGET_EVERY_MS = 3600 * 1000;

/** The store the config names: PostgreSQL with DATABASE_URL, else the SQLite file. */
export function openEventStore(config: Pick<Config, 'databaseUrl' | 'eventsDbPath'>): Promise<EventStore> {
  // pg is loaded only when used: the default set-up should not pay for its import at start-up.
  if (config.databaseUrl) return import('./postgres-store.js').then((pg) => pg.openPostgresStore(config.databaseUrl!));
  return Promise.resolve(openSqliteStore(config.eventsDbPath));
}

export interface Insights {
  /** Every event goes here: counted for /metrics and written to the database. */
  sink: EventSink;
  metrics: TurnMetrics;
  writer: EventWriter;
  /** The database, for the dashboard; undefined while it cannot be reached. */
  store(): Promise<EventStore | undefined>;
  close(): Promise<void>;
}

/** Events, metrics and retention, built from config. `open` replaces the configured store (tests). */
export function createInsights(config: Config, logger: Logger, open: () => Promise<EventStore> = () => openEventStore(config)): Insights {
  const metrics = new TurnMetrics();
  const writer = new EventWriter(open, logger);
  const traces = config.otelEndpoint ? new OtlpTraces(config.otelEndpoint, logger) : undefined;
  const sink: EventSink = {
    record(event: InsightEvent) {
      metrics.record(event);
      writer.record(event);
      traces?.record(event);
    },
  };
  const forget = async () => {
    try {
      const store = await writer.opened();
      const cleared = await store?.forgetTexts(Date.now() - config.eventsRetentionDays * DAY_MS);
      if (cleared) logger.info({ cleared }, 'events: texts past their retention cleared');
    } catch (error) {
      logger.error({ err: error }, 'events: clearing old texts failed');
    }
  };
  const timer = setInterval(() => void forget(), FORGET_EVERY_MS);
  timer.unref();
  void forget();
  return {
    sink,
    metrics,
    writer,
    store: () => writer.opened(),
    async close() {
      clearInterval(timer);
      await traces?.flush();
      await writer.close();
    },
  };
}
