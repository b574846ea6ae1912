import { TurnContext } from '../sdk/turn.js';
import type { TurnInput } from '../dialogs/turn-input.js';
import { turnEvents } from '../insights/turn-events.js';
import type { Reply } from '../replies/reply.js';
import { sendReplies } from '../replies/send.js';
import { clearNotes, caseNotes } from './case-notes.js';
import { ratingChoices, type HandoffDesk } from './desk.js';
import type { HandoffCase } from './model.js';

// Good enough to tell an address from a sentence; the agent writes to it, nobody else relies on it.
const EMAIL = /^[^\s@<>]+@[^\s@<>]+\.[^\s@<>]{2,}$/;
const RATING = /^\s*([1-5])\s*(?:\/\s*5)?\s*[.!]*\s*$/;

/**
 * A customer's message while one of their cases is open: relayed to the agent, or read as the
 * answer the case waits for (an e-mail, a rating, a comment). Returns false when the
 * conversation has no open case and the bot should answer as usual.
 */
export async function handleCustomerTurn(desk: HandoffDesk, context: TurnContext, input: TurnInput): Promise<boolean> {
  const caseId = await desk.store.caseOfCustomer(context.activity.conversation.id);
  const handoffCase = caseId ? await desk.store.get(caseId) : undefined;
  if (!handoffCase?.step) return false;
  const language = handoffCase.language;
  const t = (key: string, values?: Record<string, unknown>) => desk.t(language, key, values);
  const say = (...replies: Reply[]) => sendReplies(context, ...replies);
  const payload = input.payload;
  const text = input.text;
  // To the agent goes the whole message as masked, secrets' announcing words included ("my IBAN is [IBAN]").
  const said = (TurnContext.removeRecipientMention(context.activity) ?? context.activity.text ?? '').trim();

  switch (handoffCase.step) {
    case 'chat':
      await relayToAgent(desk, handoffCase, said);
      return true;
    case 'waiting': {
      if (said && !payload) await relayToAgent(desk, handoffCase, said);
      await say({ text: t('handoff.stillWaiting', { ...(await desk.place(handoffCase.id)) }) });
      return true;
    }
    case 'email': {
      if (payload?.action === 'handoff' && payload.step === 'leave-email') {
        await say({ text: t('handoff.askEmail') });
        return true;
      }
      if (payload?.action === 'handoff' && payload.step === 'keep-waiting') {
        await desk.store.update(handoffCase.id, (c) => (c.step === 'email' ? { ...c, step: 'waiting' } : undefined));
        await say({ text: t('handoff.stillWaiting', { ...(await desk.place(handoffCase.id)) }) });
        return true;
      }
      if (payload?.action === 'handoff' && payload.step === 'decline') {
        await finish(desk, context, handoffCase, { text: t('handoff.ticketKept', { id: handoffCase.id }) });
        return true;
      }
      const email = text.trim();
      if (!EMAIL.test(email)) {
        await say({ text: t('handoff.badEmail') });
        return true;
      }
      const stored = await desk.store.update(handoffCase.id, (c) => (c.step === 'email' ? { ...c, email, status: c.status === 'queued' ? 'ticket' : c.status } : undefined));
      if (stored) {
        await desk.store.dequeue(stored.id);
        await desk.store.addTicket(stored.id, Date.parse(stored.openedAt));
        await desk.refreshCard(stored);
        await desk.toThread(stored, { text: desk.t(desk.agentLanguage, 'handoff.agent.ticketLeft', { email }) });
      }
      await finish(desk, context, handoffCase, { text: t('handoff.ticketStored', { id: handoffCase.id, email }) });
      return true;
    }
    case 'rating': {
      const score = payload?.action === 'rate' ? payload.score : Number(RATING.exec(text)?.[1] ?? NaN);
      if (!Number.isInteger(score)) {
        await say({ text: t('handoff.rateAgain'), choices: ratingChoices() });
        return true;
      }
      const rated = await desk.store.update(handoffCase.id, (c) =>
        c.step === 'rating' ? { ...c, step: 'comment', rating: { score, at: desk.now().toISOString() } } : undefined,
      );
      if (rated) {
        turnEvents(context).feedback({ kind: 'rating', value: score });
        await desk.refreshCard(rated);
        await desk.toThread(rated, { text: desk.t(desk.agentLanguage, 'handoff.agent.ratedLine', { score }) });
      }
      await say({ text: t('handoff.askComment'), choices: [{ title: t('handoff.noThanks'), payload: { action: 'handoff', step: 'no-comment' } }] });
      return true;
    }
    case 'comment': {
      const skipped = payload !== undefined || !text;
      if (!skipped) {
        const commented = await desk.store.update(handoffCase.id, (c) => (c.rating ? { ...c, rating: { ...c.rating, comment: text } } : undefined));
        if (commented) {
          // The comment as masked by the first middleware, for the dashboard (cleared with the other texts).
          turnEvents(context).feedback({ kind: 'comment', value: commented.rating!.score, text });
          await desk.toThread(commented, { text: desk.t(desk.agentLanguage, 'handoff.agent.commentLine', { text }) });
        }
      }
      await finish(desk, context, handoffCase, { text: t('handoff.back') });
      return true;
    }
  }
}

/** The customer's message, into the case's log and its thread. */
async function relayToAgent(desk: HandoffDesk, handoffCase: HandoffCase, text: string): Promise<void> {
  if (!text) return;
  await desk.store.appendMessage(handoffCase.id, { from: 'customer', text, at: desk.now().toISOString() });
  await desk.toThread(handoffCase, { text: desk.t(desk.agentLanguage, 'handoff.agent.customerSays', { text }) });
}

/** The case wants nothing more from the customer: the bot answers again, and the next case starts from fresh notes. */
async function finish(desk: HandoffDesk, context: TurnContext, handoffCase: HandoffCase, reply: Reply): Promise<void> {
  await desk.store.update(handoffCase.id, (c) => ({ ...c, step: undefined }));
  await desk.release(handoffCase);
  clearNotes(caseNotes(context));
  await sendReplies(context, reply);
}
