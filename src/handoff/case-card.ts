import type { Attachment } from '../sdk/activity.js';
import type { Language } from '../content/languages.js';
import type { Translate } from '../i18n/i18n.js';
import { ADAPTIVE_CARD_CONTENT_TYPE, adaptiveCard, textBlock, type CardElement } from '../replies/adaptive-card.js';
import type { HandoffCase } from './model.js';

/** What an agent's card button sends back (Action.Submit data), read by the agent side. */
export interface AgentAction {
  action: 'take' | 'close';
  case: string;
}
export const AGENT_ACTION_KEY = 'sportelloAgent';

const submit = (title: string, value: AgentAction): CardElement => ({ type: 'Action.Submit', title, data: { [AGENT_ACTION_KEY]: value } });

/** A time as the agents read it, in their language (and the support hours' time zone, when set). */
export function agentTime(iso: string, language: Language, timeZone?: string): string {
  return new Intl.DateTimeFormat(language, { dateStyle: 'short', timeStyle: 'short', ...(timeZone ? { timeZone } : {}) }).format(new Date(iso));
}

function status(c: HandoffCase, t: Translate, l: Language): string {
  const lines = [];
  if (c.status === 'queued') lines.push(t(l, 'handoff.agent.queued'));
  if (c.status === 'ticket') lines.push(t(l, 'handoff.agent.ticket'));
  if (c.status === 'connected' && c.agent) lines.push(t(l, 'handoff.agent.taken', { name: c.agent.name }));
  if (c.status === 'closed' && c.agent) lines.push(t(l, 'handoff.agent.closedBy', { name: c.agent.name }));
  if (c.rating) lines.push(t(l, 'handoff.agent.rated', { score: c.rating.score }));
  return lines.join(' · ');
}

/**
 * The case as agents see it in their Teams channel: who, what was asked, what the bot showed
 * and walked through, and the one button that fits the case's state. Updated in place as the
 * case moves on, so the channel shows at a glance who has which case.
 */
export function caseCard(c: HandoffCase, t: Translate, language: Language, timeZone?: string): Attachment {
  const s = c.summary;
  const tl = (key: string, values?: Record<string, unknown>) => t(language, `handoff.agent.${key}`, values);
  const facts = [
    { title: tl('status'), value: status(c, t, language) },
    { title: tl('language'), value: tl(`languages.${s.language}`) },
    { title: tl('channel'), value: s.channel },
    { title: tl('opened'), value: agentTime(s.openedAt, language, timeZone) },
    ...(s.supportCode ? [{ title: tl('supportCode'), value: s.supportCode }] : []),
    ...(c.email ? [{ title: tl('email'), value: c.email }] : []),
  ];
  const body: CardElement[] = [
    textBlock(tl('cardTitle', { id: c.id }), { size: 'Large', weight: 'Bolder' }),
    { type: 'FactSet', facts },
    textBlock(tl('firstQuestion'), { weight: 'Bolder', spacing: 'Medium' }),
    textBlock(s.firstQuestion ?? tl('none'), { isSubtle: !s.firstQuestion }),
    textBlock(tl('entries'), { weight: 'Bolder', spacing: 'Medium' }),
    textBlock(s.entries.length > 0 ? s.entries.map((e) => `- ${e}`).join('\n') : tl('none')),
    textBlock(tl('checks'), { weight: 'Bolder', spacing: 'Medium' }),
    ...(s.checks.length > 0
      ? s.checks.map((check) =>
          textBlock(
            [
              `**${check.title}**`,
              ...check.steps.map((step) => `- ${step.question} → ${step.answer}`),
              ...(check.outcome !== undefined ? [`- ${check.outcome} → **${t(language, check.solved ? 'handoff.solved' : 'handoff.notSolvedShort')}**`] : []),
            ].join('\n'),
          ),
        )
      : [textBlock(tl('none'))]),
  ];
  const actions: CardElement[] = [];
  if (c.status === 'queued' || c.status === 'ticket') actions.push(submit(tl('take'), { action: 'take', case: c.id }));
  if (c.status === 'connected') actions.push(submit(tl('close'), { action: 'close', case: c.id }));
  if (actions.length > 0) body.push({ type: 'ActionSet', actions });
  const fallback = [tl('cardTitle', { id: c.id }), s.firstQuestion ?? ''].filter(Boolean).join(': ');
  return { contentType: ADAPTIVE_CARD_CONTENT_TYPE, content: adaptiveCard(body, fallback) };
}

/** The case told to the customer before connecting, in their language, as Markdown. */
export function summaryMarkdown(c: Pick<HandoffCase, 'summary'>, t: Translate, language: Language): string {
  const s = c.summary;
  const lines: string[] = [];
  if (s.firstQuestion) lines.push(t(language, 'handoff.summaryQuestion', { text: s.firstQuestion }));
  if (s.entries.length > 0) lines.push(t(language, 'handoff.summaryEntries', { list: s.entries.join(', ') }));
  for (const check of s.checks) {
    const steps = [...check.steps.map((st) => st.answer), ...(check.outcome !== undefined ? [t(language, check.solved ? 'handoff.solved' : 'handoff.notSolvedShort')] : [])];
    lines.push(t(language, 'handoff.summaryCheck', { title: check.title, steps: steps.join(' → ') }));
  }
  if (s.supportCode) lines.push(t(language, 'handoff.summaryCode', { code: s.supportCode }));
  return lines.join('\n');
}
