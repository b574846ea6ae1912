import type { Activity } from '../sdk/activity.js';
import type { TurnContext } from '../sdk/turn.js';
import { renderActivity } from './render-activity.js';
import { renderForTeams, renderWithCards } from './render-cards.js';
import type { Reply } from './reply.js';

type Renderer = (reply: Reply) => Partial<Activity>;

/**
 * How each channel shows a reply best. Channels not listed (the chat CLI, tests, SMS-like
 * channels) get Markdown text with suggested actions.
 */
const RENDERERS: Readonly<Record<string, Renderer>> = {
  msteams: renderForTeams,
  webchat: renderWithCards,
  directline: renderWithCards,
  emulator: renderWithCards,
};

export function rendererFor(channelId: string | undefined): Renderer {
  return (channelId && RENDERERS[channelId]) || renderActivity;
}

/** Sends replies in the form the conversation's channel shows best. */
export async function sendReplies(context: TurnContext, ...replies: Reply[]): Promise<void> {
  if (replies.length === 0) return;
  const render = rendererFor(context.activity.channelId);
  await context.sendActivities(replies.map((reply) => render(reply)));
}
