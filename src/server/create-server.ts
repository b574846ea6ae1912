import restify, { type Request, type Response, type Server } from 'restify';
import type { Logger } from '../logging.js';
import { describeBodyProblem } from './activity-schema.js';

export interface ServerParts {
  logger: Logger;
  /** Runs one incoming activity through the bot and writes the response. */
  processActivity(req: Request, res: Response): Promise<void>;
  /** Largest request body accepted, in bytes. */
  maxBodyBytes: number;
  /** More route groups (Direct Line, the web widget), each adding its routes to the server. */
  mount?: ReadonlyArray<(server: Server) => void>;
}

/**
 * The restify app: POST /api/messages for the Bot Framework (Emulator, Teams, expectReplies),
 * GET /healthz, and the mounted route groups. Builds routes only; listening is the caller's business, so tests use port 0.
 */
export function createServer(parts: ServerParts): Server {
  const { logger } = parts;
  const server = restify.createServer({ name: 'sportello', handleUncaughtExceptions: false });
  server.use(restify.plugins.bodyParser({ maxBodySize: parts.maxBodyBytes, mapParams: false }));

  server.get('/healthz', async (_req: Request, res: Response) => {
    res.send(200, { status: 'ok' });
  });

  server.post('/api/messages', async (req: Request, res: Response) => {
    const problem = describeBodyProblem(req.body);
    if (problem) {
      res.send(400, { error: 'bad_request', message: problem });
      return;
    }
    try {
      await parts.processActivity(req, res);
    } catch (error) {
      logger.error({ err: error }, 'activity processing failed');
      if (!res.headersSent) res.send(500, { error: 'internal_error', message: 'the bot could not process this activity' });
    }
  });

  for (const mount of parts.mount ?? []) mount(server);

  server.on('restifyError', (req: Request, _res: Response, error: Error & { statusCode?: number }, callback: () => void) => {
    const level = (error.statusCode ?? 500) >= 500 ? 'error' : 'warn';
    logger[level]({ method: req.method, url: req.url, status: error.statusCode, reason: error.message }, 'request rejected');
    callback();
  });
  return server;
}
