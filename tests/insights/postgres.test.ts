import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { LANGUAGES } from '../../src/content/languages.js';
import { createTranslator } from '../../src/i18n/i18n.js';
import { handoffEnv } from '../handoff/support.js';
import { ChildBot } from '../support/bot-process.js';
import { FakeConnector } from '../support/fake-connector.js';
import { projectContent } from '../support/content.js';
import { hasPostgres, PostgresServer } from '../support/postgres-server.js';
import { runSession, SECRETS, type Tally } from './session.js';

const TOKEN = 'postgres-test-admin-token-42';

/** The figures of one section of the dashboard (the headline, the hand-offs), read from its HTML. */
function figures(html: string, section: string): Record<string, string> {
  const start = html.indexOf(section);
  const part = html.slice(start, html.indexOf('</section>', start));
  return Object.fromEntries([...part.matchAll(/data-metric="([^"]+)">([^<]*)</g)].map((m) => [m[1]!, m[2]!]));
}
const headline = (html: string) => figures(html, '<section class="kpis">');

describe.skipIf(!hasPostgres)('events in PostgreSQL, from two bot processes writing at once', () => {
  let server: PostgresServer;
  let bots: ChildBot[] = [];
  let connector: FakeConnector;
  let tally: Tally;

  beforeAll(async () => {
    server = await PostgresServer.start();
    connector = await FakeConnector.start();
    const env = { DATABASE_URL: server.url, ADMIN_TOKEN: TOKEN, RATE_LIMIT_PER_IP: '0', RATE_LIMIT_PER_CONVERSATION: '0', ...handoffEnv(connector) };
    bots = await Promise.all([ChildBot.start(env, 120_000), ChildBot.start(env, 120_000)]);
    const t = await createTranslator((await projectContent()).locales, 'it');
    // Two sessions at once, each alternating between the two processes; in the first, an agent
    // takes and closes a hand-off and the customer rates it (one case thread at a time on the connector).
    const [a, b] = await Promise.all([runSession([bots[0]!, bots[1]!], t, 'pg-a', { agents: connector }), runSession([bots[1]!, bots[0]!], t, 'pg-b')]);
    tally = {
      ...a,
      conversations: a.conversations + b.conversations,
      answered: a.answered + b.answered,
      clarified: a.clarified + b.clarified,
      declined: a.declined + b.declined,
      helpful: a.helpful + b.helpful,
      unhelpful: a.unhelpful + b.unhelpful,
      handoffs: a.handoffs + b.handoffs,
      handoffsTaken: a.handoffsTaken + b.handoffsTaken,
      handoffsClosed: a.handoffsClosed + b.handoffsClosed,
      ratings: [...a.ratings, ...b.ratings],
    };
    for (const language of LANGUAGES) tally.byLanguage[language].declined = a.byLanguage[language].declined + b.byLanguage[language].declined;
  }, 300_000);

  afterAll(async () => {
    await Promise.all(bots.map((bot) => bot.kill('SIGTERM')));
    await server?.stop();
    await connector?.stop();
  });

  it('shows every conversation of both processes on either dashboard', async () => {
    for (const bot of bots) {
      // The other process writes in the background: the page is right once its batch is in.
      await expect
        .poll(async () => headline(await (await fetch(`${bot.url}/admin?lang=en`, { headers: { authorization: `Bearer ${TOKEN}` } })).text()), { timeout: 20_000 })
        .toMatchObject({
          conversations: String(tally.conversations),
          answered: String(tally.answered),
          clarified: String(tally.clarified),
          declined: String(tally.declined),
          handoffs: String(tally.handoffs),
          'average-rating': `${(tally.ratings.reduce((x, y) => x + y, 0) / tally.ratings.length).toFixed(1)}/5`,
        });
      const html = await (await fetch(`${bot.url}/admin?lang=en`, { headers: { authorization: `Bearer ${TOKEN}` } })).text();
      expect(figures(html, 'data-section="handoffs"')).toMatchObject({
        'handoffs-taken': String(tally.handoffsTaken),
        'handoffs-closed': String(tally.handoffsClosed),
        ratings: String(tally.ratings.length),
      });
    }
  });

  it('counts the same in /metrics, summed over the two processes', async () => {
    const texts = await Promise.all(bots.map(async (bot) => (await fetch(`${bot.url}/metrics`)).text()));
    const total = (filter: RegExp) =>
      texts
        .flatMap((t) => t.split('\n'))
        .filter((l) => filter.test(l))
        .reduce((s, l) => s + Number(l.split(' ').at(-1)), 0);
    expect(total(/^sportello_decisions_total\{decision="answer"/)).toBe(tally.answered);
    expect(total(/^sportello_decisions_total\{decision="none"/)).toBe(tally.declined);
    expect(total(/^sportello_feedback_total\{kind="helpful",value="no"/)).toBe(tally.unhelpful);
    expect(total(/^sportello_handoffs_total\{phase="requested"/)).toBe(tally.handoffs);
    expect(total(/^sportello_handoffs_total\{phase="accepted"/)).toBe(tally.handoffsTaken);
    expect(total(/^sportello_handoffs_total\{phase="closed"/)).toBe(tally.handoffsClosed);
    expect(total(/^sportello_feedback_total\{kind="rating"/)).toBe(tally.ratings.length);
  });

  it('holds no secret that was typed', async () => {
    const client = new pg.Client({ connectionString: server.url });
    await client.connect();
    try {
      const { rows } = await client.query('SELECT * FROM events');
      const stored = JSON.stringify(rows);
      for (const secret of SECRETS) expect(stored).not.toContain(secret);
      expect(rows.filter((r: { type: string }) => r.type === 'turn').length).toBeGreaterThan(100);
    } finally {
      await client.end();
    }
  });
});
