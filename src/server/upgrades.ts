import type { IncomingMessage, Server as HttpServer } from 'node:http';
import { Socket } from 'node:net';
import type { Duplex } from 'node:stream';
import type { Logger } from '../logging.js';
import { clientIp } from './client-ip.js';
import type { RateLimit } from './rate-limits.js';

/** Takes over an upgrade request whose path it serves; the socket is already guarded. */
export type UpgradeHandler = (req: IncomingMessage, socket: Duplex, head: Buffer) => void;

export interface UpgradeRoutes {
  /** Serves upgrade requests whose path matches. */
  add(path: RegExp, handler: UpgradeHandler): void;
}

export interface UpgradeOptions {
  logger: Logger;
  /** Upgrade requests per client address; over it the request gets 429 and the socket closes. */
  perIp?: RateLimit;
  trustProxyHops?: number;
  /** A socket that has not finished its handshake by then is dropped (a client that stalls). */
  handshakeTimeoutMs?: number;
}

/** Answers an upgrade request with a plain HTTP status and closes the socket. */
export function refuseUpgrade(socket: Duplex, status: number, reason: string, headers: Record<string, string> = {}): void {
  if (socket.destroyed) return;
  const extra = Object.entries(headers).map(([name, value]) => `${name}: ${value}\r\n`).join('');
  socket.end(`HTTP/1.1 ${status} ${reason}\r\nConnection: close\r\n${extra}Content-Length: 0\r\n\r\n`);
  // end() waits for the client to read; one that never does must not hold the socket.
  setTimeout(() => socket.destroy(), 1_000).unref();
}

/**
 * The only listener of the HTTP server's 'upgrade' event. Node hands over the raw socket
 * without its own error listener, so a client that resets the connection would throw an
 * unhandled 'error' and end the process: every upgrade socket gets a listener first, then a
 * rate limit, then the route that serves its path, or 404. Upgrades arrive whether or not
 * any route serves them (restify proxies the event), so the guard is installed always.
 */
export function guardUpgrades(http: HttpServer, options: UpgradeOptions): UpgradeRoutes {
  const { logger } = options;
  const routes: Array<{ path: RegExp; handler: UpgradeHandler }> = [];
  const handshakeTimeoutMs = options.handshakeTimeoutMs ?? 10_000;

  http.on('upgrade', (req: IncomingMessage, socket: Duplex, head: Buffer) => {
    socket.on('error', (error: NodeJS.ErrnoException) => {
      logger.debug({ code: error.code, url: req.url }, 'upgrade socket error');
      socket.destroy();
    });
    // ws clears this timeout once the handshake is done.
    if (socket instanceof Socket) socket.setTimeout(handshakeTimeoutMs, () => socket.destroy());
    void route(req, socket, head).catch((error: unknown) => {
      logger.error({ err: error, url: req.url }, 'upgrade failed');
      refuseUpgrade(socket, 500, 'Internal Server Error');
    });
  });

  async function route(req: IncomingMessage, socket: Duplex, head: Buffer): Promise<void> {
    const wait = await options.perIp?.(clientIp(req, options.trustProxyHops ?? 0));
    if (wait !== undefined) {
      logger.warn({ retryAfter: wait, url: req.url }, 'client address rate limit (upgrade)');
      return refuseUpgrade(socket, 429, 'Too Many Requests', { 'Retry-After': String(wait) });
    }
    if (socket.destroyed) return;
    const pathname = new URL(req.url ?? '/', 'http://localhost').pathname;
    const found = routes.find((r) => r.path.test(pathname));
    if (!found) return refuseUpgrade(socket, 404, 'Not Found');
    found.handler(req, socket, head);
  }

  return {
    add(path, handler) {
      routes.push({ path, handler });
    },
  };
}
