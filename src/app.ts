import type { AddressInfo } from 'node:net';
import {
  CloudAdapter,
  ConfigurationBotFrameworkAuthentication,
  ConversationState,
  MemoryStorage,
  TranscriptLoggerMiddleware,
  type Middleware,
  type Storage,
  type TurnContext,
} from 'botbuilder';
import type { Server } from 'restify';
import { SportelloBot } from './bot/sportello-bot.js';
import type { Config } from './config.js';
import { loadContent, type Content } from './content/load-content.js';
import { MainDialog } from './dialogs/main-dialog.js';
import type { DialogServices } from './dialogs/services.js';
import { createTranslator } from './i18n/i18n.js';
import type { Language } from './content/languages.js';
import { createLogger, type Logger } from './logging.js';
import { apologise } from './bot/apologise.js';
import { FileTranscriptLogger } from './bot/file-transcript-logger.js';
import type { ConversationStore } from './directline/conversation-store.js';
import { InProcessAdapter } from './directline/in-process-adapter.js';
import { createServer } from './server/create-server.js';
import { createDirectLineEndpoint } from './server/directline-endpoint.js';
import { webRoutes } from './server/web-routes.js';
import { createUnderstander } from './understanding/understander.js';
import { createKnowledgeSearch } from './knowledge/search.js';

export interface AppOptions {
  /** Conversation state storage; in-memory by default. */
  storage?: Storage;
  logger?: Logger;
  /** Content already loaded (tests share one load across many apps). */
  content?: Content;
  /** Where Direct Line conversations live; in memory by default. */
  directLineStore?: ConversationStore;
}

export interface App {
  server: Server;
  adapter: CloudAdapter;
  bot: SportelloBot;
  services: DialogServices;
  logger: Logger;
  /** Saves conversations as .transcript files, when TRANSCRIPTS_DIR is set. */
  transcripts?: FileTranscriptLogger;
  /** Starts listening; resolves with the base URL. Port 0 picks a free port. */
  start(port?: number, host?: string): Promise<string>;
  stop(): Promise<void>;
}

/** Builds every part of the bot from config and wires them together. Does not listen. */
export async function createApp(config: Config, options: AppOptions = {}): Promise<App> {
  const logger = options.logger ?? createLogger(config.logLevel);
  const content = options.content ?? (await loadContent(config));
  const t = await createTranslator(content.locales, config.defaultLocale);
  const understander = createUnderstander(content.kb, content.locales.input);
  const services: DialogServices = { kb: content.kb, trees: content.trees, understander, t };

  const conversationState = new ConversationState(options.storage ?? new MemoryStorage());
  const bot = new SportelloBot({
    conversationState,
    dialog: new MainDialog(services),
    services,
    defaultLanguage: config.defaultLocale,
    search: createKnowledgeSearch(content.kb),
  });

  const auth = new ConfigurationBotFrameworkAuthentication({
    MicrosoftAppId: config.appId,
    MicrosoftAppPassword: config.appPassword,
    MicrosoftAppType: config.appType,
    MicrosoftAppTenantId: config.appTenantId,
  });
  const adapter = new CloudAdapter(auth);
  // The web widget's Direct Line runs the bot in process, on an adapter of its own (see InProcessAdapter).
  const directLineAdapter = new InProcessAdapter();
  const onTurnError = async (context: TurnContext, error: Error) => {
    logger.error({ err: error, conversation: context.activity.conversation?.id }, 'turn failed');
    await apologise(context, t, config.defaultLocale, logger);
  };
  adapter.onTurnError = onTurnError;
  directLineAdapter.onTurnError = onTurnError;

  // Middleware, in the order each turn passes through it. Redaction of secrets comes first,
  // so that nothing after it (the transcript above all) sees what customers should not have
  // pasted; the transcript comes after it.
  const transcripts = config.transcriptsDir ? new FileTranscriptLogger(config.transcriptsDir, logger) : undefined;
  const middleware: Middleware[] = [
    // (secret redaction goes here)
    ...(transcripts ? [new TranscriptLoggerMiddleware(transcripts)] : []),
  ];
  for (const m of middleware) {
    adapter.use(m);
    directLineAdapter.use(m);
  }

  const directLine = createDirectLineEndpoint({
    secret: config.directLineSecret,
    webSocket: config.directLineWebSocket,
    publicUrl: config.publicUrl,
    adapter: directLineAdapter,
    logic: (context) => bot.run(context),
    bot: { id: config.appId ?? 'sportello', name: 'Sportello', role: 'bot' },
    logger,
    store: options.directLineStore,
  });
  const web = await webRoutes({
    strings: Object.fromEntries(Object.entries(content.locales.strings).map(([l, s]) => [l, s.web])) as Record<Language, unknown>,
    defaultLanguage: config.defaultLocale,
    webSocket: config.directLineWebSocket,
    issueToken: () => directLine.issuePageToken(),
  });

  const server = createServer({
    logger,
    maxBodyBytes: 256 * 1024,
    processActivity: (req, res) => adapter.process(req, res, (context) => bot.run(context)),
    mount: [(s) => directLine.mount(s), web],
  });
  directLine.listen(server.server);

  return {
    server,
    adapter,
    bot,
    services,
    logger,
    ...(transcripts ? { transcripts } : {}),
    start(port = config.port, host = config.host) {
      return new Promise((resolve, reject) => {
        server.once('error', reject);
        server.listen(port, host, () => {
          const address = server.address() as AddressInfo;
          const shownHost = host === '0.0.0.0' || host === '::' ? 'localhost' : host;
          resolve(`http://${shownHost}:${address.port}`);
        });
      });
    },
    stop() {
      directLine.close();
      return new Promise((resolve) => server.close(() => resolve()));
    },
  };
}
