/**
 * Vitest global set-up: compiles src/ to build/ once per run, as `npm start` does, so the tests
 * that start the bot in a process of its own run the same JavaScript a deployment runs.
 * Nothing is compiled when build/ is newer than every source file (a run that changed
 * nothing costs a directory walk); otherwise tsc builds incrementally.
 */
import { execFileSync } from 'node:child_process';
import { readdirSync, statSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';

const INFO = 'build/.tsbuildinfo';

function newestSource(dir: string): number {
  let newest = 0;
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const file = path.join(dir, entry.name);
    newest = Math.max(newest, entry.isDirectory() ? newestSource(file) : statSync(file).mtimeMs);
  }
  return newest;
}

function upToDate(): boolean {
  try {
    const built = statSync(INFO).mtimeMs;
    return built > Math.max(newestSource('src'), statSync('tsconfig.json').mtimeMs, statSync('tsconfig.build.json').mtimeMs);
  } catch {
    return false;
  }
}

export default function buildOnce(): void {
  if (upToDate()) return;
  const tsc = createRequire(import.meta.url).resolve('typescript/bin/tsc');
  execFileSync(process.execPath, [tsc, '-p', 'tsconfig.build.json'], { stdio: 'inherit' });
}
