import { loadConfig } from './config.js';
import { runCli } from './cli/run-cli.js';
import { contentFolders, prefetchYaml } from './content/yaml-prefetch.js';
import { collectStartUpGarbage } from './util/start-up-garbage.js';

await runCli(async () => {
  const config = loadConfig();
  // The content's YAML is parsed on a worker thread while this one imports the app (the SDK,
  // restify: about a second that needs no content), so the two overlap.
  prefetchYaml(contentFolders(config));
  const { createApp } = await import('./app.js');
  const app = await createApp(config);
  // Whether this start trained or loaded its models is what an operator asks first of a slow start.
  app.logger.info(app.training, 'understanding ready');
  // Only a start that trained has training's garbage to give back; one that loaded its models has little.
  if (app.training.trained.length > 0) {
    const { collected, ms } = collectStartUpGarbage();
    if (collected) app.logger.debug({ ms, rssMb: Math.round(process.memoryUsage().rss / 2 ** 20) }, "start-up garbage collected: training's memory given back");
  }
  const url = await app.start();
  app.logger.info({ url, storage: app.backend.kind }, `Sportello is listening: web chat at ${url}/, Bot Framework endpoint at ${url}/api/messages`);
  if (config.nodeEnv === 'production' && app.backend.kind === 'memory') {
    app.logger.warn('NODE_ENV=production with in-memory state: conversations are lost on restart and not shared between instances; set REDIS_URL');
  }
  let stopping = false;
  const shutdown = (signal: string) => {
    if (stopping) return;
    stopping = true;
    app.logger.info({ signal }, 'shutting down: finishing turns in flight');
    app.stop().then(
      () => process.exit(0),
      (error: unknown) => {
        app.logger.error({ err: error }, 'shutdown failed');
        process.exit(1);
      },
    );
  };
  process.on('SIGTERM', () => shutdown('SIGTERM'));
  process.on('SIGINT', () => shutdown('SIGINT'));
});
