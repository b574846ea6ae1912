import { ActivityTypes, type Activity } from '../sdk/activity.js';
import { CardFactory } from '../sdk/cards.js';
import type { AdaptiveCard } from './adaptive-card.js';
import { answerCard } from './answer-card.js';
import { choiceCard } from './choice-card.js';
import { renderActivity } from './render-activity.js';
import type { Reply } from './reply.js';

function cardActivity(card: AdaptiveCard): Partial<Activity> {
  return { type: ActivityTypes.Message, attachments: [CardFactory.adaptiveCard(card)] };
}

/**
 * Web Chat, Direct Line and the Emulator: an answer as an Adaptive Card with its related
 * questions as card buttons; everything else as Markdown text with suggested actions.
 */
export function renderWithCards(reply: Reply): Partial<Activity> {
  if (!reply.answer) return renderActivity(reply);
  return cardActivity(answerCard(reply.answer, { text: reply.choicesText, choices: reply.choices ?? [] }, reply.feedback));
}

/**
 * Teams shows no suggested actions in most chats: answers as cards, and a question with
 * choices as a card whose buttons are the choices. Plain text stays text.
 */
export function renderForTeams(reply: Reply): Partial<Activity> {
  if (reply.answer) return renderWithCards(reply);
  if (reply.choices && reply.choices.length > 0) return cardActivity(choiceCard(reply.text, reply.choices));
  return { type: ActivityTypes.Message, text: reply.text, textFormat: 'markdown' };
}
