import { isLanguage, type Language } from '../content/languages.js';
import type { EventStore } from '../insights/event-store.js';

/** Why a question is up for review. */
export type MissReason = 'declined' | 'clarified-abandoned' | 'thumbed-down';

export interface Miss {
  text: string;
  language: Language;
  reason: MissReason;
  /** For a 👎: the entry whose answer did not help (not a home for the question). */
  notEntry?: string;
}

interface Row {
  id: number;
  conversation: string;
  type: string;
  decision: string | null;
  entry: string | null;
  feedback: string | null;
  value: number | null;
  text: string | null;
  language: string;
}

/**
 * The questions of the last days the bot did not serve well: declined ones, clarified ones
 * whose "did you mean" got no pick (the next message showed no answer, or there was none),
 * and those whose answer got a 👎. Only these keep their (masked) text.
 */
export async function collectMisses(store: EventStore, since: number): Promise<Miss[]> {
  const rows = await store.all<Row>(
    `SELECT id, conversation, type, decision, entry, feedback, value, text, language FROM events
     WHERE at >= ? AND (type = 'turn' OR (type = 'feedback' AND feedback = 'helpful' AND value = 0))
       AND conversation IN (SELECT conversation FROM events WHERE at >= ? AND text IS NOT NULL)
     ORDER BY conversation, at, id`,
    [since, since],
  );
  const misses: Miss[] = [];
  rows.forEach((row, i) => {
    if (!row.text || !isLanguage(row.language)) return;
    const base = { text: row.text, language: row.language };
    if (row.type === 'feedback') {
      misses.push({ ...base, reason: 'thumbed-down', ...(row.entry ? { notEntry: row.entry } : {}) });
    } else if (row.decision === 'none') {
      misses.push({ ...base, reason: 'declined' });
    } else if (row.decision === 'clarify') {
      const next = rows.slice(i + 1).find((r) => r.type === 'turn');
      const picked = next && next.conversation === row.conversation && next.entry !== null && next.decision === null;
      if (!picked) misses.push({ ...base, reason: 'clarified-abandoned' });
    }
  });
  return misses;
}
