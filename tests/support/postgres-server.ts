import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { once } from 'node:events';
import { chownSync, existsSync, mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import pg from 'pg';
import { freePort } from './redis-server.js';

/** Debian's PostgreSQL server binaries (package postgresql), whatever its major version. */
function serverBin(): string | undefined {
  const root = '/usr/lib/postgresql';
  if (!existsSync(root)) return undefined;
  const versions = readdirSync(root).filter((v) => existsSync(path.join(root, v, 'bin', 'initdb'))).sort((a, b) => Number(b) - Number(a));
  return versions[0] && path.join(root, versions[0], 'bin');
}

const BIN = serverBin();
export const hasPostgres = BIN !== undefined;

if (!hasPostgres) {
  const message = 'PostgreSQL server binaries are missing: the PostgreSQL tests cannot run (apt-get install -y postgresql).';
  if (process.env.CI) throw new Error(`${message} CI must run them.`);
  console.warn(`\n${'!'.repeat(100)}\n!!! SKIPPING POSTGRESQL TESTS: ${message}\n${'!'.repeat(100)}\n`);
}

// PostgreSQL refuses to run as root: as root, the server runs as Debian's postgres user.
const owner = (() => {
  if (process.getuid?.() !== 0) return undefined;
  const uid = Number(spawnSync('id', ['-u', 'postgres'], { encoding: 'utf8' }).stdout.trim());
  const gid = Number(spawnSync('id', ['-g', 'postgres'], { encoding: 'utf8' }).stdout.trim());
  return Number.isInteger(uid) && uid > 0 ? { uid, gid } : undefined;
})();

/** A real PostgreSQL server for the tests: a fresh cluster in a temp folder, on a free loopback port. */
export class PostgresServer {
  private constructor(
    private readonly child: ChildProcess,
    private readonly dir: string,
    readonly port: number,
  ) {}

  get url(): string {
    return `postgres://sportello@127.0.0.1:${this.port}/sportello`;
  }

  static async start(): Promise<PostgresServer> {
    if (!BIN) throw new Error('PostgreSQL is not installed');
    const dir = mkdtempSync(path.join(tmpdir(), 'sportello-pg-'));
    if (owner) chownSync(dir, owner.uid, owner.gid);
    const data = path.join(dir, 'data');
    const as = owner ? { uid: owner.uid, gid: owner.gid } : {};
    const init = spawnSync(path.join(BIN, 'initdb'), ['-D', data, '-U', 'sportello', '--auth=trust', '-E', 'UTF8', '--no-sync'], { encoding: 'utf8', ...as });
    if (init.status !== 0) throw new Error(`initdb failed: ${init.stderr}`);
    const port = await freePort();
    const child = spawn(path.join(BIN, 'postgres'), ['-D', data, '-p', String(port), '-h', '127.0.0.1', '-k', dir, '-c', 'fsync=off', '-c', 'synchronous_commit=off', '-c', 'full_page_writes=off'], {
      stdio: 'ignore',
      ...as,
    });
    const server = new PostgresServer(child, dir, port);
    await server.waitForConnection();
    const admin = new pg.Client({ connectionString: `postgres://sportello@127.0.0.1:${port}/postgres` });
    await admin.connect();
    await admin.query('CREATE DATABASE sportello');
    await admin.end();
    return server;
  }

  private async waitForConnection(): Promise<void> {
    for (let attempt = 0; ; attempt++) {
      if (this.child.exitCode !== null) throw new Error(`postgres exited with ${this.child.exitCode}`);
      const client = new pg.Client({ connectionString: `postgres://sportello@127.0.0.1:${this.port}/postgres` });
      try {
        await client.connect();
        await client.end();
        return;
      } catch (error) {
        if (attempt > 600) throw error;
        await sleep(100);
      }
    }
  }

  async stop(): Promise<void> {
    if (this.child.exitCode === null) {
      const exited = once(this.child, 'exit');
      // SIGINT: PostgreSQL's fast shutdown.
      this.child.kill('SIGINT');
      await exited;
    }
    rmSync(this.dir, { recursive: true, force: true });
  }
}
