import { adaptiveCard, choiceRows, textBlock, type AdaptiveCard } from './adaptive-card.js';
import type { ReplyChoice } from './reply.js';

/**
 * A question with its choices as card buttons, for channels that do not show suggested
 * actions (most Teams chats). Card buttons also stay clickable later, which suggested actions
 * do not; the bot tells a stale click from a current one by its payload.
 */
export function choiceCard(text: string, choices: readonly ReplyChoice[]): AdaptiveCard {
  const fallback = [text, ...choices.map((c) => `- ${c.title}`)].join('\n');
  return adaptiveCard([textBlock(text), ...choiceRows(choices)], fallback);
}
