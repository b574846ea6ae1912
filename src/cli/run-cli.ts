import { ContentError } from '../content/yaml-file.js';
import { ConfigError } from '../config.js';

/** Runs a command-line tool: known failures print their message and exit 1, without a stack trace. */
export async function runCli(main: () => Promise<void>): Promise<void> {
  try {
    await main();
  } catch (error) {
    if (error instanceof ContentError || error instanceof ConfigError) {
      console.error(error.message);
    } else {
      console.error(error);
    }
    process.exitCode = 1;
  }
}
