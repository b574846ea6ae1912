/**
 * The compiled bot as a deployment runs it (`node build/index.js`, what `npm start` starts):
 * how long from spawning the process to its first reply, and its resident memory once it has
 * answered. Read from the outside (/proc) so the measurement adds nothing to the process.
 */
import { execFileSync, spawn } from 'node:child_process';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { startFlags } from './start-flags.js';
import { freePort } from './free-port.js';

export interface CompiledStartFigures {
  /** Milliseconds from spawn to the first expectReplies answer with a message in it. */
  firstReplyMs: number;
  /** Resident memory one second after that first reply, megabytes. */
  rssMbAfterStart: number;
}

async function rssMb(pid: number): Promise<number> {
  const status = await readFile(`/proc/${pid}/status`, 'utf8');
  const kb = Number(/^VmRSS:\s+(\d+) kB/m.exec(status)?.[1] ?? NaN);
  return Math.round((kb / 1024) * 10) / 10;
}

/** The message whose answer a start is timed to (bench/rss-probe.ts sends it too). */
export const firstMessage = (conversation: string) => ({
  type: 'message',
  id: 'first',
  channelId: 'emulator',
  serviceUrl: 'http://127.0.0.1',
  from: { id: 'bench' },
  recipient: { id: 'sportello' },
  conversation: { id: conversation },
  locale: 'it-IT',
  text: 'come disattivo la 2fa?',
  deliveryMode: 'expectReplies',
});

/** Builds the bot (as `npm start` does first), then times `runs` cold starts and keeps the median. */
export async function benchCompiledStart(runs = 3): Promise<CompiledStartFigures> {
  execFileSync('npm', ['run', '--silent', 'build'], { stdio: 'inherit' });
  // Set empty: no trained models kept, so each start trains (the default folder, data/models, would make all but the first warm).
  return timeStarts(runs, { CALIBRATION_CACHE_DIR: '' });
}

/**
 * The same starts as a container runs them: the image trains at build time (`npm run train`
 * into CALIBRATION_CACHE_DIR, see the Dockerfile), so the bot loads the trained understanding
 * instead of training it. Call after `benchCompiledStart`, which builds.
 */
export async function benchWarmCompiledStart(runs = 3): Promise<CompiledStartFigures> {
  const cacheDir = await mkdtemp(path.join(tmpdir(), 'sportello-bench-models-'));
  try {
    const env = { CALIBRATION_CACHE_DIR: cacheDir };
    execFileSync(process.execPath, ['build/cli/train.js'], { env: { ...process.env, ...env, LOG_LEVEL: 'silent' }, stdio: ['ignore', 'ignore', 'inherit'] });
    return await timeStarts(runs, env);
  } finally {
    await rm(cacheDir, { recursive: true, force: true });
  }
}

async function timeStarts(runs: number, extraEnv: Record<string, string>): Promise<CompiledStartFigures> {
  const figures: CompiledStartFigures[] = [];
  for (let run = 0; run < runs; run++) {
    const port = await freePort();
    const started = performance.now();
    const child = spawn(process.execPath, [...startFlags(), 'build/index.js'], {
      env: { ...process.env, ...extraEnv, PORT: String(port), HOST: '127.0.0.1', LOG_LEVEL: 'silent' },
      stdio: 'ignore',
    });
    try {
      let firstReplyMs = NaN;
      while (Number.isNaN(firstReplyMs)) {
        if (child.exitCode !== null) throw new Error(`the compiled bot exited with ${child.exitCode}`);
        if (performance.now() - started > 30_000) throw new Error('the compiled bot did not answer within 30 s');
        const answer = await fetch(`http://127.0.0.1:${port}/api/messages`, {
          method: 'POST',
          headers: { 'content-type': 'application/json' },
          body: JSON.stringify(firstMessage(`start-${run}`)),
        }).then(
          (r) => (r.ok ? (r.json() as Promise<{ activities?: Array<{ type: string }> }>) : undefined),
          () => undefined,
        );
        if (answer?.activities?.some((a) => a.type === 'message')) firstReplyMs = performance.now() - started;
        else await sleep(10);
      }
      await sleep(1000);
      figures.push({ firstReplyMs, rssMbAfterStart: await rssMb(child.pid!) });
    } finally {
      child.kill('SIGKILL');
    }
  }
  const median = <K extends keyof CompiledStartFigures>(key: K) => figures.map((f) => f[key]).sort((a, b) => a - b)[Math.floor(figures.length / 2)]!;
  return { firstReplyMs: median('firstReplyMs'), rssMbAfterStart: median('rssMbAfterStart') };
}
