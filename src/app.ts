import type { AddressInfo } from 'node:net';
import {
  CloudAdapter,
  ConfigurationBotFrameworkAuthentication,
  ConversationState,
  MemoryStorage,
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
import { createLogger, type Logger } from './logging.js';
import { apologise } from './bot/apologise.js';
import { createServer } from './server/create-server.js';
import { createUnderstander } from './understanding/understander.js';

export interface AppOptions {
  /** Conversation state storage; in-memory by default. */
  storage?: Storage;
  logger?: Logger;
  /** Content already loaded (tests share one load across many apps). */
  content?: Content;
}

export interface App {
  server: Server;
  adapter: CloudAdapter;
  bot: SportelloBot;
  services: DialogServices;
  logger: Logger;
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
  const bot = new SportelloBot({ conversationState, dialog: new MainDialog(services), services, defaultLanguage: config.defaultLocale });

  const auth = new ConfigurationBotFrameworkAuthentication({
    MicrosoftAppId: config.appId,
    MicrosoftAppPassword: config.appPassword,
    MicrosoftAppType: config.appType,
    MicrosoftAppTenantId: config.appTenantId,
  });
  const adapter = new CloudAdapter(auth);
  adapter.onTurnError = async (context: TurnContext, error: Error) => {
    logger.error({ err: error, conversation: context.activity.conversation?.id }, 'turn failed');
    await apologise(context, t, config.defaultLocale, logger);
  };

  const server = createServer({
    logger,
    maxBodyBytes: 256 * 1024,
    processActivity: (req, res) => adapter.process(req, res, (context) => bot.run(context)),
  });

  return {
    server,
    adapter,
    bot,
    services,
    logger,
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
      return new Promise((resolve) => server.close(() => resolve()));
    },
  };
}
