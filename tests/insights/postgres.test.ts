import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { LANGUAGES } from '../../src/content/languages.js';
import { createTranslator } from '../../src/i18n/i18n.js';
import { ChildBot } from '../support/bot-process.js';
import { projectContent } from '../support/content.js';
import { hasPostgres, PostgresServer } from '../support/postgres-server.js';
import { runSession, SECRETS, type Tally } from './session.js';

const TOKEN = 'postgres-test-admin-token-42';

/** The figures of the dashboard's headline, read from its HTML. */
function headline(html: string): Record<string, string> {
  const kpis = html.slice(html.indexOf('<section class="kpis">'), html.indexOf('</section>'));
  return Object.fromEntries([...kpis.matchAll(/data-metric="([^"]+)">([^<]*)</g)].map((m) => [m[1]!, m[2]!]));
}

describe.skipIf(!hasPostgres)('events in PostgreSQL, from two bot processes writing at once', () => {
  let server: PostgresServer;
  let bots: ChildBot[] = [];
  let tally: Tally;

  beforeAll(async () => {
    server = await PostgresServer.start();
    const env = { DATABASE_URL: server.url, ADMIN_TOKEN: TOKEN, RATE_LIMIT_PER_IP: '0', RATE_LIMIT_PER_CONVERSATION: '0' };
    bots = await Promise.all([ChildBot.start(env, 120_000), ChildBot.start(env, 120_000)]);
    const t = await createTranslator((await projectContent()).locales, 'it');
    // Two sessions at once, each alternating between the two processes.
    const [a, b] = await Promise.all([runSession([bots[0]!, bots[1]!], t, 'pg-a'), runSession([bots[1]!, bots[0]!], t, 'pg-b')]);
    tally = { ...a, conversations: a.conversations + b.conversations, answered: a.answered + b.answered, clarified: a.clarified + b.clarified, declined: a.declined + b.declined, helpful: a.helpful + b.helpful, unhelpful: a.unhelpful + b.unhelpful, handoffs: a.handoffs + b.handoffs };
    for (const language of LANGUAGES) tally.byLanguage[language].declined = a.byLanguage[language].declined + b.byLanguage[language].declined;
  }, 300_000);

  afterAll(async () => {
    await Promise.all(bots.map((bot) => bot.kill('SIGTERM')));
    await server?.stop();
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
