import { createApp, type App } from '../../src/app.js';
import { loadConfig } from '../../src/config.js';
import { createLogger } from '../../src/logging.js';
import { projectContent } from './content.js';

export interface RunningBot {
  app: App;
  /** http://127.0.0.1:<port> */
  url: string;
  stop(): Promise<void>;
}

/** The real app, real content, listening on a free loopback port. */
export async function startBot(env: Record<string, string> = {}): Promise<RunningBot> {
  const app = await createApp(loadConfig({ LOG_LEVEL: 'silent', ...env }), { content: await projectContent(), logger: createLogger('silent') });
  const url = await app.start(0, '127.0.0.1');
  return { app, url, stop: () => app.stop() };
}
