import { EventFactory } from '../sdk/cards.js';
import { type TurnContext } from '../sdk/turn.js';
import { LANGUAGES, type Language } from '../content/languages.js';
import { summaryMarkdown } from '../handoff/case-card.js';
import { caseNotes } from '../handoff/case-notes.js';
import { everyLanguage } from '../i18n/i18n.js';
import type { Payload } from '../replies/payload.js';
import type { Reply } from '../replies/reply.js';
import type { DialogServices } from './services.js';
import type { TreeHandoff } from './tree-dialog.js';
import type { TypeableChoice } from './typed-choice.js';

export type PersonOffer =
  /** Hand-offs are set up: what will be passed on, in every language, and "connect me?" with its buttons. */
  | { kind: 'confirm'; question: Record<Language, string>; offered: Array<TypeableChoice & { payload: Payload }> }
  /** No agents' channel: how to reach support from the Manager. */
  | { kind: 'manual'; text: string };

/** The "Talk to a person" button offered beside the topics after the bot could not help. */
export const talkToPerson = (services: DialogServices): TypeableChoice & { payload: Payload } => ({
  label: everyLanguage(services.t, 'handoff.talk'),
  payload: { action: 'command', command: 'human' },
});

/**
 * What the bot says when the customer asks for a person (or a check gave up): the case as it
 * would be passed on, so they need not tell it again, and a yes/no; or, where hand-offs are not
 * set up, how to reach support.
 */
export async function personOffer(services: DialogServices, context: TurnContext, language: Language, from?: TreeHandoff): Promise<PersonOffer> {
  const desk = services.handoff;
  const lead = (l: Language) => (from && l === language ? `${from.text}\n\n` : '');
  if (!desk || !(await desk.agentChannel())) return { kind: 'manual', text: `${lead(language)}${services.t(language, 'handoff.how')}` };
  const notes = caseNotes(context);
  const question = Object.fromEntries(
    LANGUAGES.map((l) => {
      const summary = summaryMarkdown({ summary: desk.summarise(context, notes, l, l) }, services.t, l);
      return [l, `${lead(l)}${summary ? services.t(l, 'handoff.confirm', { summary }) : services.t(l, 'handoff.confirmEmpty')}`];
    }),
  ) as Record<Language, string>;
  return {
    kind: 'confirm',
    question,
    offered: [
      { label: everyLanguage(services.t, 'handoff.talk'), means: 'yes', payload: { action: 'handoff', step: 'confirm' } },
      { label: everyLanguage(services.t, 'handoff.noThanks'), means: 'no', payload: { action: 'handoff', step: 'decline' } },
    ],
  };
}

/** The customer said yes: the case is opened; the replies tell them their place in the queue. Undefined when hand-offs are not set up. */
export async function connectPerson(services: DialogServices, context: TurnContext, language: Language): Promise<Reply[] | undefined> {
  const opened = services.handoff ? await services.handoff.open(context, caseNotes(context), language) : undefined;
  if (!opened?.handoffCase) return undefined;
  await sendHandoffEvent(context, { case: opened.handoffCase.id, summary: opened.handoffCase.summary });
  return opened.replies;
}

/** Bot Framework's handoff.initiate, so a contact-centre integration could take over (OutgoingForChannel keeps it off Teams). */
export async function sendHandoffEvent(context: TurnContext, value: object): Promise<void> {
  await context.sendActivity(EventFactory.createHandoffInitiation(context, value));
}
