import type { Next, Request, Response } from 'restify';
import type { Logger } from '../logging.js';
import { clientIp } from './client-ip.js';
import type { RateLimit } from './rate-limits.js';

export interface RequestLimits {
  /** Every POST (the Bot Framework endpoint, Direct Line, the page's token). */
  writes: RateLimit;
  /** Every GET of Direct Line: Web Chat polls once a second, so this is the larger budget. */
  reads: RateLimit;
  /** New conversations and tokens: the cheapest way to make the bot hold something for you. */
  conversations: RateLimit;
  /**
   * Kilobytes of POST bodies, from Content-Length, before they are read: parsing a 250 KB
   * body costs the bot (and its garbage collector) what hundreds of normal messages do.
   */
  bodyKb?: RateLimit;
  /** Counted for a POST without Content-Length (a chunked body), which may be this large. */
  maxBodyBytes?: number;
  trustProxyHops: number;
  logger: Logger;
}

const DIRECTLINE = '/v3/directline/';
/** Requests that make the bot start (and keep) a conversation. */
const STARTS = new Set(['/v3/directline/conversations', '/v3/directline/tokens/generate', '/api/webchat/token']);

/** The limits a request counts against, most specific first, each with what the request costs it. */
function limitsFor(req: Request, limits: RequestLimits): Array<[RateLimit, number]> {
  const path = req.getPath();
  if (req.method === 'POST') {
    const counted: Array<[RateLimit, number]> = STARTS.has(path) ? [[limits.conversations, 1], [limits.writes, 1]] : [[limits.writes, 1]];
    const length = Number(req.header('content-length'));
    const bytes = Number.isFinite(length) && req.header('content-length') ? length : (limits.maxBodyBytes ?? 0);
    if (limits.bodyKb && bytes > 0) counted.push([limits.bodyKb, Math.ceil(bytes / 1024)]);
    return counted;
  }
  if (path.startsWith(DIRECTLINE)) return [[limits.reads, 1]];
  return [];
}

/**
 * Per client address limits on every route a stranger can use to make the bot work or hold
 * memory, checked before the body is read: 429 with Retry-After. (Upgrades to the WebSocket
 * stream are limited by guardUpgrades.) A callback handler: only next(false) ends restify's chain.
 */
export function requestLimits(limits: RequestLimits) {
  return (req: Request, res: Response, next: Next) => {
    const applying = limitsFor(req, limits);
    if (applying.length === 0) return next();
    const ip = clientIp(req, limits.trustProxyHops);
    (async () => {
      for (const [limit, cost] of applying) {
        const wait = await limit(ip, cost);
        if (wait !== undefined) return wait;
      }
      return undefined;
    })().then((wait) => {
      if (wait === undefined) return next();
      limits.logger.warn({ retryAfter: wait, method: req.method, url: req.getPath() }, 'client address rate limit');
      res.header('Retry-After', String(wait));
      res.send(429, { error: 'too_many_requests', message: `too many requests; retry in ${wait} s` });
      next(false);
    }, next);
  };
}
