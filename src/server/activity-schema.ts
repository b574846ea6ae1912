import { z } from 'zod';

/**
 * The shape an incoming activity must have before the Bot Framework adapter sees it. The
 * adapter's own parser throws on some malformed bodies instead of answering 400; checking here
 * gives the sender a clear 400 and keeps the server serving.
 */
const account = z.object({ id: z.string().max(512) }).passthrough();
export const incomingActivitySchema = z
  .object({
    type: z.string().min(1).max(64),
    id: z.string().max(512).optional(),
    serviceUrl: z.string().max(2048).optional(),
    channelId: z.string().max(128).optional(),
    from: account.optional(),
    recipient: account.optional(),
    conversation: account.optional(),
    text: z.string().optional(),
    locale: z.string().max(64).optional(),
    deliveryMode: z.string().max(64).optional(),
  })
  .passthrough();

export function describeBodyProblem(body: unknown): string | undefined {
  if (body === null || typeof body !== 'object' || Array.isArray(body)) return 'the body must be a JSON object (a Bot Framework activity)';
  const parsed = incomingActivitySchema.safeParse(body);
  if (parsed.success) return undefined;
  return parsed.error.issues.map((i) => `${i.path.join('.') || 'body'}: ${i.message}`).join('; ');
}
