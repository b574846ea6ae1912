import { createApp } from './app.js';
import { loadConfig } from './config.js';
import { runCli } from './cli/run-cli.js';

await runCli(async () => {
  const config = loadConfig();
  const app = await createApp(config);
  const url = await app.start();
  app.logger.info({ url }, `Sportello is listening: web chat at ${url}/, Bot Framework endpoint at ${url}/api/messages`);
  const shutdown = (signal: string) => {
    app.logger.info({ signal }, 'shutting down');
    void app.stop().then(() => process.exit(0));
  };
  process.once('SIGTERM', () => shutdown('SIGTERM'));
  process.once('SIGINT', () => shutdown('SIGINT'));
});
