import type { Request, Response, Server } from 'restify';
import type { z } from 'zod';
import { ConversationStoreFull, type ConversationStore, type StoredConversation } from '../directline/conversation-store.js';
import type { DirectLineChannel } from '../directline/directline-channel.js';
import { newConversationId, newUserId } from '../directline/ids.js';
import { clientActivitySchema, generateTokenSchema, startConversationSchema, watermarkSchema } from '../directline/schemas.js';
import type { Access, DirectLineAuth } from '../directline/tokens.js';
import type { Logger } from '../logging.js';
import type { RateLimit } from './rate-limits.js';

export const DIRECTLINE_BASE = '/v3/directline';

export interface DirectLineRouteParts {
  auth: DirectLineAuth;
  store: ConversationStore;
  channel: DirectLineChannel;
  logger: Logger;
  limits?: PostLimits;
  /** The stream URL to hand out for a conversation, or undefined when WebSockets are off. */
  streamUrl?(req: Request, conversation: StoredConversation, watermark: number | undefined): string | undefined;
}

export interface PostLimits {
  /** Largest activity a client may post, as JSON bytes (larger: 413): each is kept in the log. */
  maxActivityBytes: number;
  /** Activities per conversation (429 with Retry-After when over). */
  perConversation: RateLimit;
}

const fail = (res: Response, status: number, code: string, message: string) => res.send(status, { error: { code, message } });

/**
 * The Direct Line 3.0 subset Web Chat uses, served by the bot itself: start or resume a
 * conversation, post an activity, read activities after a watermark, and tokens.
 * With DIRECTLINE_SECRET set, every call needs `Authorization: Bearer <secret or token>`.
 */
export function addDirectLineRoutes(server: Server, parts: DirectLineRouteParts): void {
  const { auth, store, channel } = parts;

  /** The caller's access, or undefined after answering 401/403. A token opens its own conversation only. */
  function allow(req: Request, res: Response, conversationId?: string): Access | undefined {
    const access = auth.check(req.header('authorization'));
    if (access.kind === 'denied') {
      fail(res, access.status, access.status === 401 ? 'Unauthorized' : 'TokenInvalid', access.reason);
      return undefined;
    }
    if (access.kind === 'token' && conversationId !== undefined && access.conversationId !== conversationId) {
      fail(res, 403, 'TokenInvalid', 'the token is for another conversation');
      return undefined;
    }
    return access;
  }

  function parse<S extends z.ZodType>(res: Response, schema: S, value: unknown): { ok: true; data: z.output<S> } | { ok: false } {
    const parsed = schema.safeParse(value);
    if (parsed.success) return { ok: true, data: parsed.data };
    fail(res, 400, 'BadArgument', parsed.error.issues.map((i) => `${i.path.join('.') || 'body'}: ${i.message}`).join('; '));
    return { ok: false };
  }

  const watermarkOf = (req: Request) => new URL(req.url ?? '/', 'http://localhost').searchParams.get('watermark') ?? undefined;

  /** What a started or resumed conversation tells the client: its id, a fresh token, the stream. */
  function describe(req: Request, conversation: StoredConversation, watermark?: number) {
    const token = auth.open ? undefined : auth.issue({ conversationId: conversation.id, userId: conversation.userId });
    return {
      conversationId: conversation.id,
      ...(token ? { token: token.token, expires_in: token.expires_in } : {}),
      ...withStream(parts.streamUrl?.(req, conversation, watermark)),
    };
  }

  async function conversationOr404(res: Response, id: string): Promise<StoredConversation | undefined> {
    const conversation = await store.get(id);
    if (!conversation) fail(res, 404, 'NotFound', `no conversation ${id} (it may have expired)`);
    return conversation;
  }

  server.post(`${DIRECTLINE_BASE}/tokens/generate`, async (req: Request, res: Response) => {
    const access = allow(req, res);
    if (!access) return;
    if (access.kind !== 'secret') {
      fail(res, access.kind === 'open' ? 400 : 403, 'BadArgument', access.kind === 'open' ? 'no DIRECTLINE_SECRET is set: the endpoint is open and needs no token' : 'tokens are generated with the secret');
      return;
    }
    const body = parse(res, generateTokenSchema, req.body);
    if (!body.ok) return;
    res.send(200, auth.issue({ conversationId: newConversationId(), userId: body.data?.user?.id ?? newUserId() }));
  });

  server.post(`${DIRECTLINE_BASE}/tokens/refresh`, async (req: Request, res: Response) => {
    const access = allow(req, res);
    if (!access) return;
    if (access.kind === 'open') return void res.send(200, {});
    if (access.kind !== 'token') return void fail(res, 403, 'BadArgument', 'only a token can be refreshed');
    res.send(200, auth.issue({ conversationId: access.conversationId, userId: access.userId }));
  });

  server.post(`${DIRECTLINE_BASE}/conversations`, async (req: Request, res: Response) => {
    const access = allow(req, res);
    if (!access) return;
    const body = parse(res, startConversationSchema, req.body ?? undefined);
    if (!body.ok) return;
    const conversation: StoredConversation =
      access.kind === 'token'
        ? { id: access.conversationId, userId: access.userId }
        : { id: newConversationId(), userId: body.data?.user?.id ?? newUserId() };
    if (body.data?.locale) conversation.locale = body.data.locale;
    // A token names its conversation: starting it twice resumes it, without a second welcome.
    let created: boolean;
    try {
      created = await store.create(conversation);
    } catch (error) {
      if (!(error instanceof ConversationStoreFull)) throw error;
      parts.logger.warn('direct line conversation refused: the store is full of active conversations');
      res.header('Retry-After', '60');
      return void fail(res, 503, 'ServiceUnavailable', error.message);
    }
    if (!created) {
      const existing = await store.get(conversation.id);
      return void res.send(200, describe(req, existing ?? conversation));
    }
    await channel.start(conversation);
    res.send(201, describe(req, conversation));
  });

  server.get(`${DIRECTLINE_BASE}/conversations/:conversationId`, async (req: Request, res: Response) => {
    const id = String(req.params.conversationId);
    if (!allow(req, res, id)) return;
    const watermark = parse(res, watermarkSchema, watermarkOf(req));
    if (!watermark.ok) return;
    const conversation = await conversationOr404(res, id);
    if (conversation) res.send(200, describe(req, conversation, watermark.data));
  });

  server.post(`${DIRECTLINE_BASE}/conversations/:conversationId/activities`, async (req: Request, res: Response) => {
    const id = String(req.params.conversationId);
    if (!allow(req, res, id)) return;
    if (parts.limits && Buffer.byteLength(JSON.stringify(req.body ?? null)) > parts.limits.maxActivityBytes) {
      return void fail(res, 413, 'BadArgument', `an activity may be at most ${parts.limits.maxActivityBytes} bytes`);
    }
    const activity = parse(res, clientActivitySchema, req.body);
    if (!activity.ok) return;
    const conversation = await conversationOr404(res, id);
    if (!conversation) return;
    const wait = await parts.limits?.perConversation(`directline/${id}`);
    if (wait !== undefined) {
      res.header('Retry-After', String(wait));
      return void fail(res, 429, 'TooManyRequests', `this conversation sends too fast; retry in ${wait} s`);
    }
    res.send(200, { id: await channel.post(conversation, activity.data) });
  });

  server.get(`${DIRECTLINE_BASE}/conversations/:conversationId/activities`, async (req: Request, res: Response) => {
    const id = String(req.params.conversationId);
    if (!allow(req, res, id)) return;
    const watermark = parse(res, watermarkSchema, watermarkOf(req));
    if (!watermark.ok) return;
    const set = await store.read(id, watermark.data);
    if (!set) return void fail(res, 404, 'NotFound', `no conversation ${id} (it may have expired)`);
    res.send(200, { activities: set.activities, watermark: String(set.watermark) });
  });
}

const withStream = (streamUrl: string | undefined) => (streamUrl ? { streamUrl } : {});
