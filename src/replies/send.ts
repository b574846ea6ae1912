import type { TurnContext } from 'botbuilder';
import { renderActivity } from './render-activity.js';
import type { Reply } from './reply.js';

/** Sends replies in the form the conversation's channel shows best. */
export async function sendReplies(context: TurnContext, ...replies: Reply[]): Promise<void> {
  if (replies.length === 0) return;
  await context.sendActivities(replies.map((reply) => renderActivity(reply)));
}
