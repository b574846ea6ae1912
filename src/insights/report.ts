import type { EventStore } from './event-store.js';

const DAY_MS = 24 * 3600 * 1000;

export interface ReportRange {
  /** Days back from today (UTC), today included. */
  days: number;
  /** Only this language; all when undefined. */
  language?: string;
  now?: number;
}

export interface DailyRow {
  day: string;
  language: string;
  conversations: number;
  answered: number;
  clarified: number;
  declined: number;
  handoffs: number;
  helpful: number;
  unhelpful: number;
}

export interface Report {
  from: string;
  to: string;
  totals: {
    conversations: number;
    answered: number;
    clarified: number;
    declined: number;
    handoffs: number;
    /** Conversations with a hand-off, over all conversations (0-1). */
    handoffRate: number;
    /** Hand-offs an agent took, and closed. */
    handoffsTaken: number;
    handoffsClosed: number;
    /** Median wait for an agent, in ms; undefined with no hand-off taken. */
    medianWaitMs?: number;
    helpful: number;
    unhelpful: number;
    /** 👍 over 👍 + 👎 (0-1); undefined with no feedback. */
    helpfulRate?: number;
    ratings: number;
    averageRating?: number;
  };
  /** How many ratings gave 1, 2, 3, 4 and 5 (index 0 is 1). */
  ratingCounts: number[];
  /** The latest comments after a hand-off (masked as typed), newest first. */
  comments: Array<{ score: number; text: string; language: string; day: string }>;
  daily: DailyRow[];
  declined: Array<{ text: string; language: string; count: number }>;
  entries: Array<{ entry: string; answered: number; helpful: number; unhelpful: number }>;
  trees: Array<{ tree: string; started: number; outcomes: Record<string, number>; nodes: Array<{ node: string; reached: number; left: number }> }>;
}

const count = (condition: string) => `SUM(CASE WHEN ${condition} THEN 1 ELSE 0 END)`;

/**
 * Everything the dashboard and its CSV show, computed from the events of a range of days.
 * Portable SQL: the same queries run on SQLite and PostgreSQL.
 */
export async function buildReport(store: EventStore, range: ReportRange): Promise<Report> {
  const now = range.now ?? Date.now();
  const to = new Date(now).toISOString().slice(0, 10);
  const from = new Date(now - (range.days - 1) * DAY_MS).toISOString().slice(0, 10);
  const where = `day >= ? AND day <= ?${range.language ? ' AND language = ?' : ''}`;
  const params = [from, to, ...(range.language ? [range.language] : [])];
  const num = (v: unknown) => Number(v ?? 0);

  const daily = await store.all<Record<string, unknown>>(
    `SELECT day, language, COUNT(DISTINCT conversation) AS conversations,
       ${count("type = 'turn' AND decision = 'answer'")} AS answered,
       ${count("type = 'turn' AND decision = 'clarify'")} AS clarified,
       ${count("type = 'turn' AND decision = 'none'")} AS declined,
       ${count("type = 'handoff' AND phase = 'requested'")} AS handoffs,
       ${count("type = 'feedback' AND feedback = 'helpful' AND value = 1")} AS helpful,
       ${count("type = 'feedback' AND feedback = 'helpful' AND value = 0")} AS unhelpful
     FROM events WHERE ${where} GROUP BY day, language ORDER BY day, language`,
    params,
  );
  const [totals] = await store.all<Record<string, unknown>>(
    `SELECT COUNT(DISTINCT conversation) AS conversations,
       COUNT(DISTINCT CASE WHEN type = 'handoff' AND phase = 'requested' THEN conversation END) AS handed,
       ${count("type = 'handoff' AND phase = 'accepted'")} AS taken,
       ${count("type = 'handoff' AND phase = 'closed'")} AS closed,
       ${count("type = 'feedback' AND feedback = 'rating'")} AS ratings,
       AVG(CASE WHEN type = 'feedback' AND feedback = 'rating' THEN value END) AS rating
     FROM events WHERE ${where}`,
    params,
  );
  const waits = (await store.all<{ wait: unknown }>(`SELECT wait_ms AS wait FROM events WHERE ${where} AND type = 'handoff' AND phase = 'accepted' AND wait_ms IS NOT NULL ORDER BY wait_ms`, params)).map((r) => num(r.wait));
  const ratingRows = await store.all<{ value: unknown; n: unknown }>(`SELECT value, COUNT(*) AS n FROM events WHERE ${where} AND type = 'feedback' AND feedback = 'rating' GROUP BY value`, params);
  const ratingCounts = [1, 2, 3, 4, 5].map((score) => num(ratingRows.find((r) => num(r.value) === score)?.n));
  const comments = await store.all<Record<string, unknown>>(
    `SELECT value, text, language, day FROM events WHERE ${where} AND type = 'feedback' AND feedback = 'comment' AND text IS NOT NULL ORDER BY at DESC, id DESC LIMIT 10`,
    params,
  );
  const declined = await store.all<Record<string, unknown>>(
    `SELECT text, language, COUNT(*) AS n FROM events WHERE ${where} AND type = 'turn' AND decision = 'none' AND text IS NOT NULL
     GROUP BY text, language ORDER BY n DESC, text LIMIT 15`,
    params,
  );
  const entries = await store.all<Record<string, unknown>>(
    `SELECT entry, ${count("type = 'turn'")} AS answered,
       ${count("type = 'feedback' AND feedback = 'helpful' AND value = 1")} AS helpful,
       ${count("type = 'feedback' AND feedback = 'helpful' AND value = 0")} AS unhelpful
     FROM events WHERE ${where} AND entry IS NOT NULL AND (type = 'feedback' OR (type = 'turn' AND (decision = 'answer' OR decision IS NULL)))
     GROUP BY entry ORDER BY entry`,
    params,
  );
  const treeEvents = await store.all<{ conversation: string; tree: string; node: string; outcome: string | null }>(
    `SELECT conversation, tree, node, outcome FROM events WHERE ${where} AND type = 'tree' ORDER BY conversation, at, id`,
    params,
  );

  const dailyRows: DailyRow[] = daily.map((r) => ({
    day: String(r.day),
    language: String(r.language),
    conversations: num(r.conversations),
    answered: num(r.answered),
    clarified: num(r.clarified),
    declined: num(r.declined),
    handoffs: num(r.handoffs),
    helpful: num(r.helpful),
    unhelpful: num(r.unhelpful),
  }));
  const sum = (key: keyof Omit<DailyRow, 'day' | 'language'>) => dailyRows.reduce((s, r) => s + r[key], 0);
  const conversations = num(totals?.conversations);
  const helpful = sum('helpful');
  const unhelpful = sum('unhelpful');
  const ratings = num(totals?.ratings);
  return {
    from,
    to,
    totals: {
      conversations,
      answered: sum('answered'),
      clarified: sum('clarified'),
      declined: sum('declined'),
      handoffs: sum('handoffs'),
      handoffRate: conversations ? num(totals?.handed) / conversations : 0,
      handoffsTaken: num(totals?.taken),
      handoffsClosed: num(totals?.closed),
      ...(waits.length ? { medianWaitMs: waits[Math.floor((waits.length - 1) / 2)] } : {}),
      helpful,
      unhelpful,
      ...(helpful + unhelpful ? { helpfulRate: helpful / (helpful + unhelpful) } : {}),
      ratings,
      ...(ratings ? { averageRating: num(totals?.rating) } : {}),
    },
    ratingCounts,
    comments: comments.map((r) => ({ score: num(r.value), text: String(r.text), language: String(r.language), day: String(r.day) })),
    daily: dailyRows,
    declined: declined.map((r) => ({ text: String(r.text), language: String(r.language), count: num(r.n) })),
    entries: entries.map((r) => ({ entry: String(r.entry), answered: num(r.answered), helpful: num(r.helpful), unhelpful: num(r.unhelpful) })),
    trees: treeFunnels(treeEvents),
  };
}

/**
 * Per tree: how many conversations reached each node, and how many stopped there (their last
 * event in that tree is reaching the node, with no outcome after it). Runs in order of events.
 */
function treeFunnels(events: ReadonlyArray<{ conversation: string; tree: string; node: string; outcome: string | null }>): Report['trees'] {
  const trees = new Map<string, { started: Set<string>; outcomes: Record<string, number>; reached: Map<string, Set<string>>; last: Map<string, { node: string; ended: boolean }> }>();
  for (const e of events) {
    let tree = trees.get(e.tree);
    if (!tree) trees.set(e.tree, (tree = { started: new Set(), outcomes: {}, reached: new Map(), last: new Map() }));
    tree.started.add(e.conversation);
    if (e.outcome) {
      tree.outcomes[e.outcome] = (tree.outcomes[e.outcome] ?? 0) + 1;
      tree.last.set(e.conversation, { node: e.node, ended: true });
      continue;
    }
    let reached = tree.reached.get(e.node);
    if (!reached) tree.reached.set(e.node, (reached = new Set()));
    reached.add(e.conversation);
    tree.last.set(e.conversation, { node: e.node, ended: false });
  }
  return [...trees.entries()]
    .sort(([a], [b]) => a.localeCompare(b))
    .map(([id, tree]) => {
      const left = new Map<string, number>();
      for (const last of tree.last.values()) if (!last.ended) left.set(last.node, (left.get(last.node) ?? 0) + 1);
      return {
        tree: id,
        started: tree.started.size,
        outcomes: tree.outcomes,
        nodes: [...tree.reached.entries()].map(([node, who]) => ({ node, reached: who.size, left: left.get(node) ?? 0 })),
      };
    });
}

/** The daily table as CSV, one row per day and language. */
export function reportCsv(report: Report): string {
  const header = ['day', 'language', 'conversations', 'answered', 'clarified', 'declined', 'handoffs', 'helpful', 'unhelpful'] as const;
  return [header.join(','), ...report.daily.map((r) => header.map((h) => String(r[h])).join(','))].join('\n') + '\n';
}
