import type { IncomingMessage } from 'node:http';

/**
 * The address a request came from. Behind N trusted proxies it is the address N hops back in
 * X-Forwarded-For (each proxy appends the address it saw); anything further left was written by
 * the client and could be anything, so it is not trusted.
 */
export function clientIp(req: Pick<IncomingMessage, 'headers' | 'socket'>, trustedProxies: number): string {
  const socket = req.socket.remoteAddress ?? 'unknown';
  if (trustedProxies === 0) return socket;
  const header = req.headers['x-forwarded-for'];
  const forwarded = (Array.isArray(header) ? header.join(',') : (header ?? '')).split(',').map((a) => a.trim()).filter(Boolean);
  const chain = [...forwarded, socket];
  return chain[Math.max(0, chain.length - 1 - trustedProxies)]!;
}
