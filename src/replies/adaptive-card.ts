import { wrapPayload } from './payload.js';
import type { ReplyChoice } from './reply.js';

/**
 * The pieces of Adaptive Card JSON our cards use. Cards are authored at 1.5: Teams renders up
 * to 1.5, and Web Chat renders 1.5 with Action.Submit (it has no Action.Execute).
 */
export const CARD_VERSION = '1.5';
export const ADAPTIVE_CARD_CONTENT_TYPE = 'application/vnd.microsoft.card.adaptive';

export type CardElement = Record<string, unknown>;

export interface AdaptiveCard {
  type: 'AdaptiveCard';
  $schema: string;
  version: string;
  body: CardElement[];
  fallbackText?: string;
  msteams?: { width: 'Full' };
}

export function adaptiveCard(body: CardElement[], fallbackText?: string): AdaptiveCard {
  return {
    type: 'AdaptiveCard',
    $schema: 'http://adaptivecards.io/schemas/adaptive-card.json',
    version: CARD_VERSION,
    body,
    ...(fallbackText ? { fallbackText } : {}),
    // Teams draws cards narrow by default; answers with steps read better full width.
    msteams: { width: 'Full' },
  };
}

export const textBlock = (text: string, extra: CardElement = {}): CardElement => ({ type: 'TextBlock', text, wrap: true, ...extra });

/**
 * A button as a plain Action.Submit whose data is the payload, read by readPayload on every
 * channel: Teams, Web Chat and the Emulator all post the data as the activity's value. No
 * `msteams.messageBack` in the data: it would echo the title in a Teams chat, but the Microsoft 365
 * Agents Playground (0.2.28) throws on such a button ("Cannot add property msTeams, object is not
 * extensible") and sends nothing, so card clicks could not be tried there at all.
 */
export function submitAction(choice: ReplyChoice): CardElement {
  return { type: 'Action.Submit', title: choice.title, data: wrapPayload(choice.payload) };
}

/**
 * Choices as one button per row. Hosts cap the actions of one set (Teams shows few side by
 * side); a row each keeps long titles readable and lists of ten topics whole.
 */
export function choiceRows(choices: readonly ReplyChoice[]): CardElement[] {
  return choices.map((choice) => ({ type: 'ActionSet', actions: [submitAction(choice)] }));
}
