import type { Request, Response, Server } from 'restify';
import type { TurnMetrics } from '../insights/metrics.js';

/** GET /metrics: the Prometheus text format. It holds counts and timings only, never a message. */
export function metricsRoute(metrics: TurnMetrics): (server: Server) => void {
  return (server: Server) => {
    server.get('/metrics', async (_req: Request, res: Response) => {
      const body = await metrics.text();
      res.setHeader('Content-Type', metrics.registry.contentType);
      res.setHeader('Cache-Control', 'no-store');
      res.sendRaw(200, body);
    });
  };
}
