import { mkdirSync } from 'node:fs';
import path from 'node:path';
import Database from 'better-sqlite3';
import { createTableSql, eventRow, FORGET_TEXTS_SQL, INSERT_SQL, type EventStore } from './event-store.js';

/**
 * Events in an SQLite file (the default: `npm start` needs no database server). WAL mode and a
 * busy timeout let several bot processes on one machine write to the same file.
 */
export function openSqliteStore(file: string): EventStore {
  if (file !== ':memory:') mkdirSync(path.dirname(path.resolve(file)), { recursive: true });
  const db = new Database(file);
  db.pragma('journal_mode = WAL');
  db.pragma('busy_timeout = 5000');
  for (const sql of createTableSql('INTEGER PRIMARY KEY AUTOINCREMENT', 'REAL')) db.exec(sql);
  const insert = db.prepare(INSERT_SQL);
  const insertAll = db.transaction((rows: unknown[][]) => {
    for (const row of rows) insert.run(row);
  });
  return {
    kind: 'sqlite',
    async insert(events) {
      insertAll(events.map(eventRow));
    },
    async all<T extends object>(sql: string, params: readonly unknown[] = []) {
      return db.prepare(sql).all(...params) as T[];
    },
    async forgetTexts(before) {
      return db.prepare(FORGET_TEXTS_SQL).run(before).changes;
    },
    async close() {
      if (db.open) db.close();
    },
  };
}
