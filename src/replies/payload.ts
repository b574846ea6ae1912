import { z } from 'zod';
import { COMMANDS } from '../understanding/commands.js';

/**
 * What a button sends back. It names the choice exactly (an entry, a tree node, a command),
 * so a click is never re-guessed by the classifier. Parsed once at the edge, like all input.
 */
const id = z.string().regex(/^[a-z0-9]+(-[a-z0-9]+)*$/);
export const payloadSchema = z.discriminatedUnion('action', [
  /** An entry: its guided tree is offered where it has one, else its answer is shown. */
  z.object({ action: z.literal('entry'), entry: id }),
  /** Show an entry's answer, even where it has a guided tree. */
  z.object({ action: z.literal('article'), entry: id }),
  /** Start the guided tree of an entry. */
  z.object({ action: z.literal('tree'), tree: id }),
  /** Pick a choice of a tree question: `node` is the question, `next` where the choice leads. */
  z.object({ action: z.literal('choice'), tree: id, node: id, next: id }),
  /** The answer to "did this solve it?" at the end of a tree. */
  z.object({ action: z.literal('solved'), tree: id, solved: z.boolean() }),
  /** The answer to "leave this check and look at <entry>?" asked in a tree. */
  z.object({ action: z.literal('switch'), tree: id, entry: id, accept: z.boolean() }),
  /** 👍 / 👎 on an entry's answer ("was this helpful?"). */
  z.object({ action: z.literal('helpful'), entry: id, helpful: z.boolean() }),
  /** A conversational command, as if typed. */
  z.object({ action: z.literal('command'), command: z.enum(COMMANDS) }),
  /** The topic menu's next page ("More topics"), from this position in the most-asked order. */
  z.object({ action: z.literal('topics'), from: z.number().int().min(0) }),
  /** None of the offered entries fits. */
  z.object({ action: z.literal('none') }),
  /** An answer about a hand-off to a person: connect or not, leave an e-mail or keep waiting, skip the comment. */
  z.object({ action: z.literal('handoff'), step: z.enum(['confirm', 'decline', 'leave-email', 'keep-waiting', 'no-comment']) }),
  /** The customer's rating of the help a person gave. */
  z.object({ action: z.literal('rate'), score: z.number().int().min(1).max(5) }),
]);

export type Payload = z.output<typeof payloadSchema>;

/** Reads an activity's value as a payload; anything else (a stray card submit, junk) is ignored. */
export function readPayload(value: unknown): Payload | undefined {
  const candidate = value && typeof value === 'object' && 'sportello' in value ? (value as { sportello: unknown }).sportello : undefined;
  const parsed = payloadSchema.safeParse(candidate);
  return parsed.success ? parsed.data : undefined;
}

/** Wraps a payload so it can travel in an activity's value next to a channel's own fields. */
export const wrapPayload = (payload: Payload) => ({ sportello: payload });
