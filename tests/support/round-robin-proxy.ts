import { once } from 'node:events';
import { createServer, request, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import { connect, type Socket } from 'node:net';
import type { Duplex } from 'node:stream';

/** One call the proxy passed on: to which backend, and what it was. */
export interface ProxiedCall {
  backend: number;
  method: string;
  path: string;
  upgrade: boolean;
}

/**
 * A load balancer without sticky sessions, on a loopback port: each HTTP request and each
 * WebSocket upgrade goes to the next backend in turn, so consecutive calls of one client land
 * on different processes. A backend that refuses the connection (it is restarting) is skipped,
 * as a balancer's health check would; a request is never sent twice once a backend took it.
 */
export class RoundRobinProxy {
  readonly calls: ProxiedCall[] = [];
  private turn = 0;
  private readonly sockets = new Set<Socket | Duplex>();

  private constructor(
    private readonly server: Server,
    private readonly backends: number[],
  ) {}

  /** Starts the proxy in front of these backend ports. */
  static async start(backends: number[]): Promise<RoundRobinProxy> {
    const server = createServer();
    const proxy = new RoundRobinProxy(server, backends);
    server.on('request', (req, res) => void proxy.forward(req, res));
    server.on('upgrade', (req, socket, head) => proxy.tunnel(req, socket, head));
    server.on('connection', (socket) => proxy.track(socket));
    server.listen(0, '127.0.0.1');
    await once(server, 'listening');
    return proxy;
  }

  get url(): string {
    return `http://127.0.0.1:${(this.server.address() as { port: number }).port}`;
  }

  async stop(): Promise<void> {
    for (const socket of this.sockets) socket.destroy();
    await new Promise((resolve) => this.server.close(resolve));
  }

  /** The backends to try for the next call: the next one in turn first, then the others. */
  private order(): number[] {
    const first = this.turn++ % this.backends.length;
    return this.backends.map((_, i) => (first + i) % this.backends.length);
  }

  private track(socket: Socket | Duplex): void {
    this.sockets.add(socket);
    socket.on('close', () => this.sockets.delete(socket));
  }

  private async forward(req: IncomingMessage, res: ServerResponse): Promise<void> {
    // Bodies are small here; buffered, a request can go to another backend if the first refuses.
    const chunks: Buffer[] = [];
    for await (const chunk of req) chunks.push(chunk as Buffer);
    const body = Buffer.concat(chunks);
    const attempt = (order: number[]) => {
      const backend = order.shift();
      if (backend === undefined) return this.fail(res);
      const upstream = request(
        { host: '127.0.0.1', port: this.backends[backend], method: req.method, path: req.url, headers: req.headers, agent: false },
        (response) => {
          this.calls.push({ backend, method: req.method ?? '', path: req.url ?? '', upgrade: false });
          res.writeHead(response.statusCode ?? 502, response.headers);
          response.pipe(res);
        },
      );
      upstream.on('error', (error: NodeJS.ErrnoException) => {
        if (error.code === 'ECONNREFUSED') attempt(order);
        else this.fail(res);
      });
      upstream.end(body);
    };
    attempt(this.order());
  }

  /** 502, or a cut connection when the backend failed halfway through its answer. */
  private fail(res: ServerResponse): void {
    if (res.headersSent) return void res.destroy();
    res.statusCode = 502;
    res.end();
  }

  private tunnel(req: IncomingMessage, socket: Duplex, head: Buffer): void {
    this.track(socket);
    socket.on('error', () => socket.destroy());
    const attempt = (order: number[]) => {
      const backend = order.shift();
      if (backend === undefined) return void socket.end('HTTP/1.1 502 Bad Gateway\r\nContent-Length: 0\r\n\r\n');
      let connected = false;
      const upstream = connect(this.backends[backend]!, '127.0.0.1');
      this.track(upstream);
      upstream.once('connect', () => {
        connected = true;
        this.calls.push({ backend, method: req.method ?? '', path: req.url ?? '', upgrade: true });
        const headers = [];
        for (let i = 0; i < req.rawHeaders.length; i += 2) headers.push(`${req.rawHeaders[i]}: ${req.rawHeaders[i + 1]}\r\n`);
        upstream.write(`${req.method} ${req.url} HTTP/1.1\r\n${headers.join('')}\r\n`);
        if (head.length > 0) upstream.write(head);
        socket.pipe(upstream).pipe(socket);
      });
      upstream.on('error', (error: NodeJS.ErrnoException) => {
        if (!connected && error.code === 'ECONNREFUSED') attempt(order);
        else socket.destroy();
      });
      upstream.on('close', () => socket.destroy());
      socket.on('close', () => upstream.destroy());
    };
    attempt(this.order());
  }
}
