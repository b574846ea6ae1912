import { ConfigError, loadConfig } from '../config.js';
import { loadContent } from '../content/load-content.js';
import { trainUnderstander } from '../understanding/understander.js';
import { runCli } from './run-cli.js';

/**
 * `npm run train`: trains the understanding on the configured content and keeps it in
 * CALIBRATION_CACHE_DIR, so that the bot started next on the same content and code loads it
 * instead of training (the container image runs this at build time). It runs the compiled
 * code, as `npm start` does: the files are keyed by the code that made them, and the compiled
 * bot would read a cache made from the sources as stale.
 */
await runCli(async () => {
  const config = loadConfig();
  const dir = config.calibrationCacheDir;
  if (!dir) throw new ConfigError('CALIBRATION_CACHE_DIR is empty: set the folder to keep the trained understanding in');
  const content = await loadContent(config);
  const started = performance.now();
  let failed = false;
  await trainUnderstander(content.kb, content.locales.input, {
    cacheDir: dir,
    warn: (message) => {
      // Only a file that could not be written fails the command; a stale one is what it replaces.
      if (/cannot write/.test(message)) failed = true;
      console.error(message);
    },
  });
  if (failed) throw new ConfigError(`${dir}: the trained understanding could not be kept there`);
  console.log(`Trained on ${content.kb.entries.size} entries in ${((performance.now() - started) / 1000).toFixed(1)} s; kept in ${dir}`);
});
