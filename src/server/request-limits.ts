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
  trustProxyHops: number;
  logger: Logger;
}

const DIRECTLINE = '/v3/directline/';
/** Requests that make the bot start (and keep) a conversation. */
const STARTS = new Set(['/v3/directline/conversations', '/v3/directline/tokens/generate', '/api/webchat/token']);

/** The limits a request counts against, most specific first. */
function limitsFor(req: Request, limits: RequestLimits): RateLimit[] {
  const path = req.getPath();
  if (req.method === 'POST') return STARTS.has(path) ? [limits.conversations, limits.writes] : [limits.writes];
  if (path.startsWith(DIRECTLINE)) return [limits.reads];
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
      for (const limit of applying) {
        const wait = await limit(ip);
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
