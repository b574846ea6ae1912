import { ActionTypes, ActivityTypes, type Activity, type CardAction } from '../sdk/activity.js';
import { wrapPayload } from './payload.js';
import type { Reply, ReplyChoice } from './reply.js';

/**
 * A button as messageBack: the transcript shows the title (what the person would have typed),
 * the bot receives the payload in `value` and does not have to guess.
 */
export function cardAction(choice: ReplyChoice): CardAction {
  return {
    type: ActionTypes.MessageBack,
    title: choice.title,
    text: choice.title,
    displayText: choice.title,
    value: wrapPayload(choice.payload),
  };
}

/** Web Chat and the Emulator: Markdown text, choices as suggested actions. */
export function renderActivity(reply: Reply): Partial<Activity> {
  const activity: Partial<Activity> = { type: ActivityTypes.Message, text: reply.text, textFormat: 'markdown' };
  const choices = [...(reply.choices ?? []), ...(reply.feedback?.choices ?? [])];
  if (choices.length > 0) {
    activity.suggestedActions = { to: [], actions: choices.map(cardAction) };
  }
  return activity;
}
