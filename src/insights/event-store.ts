import type { InsightEvent } from './event.js';

/**
 * The events table, the same in SQLite and PostgreSQL. Reports and the review loop read it
 * with portable SQL ('?' placeholders; each store converts them for its driver).
 */
export interface EventStore {
  readonly kind: 'sqlite' | 'postgres';
  insert(events: readonly InsightEvent[]): Promise<void>;
  all<T extends object>(sql: string, params?: readonly unknown[]): Promise<T[]>;
  /** Clears the text kept for review of events older than `before` (ms); returns how many. */
  forgetTexts(before: number): Promise<number>;
  close(): Promise<void>;
}

/** Column names in table order; the event field each one holds. */
export const COLUMNS = [
  ['at', 'at'],
  ['day', 'day'],
  ['conversation', 'conversation'],
  ['channel', 'channel'],
  ['language', 'language'],
  ['type', 'type'],
  ['decision', 'decision'],
  ['entry', 'entry'],
  ['confidence', 'confidence'],
  ['tree', 'tree'],
  ['node', 'node'],
  ['feedback', 'feedback'],
  ['value', 'value'],
  ['phase', 'phase'],
  ['wait_ms', 'waitMs'],
  ['outcome', 'outcome'],
  ['latency_ms', 'latencyMs'],
  ['text', 'text'],
  ['closest', 'closest'],
] as const;

/** The row of an event, in COLUMNS order: the UTC day is stored so reports group by it directly. */
export function eventRow(event: InsightEvent): unknown[] {
  const day = new Date(event.at).toISOString().slice(0, 10);
  return COLUMNS.map(([column, field]) => (column === 'day' ? day : (event[field as keyof InsightEvent] ?? null)));
}

/** The table, in SQL both databases read; `serial` and `real` differ. */
export function createTableSql(serial: string, real: string): string[] {
  const columns = COLUMNS.map(([column]) => {
    if (column === 'at' || column === 'value' || column === 'wait_ms') return `${column} BIGINT${column === 'at' ? ' NOT NULL' : ''}`;
    if (column === 'confidence' || column === 'latency_ms') return `${column} ${real}`;
    const required = ['day', 'conversation', 'channel', 'language', 'type'].includes(column);
    return `${column} TEXT${required ? ' NOT NULL' : ''}`;
  });
  return [
    `CREATE TABLE IF NOT EXISTS events (id ${serial}, ${columns.join(', ')})`,
    'CREATE INDEX IF NOT EXISTS events_at ON events (at)',
    'CREATE INDEX IF NOT EXISTS events_conversation ON events (conversation, at)',
  ];
}

export const INSERT_SQL = `INSERT INTO events (${COLUMNS.map(([c]) => c).join(', ')}) VALUES (${COLUMNS.map(() => '?').join(', ')})`;
export const FORGET_TEXTS_SQL = 'UPDATE events SET text = NULL WHERE text IS NOT NULL AND at < ?';
