import { spawn, type ChildProcess } from 'node:child_process';
import { once } from 'node:events';
import { setTimeout as sleep } from 'node:timers/promises';
import { afterEach } from 'vitest';
import { startFlags } from '../../bench/start-flags.js';
import { BotClient } from './http-bot.js';
import { freePort } from './redis-server.js';

/** The real bot, compiled `build/index.js` as `npm start` runs it (the global set-up builds it), in a child process: what a container runs. */
export class ChildBot extends BotClient {
  readonly stdout: string[] = [];
  readonly stderr: string[] = [];
  readonly exited: Promise<number | null>;

  private constructor(
    readonly child: ChildProcess,
    url: string,
  ) {
    super(url);
    child.stdout!.on('data', (chunk: Buffer) => this.stdout.push(...chunk.toString('utf8').split('\n').filter(Boolean)));
    child.stderr!.on('data', (chunk: Buffer) => this.stderr.push(chunk.toString('utf8')));
    this.exited = once(child, 'exit').then(([code]) => code as number | null);
  }

  /** Spawns the bot with this environment (on a free loopback port unless PORT is given), in `cwd` (default: here); does not wait for it. */
  static async spawn(env: Record<string, string>, cwd?: string): Promise<ChildBot> {
    const port = env.PORT ?? String(await freePort());
    const child = spawn(process.execPath, [...startFlags(), 'build/index.js'], {
      env: { ...process.env, HOST: '127.0.0.1', PORT: port, LOG_LEVEL: 'info', CALIBRATION_CACHE_DIR: '', ...env },
      stdio: ['ignore', 'pipe', 'pipe'],
      ...(cwd ? { cwd } : {}),
    });
    return new ChildBot(child, `http://127.0.0.1:${port}`);
  }

  /** Spawns the bot and waits until /readyz says it can serve turns. */
  static async start(env: Record<string, string>, timeoutMs = 150_000, cwd?: string): Promise<ChildBot> {
    const bot = await ChildBot.spawn(env, cwd);
    const deadline = Date.now() + timeoutMs;
    for (;;) {
      if (bot.child.exitCode !== null) throw new Error(`the bot exited with ${bot.child.exitCode}:\n${bot.output()}`);
      if ((await fetch(`${bot.url}/readyz`).then((r) => r.status, () => 0)) === 200) return bot;
      if (Date.now() > deadline) {
        await bot.kill('SIGKILL');
        throw new Error(`the bot was not ready within ${timeoutMs} ms:\n${bot.output()}`);
      }
      await sleep(100);
    }
  }

  /** What the process printed, for failure messages. */
  output(): string {
    return [...this.stdout, ...this.stderr].join('\n');
  }

  kill(signal: NodeJS.Signals): Promise<number | null> {
    if (this.child.exitCode === null) this.child.kill(signal);
    return this.exited;
  }
}

/**
 * Bot processes that a test file starts, killed after each test whatever it did to them, so a
 * failed test leaves no process holding a port or a Redis lock for the next. `track` adds one
 * started some other way (`ChildBot.spawn`).
 */
export function useChildBots(): { start(env: Record<string, string>): Promise<ChildBot>; track(bot: ChildBot): ChildBot } {
  const running: ChildBot[] = [];
  afterEach(async () => {
    await Promise.all(running.splice(0).map((bot) => bot.kill('SIGKILL')));
  });
  const track = (bot: ChildBot) => {
    running.push(bot);
    return bot;
  };
  return { start: async (env) => track(await ChildBot.start(env)), track };
}

export interface BotProcess {
  url: string;
  /** What the process printed, for failure messages. */
  output(): string;
  stop(): Promise<void>;
}

/** The bot in its own process on a free loopback port, stopped with SIGTERM; resolves once it is ready. */
export async function startBotProcess(env: Record<string, string> = {}, timeoutMs = 150_000): Promise<BotProcess> {
  const bot = await ChildBot.start({ LOG_LEVEL: 'warn', ...env }, timeoutMs);
  return {
    url: bot.url,
    output: () => bot.output(),
    stop: async () => {
      await bot.kill('SIGTERM');
    },
  };
}
