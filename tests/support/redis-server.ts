import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { once } from 'node:events';
import { mkdtempSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { Redis } from 'ioredis';

/**
 * A real redis-server for the tests, on a free loopback port, with no persistence. When the
 * binary is missing the Redis tests are skipped with a loud notice, except on CI, where a
 * missing Redis is an error: CI must run them.
 */
export const hasRedisServer = spawnSync('redis-server', ['--version']).status === 0;

if (!hasRedisServer) {
  const message = 'redis-server is not on PATH: the Redis tests cannot run (apt-get install -y redis-server).';
  if (process.env.CI) throw new Error(`${message} CI must run them.`);
  console.warn(`\n${'!'.repeat(100)}\n!!! SKIPPING REDIS TESTS: ${message}\n${'!'.repeat(100)}\n`);
}

export async function freePort(): Promise<number> {
  const server = createServer();
  server.listen(0, '127.0.0.1');
  await once(server, 'listening');
  const { port } = server.address() as { port: number };
  await new Promise((resolve) => server.close(resolve));
  return port;
}

export class RedisServer {
  private process?: ChildProcess;
  private dir?: string;

  private constructor(
    readonly port: number,
    private readonly cluster: boolean,
  ) {}

  /** Starts a server; `cluster` makes it a one-node Redis Cluster owning every slot. */
  static async start(options: { cluster?: boolean } = {}): Promise<RedisServer> {
    const server = new RedisServer(await freePort(), options.cluster ?? false);
    await server.restart();
    return server;
  }

  get url(): string {
    return `redis://127.0.0.1:${this.port}`;
  }

  /** Starts (again, after stop) on the same port, empty. */
  async restart(): Promise<void> {
    this.dir = mkdtempSync(path.join(tmpdir(), 'sportello-redis-'));
    const args = ['--port', String(this.port), '--bind', '127.0.0.1', '--save', '', '--appendonly', 'no', '--dir', this.dir];
    if (this.cluster) args.push('--cluster-enabled', 'yes', '--cluster-config-file', 'nodes.conf', '--cluster-announce-ip', '127.0.0.1');
    const child = spawn('redis-server', args, { stdio: 'ignore' });
    this.process = child;
    await this.waitForPing();
    if (this.cluster) await this.claimAllSlots();
  }

  /** Stops the server, as an outage would. */
  async stop(): Promise<void> {
    const child = this.process;
    this.process = undefined;
    if (child && child.exitCode === null) {
      const exited = once(child, 'exit');
      child.kill('SIGKILL');
      await exited;
    }
    if (this.dir) rmSync(this.dir, { recursive: true, force: true });
  }

  /** A plain client for inspecting what the bot stored. */
  client(): Redis {
    return new Redis(this.port, '127.0.0.1', { lazyConnect: false, maxRetriesPerRequest: 1 });
  }

  private async waitForPing(): Promise<void> {
    const deadline = Date.now() + 10_000;
    for (;;) {
      const client = new Redis(this.port, '127.0.0.1', { lazyConnect: true, retryStrategy: () => null, maxRetriesPerRequest: 0 });
      client.on('error', () => undefined);
      try {
        await client.connect();
        if ((await client.ping()) === 'PONG') return;
      } catch {
        if (Date.now() > deadline) throw new Error(`redis-server on port ${this.port} did not answer PING within 10 s`);
        await sleep(50);
      } finally {
        client.disconnect();
      }
    }
  }

  private async claimAllSlots(): Promise<void> {
    const client = this.client();
    try {
      await client.call('CLUSTER', 'ADDSLOTSRANGE', '0', '16383');
      for (let i = 0; i < 100; i++) {
        const info = String(await client.call('CLUSTER', 'INFO'));
        if (info.includes('cluster_state:ok')) return;
        await sleep(50);
      }
      throw new Error('the one-node test cluster did not reach cluster_state:ok');
    } finally {
      client.disconnect();
    }
  }
}

/** Every key the bot left in Redis with its content, for "the secret is stored nowhere" checks. */
export async function dumpRedis(client: Redis): Promise<string> {
  const keys = await client.keys('*');
  const parts: string[] = [];
  for (const key of keys) {
    const type = await client.type(key);
    const value = type === 'hash' ? await client.hgetall(key) : type === 'string' ? await client.get(key) : type;
    parts.push(`${key} ${JSON.stringify(value)}`);
  }
  return parts.join('\n');
}
