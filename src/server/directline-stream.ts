import type { IncomingMessage } from 'node:http';
import type { Duplex } from 'node:stream';
import { WebSocketServer, type WebSocket } from 'ws';
import type { ActivitySet, ConversationStore, StoredConversation } from '../directline/conversation-store.js';
import { followConversation } from '../directline/follow.js';
import { watermarkSchema } from '../directline/schemas.js';
import type { DirectLineAuth } from '../directline/tokens.js';
import type { Logger } from '../logging.js';
import { DIRECTLINE_BASE } from './directline-routes.js';
import { refuseUpgrade as refuse, type UpgradeRoutes } from './upgrades.js';

const STREAM_PATH = new RegExp(`^${DIRECTLINE_BASE}/conversations/([^/]+)/stream$`);
/** Dead connections (a laptop closed mid-chat) are noticed by a missed pong. */
const PING_INTERVAL_MS = 30_000;
/** Clients only send Web Chat's empty keep-alives; anything longer is closed with 1009. */
const MAX_CLIENT_MESSAGE_BYTES = 4 * 1024;

export interface DirectLineStream {
  /** The stream URL for a conversation, on the address the client used (or PUBLIC_URL). */
  url(base: string, conversation: StoredConversation, watermark: number | undefined): string;
  /** Closes every open stream (on shutdown). */
  close(): void;
}

/**
 * Direct Line's WebSocket stream: after the upgrade the server pushes
 * `{ activities, watermark }` for every activity appended to the conversation, starting
 * after the watermark in the URL. Clients still post over HTTP. The token travels in the
 * URL (`t`), as in Direct Line, because browsers cannot set headers on a WebSocket.
 */
export interface StreamLimits {
  /** Open streams per conversation (one per open page); more are refused with 429. */
  maxPerConversation: number;
  /** A reader this far behind (bytes queued for it) is disconnected: it reconnects from its watermark. */
  maxBufferedBytes: number;
}

export const defaultStreamLimits: StreamLimits = { maxPerConversation: 4, maxBufferedBytes: 1024 * 1024 };

export function attachDirectLineStream(
  upgrades: UpgradeRoutes,
  parts: { auth: DirectLineAuth; store: ConversationStore; logger: Logger; limits?: StreamLimits },
): DirectLineStream {
  const { auth, store, logger } = parts;
  const limits = parts.limits ?? defaultStreamLimits;
  const openPerConversation = new Map<string, number>();
  const wss = new WebSocketServer({ noServer: true, maxPayload: MAX_CLIENT_MESSAGE_BYTES });
  const alive = new WeakMap<WebSocket, boolean>();

  // The socket arrives guarded (an error listener, a handshake timeout): see guardUpgrades.
  upgrades.add(STREAM_PATH, (req: IncomingMessage, socket: Duplex, head: Buffer) => {
    void (async () => {
      const url = new URL(req.url ?? '/', 'http://localhost');
      const match = STREAM_PATH.exec(url.pathname);
      if (!match) return refuse(socket, 404, 'Not Found');
      const conversationId = decodeURIComponent(match[1]!);
      const access = auth.check(url.searchParams.get('t') ?? req.headers.authorization);
      if (access.kind === 'denied') return refuse(socket, access.status, access.status === 401 ? 'Unauthorized' : 'Forbidden');
      if (access.kind === 'token' && access.conversationId !== conversationId) return refuse(socket, 403, 'Forbidden');
      const watermark = watermarkSchema.safeParse(url.searchParams.get('watermark') ?? undefined);
      if (!watermark.success) return refuse(socket, 400, 'Bad Request');
      if (!(await store.get(conversationId))) return refuse(socket, 404, 'Not Found');
      if ((openPerConversation.get(conversationId) ?? 0) >= limits.maxPerConversation) {
        logger.warn({ conversation: conversationId, open: limits.maxPerConversation }, 'direct line stream refused: too many streams');
        return refuse(socket, 429, 'Too Many Requests', { 'Retry-After': '30' });
      }
      if (socket.destroyed) return;
      wss.handleUpgrade(req, socket, head, (ws) => {
        openPerConversation.set(conversationId, (openPerConversation.get(conversationId) ?? 0) + 1);
        ws.once('close', () => {
          const left = (openPerConversation.get(conversationId) ?? 1) - 1;
          if (left > 0) openPerConversation.set(conversationId, left);
          else openPerConversation.delete(conversationId);
        });
        void stream(ws, conversationId, watermark.data);
      });
    })().catch((error: unknown) => {
      logger.error({ err: error }, 'direct line stream upgrade failed');
      refuse(socket, 500, 'Internal Server Error');
    });
  });

  async function stream(ws: WebSocket, conversationId: string, after: number | undefined): Promise<void> {
    let stop: (() => void) | undefined;
    let closed = false;
    ws.on('close', () => {
      closed = true;
      stop?.();
    });
    // A frame over the limit, a bad frame or a reset: ws itself closes with the matching code
    // (1009, 1002…) or drops the socket; without a listener the error would end the process.
    ws.on('error', (error: Error & { code?: string }) => {
      logger.debug({ conversation: conversationId, code: error.code, reason: error.message }, 'direct line stream error');
    });
    ws.on('pong', () => alive.set(ws, true));
    ws.on('message', () => alive.set(ws, true)); // Web Chat pings with empty messages
    alive.set(ws, true);
    // Backpressure: what a reader does not read queues in this process. One that is already
    // this far behind when more comes is cut off (Web Chat reconnects and reads from its
    // watermark) before it can grow the heap. What is queued before the set counts, not the
    // set: the backlog of a long chat may be larger than the limit by itself, and a reader
    // cut off for it would reconnect for the same backlog for ever, never resuming its chat.
    const send = (set: ActivitySet) => {
      if (ws.readyState !== ws.OPEN) return;
      const data = JSON.stringify({ activities: set.activities, watermark: String(set.watermark) });
      if (ws.bufferedAmount > limits.maxBufferedBytes) {
        logger.warn({ conversation: conversationId, buffered: ws.bufferedAmount }, 'direct line stream reader too slow: disconnected');
        ws.terminate();
        return;
      }
      ws.send(data);
    };
    // The conversation's activities from any process, in order, each once (see followConversation).
    const failed = (error: unknown) => {
      logger.error({ err: error, conversation: conversationId }, 'direct line stream feed failed');
      // 1011: the client reconnects and carries on from its watermark.
      if (ws.readyState === ws.OPEN) ws.close(1011, 'feed failed');
    };
    try {
      stop = await followConversation(store, conversationId, after, send, failed);
    } catch (error) {
      return failed(error);
    }
    if (closed) stop();
  }

  const heartbeat = setInterval(() => {
    for (const ws of wss.clients) {
      if (!alive.get(ws)) {
        ws.terminate();
        continue;
      }
      alive.set(ws, false);
      ws.ping();
    }
  }, PING_INTERVAL_MS);
  heartbeat.unref();

  return {
    url(base, conversation, watermark) {
      const wsBase = base.replace(/^http/, 'ws');
      const token = auth.open ? undefined : auth.issue({ conversationId: conversation.id, userId: conversation.userId }).token;
      const query = new URLSearchParams({ watermark: watermark === undefined ? '' : String(watermark), ...(token ? { t: token } : {}) });
      return `${wsBase}${DIRECTLINE_BASE}/conversations/${encodeURIComponent(conversation.id)}/stream?${query}`;
    },
    close() {
      clearInterval(heartbeat);
      for (const ws of wss.clients) ws.terminate();
      wss.close();
    },
  };
}
