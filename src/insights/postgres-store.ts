import pg from 'pg';
import { COLUMNS, createTableSql, eventRow, FORGET_TEXTS_SQL, INSERT_SQL, type EventStore } from './event-store.js';

// Counts, sums and BIGINT columns come back from PostgreSQL as strings; our numbers fit a double.
const INT8 = 20;
const NUMERIC = 1700;
const types = {
  getTypeParser: (oid: number, format?: string) =>
    oid === INT8 || oid === NUMERIC ? (value: string) => Number(value) : pg.types.getTypeParser(oid, format as 'text'),
};

/** '?' placeholders, as the reports write them, to PostgreSQL's $1, $2… */
export function numbered(sql: string): string {
  let n = 0;
  return sql.replace(/\?/g, () => `$${++n}`);
}

// Two processes starting at once would both try to create the table: one at a time.
const SCHEMA_LOCK = 0x5e7e11;

/** Events in PostgreSQL (DATABASE_URL): many bot processes write to one database. */
export async function openPostgresStore(url: string): Promise<EventStore> {
  const pool = new pg.Pool({ connectionString: url, max: 4, types });
  // An idle client losing its connection must not crash the bot; the next query reconnects.
  pool.on('error', () => {});
  const client = await pool.connect();
  try {
    await client.query('BEGIN');
    await client.query('SELECT pg_advisory_xact_lock($1)', [SCHEMA_LOCK]);
    for (const sql of createTableSql('BIGSERIAL PRIMARY KEY', 'DOUBLE PRECISION')) await client.query(sql);
    await client.query('COMMIT');
  } catch (error) {
    await client.query('ROLLBACK').catch(() => {});
    throw error;
  } finally {
    client.release();
  }
  const insertSql = numbered(INSERT_SQL);
  return {
    kind: 'postgres',
    async insert(events) {
      if (events.length === 0) return;
      // One statement for the batch: many rows, numbered placeholders.
      const width = COLUMNS.length;
      const values = events.map((_, i) => `(${COLUMNS.map((__, j) => `$${i * width + j + 1}`).join(', ')})`).join(', ');
      await pool.query(`${insertSql.slice(0, insertSql.indexOf('VALUES'))}VALUES ${values}`, events.flatMap(eventRow));
    },
    async all<T extends object>(sql: string, params: readonly unknown[] = []) {
      return (await pool.query(numbered(sql), [...params])).rows as T[];
    },
    async forgetTexts(before) {
      return (await pool.query(numbered(FORGET_TEXTS_SQL), [before])).rowCount ?? 0;
    },
    async close() {
      await pool.end();
    },
  };
}
