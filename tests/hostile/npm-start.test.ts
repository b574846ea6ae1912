import { spawn } from 'node:child_process';
import { once } from 'node:events';
import { readFileSync } from 'node:fs';
import { setTimeout as sleep } from 'node:timers/promises';
import { describe, expect, it } from 'vitest';
import { freePort } from '../support/redis-server.js';

/** Whether a process is still there (signal 0 only asks). */
function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}

/** Every process started under `pid` (children, their children…), from /proc (Linux). */
function descendants(pid: number): number[] {
  let children: number[] = [];
  try {
    children = readFileSync(`/proc/${pid}/task/${pid}/children`, 'utf8').trim().split(/\s+/).filter(Boolean).map(Number);
  } catch {
    return [];
  }
  return children.flatMap((child) => [child, ...descendants(child)]);
}

/**
 * A service manager stops the bot by signalling the process it started, often `npm start`.
 * When npm ran the bot through a shell that stayed in between, the signal stopped npm and
 * the shell and left the bot serving, orphaned (issue 11). This starts the real `npm start`
 * (without the prestart build: the global set-up has built), sends SIGTERM to npm alone, and
 * waits for the bot itself to go through its shutdown and exit.
 */
describe('npm start', () => {
  it('passes SIGTERM on to the bot, which shuts down and exits', { timeout: 180_000 }, async () => {
    const port = await freePort();
    const npm = spawn('npm', ['start', '--ignore-scripts', '--silent'], {
      env: { ...process.env, PORT: String(port), HOST: '127.0.0.1', LOG_LEVEL: 'info' },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    const lines: string[] = [];
    npm.stdout.on('data', (chunk: Buffer) => lines.push(...chunk.toString('utf8').split('\n').filter(Boolean)));
    npm.stderr.on('data', (chunk: Buffer) => lines.push(chunk.toString('utf8')));
    const npmExited = once(npm, 'exit');
    let started: number[] = [];
    try {
      for (;;) {
        if (lines.some((line) => line.includes('Sportello is listening'))) break;
        if (npm.exitCode !== null) throw new Error(`npm start exited with ${npm.exitCode}:\n${lines.join('\n')}`);
        await sleep(100);
      }
      expect(await fetch(`http://127.0.0.1:${port}/healthz`).then((r) => r.status)).toBe(200);
      // The bot and anything between it and npm (a shell, when the script does not exec).
      started = descendants(npm.pid!);
      expect(started.length).toBeGreaterThan(0);

      npm.kill('SIGTERM');
      await npmExited;
      // The bot's shutdown is bounded by SHUTDOWN_TIMEOUT_MS (10 s); the wait is only a safety net for a hung test.
      for (let waited = 0; started.some(alive) && waited < 60_000; waited += 100) await sleep(100);
      expect(started.filter(alive), `still running after npm start got SIGTERM:\n${lines.join('\n')}`).toEqual([]);
      expect(lines.some((line) => line.includes('"signal":"SIGTERM"') && line.includes('shutting down'))).toBe(true);
      expect(await fetch(`http://127.0.0.1:${port}/healthz`).then(() => 'answered', () => 'refused')).toBe('refused');
    } finally {
      if (npm.exitCode === null) npm.kill('SIGKILL');
      for (const pid of started.filter(alive)) process.kill(pid, 'SIGKILL');
    }
  });
});
