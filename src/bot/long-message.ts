import { ActivityTypes } from '../sdk/activity.js';
import { type Middleware, type TurnContext } from '../sdk/turn.js';

/** What the first middleware found out about a message too long to read. */
export interface LongMessage {
  /** The length of the text as it arrived. */
  length: number;
  /** A crisis phrase at its start or end. */
  crisis: boolean;
}

const LONG_MESSAGE = Symbol('longMessage');

/** The text up to `max` characters, cut at a space so no word is cut into another word. */
function head(text: string, max: number): string {
  const cut = text.slice(0, max);
  const space = cut.lastIndexOf(' ');
  return space > max / 2 ? cut.slice(0, space) : cut;
}

function tail(text: string, max: number): string {
  const cut = text.slice(-max);
  const space = cut.indexOf(' ');
  return space >= 0 && space < max / 2 ? cut.slice(space + 1) : cut;
}

/**
 * The length check, before any other work on a message: the first middleware of every turn.
 * A message longer than `maxChars` is not read (the bot answers "please shorten it"), so
 * nothing after this (secret masking, logs, the transcript) should pay for its length: its
 * text is cut to its first `maxChars` characters. What the bot must still notice in a long
 * paste, someone in danger, is looked for at its start and its end: bounded work, where a
 * person writing around a paste puts their words.
 */
export class LongMessages implements Middleware {
  constructor(
    private readonly maxChars: number,
    /** Whether a (bounded) text holds a crisis phrase. */
    private readonly isCrisis: (text: string) => boolean,
  ) {}

  async onTurn(context: TurnContext, next: () => Promise<void>): Promise<void> {
    if (readLongMessage(context, this.maxChars, this.isCrisis)) context.activity.text = head(context.activity.text ?? '', this.maxChars);
    await next();
  }
}

/**
 * Whether this turn's message is too long to read, and if so whether it holds a crisis phrase
 * at its start or end. Worked out once a turn (by the first middleware, or by the bot when no
 * middleware runs, as in dialog tests), and remembered, as the text is cut afterwards.
 */
export function readLongMessage(context: TurnContext, maxChars: number, isCrisis: (text: string) => boolean): LongMessage | undefined {
  const known = context.turnState.get(LONG_MESSAGE) as LongMessage | undefined;
  if (known) return known;
  const { activity } = context;
  const text = activity.text;
  if (activity.type !== ActivityTypes.Message || typeof text !== 'string' || text.length <= maxChars) return undefined;
  const found: LongMessage = { length: text.length, crisis: isCrisis(head(text, maxChars)) || isCrisis(tail(text, maxChars)) };
  context.turnState.set(LONG_MESSAGE, found);
  return found;
}
