import { z } from 'zod';

/**
 * Direct Line request bodies, checked at the edge: what is not described here never reaches
 * the bot. Clients may post messages, events and typing, never conversation updates or
 * invokes (those would let a page impersonate a channel).
 */
const id = z.string().min(1).max(256);
const account = z.object({ id: id.optional(), name: z.string().max(256).optional(), role: z.string().max(32).optional() });

export const clientActivitySchema = z.object({
  type: z.enum(['message', 'event', 'typing']),
  name: z.string().max(256).optional(),
  text: z.string().max(10_000).optional(),
  textFormat: z.enum(['markdown', 'plain', 'xml']).optional(),
  locale: z.string().max(64).optional(),
  localTimezone: z.string().max(64).optional(),
  value: z.unknown().optional(),
  from: account.optional(),
  channelData: z.record(z.string(), z.unknown()).optional(),
  entities: z.array(z.object({ type: z.string().max(128) }).passthrough()).max(16).optional(),
});
export type ClientActivity = z.output<typeof clientActivitySchema>;

/** POST /conversations: Web Chat sends its user and locale (conversationStartProperties). */
export const startConversationSchema = z
  .object({ user: account.optional(), locale: z.string().max(64).optional() })
  .optional();

/** POST /tokens/generate: a server may name the user the token is for. */
export const generateTokenSchema = z.object({ user: account.optional() }).optional();

/** `?watermark=`: Web Chat sends an empty one at first. */
export const watermarkSchema = z
  .union([z.literal(''), z.string().regex(/^\d{1,15}$/)])
  .optional()
  .transform((w) => (w ? Number(w) : undefined));
