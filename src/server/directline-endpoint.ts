import type { Activity, ChannelAccount } from '../sdk/activity.js';
import type { TurnContext } from '../sdk/turn.js';
import type { Request, Server } from 'restify';
import { MemoryConversationStore, type ConversationStore } from '../directline/conversation-store.js';
import { DirectLineChannel } from '../directline/directline-channel.js';
import { newConversationId, newUserId } from '../directline/ids.js';
import type { InProcessAdapter } from '../directline/in-process-adapter.js';
import { DirectLineAuth, type IssuedToken } from '../directline/tokens.js';
import type { Logger } from '../logging.js';
import type { TurnLock } from '../storage/turn-lock.js';
import { addDirectLineRoutes, type PostLimits } from './directline-routes.js';
import { attachDirectLineStream, type DirectLineStream, type StreamLimits } from './directline-stream.js';
import type { UpgradeRoutes } from './upgrades.js';

export interface DirectLineEndpointOptions {
  /** DIRECTLINE_SECRET; undefined leaves the endpoint open. */
  secret?: string;
  /** Offer the WebSocket stream. */
  webSocket: boolean;
  /** PUBLIC_URL: where clients reach the bot, for stream URLs; else the request's own host. */
  publicUrl?: string;
  adapter: InProcessAdapter;
  logic: (context: TurnContext) => Promise<void>;
  bot: ChannelAccount;
  logger: Logger;
  store?: ConversationStore;
  /** Keeps each conversation's turns apart, across processes when it is Redis's. */
  turns?: TurnLock;
  /** Streams per conversation, slow readers. */
  streamLimits?: StreamLimits;
  /** Largest activity a client may post, as JSON bytes; activities per conversation. */
  postLimits?: PostLimits;
  /** Hides secrets in what the conversation log keeps. */
  redact?: (activity: Partial<Activity>) => Partial<Activity>;
}

export interface DirectLineEndpoint {
  /** Adds the /v3/directline routes to the server. */
  mount(server: Server): void;
  /** Serves the WebSocket stream among the server's upgrade routes (when enabled). */
  listen(upgrades: UpgradeRoutes): void;
  /** A token to a new conversation, for the page; undefined when the endpoint is open. */
  issuePageToken(): IssuedToken | undefined;
  /** Closes open streams (on shutdown). */
  close(): void;
}

/** The bot's own Direct Line endpoint, assembled: credentials, conversation store, channel, routes, stream. */
export function createDirectLineEndpoint(options: DirectLineEndpointOptions): DirectLineEndpoint {
  const { logger } = options;
  const auth = new DirectLineAuth(options.secret);
  const store = options.store ?? new MemoryConversationStore();
  const channel = new DirectLineChannel({
    store,
    adapter: options.adapter,
    logic: options.logic,
    bot: options.bot,
    logger,
    redact: options.redact,
    ...(options.turns ? { turns: options.turns } : {}),
  });
  let stream: DirectLineStream | undefined;
  const publicBase = (req: Request) =>
    options.publicUrl ?? `${req.isSecure() || req.header('x-forwarded-proto') === 'https' ? 'https' : 'http'}://${req.header('host')}`;

  return {
    mount(server) {
      addDirectLineRoutes(server, {
        auth,
        store,
        channel,
        logger,
        ...(options.postLimits ? { limits: options.postLimits } : {}),
        streamUrl: (req, conversation, watermark) => stream?.url(publicBase(req), conversation, watermark),
      });
    },
    listen(upgrades) {
      if (options.webSocket) stream = attachDirectLineStream(upgrades, { auth, store, logger, ...(options.streamLimits ? { limits: options.streamLimits } : {}) });
    },
    issuePageToken() {
      return auth.open ? undefined : auth.issue({ conversationId: newConversationId(), userId: newUserId() });
    },
    close() {
      stream?.close();
    },
  };
}
