import restify, { type Next, type Request, type Response, type Server } from 'restify';
import type { Logger } from '../logging.js';
import { describeBodyProblem } from './activity-schema.js';
import type { InFlight } from './in-flight.js';
import { requestLimits, type RequestLimits } from './request-limits.js';

export interface ServerParts {
  logger: Logger;
  /** Runs one incoming activity through the bot and writes the response. */
  processActivity(req: Request, res: Response): Promise<void>;
  /** Largest request body accepted, in bytes. */
  maxBodyBytes: number;
  /** Throws unless the bot can serve turns (its storage answers): GET /readyz. */
  ready(): Promise<void>;
  /** Requests per client address, by kind. */
  limits: Omit<RequestLimits, 'trustProxyHops' | 'logger'>;
  /** How many proxies in front of the bot may be trusted to report the client's address. */
  trustProxyHops: number;
  /** Turns in flight, and whether the server is shutting down. */
  inFlight: InFlight;
  /** More route groups (Direct Line, the web widget), each adding its routes to the server. */
  mount?: ReadonlyArray<(server: Server) => void>;
}

/**
 * The restify app: POST /api/messages for the Bot Framework (Emulator, Teams, expectReplies),
 * GET /healthz (the process is up), GET /readyz (it can serve turns), and the mounted route
 * groups. Builds routes only; listening is the caller's business, so tests use port 0.
 */
export function createServer(parts: ServerParts): Server {
  const { logger, inFlight } = parts;
  const server = restify.createServer({ name: 'sportello', handleUncaughtExceptions: false });
  // Every request, whatever its route (a Direct Line post runs a turn too), counts as in flight
  // until its response is done, so shutdown waits for it; once draining, new POSTs get 503.
  server.pre((req: Request, res: Response, next: Next) => {
    if (inFlight.draining && req.method === 'POST') {
      res.header('Retry-After', '1');
      res.header('Connection', 'close');
      res.send(503, { error: 'shutting_down', message: 'this instance is shutting down; retry' });
      return next(false);
    }
    void inFlight.track(() => new Promise<void>((done) => res.once('close', () => done())));
    return next();
  });
  // Every route a stranger can use counts against their address, before any body is read.
  server.use(requestLimits({ ...parts.limits, trustProxyHops: parts.trustProxyHops, logger }));
  server.use(restify.plugins.bodyParser({ maxBodySize: parts.maxBodyBytes, mapParams: false }));

  server.get('/healthz', async (_req: Request, res: Response) => {
    res.send(200, { status: 'ok' });
  });

  server.get('/readyz', async (_req: Request, res: Response) => {
    if (inFlight.draining) {
      res.send(503, { status: 'shutting down' });
      return;
    }
    try {
      await parts.ready();
      res.send(200, { status: 'ready' });
    } catch (error) {
      logger.warn({ reason: (error as Error).message }, 'not ready');
      res.send(503, { status: 'storage unavailable' });
    }
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
    // The error's name, not its message: a JSON parse message quotes the body, which may hold a secret.
    logger[level]({ method: req.method, url: req.url, status: error.statusCode, reason: error.name }, 'request rejected');
    callback();
  });
  return server;
}
