import type { AddressInfo } from 'node:net';
import { setTimeout as sleep } from 'node:timers/promises';
import { ConfigurationBotFrameworkAuthentication } from './sdk/adapters.js';
import { TranscriptLoggerMiddleware, type Middleware, type TurnContext } from './sdk/turn.js';
import { type Storage } from './sdk/storage.js';
import type { Server } from 'restify';
import { ConversationStateOnStorage } from './bot/conversation-state.js';
import { LongMessages } from './bot/long-message.js';
import { OutgoingForChannel } from './bot/outgoing-for-channel.js';
import { OneTurnAtATime } from './bot/one-turn-at-a-time.js';
import { RedactSecrets } from './bot/redact-secrets.js';
import { SportelloBot } from './bot/sportello-bot.js';
import { TurnLog, turnLogger } from './bot/turn-log.js';
import type { Config } from './config.js';
import { loadContent, type Content } from './content/load-content.js';
import { mainDialogs } from './dialogs/main-dialog.js';
import type { DialogServices } from './dialogs/services.js';
import { createTranslator } from './i18n/i18n.js';
import { languageOf, type Language } from './content/languages.js';
import { createLogger, type Logger } from './logging.js';
import { apologise } from './bot/apologise.js';
import { FileTranscriptLogger } from './bot/file-transcript-logger.js';
import type { ConversationStore } from './directline/conversation-store.js';
import { InProcessAdapter } from './directline/in-process-adapter.js';
import { conversationStoreFor } from './directline/store-for-backend.js';
import { createSecretDetector } from './secrets/detect.js';
import { everyMask, secretMasks } from './secrets/masks.js';
import { createActivityRedactor } from './secrets/redact-activity.js';
import { botEndpoint, EndpointAdapter } from './server/bot-endpoint.js';
import { cachingAuthentication } from './server/connector-cache.js';
import { createServer } from './server/create-server.js';
import { createDirectLineEndpoint } from './server/directline-endpoint.js';
import { InFlight } from './server/in-flight.js';
import { guardUpgrades } from './server/upgrades.js';
import { createRateLimits } from './server/rate-limits.js';
import { createStateBackend, memoryBackend, type StateBackend } from './storage/state-backend.js';
import { webRoutes } from './server/web-routes.js';
import { trainUnderstander, type TrainingReport } from './understanding/understander.js';
import type { EventStore } from './insights/event-store.js';
import { createInsights, type Insights } from './insights/insights.js';
import { RecordTurns } from './insights/turn-events.js';
import { metricsRoute } from './server/metrics-route.js';
import { adminRoutes } from './admin/routes.js';
import { createComposeSearch } from './teams/search-extension.js';
import { createHandoffDesk } from './handoff/create-desk.js';
import type { HandoffDesk } from './handoff/desk.js';

export interface AppOptions {
  /** Conversation state storage, in one process (tests); overrides the configured backend. */
  storage?: Storage;
  /** Where state, turn locks and shared rate limits live; by default memory or Redis, from config. */
  backend?: StateBackend;
  logger?: Logger;
  /** Content already loaded (tests share one load across many apps). */
  content?: Content;
  /** Where Direct Line conversations live; by default where the backend keeps state (memory or Redis). */
  directLineStore?: ConversationStore;
  /** Opens the events database; by default SQLite or PostgreSQL, from config. */
  eventStore?: () => Promise<EventStore>;
}

export interface App {
  server: Server;
  adapter: EndpointAdapter;
  backend: StateBackend;
  bot: SportelloBot;
  services: DialogServices;
  /** Hand-offs to agents in Teams. */
  handoff: HandoffDesk;
  logger: Logger;
  /** Saves conversations as .transcript files, when TRANSCRIPTS_DIR is set. */
  transcripts?: FileTranscriptLogger;
  /** Events, metrics and the events database (what the support team sees). */
  insights: Insights;
  /** How this start got its understanding: trained, or loaded from CALIBRATION_CACHE_DIR, and in how long. */
  training: TrainingReport & { entries: number; ms: number };
  /** Starts listening; resolves with the base URL. Port 0 picks a free port. */
  start(port?: number, host?: string): Promise<string>;
  /** Graceful: refuses new turns, lets those in flight finish (up to SHUTDOWN_TIMEOUT_MS), closes storage. */
  stop(): Promise<void>;
}

/** Builds every part of the bot from config and wires them together. Does not listen. */
export async function createApp(config: Config, options: AppOptions = {}): Promise<App> {
  const logger = options.logger ?? createLogger(config.logLevel);
  const content = options.content ?? (await loadContent(config));
  const t = await createTranslator(content.locales, config.defaultLocale);
  const trainingStarted = performance.now();
  let report: TrainingReport = { trained: [], loaded: [], calibration: 'loaded', reused: false };
  const understander = await trainUnderstander(content.kb, content.locales.input, {
    cacheDir: config.calibrationCacheDir,
    warn: (message) => logger.warn(message),
    report: (made) => (report = made),
  });
  const training = { ...report, entries: content.kb.entries.size, ms: Math.round(performance.now() - trainingStarted) };
  const backend = options.backend ?? (options.storage ? memoryBackend(options.storage) : createStateBackend(config, logger));
  const auth = cachingAuthentication(new ConfigurationBotFrameworkAuthentication({
    MicrosoftAppId: config.appId,
    MicrosoftAppPassword: config.appPassword,
    MicrosoftAppType: config.appType,
    MicrosoftAppTenantId: config.appTenantId,
  }));
  // The widget's conversations: memory, or Redis shared by every process (an agent's message at any process reaches them).
  const directLineStore = options.directLineStore ?? conversationStoreFor(backend, config, logger);
  const botAccount = { id: config.appId ?? 'sportello', name: 'Sportello', role: 'bot' };
  // The support team's events; the hand-off desk records cases taken and closed outside customer turns.
  const insights = createInsights(config, logger, options.eventStore);
  // Hand-offs to agents in Teams: cases in the same backend as conversation state.
  const handoff = createHandoffDesk({ config, content, t, logger, backend, auth, directLineStore, bot: botAccount, events: insights.sink });
  const services: DialogServices = { kb: content.kb, trees: content.trees, understander, t, handoff };

  const conversationState = new ConversationStateOnStorage(backend.storage);
  const bot = new SportelloBot({
    conversationState,
    dialogs: mainDialogs(services),
    services,
    defaultLanguage: config.defaultLocale,
    composeSearch: createComposeSearch({ kb: content.kb, understander, defaultLanguage: config.defaultLocale }),
    maxMessageChars: config.maxMessageChars,
    handoff,
  });

  const adapter = new EndpointAdapter(auth, (context, activity, error) =>
    turnLogger(context, logger).error({ err: error, type: activity.type, name: activity.name }, 'the connector refused an activity; the turn carries on'),
  );
  // The web widget's Direct Line runs the bot in process, on an adapter of its own (see InProcessAdapter).
  const directLineAdapter = new InProcessAdapter();
  const onTurnError = async (context: TurnContext, error: Error) => {
    const log = turnLogger(context, logger);
    log.error({ err: error }, 'turn failed');
    await apologise(context, t, config.defaultLocale, log);
  };
  adapter.onTurnError = onTurnError;
  directLineAdapter.onTurnError = onTurnError;

  // Middleware, in the order each turn passes through it. After the length check (which
  // only cuts), redaction of secrets comes first, so that nothing after it (the transcript above all) sees what customers should not have
  // pasted; the transcript comes after it.
  const transcripts = config.transcriptsDir ? new FileTranscriptLogger(config.transcriptsDir, logger, { retentionDays: config.transcriptsRetentionDays }) : undefined;
  const masks = secretMasks(t);
  const redactSecrets = createActivityRedactor({
    detect: createSecretDetector(content.secrets, everyMask(masks)),
    masks,
    // The masks speak the customer's language: the message's own, the channel's as a hint.
    language: (text, locale) => understander.detectLanguage(text, { hint: languageOf(locale), fallback: config.defaultLocale }).language,
  });
  const middleware: Middleware[] = [
    // The length check before any other work: a long paste is cut to what the bot would read.
    new LongMessages(config.maxMessageChars, (text) => understander.recognizeCommand(text)?.command === 'crisis'),
    new RedactSecrets(redactSecrets),
    // Before anything that sees outgoing activities: only what the channel takes (traces on the Emulator alone).
    new OutgoingForChannel(),
    // A logger per turn, with the conversation id; never the text at info level.
    new TurnLog(logger),
    // After redaction, so no event ever holds a secret; it times the rest of the turn.
    new RecordTurns(insights.sink, config.defaultLocale),
    ...(transcripts ? [new TranscriptLoggerMiddleware(transcripts)] : []),
    // One turn at a time per conversation, on every process sharing the backend: around the
    // bot's state load and save, after the transcript so it does not hold the lock.
    new OneTurnAtATime(backend.turnLock),
  ];
  for (const m of middleware) {
    adapter.use(m);
    directLineAdapter.use(m);
  }

  const limits = createRateLimits(config, backend.redis);
  const directLine = createDirectLineEndpoint({
    secret: config.directLineSecret,
    webSocket: config.directLineWebSocket,
    publicUrl: config.publicUrl,
    adapter: directLineAdapter,
    logic: (context) => bot.run(context),
    bot: botAccount,
    logger,
    store: directLineStore,
    turns: backend.turnLock,
    streamLimits: { maxPerConversation: config.maxStreamsPerConversation, maxBufferedBytes: config.streamMaxBufferedBytes },
    postLimits: { maxActivityBytes: config.maxActivityBytes, perConversation: limits.perConversation },
    redact: (activity) => redactSecrets(activity).activity,
  });
  const web = await webRoutes({
    strings: Object.fromEntries(Object.entries(content.locales.strings).map(([l, s]) => [l, s.web])) as Record<Language, unknown>,
    defaultLanguage: config.defaultLocale,
    webSocket: config.directLineWebSocket,
    frameAncestors: config.widgetAllowedOrigins,
    privacyUrl: config.privacyUrl,
    issueToken: () => directLine.issuePageToken(),
  });

  const admin = await adminRoutes({
    token: config.adminToken,
    store: () => insights.store(),
    flush: () => insights.writer.flush(),
    t,
    kb: content.kb,
    trees: content.trees,
    defaultLanguage: config.defaultLocale,
    logger,
  });
  const inFlight = new InFlight();
  const server = createServer({
    logger,
    maxBodyBytes: config.maxBodyBytes,
    ready: () => backend.ping(),
    limits: { writes: limits.perIp, reads: limits.readsPerIp, conversations: limits.conversationsPerIp, bodyKb: limits.bodyKbPerIp, maxBodyBytes: config.maxBodyBytes },
    trustProxyHops: config.trustProxyHops,
    inFlight,
    processActivity: botEndpoint({
      adapter,
      logic: (context) => bot.run(context),
      perConversation: limits.perConversation,
      logger,
      ...(config.appId ? {} : { unauthenticatedServiceUrls: config.allowedServiceUrls }),
    }),
    mount: [(s) => directLine.mount(s), web, metricsRoute(insights.metrics), admin],
  });
  // Always guarded, WebSockets on or off: an upgrade request reaches the server either way.
  directLine.listen(guardUpgrades(server.server, { logger, perIp: limits.perIp, trustProxyHops: config.trustProxyHops }));

  return {
    server,
    adapter,
    backend,
    bot,
    services,
    handoff,
    logger,
    ...(transcripts ? { transcripts } : {}),
    insights,
    training,
    async start(port = config.port, host = config.host) {
      if (!(await backend.connect())) logger.warn({ storage: backend.kind }, 'storage not reachable yet: turns will apologise until it is');
      handoff.startSweeping();
      return new Promise<string>((resolve, reject) => {
        server.once('error', reject);
        server.listen(port, host, () => {
          const address = server.address() as AddressInfo;
          const shownHost = host === '0.0.0.0' || host === '::' ? 'localhost' : host;
          resolve(`http://${shownHost}:${address.port}`);
        });
      });
    },
    async stop() {
      // One deadline for everything: turns in flight (both channels), then transcript writes.
      const deadline = Date.now() + config.shutdownTimeoutMs;
      inFlight.draining = true;
      handoff.stopSweeping();
      directLine.close();
      const closed = new Promise<void>((resolve) => server.close(() => resolve()));
      if (!(await inFlight.drained(config.shutdownTimeoutMs))) {
        logger.warn({ inFlight: inFlight.size }, 'shutdown timeout: closing with turns still in flight');
      }
      server.server.closeAllConnections();
      await closed;
      if (transcripts) {
        const left = Math.max(0, deadline - Date.now());
        if (!(await Promise.race([transcripts.flush().then(() => true), sleep(left, false, { ref: false })]))) {
          logger.warn('shutdown timeout: transcript writes still pending');
        }
        transcripts.close();
      }
      await insights.close();
      await directLineStore.close?.();
      await backend.close();
    },
  };
}
