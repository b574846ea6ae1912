import { ActivityTypes, TestAdapter, type Activity } from 'botbuilder';
import { beforeAll, describe, expect, it } from 'vitest';
import type { App } from '../../src/app.js';
import { answerCard } from '../../src/replies/answer-card.js';
import { answerContent, answerReply } from '../../src/replies/answers.js';
import { readPayload } from '../../src/replies/payload.js';
import { rendererFor } from '../../src/replies/send.js';
import { createTestBot } from '../support/bot-harness.js';

let app: App;
beforeAll(async () => {
  app = await createTestBot();
});

type Json = Record<string, unknown>;
/** Every element of a card, depth first, so tests can look for kinds of element. */
function walk(node: unknown): Json[] {
  if (Array.isArray(node)) return node.flatMap(walk);
  if (!node || typeof node !== 'object') return [];
  const object = node as Json;
  return [object, ...Object.values(object).flatMap(walk)];
}
const cardOf = (activity: Partial<Activity>) => activity.attachments?.[0]?.content as Json;
const submits = (card: unknown) => walk(card).filter((e) => e.type === 'Action.Submit');

describe('answers as Adaptive Cards', () => {
  it('an answer card has the title, numbered steps, warnings in attention style and version 1.5', () => {
    const entry = app.services.kb.get('2fa-disable')!;
    const answer = answerContent(entry, 'it');
    const card = answerCard(answer);
    const texts = walk(card).filter((e) => e.type === 'TextBlock').map((e) => String(e.text));
    expect(card.version).toBe('1.5');
    expect(texts[0]).toBe(entry.text.it.title);
    const firstSteps = entry.text.it.answer.sections!.find((s) => s.steps)!.steps!;
    expect(texts).toContain(firstSteps[0]!.trim());
    const attention = walk(card).find((e) => e.type === 'Container' && e.style === 'attention');
    expect(walk(attention).map((e) => e.text)).toContain(entry.text.it.answer.warnings![0]!.trim());
    // Attention-coloured text on the attention background fails WCAG contrast in Web Chat.
    expect(walk(attention).filter((e) => e.type === 'TextBlock').map((e) => e.color)).toEqual(walk(attention).filter((e) => e.type === 'TextBlock').map(() => undefined));
    expect(card.fallbackText).toContain(`**${entry.text.it.title}**`);
  });

  it('numbers the steps of each section 1, 2, 3 as plain text, which no renderer reads as a Markdown list', () => {
    const entry = app.services.kb.get('2fa-disable')!;
    const card = answerCard(answerContent(entry, 'en'));
    const stepCounts = entry.text.en.answer.sections!.filter((s) => s.steps).map((s) => s.steps!.length);
    const expected = stepCounts.flatMap((count) => Array.from({ length: count }, (_, i) => `${i + 1}.`));
    const numbers = walk(card).filter((e) => e.type === 'TextRun').map((e) => e.text);
    expect(numbers).toEqual(expected);
    expect(expected).toContain('3.');
    // No TextBlock starts with a list marker that Markdown would renumber.
    expect(walk(card).filter((e) => e.type === 'TextBlock' && /^\s*\d+[.)](\s|$)/.test(String(e.text)))).toEqual([]);
  });

  it('numbers the steps the same way in the Markdown fallback', () => {
    const entry = app.services.kb.get('2fa-disable')!;
    const markdown = answerReply(app.services.kb, entry, 'de', app.services.t).text;
    const steps = entry.text.de.answer.sections!.find((s) => s.steps)!.steps!;
    steps.forEach((step, i) => expect(markdown).toContain(`${i + 1}. ${step.trim()}`));
  });

  it('related questions are plain Action.Submit card buttons whose data is the payload', () => {
    const reply = answerReply(app.services.kb, app.services.kb.get('2fa-disable')!, 'fr', app.services.t);
    const activity = rendererFor('webchat')(reply);
    const buttons = submits(cardOf(activity));
    // Related questions first, then 👍 / 👎.
    expect(buttons.map((b) => b.title)).toEqual([...reply.choices!, ...reply.feedback!.choices].map((c) => c.title));
    expect(readPayload(buttons.at(-1)!.data)).toEqual({ action: 'helpful', entry: '2fa-disable', helpful: false });
    const data = buttons[0]!.data as Json;
    expect(readPayload(data)).toEqual(reply.choices![0]!.payload);
    // No msteams.messageBack: the Agents Playground cannot click such a button (see submitAction).
    expect(data).not.toHaveProperty('msteams');
    expect(activity.suggestedActions).toBeUndefined();
  });

  it('channels without cards keep the Markdown text with suggested actions', () => {
    const reply = answerReply(app.services.kb, app.services.kb.get('2fa-disable')!, 'en', app.services.t);
    const activity = rendererFor('test')(reply);
    expect(activity.attachments).toBeUndefined();
    expect(activity.text).toContain(`**${app.services.kb.get('2fa-disable')!.text.en.title}**`);
    expect(activity.suggestedActions?.actions.map((a) => a.title)).toEqual([...reply.choices!, ...reply.feedback!.choices].map((c) => c.title));
    expect(activity.text).toMatch(new RegExp(`${app.services.t('en', 'answer.helpful').replace('?', '\\?')}$`));
  });
});

describe('questions on each channel', () => {
  async function firstTurn(channelId: string, text: string): Promise<Partial<Activity>[]> {
    const adapter = new TestAdapter((context) => app.bot.run(context), {
      channelId,
      conversation: { id: `cards-${channelId}-${Math.random()}`, isGroup: false, conversationType: 'personal', name: 'x' },
      locale: 'it-IT',
    } as Partial<Activity>);
    await adapter.receiveActivity({ type: ActivityTypes.Message, text, locale: 'it-IT' });
    return adapter.activeQueue.splice(0).filter((a) => a.type === ActivityTypes.Message);
  }

  it('Teams gets the choices of a question as card buttons, since it shows no suggested actions', async () => {
    const replies = await firstTurn('msteams', 'non riesco più a disattivare la doppia autenticazione');
    const question = replies.at(-1)!;
    expect(question.suggestedActions).toBeUndefined();
    const buttons = submits(cardOf(question));
    expect(buttons.map((b) => b.title)).toContain(app.services.t('it', 'tree.start'));
    expect(readPayload(buttons[0]!.data)).toEqual({ action: 'tree', tree: '2fa-recovery' });
  });

  it('Web Chat gets the same question with suggested actions', async () => {
    const replies = await firstTurn('webchat', 'non riesco più a disattivare la doppia autenticazione');
    const question = replies.at(-1)!;
    expect(question.attachments).toBeUndefined();
    expect(question.suggestedActions?.actions.map((a) => a.title)).toContain(app.services.t('it', 'tree.start'));
  });
});
