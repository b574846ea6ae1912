import type { TurnContext } from '../sdk/turn.js';
import type { Language } from '../content/languages.js';
import type { Payload } from '../replies/payload.js';
import type { Understanding } from '../understanding/understander.js';

/** What this turn brought, read once by the bot before the dialogs run. */
export interface TurnInput {
  text: string;
  /** Set when a button was clicked: the exact choice, never re-guessed. */
  payload?: Payload;
  /** The conversation's language after this message. */
  language: Language;
  /** What the text means; absent for button clicks and empty messages. */
  understanding?: Understanding;
  /**
   * Set when the turn brings nothing to read and the bot should prompt instead: `welcome` when
   * someone joins; `again` to ask the pending question again, its buttons in the conversation's
   * language (the customer picked another language, or sent only a secret, now masked, and the
   * warning about it pushed the buttons away).
   */
  prompt?: 'welcome' | 'again';
}

const TURN_INPUT = Symbol('sportello.turnInput');

export function setTurnInput(context: TurnContext, input: TurnInput): void {
  context.turnState.set(TURN_INPUT, input);
}

export function turnInput(context: TurnContext): TurnInput {
  const input = context.turnState.get(TURN_INPUT) as TurnInput | undefined;
  if (!input) throw new Error('turnInput: the bot did not read this turn before running the dialogs');
  return input;
}

/** This turn's input if the bot has read it (not for a too-long message or a non-message activity). */
export function peekTurnInput(context: TurnContext): TurnInput | undefined {
  return context.turnState.get(TURN_INPUT) as TurnInput | undefined;
}
