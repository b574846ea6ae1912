import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { App } from '../../src/app.js';
import type { Payload } from '../../src/replies/payload.js';
import { wrapPayload } from '../../src/replies/payload.js';
import { HttpBot } from '../support/http-bot.js';

let bot: HttpBot;
let app: App;
beforeAll(async () => {
  bot = await HttpBot.start();
  app = bot.app;
});
afterAll(() => bot.stop());

/** One conversation over HTTP, through every middleware (redaction, events) as a channel's messages go. */
function conversation(id: string, locale: string) {
  return {
    say: (text: string) => bot.say(id, text, { locale }),
    click: (title: string, payload: Payload) => bot.say(id, title, { locale, value: wrapPayload(payload) }),
  };
}

interface Row {
  conversation: string;
  type: string;
  language: string;
  decision: string | null;
  entry: string | null;
  tree: string | null;
  node: string | null;
  outcome: string | null;
  feedback: string | null;
  value: number | null;
  phase: string | null;
  text: string | null;
  latency_ms: number | null;
}

async function eventsOf(conversation: string): Promise<Row[]> {
  await app.insights.writer.flush();
  const store = await app.insights.store();
  return store!.all<Row>('SELECT * FROM events WHERE conversation = ? ORDER BY id', [conversation]);
}

describe('events of every turn', () => {
  it('records an answered question with its entry, language, confidence and latency, and not its text', async () => {
    await conversation('ev-answer', 'en-US').say('how do I stop getting your newsletters?');
    const [turn] = await eventsOf('ev-answer');
    expect(turn).toMatchObject({ type: 'turn', language: 'en', decision: 'answer', entry: 'newsletter', text: null });
    expect(turn!.latency_ms).toBeGreaterThan(0);
  });

  it('keeps the masked text of a declined question, never the secret typed in it', async () => {
    await conversation('ev-decline', 'it-IT').say('la mia password è Tr0ub4dor&3 e voglio ordinare una pizza margherita');
    const [turn] = await eventsOf('ev-decline');
    expect(turn).toMatchObject({ type: 'turn', decision: 'none', entry: null });
    expect(turn!.text).toContain('pizza');
    expect(turn!.text).not.toContain('Tr0ub4dor');
  });

  it('follows a guided tree node by node, and records "not solved" and the hand-off', async () => {
    const tree = conversation('ev-tree', 'it-IT');
    await tree.click('Guidami', { action: 'tree', tree: '2fa-recovery' });
    await tree.click('No', { action: 'choice', tree: '2fa-recovery', node: 'can-pass-second-factor', next: 'support-policy' });
    await tree.click('Sì', { action: 'choice', tree: '2fa-recovery', node: 'has-emergency-codes', next: 'use-emergency-code' });
    await tree.click('No', { action: 'solved', tree: '2fa-recovery', solved: false });
    const rows = await eventsOf('ev-tree');
    const reached = rows.filter((r) => r.type === 'tree' && !r.outcome).map((r) => r.node);
    expect(reached).toEqual(['can-pass-second-factor', 'support-policy', 'has-emergency-codes', 'use-emergency-code']);
    expect(rows.find((r) => r.type === 'feedback')).toMatchObject({ feedback: 'solved', value: 0, tree: '2fa-recovery', node: 'use-emergency-code' });
    expect(rows.find((r) => r.type === 'tree' && r.outcome)).toMatchObject({ outcome: 'not-solved', node: 'use-emergency-code' });
    expect(rows.find((r) => r.type === 'handoff')).toMatchObject({ phase: 'requested', tree: '2fa-recovery' });
  });

  it('records asking for a person in so many words as a hand-off request too', async () => {
    await conversation('ev-human', 'en-US').say('I want to talk to a human please');
    const rows = await eventsOf('ev-human');
    expect(rows.filter((r) => r.type === 'handoff')).toMatchObject([{ phase: 'requested', tree: null, language: 'en' }]);
  });

  it('records 👍 and 👎 per entry, keeping the question of a 👎 only', async () => {
    const up = conversation('ev-thumbs-up', 'en-US');
    await up.say('how do I stop getting your newsletters?');
    await up.click('👍', { action: 'helpful', entry: 'newsletter', helpful: true });
    const down = conversation('ev-thumbs-down', 'fr-FR');
    await down.say('comment arrêter de recevoir la newsletter ?');
    await down.say('non');
    expect((await eventsOf('ev-thumbs-up')).find((r) => r.type === 'feedback')).toMatchObject({ feedback: 'helpful', value: 1, entry: 'newsletter', text: null });
    expect((await eventsOf('ev-thumbs-down')).find((r) => r.type === 'feedback')).toMatchObject({
      feedback: 'helpful',
      value: 0,
      entry: 'newsletter',
      language: 'fr',
      text: 'comment arrêter de recevoir la newsletter ?',
    });
  });

  it('counts the same turns and decisions in /metrics', async () => {
    const metrics = await app.insights.metrics.text();
    expect(metrics).toMatch(/sportello_decisions_total\{decision="answer",language="en",entry="newsletter"\} [1-9]/);
    expect(metrics).toMatch(/sportello_decisions_total\{decision="none",language="it",entry="none"\} [1-9]/);
    expect(metrics).toMatch(/sportello_handoffs_total\{phase="requested",language="it"\} 1/);
    expect(metrics).toMatch(/sportello_turn_duration_seconds_bucket\{le="0.5",language="en",entry="newsletter"\} [1-9]/);
  });
});
